using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>
/// Bulk writes against a simulator that refuses a save of a group another request saved meanwhile, as Exchange does
/// (protocol reference §12, "Concurrent writes to one list"): the CSV shapes admins run, with injected faults and with
/// another client changing the same group during the run.
/// </summary>
public sealed class ConcurrentWriteTests : SimulatorTest
{
    private const int Limit = 8;

    public static TheoryData<string, int, int> Shapes() => new()
    {
        // (a) a list of contacts per group, sorted by mailbox: the most common CSV.
        { "mailbox order", 25, 20 },
        // (b) the same rows, interleaved across mailboxes.
        { "interleaved", 25, 20 },
        // (c) one row per mailbox.
        { "one row each", 300, 1 },
        // (d) many rows into one group of one mailbox: sequential by nature.
        { "one group", 1, 150 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_shape_with_five_percent_faults_ends_with_one_outcome_per_row_and_no_conflict(string shape, int mailboxes, int contacts)
    {
        var rows = Rows(mailboxes, contacts, interleaved: shape == "interleaved");
        Simulator.Faults.FivePercent(seed: 14);

        var result = RunConnected($"$rows | Add-ImContactToGroup -ThrottleLimit {Limit} -PassThru", new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });

        AssertAllAdded(rows, result);
        AssertEveryMembershipOnce(mailboxes, contacts);
        Assert.InRange(Simulator.MaxInFlight, 1, Limit);

        // The module never overlapped two saves of one group: the server refused none.
        Assert.Equal(0, Simulator.Store.Conflicts);
        Assert.DoesNotContain(Simulator.Requests, r => r.ResponseCode is "ErrorIrresolvableConflict" or "ErrorUnableToRemoveImContactFromGroup");
        Assert.Contains(Simulator.Requests, r => r.ResponseCode == "DroppedAfterNoError" || r.ResponseCode == "ErrorServerBusy");
    }

    [Fact]
    public void Mailbox_sorted_rows_keep_requests_in_flight_across_mailboxes()
    {
        var rows = Rows(16, 10, interleaved: false);
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(30);

        // The server holds the first requests until eight are in flight together; then the run goes on as usual.
        var result = RunConnectedThroughGate($"$rows | Add-ImContactToGroup -ThrottleLimit {Limit} -PassThru", new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) },
            gate => gate.ArrivedAsync(Limit));

        AssertAllAdded(rows, result);
        Assert.Equal(0, Simulator.Store.Conflicts);

