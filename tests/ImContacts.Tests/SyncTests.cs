using System.Management.Automation;
using System.Text;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Sync-ImContactList: desired state from a CSV file or the pipeline, one read per mailbox, only the changes sent.</summary>
public sealed class SyncTests : SimulatorTest
{
    private const string Ben = "ben@contoso.com";

    [Fact]
    public void A_state_is_applied_once_a_second_run_sends_no_write_and_Mirror_removes_only_in_named_groups()
    {
        Simulator.Store.SeedGroup(Ben, "Old");
        Simulator.Store.SeedContact(Ben, "sip:old@contoso.com", "Old One", false, Simulator.Store.SeedGroup(Ben, "Old"));
        var csv = TempCsv(
            "Mailbox,GroupName,ImAddress,DisplayName",
            "ben@contoso.com,Team,kim@contoso.com,Kim Akers",
            "ben@contoso.com,Team,sip:LEE@contoso.com,Lee Gu",
            "ben@contoso.com,Favorites,kim@contoso.com,",
            "ben@contoso.com,,zed@contoso.com,Zed");
        var first = RunConnected("Sync-ImContactList -Path $csv -PassThru | ForEach-Object { \"$($_.Action) $($_.Group) $($_.Contact) $($_.Status)\" }",
            new Dictionary<string, object?> { ["csv"] = csv });

        Assert.True(first.Errors.Count == 0, first.AllText());
        Assert.Equal(new[]
        {
            "CreateGroup Team  Done", "CreateContact Team kim@contoso.com Done", "AddMember Favorites kim@contoso.com Done",
            "CreateContact Team LEE@contoso.com Done", "CreateContact Other Contacts zed@contoso.com Done", "Summary   Done",
        }, first.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "Kim Akers", "Lee Gu" }, Simulator.Store.MembersOf(Ben, "Team").Order());
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ben, "Favorites"));

        Simulator.ClearRequests();
        var again = RunConnected("(Sync-ImContactList -Path $csv -PassThru).Status", new Dictionary<string, object?> { ["csv"] = csv });
        Assert.Equal(new[] { "Unchanged" }, again.Output.Select(o => o.ToString()));
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));

        // Lee leaves Team (and with it the list); Old is not named, so Old One stays; Favorites is named and keeps Kim.
        var narrower = TempCsv("Mailbox,GroupName,ImAddress", "ben@contoso.com,Team,kim@contoso.com", "ben@contoso.com,Favorites,kim@contoso.com");
        var mirrored = RunConnected("Sync-ImContactList -Path $csv -Mirror -PassThru | ForEach-Object { \"$($_.Action) $($_.Group) $($_.Contact)\" }",
            new Dictionary<string, object?> { ["csv"] = narrower });
        Assert.True(mirrored.Errors.Count == 0, mirrored.AllText());
        Assert.Equal(new[] { "RemoveMember Team LEE@contoso.com", "Summary  " }, mirrored.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ben, "Team"));
        Assert.Equal(new[] { "Old One" }, Simulator.Store.MembersOf(Ben, "Old"));
        Assert.DoesNotContain(Simulator.Store.ContactAddresses(Ben), a => a.EndsWith("lee@contoso.com", StringComparison.OrdinalIgnoreCase));

        var all = RunConnected("(Sync-ImContactList -Path $csv -Mirror -AllGroups -PassThru | Where-Object Action -ne Summary).Contact",
            new Dictionary<string, object?> { ["csv"] = narrower });
        Assert.Equal(new[] { "old@contoso.com" }, all.Output.Select(o => o.ToString()));
        Assert.Empty(Simulator.Store.MembersOf(Ben, "Old"));
    }

    [Fact]
    public void Pipeline_rows_sync_the_same_and_a_bad_row_fails_alone_and_keeps_Mirror_from_removing()
    {
        Simulator.Store.SeedContact(Ben, "sip:kept@contoso.com", "Kept", false, Simulator.Store.SeedGroup(Ben, "Team"));
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; GroupName = 'Team'; ImAddress = 'kim@contoso.com' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; GroupName = 'Team'; ImAddress = 'bad address' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; GroupName = 'Team'; ImAddress = '' }
                [pscustomobject]@{ Mailbox = 'not-a-mailbox'; GroupName = 'Team'; ImAddress = 'kim@contoso.com' }
            ) | Sync-ImContactList -Mirror -PassThru | ForEach-Object { "$($_.Action) $($_.Contact) $($_.Status)" }
            """);

        Assert.Equal(new[] { "InvalidImAddress", "InvalidImAddress", "InvalidMailbox" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new[] { "CreateContact kim@contoso.com Done", "Summary  Done" }, result.Output.Select(o => o.ToString()));
        Assert.Contains(result.Warnings, w => w.Contains("2 row(s)", StringComparison.Ordinal) && w.Contains("nothing is removed", StringComparison.Ordinal));
        Assert.Contains("Kept", Simulator.Store.MembersOf(Ben, "Team"));
    }

    [Fact]
    public void Bad_invocations_and_files_are_refused_naming_the_value()
    {
        var noHeader = TempCsv("Mailbox,Group,ImAddress", "ben@contoso.com,Team,kim@contoso.com");
        var result = RunConnected("""
            try { Sync-ImContactList -Path $csv -Partition 5/4 -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.Exception.Message }
            try { Sync-ImContactList -Path $csv -AllGroups -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            try { Sync-ImContactList -Path $bad -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] + ' ' + $_.Exception.Message }
            try { Sync-ImContactList -Path ./no-such.csv -ErrorAction Stop } catch { $_.FullyQualifiedErrorId.Split(',')[0] }
            """, new Dictionary<string, object?> { ["csv"] = noHeader, ["bad"] = noHeader });

        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.StartsWith("InvalidPartition -Partition '5/4' is not a part such as 1/4", lines[0]);
        Assert.Equal("InvalidAllGroups", lines[1]);
        Assert.StartsWith("InvalidCsv ", lines[2]);
        Assert.Contains("lacks GroupName", lines[2]);
        Assert.Equal("PathNotFound", lines[3]);
        Assert.Empty(Answered);
    }

    [Fact]
    public async Task Five_hundred_mailboxes_of_twenty_rows_plan_apply_rerun_and_split_over_four_partitions()
    {
        const int Mailboxes = 500;
        var mailboxes = Simulator.Store.SeedBulkMailboxes(Mailboxes, 0);
        var csv = TempCsv(WantedRows(mailboxes).Prepend("Mailbox,GroupName,ImAddress,DisplayName").ToArray());

        var plan = RunConnected("Sync-ImContactList -Path $csv -WhatIf -PassThru | Group-Object Status -NoElement | ForEach-Object { \"$($_.Name) $($_.Count)\" }",
            new Dictionary<string, object?> { ["csv"] = csv });
        Assert.True(plan.Errors.Count == 0, plan.AllText());
        Assert.Equal(new[] { $"Planned {Mailboxes * 23}" }, plan.Output.Select(o => o.ToString()));
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));
        Assert.Equal(Mailboxes, Answered.Count);

        Simulator.ClearRequests();
        var apply = RunConnected("Sync-ImContactList -Path $csv -PassThru | Group-Object Status -NoElement | ForEach-Object { \"$($_.Name) $($_.Count)\" }",
            new Dictionary<string, object?> { ["csv"] = csv });
        Assert.True(apply.Errors.Count == 0, apply.AllText());
        Assert.Equal(new[] { $"Done {Mailboxes * 23}" }, apply.Output.Select(o => o.ToString()));
        Assert.Equal(Mailboxes * 23, Answered.Count);
        AssertAsWanted(Simulator, mailboxes);

        Simulator.ClearRequests();
        var again = RunConnected("(Sync-ImContactList -Path $csv -PassThru | Where-Object Status -ne Unchanged).Count", new Dictionary<string, object?> { ["csv"] = csv });
        Assert.Equal("0", again.Output.Single().ToString());
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));

        await using var other = await EwsSimulator.StartAsync();
        other.Store.SeedBulkMailboxes(Mailboxes, 0);
        var parts = Shell.Run("""
            Connect-ImService -Url $url -Credential $credential -SkipConnectionTest
            1..4 | ForEach-Object { Sync-ImContactList -Path $csv -Partition "$_/4" -PassThru | Where-Object Action -eq Summary | ForEach-Object Mailbox }
            """, new Dictionary<string, object?> { ["url"] = other.Url, ["credential"] = AdminCredential, ["csv"] = csv });
        Assert.True(parts.Errors.Count == 0, parts.AllText());
        Assert.Equal(mailboxes.Order(), parts.Output.Select(o => o.ToString()).Order());
        Assert.Equal(Mailboxes, other.Requests.Count(r => r.Operation == "GetImItemList"));
        Assert.Equal(Mailboxes * 22, other.Requests.Count(r => r.Operation is not "GetImItemList" && r.StatusCode == 200));
        AssertAsWanted(other, mailboxes);
    }

    // Per mailbox: 20 rows naming 15 contacts in three groups, two of them new: 2 groups, 15 contacts and 5 memberships to make.
    private static IEnumerable<string> WantedRows(IEnumerable<string> mailboxes)
    {
        foreach (var mailbox in mailboxes)
        {
            for (var row = 0; row < 20; row++)
            {
                var contact = row < 15 ? row : row - 15;
                var group = row < 10 ? "Team A" : row < 15 ? "Team B" : "Everyone";
                yield return $"{mailbox},{group},c{contact}@contoso.com,Contact {contact}";
            }
        }
    }

    private static void AssertAsWanted(EwsSimulator simulator, IEnumerable<string> mailboxes)
    {
        foreach (var mailbox in mailboxes)
        {
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"Contact {i}").Order(), simulator.Store.MembersOf(mailbox, "Team A").Order());
            Assert.Equal(Enumerable.Range(10, 5).Select(i => $"Contact {i}").Order(), simulator.Store.MembersOf(mailbox, "Team B").Order());
            Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Contact {i}").Order(), simulator.Store.MembersOf(mailbox, "Everyone").Order());
        }
    }

    private static string TempCsv(params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"imcontacts-sync-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", lines) + "\n", new UTF8Encoding(false));
        return path;
    }
}
