using System.Diagnostics;
using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Bulk pipelines at scale against the simulator: concurrency, retries, order, and one outcome per row.</summary>
public sealed class BulkTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    /// <summary>Mailboxes m0…m{n-1}, each with <paramref name="contacts"/> contacts in group Everyone and an empty group Colleagues.</summary>
    private List<Dictionary<string, object?>> SeedMailboxes(int mailboxes, int contacts)
    {
        var rows = new List<Dictionary<string, object?>>();
        foreach (var mailbox in Simulator.Store.SeedBulkMailboxes(mailboxes, contacts))
        {
            for (var c = 0; c < contacts; c++)
            {
                rows.Add(new Dictionary<string, object?> { ["Mailbox"] = mailbox, ["ImAddress"] = $"c{c}@contoso.com", ["GroupName"] = "Colleagues" });
            }
        }

        return rows;
    }

    [Fact]
    public void Two_thousand_rows_with_five_percent_faults_give_two_thousand_outcomes_in_order_and_every_membership_once()
    {
        var rows = SeedMailboxes(100, 20);
        Simulator.Faults.FivePercent(seed: 5);

        var result = RunConnected("$rows | Add-ImContactToGroup -ThrottleLimit 8 -PassThru",
            new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });

        Assert.Null(result.Terminating);
        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors.Take(5)));
        Assert.Equal(2000, result.Output.Count);
        Assert.Equal(
            rows.Select(r => $"{r["Mailbox"]} {r["ImAddress"]}"),
            result.Output.Select(o => $"{o.Properties["Mailbox"].Value} {CsvRows.Bare(o.Properties["ImAddress"].Value)}"));
        Assert.All(result.Output, o => Assert.Equal("Added", o.Properties["Status"].Value.ToString()));

        for (var m = 0; m < 100; m++)
        {
            var members = Simulator.Store.MembersOf($"m{m}@contoso.com", "Colleagues");
            Assert.Equal(Enumerable.Range(0, 20).Select(c => $"Contact {c}").Order(), members.Order());
            Assert.Equal(20, Simulator.Store.ContactAddresses($"m{m}@contoso.com").Count);
        }

        Assert.InRange(Simulator.MaxInFlight, 2, 8);

        // The faults happened, including answers lost after the change was made, and were retried.
        var requests = Simulator.Requests;
        Assert.Contains(requests, r => r.ResponseCode == "ErrorServerBusy");
        Assert.Contains(requests, r => r.ResponseCode == "ServiceUnavailable");
        Assert.Contains(requests, r => r.ResponseCode == "DroppedConnection");
        Assert.Contains(requests, r => r.ResponseCode == "DroppedAfterNoError" && r.Operation == "AddImContactToGroup");
        Assert.Contains(result.Output, o => (int)o.Properties["Attempts"].Value > 1);
    }

    [Fact]
    public void Requests_in_flight_never_exceed_the_throttle_limit_and_ErrorExceededConnectionCount_lowers_it()
    {
        // Six mailboxes, so that five requests can be in flight without two saving the same group.
        var rows = SeedMailboxes(6, 10);
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(20);
        // The first five requests are held together at the server: the sixth can only come once one of them ends.
        var fast = RunConnectedThroughGate("$rows | Add-ImContactToGroup -ThrottleLimit 5 -PassThru",
            new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows.Where((_, i) => i % 10 < 5)) }, gate => gate.ArrivedAsync(5));
        Assert.True(fast.Errors.Count == 0, fast.AllText());
        Assert.Equal(5, Simulator.MaxInFlight);

        // A server that allows 3 concurrent requests: the run lowers its limit and still finishes every row.
        Simulator.ResetMaxInFlight();
        Simulator.Faults.ConcurrencyLimit = 3;
        var limited = RunConnectedThroughGate("$rows | Add-ImContactToGroup -ThrottleLimit 8 -PassThru -Verbose",
            new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows.Where((_, i) => i % 10 >= 5)) }, gate => gate.ArrivedAsync(4));
        Assert.True(limited.Errors.Count == 0, limited.AllText());
        Assert.Equal(30, limited.Output.Count);
        Assert.All(limited.Output, o => Assert.Equal("Added", o.Properties["Status"].Value.ToString()));
        Assert.Contains(limited.Verbose, v => v.Contains("ErrorExceededConnectionCount: the server allows fewer concurrent requests", StringComparison.Ordinal));
        Assert.Contains(Simulator.Requests, r => r.ResponseCode == "ErrorExceededConnectionCount");
    }

    [Fact]
    public void A_long_run_shows_progress_with_rows_failures_and_back_off_and_completes_it()
    {
        var rows = SeedMailboxes(1, 30);
        rows.Insert(3, new Dictionary<string, object?> { ["Mailbox"] = "m0@contoso.com", ["ImAddress"] = "nobody@contoso.com", ["GroupName"] = "Colleagues" });
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(60);
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 1500));
        var result = RunConnected("$rows | Add-ImContactToGroup -ThrottleLimit 2",
            new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });

        Assert.Single(result.Errors);
        Assert.NotEmpty(result.Progress);
        Assert.All(result.Progress, p => Assert.Equal("Add-ImContactToGroup", p.Activity));
        Assert.Contains(result.Progress, p => p.CurrentOperation?.Contains("Backing off 1.5 s after ErrorServerBusy", StringComparison.Ordinal) == true);
        Assert.Contains(result.Progress, p => p.StatusDescription.Contains("1 failed", StringComparison.Ordinal));
        var last = result.Progress[^1];
        Assert.Equal(ProgressRecordType.Completed, last.RecordType);
        Assert.StartsWith("31 rows done, 1 failed", last.StatusDescription);
    }

    [Fact]
    public void ThrottleLimit_1_is_a_sequential_loop()
    {
        var rows = SeedMailboxes(2, 5);
        Simulator.Faults.Latency = TimeSpan.FromMilliseconds(5);

        // Each row's output reaches the next command before the next row is bound, as in a foreach loop.
        var result = RunConnected("""
            $log = [System.Collections.Generic.List[string]]::new()
            $rows | ForEach-Object { $log.Add("in $($_.ImAddress)"); $_ } | Add-ImContactToGroup -ThrottleLimit 1 -PassThru | ForEach-Object { $log.Add("out $($_.ImAddress)") }
            $log
            """, new Dictionary<string, object?> { ["rows"] = CsvRows.From(rows) });
        Assert.True(result.Errors.Count == 0, result.AllText());
        var expected = rows.SelectMany(r => new[] { $"in {r["ImAddress"]}", $"out sip:{r["ImAddress"]}" });
        Assert.Equal(expected, result.Output.Select(o => o.ToString()));
        Assert.Equal(1, Simulator.MaxInFlight);
    }

    [Fact]
    public void A_removal_whose_answer_was_lost_is_checked_in_the_list_and_not_sent_again()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var projectY = Simulator.Store.SeedGroup(Ana, "Project Y");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX, projectY);

        // The removal runs on the server, but its answer never arrives. Sent again, it would fail: Kim is no member any more.
        Simulator.Faults.EnqueueFor("RemoveImContactFromGroup", new InjectedFault(InjectedFaultKind.DropAfterApply));
        var result = RunConnected("Remove-ImContactFromGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupName 'Project X' -PassThru -Verbose");

        Assert.True(result.Errors.Count == 0, result.AllText());
        var outcome = Assert.Single(result.Output);
        Assert.Equal("Removed", outcome.Properties["Status"].Value.ToString());
        Assert.Equal(1, outcome.Properties["Attempts"].Value);
        Assert.Contains(result.Verbose, v => v.Contains("the IM list shows the change made; not sending it again", StringComparison.Ordinal));
        Assert.Equal(new[] { "GetImItemList", "RemoveImContactFromGroup", "GetImItemList" }, Answered.Select(r => r.Operation));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project Y"));
    }

    [Fact]
    public void A_removal_that_never_reached_the_server_is_sent_again_after_the_list_shows_it_not_made()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedGroup(Ana, "Project Y");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        Simulator.Faults.EnqueueFor("RemoveImGroup", new InjectedFault(InjectedFaultKind.DropConnection));
        var result = RunConnected("Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -Confirm:$false -PassThru");

        Assert.True(result.Errors.Count == 0, result.AllText());
        var outcome = Assert.Single(result.Output);
        Assert.Equal("Removed", outcome.Properties["Status"].Value.ToString());
        Assert.Equal(2, outcome.Properties["Attempts"].Value);
        Assert.Equal(new[] { "GetImItemList", "RemoveImGroup", "GetImItemList", "RemoveImGroup" }, Answered.Select(r => r.Operation));
        Assert.Equal(new[] { "Favorites", "Other Contacts", "Tagged", "Project Y" }, Simulator.Store.GroupNames(Ana));
    }

    [Fact]
    public void A_row_out_of_retries_is_one_error_naming_the_last_cause_and_a_Failed_result()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 400));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 400));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 400));
        var result = RunConnected("""
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $kim; GroupId = $group } | Add-ImContactToGroup -MaxRetryWait 1 -PassThru
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["group"] = projectX.Id });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorServerBusy,", error.FullyQualifiedErrorId);
        Assert.Contains("Gave up after 3 attempt(s)", error.Exception.Message);
        Assert.Contains("-MaxRetryWait", error.Exception.Message);
        var outcome = Assert.Single(result.Output);
        Assert.Equal("Failed", outcome.Properties["Status"].Value.ToString());
        Assert.StartsWith("ErrorServerBusy", (string)outcome.Properties["ResponseCode"].Value);
        Assert.Equal(3, outcome.Properties["Attempts"].Value);
    }

    [Fact]
    public async Task Ctrl_C_cancels_requests_in_flight_at_once_and_keeps_what_was_written()
    {
        var rows = SeedMailboxes(1, 40);
        using var session = new PowerShellSession();
        using var ps = PowerShell.Create();
        ps.Runspace = session.Runspace;
        ps.AddScript("Connect-ImService -Url $url -Credential $credential -SkipConnectionTest -ErrorAction Stop; $rows | Add-ImContactToGroup -ThrottleLimit 4 -PassThru");
        session.Runspace.SessionStateProxy.SetVariable("url", Simulator.Url);
        session.Runspace.SessionStateProxy.SetVariable("credential", AdminCredential);
        session.Runspace.SessionStateProxy.SetVariable("rows", CsvRows.From(rows));
        var output = new PSDataCollection<PSObject>();
        Simulator.Gate.Close();
        var running = ps.BeginInvoke<PSObject, PSObject>(null, output);

        // The server lets the requests go one at a time (the list read, then one write at a time into the one group)
        // until some rows are written; the next request is then held, as a slow server would, and the user presses Ctrl+C.
        // Rows into one group finish in input order: each released write's row is written before the next is let go.
        var released = 0;
        while (output.Count < 4 && released <= rows.Count)
        {
            await Simulator.Gate.ArrivedAsync(released + 1).WaitAsync(TimeSpan.FromSeconds(30));
            Simulator.Gate.ReleaseNext();
            released++;
            for (var wait = Stopwatch.StartNew(); output.Count < released - 1 && wait.Elapsed < TimeSpan.FromSeconds(30);)
            {
                await Task.Delay(10);
            }
        }

        // Writes to one group go one at a time, so every released write has been answered once the next request is here.
        // Rows are written in input order: the rows before the first whose contact is not on the server yet are due.
        await Simulator.Gate.ArrivedAsync(released + 1).WaitAsync(TimeSpan.FromSeconds(30));
        var onServer = Simulator.Store.MembersOf("m0@contoso.com", "Colleagues");
        var due = Enumerable.Range(0, rows.Count).TakeWhile(c => onServer.Contains($"Contact {c}")).Count();
        for (var wait = Stopwatch.StartNew(); output.Count < due && wait.Elapsed < TimeSpan.FromSeconds(30);)
        {
            await Task.Delay(10);
        }

        // Should the stop not cancel the held request, the gate opens after 30 s, so the test fails instead of hanging.
        // Otherwise the gate stays closed: opening it could let the server answer the held request before it sees the
        // client give up, and count a request that was sent before the stop.
        var written = output.Count;
        using var safety = new Timer(_ => Simulator.Gate.Open(), null, TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        var stopping = Stopwatch.StartNew();
        ps.Stop();
        stopping.Stop();

        // At once, not when the held request would have been answered.
        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(20), $"Stop took {stopping.Elapsed}.");
        Assert.Throws<PipelineStoppedException>(() => ps.EndInvoke(running));
        Assert.Equal(4, written);
        Assert.Equal(due, written);
        Assert.Equal(written, output.Count);
        Assert.All(output, o => Assert.Equal("Added", o.Properties["Status"].Value.ToString()));

        // What was written is on the server, and nothing more is sent after the stop.
        var members = Simulator.Store.MembersOf("m0@contoso.com", "Colleagues");
        Assert.All(output, o => Assert.Contains("Contact " + CsvRows.Bare(o.Properties["ImAddress"].Value).Split('@')[0].TrimStart('c'), members));
        var sent = Simulator.Requests.Count;
        Thread.Sleep(500);
        Assert.Equal(sent, Simulator.Requests.Count);
    }
}