        // One request per group at a time, but rows for the other mailboxes' groups filled the other slots.
        Assert.Equal(Limit, Simulator.MaxInFlight);
    }

    [Fact]
    public void Another_client_changing_the_group_during_the_run_costs_retries_not_rows()
    {
        var rows = Rows(2, 40, interleaved: false);

        // The user's own Skype client saves both mailboxes' Colleagues group (adding a contact of its own once) while
        // each of the run's first three requests is held at the server, after it bound the group: the writes among
        // them (at least one: only two reads come first) are refused. Three saves refuse no row more than three times.
        void OutsideSave(bool addContact)
        {
            foreach (var mailbox in new[] { "m0@contoso.com", "m1@contoso.com" })
            {
                Simulator.Store.ChangeOutside(mailbox, "Colleagues", !addContact ? null : (box, group) =>
                    group.MemberIds.Add(box.Contacts.First(c => c.ImAddress == "sip:c39@contoso.com").Id));
            }
        }

        var result = RunConnectedThroughGate($"$rows | Add-ImContactToGroup -ThrottleLimit {Limit} -PassThru", new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) },
            async gate =>
            {
                for (var arrival = 1; arrival <= 3; arrival++)
                {
                    await gate.ArrivedAsync(arrival);
                    OutsideSave(addContact: arrival == 2);
                    gate.ReleaseNext();
                }
            });

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(80, result.Output.Count);
        Assert.Equal(rows.Select(r => $"{r["Mailbox"]} {r["ImAddress"]}"), result.Output.Select(o => $"{o.Properties["Mailbox"].Value} {CsvRows.Bare(o.Properties["ImAddress"].Value)}"));
        Assert.All(result.Output, o => Assert.Contains(o.Properties["Status"].Value.ToString(), new[] { "Added", "AlreadyMember" }));
        AssertEveryMembershipOnce(2, 40);

        // The outsider's saves did refuse some of the run's requests; those were sent again and counted.
        Assert.True(Simulator.Store.Conflicts > 0, "The outside client caused no conflict; the test proves nothing.");
        Assert.Contains(result.Output, o => (int)o.Properties["Attempts"].Value > 1);
    }

    [Fact]
    public void Concurrent_rows_still_call_ShouldProcess_once_each_and_in_row_order()
    {
        var rows = Rows(4, 5, interleaved: true);
        var result = RunConnected($"$rows | Add-ImContactToGroup -ThrottleLimit {Limit} -Verbose", new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });
        Assert.True(result.Errors.Count == 0, result.AllText());

        // Each row's "Performing the operation" line comes before its request's outcome, and the rows come in input order.
        var lines = result.Verbose
            .Where(v => v.StartsWith("Performing the operation \"Add IM contact", StringComparison.Ordinal) || v.Contains("AddImContactToGroup for", StringComparison.Ordinal) && v.Contains(": NoError in", StringComparison.Ordinal))
            .Select(v => v.StartsWith("Performing", StringComparison.Ordinal) ? "ask" : "sent")
            .ToList();
        Assert.Equal(Enumerable.Repeat(new[] { "ask", "sent" }, rows.Count).SelectMany(x => x), lines);
        Assert.Equal(
            rows.Select(r => $"on target \"{r["Mailbox"]}\""),
            result.Verbose.Where(v => v.StartsWith("Performing the operation", StringComparison.Ordinal)).Select(v => v[v.IndexOf("on target", StringComparison.Ordinal)..].TrimEnd('.')));
    }

    [Fact]
    public void Request_lines_follow_VerbosePreference_when_Verbose_is_not_given()
    {
        var rows = Rows(2, 3, interleaved: true);
        var variables = new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) };

        var shown = RunConnected($"$VerbosePreference = 'Continue'; $rows | Add-ImContactToGroup -ThrottleLimit {Limit}", variables);
        Assert.True(shown.Errors.Count == 0, shown.AllText());
        Assert.Equal(rows.Count, shown.Verbose.Count(v => v.Contains("AddImContactToGroup for", StringComparison.Ordinal) && v.Contains(": NoError in", StringComparison.Ordinal)));

        var hidden = RunConnected($"$VerbosePreference = 'Continue'; $rows | Remove-ImContactFromGroup -ThrottleLimit {Limit} -Verbose:$false", variables);
        Assert.True(hidden.Errors.Count == 0, hidden.AllText());
        Assert.DoesNotContain(hidden.Verbose, v => v.Contains("RemoveImContactFromGroup", StringComparison.Ordinal));
        Assert.Empty(Simulator.Store.MembersOf("m0@contoso.com", "Colleagues"));
    }

    [Fact]
    public void WhatIfPreference_with_Confirm_false_changes_nothing()
    {
        var rows = Rows(3, 4, interleaved: true);
        var result = RunConnected($"$WhatIfPreference = $true; $rows | Add-ImContactToGroup -ThrottleLimit {Limit} -Confirm:$false -PassThru",
            new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.All(result.Output, o => Assert.Equal("Skipped", o.Properties["Status"].Value.ToString()));
        Assert.Equal(rows.Count, result.Output.Count);
        Assert.DoesNotContain(Simulator.Requests, r => r.Operation == "AddImContactToGroup");
        Assert.Empty(Simulator.Store.MembersOf("m0@contoso.com", "Colleagues"));
    }

    private List<Dictionary<string, object?>> Rows(int mailboxes, int contacts, bool interleaved)
    {
        var boxes = Simulator.Store.SeedBulkMailboxes(mailboxes, contacts);
        var rows = interleaved
            ? Enumerable.Range(0, contacts).SelectMany(c => boxes.Select(m => (m, c)))
            : boxes.SelectMany(m => Enumerable.Range(0, contacts).Select(c => (m, c)));
        return rows.Select(r => new Dictionary<string, object?> { ["Mailbox"] = r.m, ["ImAddress"] = $"c{r.c}@contoso.com", ["GroupName"] = "Colleagues" }).ToList();
    }

    private static void AssertAllAdded(List<Dictionary<string, object?>> rows, ScriptResult result)
    {
        Assert.Null(result.Terminating);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(rows.Count, result.Output.Count);
        Assert.Equal(
            rows.Select(r => $"{r["Mailbox"]} {r["ImAddress"]}"),
            result.Output.Select(o => $"{o.Properties["Mailbox"].Value} {CsvRows.Bare(o.Properties["ImAddress"].Value)}"));
        Assert.All(result.Output, o => Assert.Equal("Added", o.Properties["Status"].Value.ToString()));
    }

    private void AssertEveryMembershipOnce(int mailboxes, int contacts)
    {
        for (var m = 0; m < mailboxes; m++)
        {
            var members = Simulator.Store.MembersOf($"m{m}@contoso.com", "Colleagues");
            Assert.Equal(Enumerable.Range(0, contacts).Select(c => $"Contact {c}").Order(), members.Order());
        }
    }
}
