namespace ImContacts.Tests;

/// <summary>A wrong input stops before it empties lists: -MaxRemovals for the run, half of a list per mailbox, -Force.</summary>
public sealed class RemovalLimitTests : SimulatorTest, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("imcontacts-limits-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private IReadOnlyList<string> SeedTeams(int mailboxes, int contacts)
    {
        var names = Enumerable.Range(0, mailboxes).Select(i => $"t{i}@contoso.com").ToList();
        foreach (var mailbox in names)
        {
            Simulator.Store.AddMailbox(mailbox);
            var team = Simulator.Store.SeedGroup(mailbox, "Team");
            for (var c = 0; c < contacts; c++)
            {
                Simulator.Store.SeedContact(mailbox, $"sip:c{c}@contoso.com", $"C{c}", false, team);
            }
        }

        return names;
    }

    [Fact]
    public void A_truncated_file_stops_removing_at_MaxRemovals_keeps_the_additions_and_ends_the_run_with_the_counts()
    {
        var mailboxes = SeedTeams(8, 6);
        var csv = Path.Combine(root, "truncated.csv");
        File.WriteAllLines(csv, new[] { "Mailbox,GroupName,ImAddress" }.Concat(mailboxes.Select(m => $"{m},Team,new@contoso.com")));

        var run = RunConnected("Sync-ImContactList -Path $csv -Mirror -MaxRemovals 15 -ThrottleLimit 1 -BackupPath $root -PassThru | Where-Object Action -eq Summary | ForEach-Object { \"$($_.Mailbox) $($_.Status)\" }",
            new Dictionary<string, object?> { ["csv"] = csv, ["root"] = root });

        Assert.Equal(new[] { "t0@contoso.com Done", "t1@contoso.com Done" }.Concat(mailboxes.Skip(2).Select(m => $"{m} Failed")), run.Output.Select(o => o.ToString()));
        Assert.Equal(7, run.Errors.Count);
        Assert.All(run.Errors.Take(6), e => Assert.True(e.FullyQualifiedErrorId.StartsWith("MaxRemovalsReached,", StringComparison.Ordinal) && e.CategoryInfo.Category == System.Management.Automation.ErrorCategory.LimitsExceeded && e.TargetObject is not null));
        var end = run.Errors[^1];
        Assert.StartsWith("MaxRemovalsReached,", end.FullyQualifiedErrorId);
        Assert.Contains("-MaxRemovals 15: this run removed 12 item(s) and held back 36 removal(s) in 6 mailbox(es)", end.Exception.Message);
        Assert.Equal(new[] { "new@contoso.com" }, Simulator.Store.MembersOf("t0@contoso.com", "Team"));
        Assert.Equal(new[] { "new@contoso.com" }, Simulator.Store.MembersOf("t1@contoso.com", "Team"));
        Assert.All(mailboxes.Skip(2), m => Assert.Equal(7, Simulator.Store.MembersOf(m, "Team").Count));
        Assert.Equal(new[] { "t0@contoso.com.json", "t1@contoso.com.json" }.Concat(mailboxes.Skip(2).Select(m => m + ".json")), Directory.GetFiles(Directory.GetDirectories(root).Single()).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void A_mailbox_that_would_lose_more_than_half_of_its_list_is_not_changed_without_Force()
    {
        SeedTeams(1, 12);
        var script = "Sync-ImContactList -Mailbox t0@contoso.com -GroupName Team -ImAddress c0@contoso.com -Mirror -BackupPath $root -PassThru:$pass -WhatIf:$whatIf -Force:$force | Where-Object Action -eq Summary | ForEach-Object Status";

        var whatIf = RunConnected(script, new Dictionary<string, object?> { ["root"] = root, ["pass"] = false, ["whatIf"] = true, ["force"] = false });
        var refused = RunConnected(script, new Dictionary<string, object?> { ["root"] = root, ["pass"] = true, ["whatIf"] = false, ["force"] = false });

        foreach (var run in new[] { whatIf, refused })
        {
            var error = Assert.Single(run.Errors);
            Assert.StartsWith("TooManyRemovalsInList,", error.FullyQualifiedErrorId);
            Assert.Contains("the IM list of t0@contoso.com would lose 11 of its 13 items", error.Exception.Message);
            Assert.Contains("give -Force to remove all the same", error.Exception.Message);
        }

        Assert.Equal(12, Simulator.Store.MembersOf("t0@contoso.com", "Team").Count);
        var forced = RunConnected(script, new Dictionary<string, object?> { ["root"] = root, ["pass"] = true, ["whatIf"] = false, ["force"] = true });
        Assert.True(forced.Errors.Count == 0, forced.AllText());
        Assert.Equal(new[] { "Done" }, forced.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "C0" }, Simulator.Store.MembersOf("t0@contoso.com", "Team"));
    }

    [Fact]
    public void Removal_cmdlets_fail_the_rows_past_MaxRemovals_send_nothing_for_them_and_end_with_the_counts()
    {
        SeedTeams(1, 30);
        var whatIf = RunConnected("""
            0..5 | ForEach-Object { [pscustomobject]@{ Mailbox = 't0@contoso.com'; GroupName = 'Team'; ImAddress = "c$_@contoso.com" } } |
                Remove-ImContactFromGroup -MaxRemovals 4 -WhatIf
            """);
        Assert.Contains("-MaxRemovals 4: this run would remove 4 item(s) and hold back 2 removal(s) in 2 mailbox(es)", whatIf.Errors[^1].Exception.Message);
        Assert.Equal(30, Simulator.Store.MembersOf("t0@contoso.com", "Team").Count);

        var run = RunConnected("""
            0..5 | ForEach-Object { [pscustomobject]@{ Mailbox = 't0@contoso.com'; GroupName = 'Team'; ImAddress = "c$_@contoso.com" } } |
                Remove-ImContactFromGroup -MaxRemovals 4 -BackupPath $root -PassThru | ForEach-Object { "$($_.ImAddress -replace '^sip:') $($_.Status)" }
            """, new Dictionary<string, object?> { ["root"] = root });

        Assert.Equal(new[] { "c0@contoso.com Removed", "c1@contoso.com Removed", "c2@contoso.com Removed", "c3@contoso.com Removed", "c4@contoso.com Failed", "c5@contoso.com Failed" },
            run.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "MaxRemovalsReached", "MaxRemovalsReached", "MaxRemovalsReached" }, run.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains("removed 4 item(s) and held back 2 removal(s) in 2 mailbox(es)", run.Errors[^1].Exception.Message);
        Assert.Equal(26, Simulator.Store.MembersOf("t0@contoso.com", "Team").Count);
    }
}
