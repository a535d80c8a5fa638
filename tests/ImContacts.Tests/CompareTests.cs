namespace ImContacts.Tests;

/// <summary>Compare-ImContactList: snapshots against the live lists, or against other snapshots, with nothing for matching lists.</summary>
public sealed class CompareTests : SimulatorTest, IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("imcontacts-compare-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private void Seed(string mailbox)
    {
        Simulator.Store.AddMailbox(mailbox);
        var team = Simulator.Store.SeedGroup(mailbox, "Team");
        Simulator.Store.SeedContact(mailbox, "sip:kim@contoso.com", "Kim Akers", false, team);
        Simulator.Store.SeedContact(mailbox, "sip:lee@contoso.com", "Lee Gu", false, team);
        Simulator.Store.SeedDistributionGroup(mailbox, "sales@contoso.com", "Sales");
    }

    [Fact]
    public void Snapshots_against_the_live_lists_show_exactly_what_changed_and_nothing_for_unchanged_mailboxes()
    {
        foreach (var m in new[] { "ana@contoso.com", "ben@contoso.com", "chloe@contoso.com" })
        {
            Seed(m);
        }

        var before = Path.Combine(root, "before");
        var run = RunConnected("""
            'ana@contoso.com', 'ben@contoso.com', 'chloe@contoso.com' | Export-ImContactList -Path ($before + '/')
            Remove-ImContactFromGroup -Mailbox ben@contoso.com -ImAddress lee@contoso.com -GroupName Team -NoBackup
            $null = New-ImGroup -Mailbox ben@contoso.com -DisplayName Launch
            $null = Add-ImContactToGroup -Mailbox ben@contoso.com -ImAddress kim@contoso.com -GroupName Launch
            Remove-ImDistributionGroup -Mailbox chloe@contoso.com -SmtpAddress sales@contoso.com -NoBackup
            Compare-ImContactList -ReferencePath $before | ForEach-Object { "$_" }
            'ben@contoso.com', 'chloe@contoso.com' | Export-ImContactList -Path (Join-Path $root 'after.json')
            Compare-ImContactList $before (Join-Path $root 'after.json') | ForEach-Object { "$_" }
            """, new Dictionary<string, object?> { ["before"] = before, ["root"] = root });

        Assert.True(run.Errors.Count == 0, run.AllText());
        var live = new[]
        {
            "ben@contoso.com Difference Group Launch",
            "ben@contoso.com Reference Contact  lee@contoso.com",
            "ben@contoso.com Difference Membership Launch kim@contoso.com",
            "chloe@contoso.com Reference DistributionGroup Sales <sales@contoso.com>",
        };
        Assert.Equal(live.Concat(new[] { "ana@contoso.com Reference Mailbox" }).Concat(live), run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Two_sets_of_snapshots_need_no_connection_and_a_bad_file_is_one_error()
    {
        var one = Path.Combine(root, "one");
        var two = Path.Combine(root, "two");
        Directory.CreateDirectory(one);
        Directory.CreateDirectory(two);
        File.WriteAllText(Path.Combine(one, "a.json"), "{\"format\":\"ImContacts.ContactList\",\"version\":2,\"mailbox\":\"ana@contoso.com\",\"groups\":[{\"name\":\"Team\",\"kind\":\"UserGroup\"}],\"contacts\":[{\"imAddress\":\"kim@contoso.com\",\"groups\":[\"Team\"]}]}");
        File.WriteAllText(Path.Combine(one, "b.json"), "not json");
        File.WriteAllText(Path.Combine(two, "a.json"), "{\"format\":\"ImContacts.ContactList\",\"version\":2,\"mailbox\":\"ANA@contoso.com\",\"groups\":[{\"name\":\"team\",\"kind\":\"UserGroup\"}],\"contacts\":[{\"imAddress\":\"KIM@contoso.com\",\"groups\":[\"Team\"]}]}");

        var run = Shell.Run("Compare-ImContactList -ReferencePath $one -DifferencePath $two | ForEach-Object { \"$_\" }; 'done'", new Dictionary<string, object?> { ["one"] = one, ["two"] = two });

        Assert.Equal(new[] { "done" }, run.Output.Select(o => o.ToString()));
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("InvalidSnapshot,", error.FullyQualifiedErrorId);
        Assert.Equal(Path.Combine(one, "b.json"), error.TargetObject);
    }
}
