using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Every run that removes keeps a before-image of each mailbox it changes, and the folder puts the lists back.</summary>
public sealed class BackupTests : SimulatorTest, IDisposable
{
    private const string Ana = "ana@contoso.com";
    private const string Ben = "ben@contoso.com";

    private readonly string root = Directory.CreateTempSubdirectory("imcontacts-backup-").FullName;

    private void SeedTeams()
    {
        foreach (var mailbox in new[] { Ana, Ben })
        {
            var team = Simulator.Store.SeedGroup(mailbox, "Team");
            var launch = Simulator.Store.SeedGroup(mailbox, "Launch");
            Simulator.Store.SeedContact(mailbox, "sip:kim@contoso.com", "Kim Akers", false, team, launch);
            Simulator.Store.SeedContact(mailbox, "sip:lee@contoso.com", "Lee Gu", false, team);
            Simulator.Store.SeedDistributionGroup(mailbox, "sales@contoso.com", "Sales");
        }
    }

    private string Lists(params string[] mailboxes) => string.Join("\n", mailboxes.SelectMany(m =>
        Simulator.Store.GroupNames(m).Order().Select(g => $"{m} {g}: {string.Join(",", Simulator.Store.MembersOf(m, g).Order())}")));

    [Fact]
    public void A_mirror_keeps_each_changed_mailbox_before_it_changes_and_the_folder_puts_every_list_back()
    {
        SeedTeams();
        var before = Lists(Ana, Ben);
        var csv = Path.Combine(root, "wanted.csv");
        File.WriteAllText(csv, "Mailbox,GroupName,ImAddress\nana@contoso.com,Team,kim@contoso.com\nben@contoso.com,Team,kim@contoso.com\n");

        var run = RunConnected("Sync-ImContactList -Path $csv -Mirror -AllGroups -BackupPath $root -PassThru -Verbose | Where-Object Action -eq Summary | ForEach-Object { \"$($_.Mailbox) $($_.Status) $($_.BackupFile)\" }",
            new Dictionary<string, object?> { ["csv"] = csv, ["root"] = root });

        Assert.True(run.Errors.Count == 0, run.AllText());
        var folder = Assert.Single(Directory.GetDirectories(root));
        Assert.Matches(@"^\d{8}-\d{6}-Sync-ImContactList$", Path.GetFileName(folder));
        Assert.Equal(new[] { $"{Ana} Done {Path.Combine(folder, Ana + ".json")}", $"{Ben} Done {Path.Combine(folder, Ben + ".json")}" }, run.Output.Select(o => o.ToString()));
        Assert.Contains(run.Verbose, v => v == $"Before-images of the lists this run changes go to {folder}.");
        Assert.Contains(run.Information, i => i.Contains($"Before-images of 2 mailbox(es) are in {folder}. To put those lists back as they were: Import-ImContactList -Path '{folder}' -Mirror", StringComparison.Ordinal));
        Assert.NotEqual(before, Lists(Ana, Ben));

        var restore = RunConnected("(Import-ImContactList -Path $folder -Mirror -Confirm:$false -NoBackup -PassThru | Where-Object Action -eq Summary).Status", new Dictionary<string, object?> { ["folder"] = folder });

        Assert.True(restore.Errors.Count == 0, restore.AllText());
        Assert.Equal(new[] { "Done", "Done" }, restore.Output.Select(o => o.ToString()));
        Assert.Equal(before, Lists(Ana, Ben));
        Assert.Single(Directory.GetDirectories(root));
    }

    [Fact]
    public void The_remove_cmdlets_keep_the_list_once_per_mailbox_before_the_first_removal()
    {
        SeedTeams();
        var before = Lists(Ana);

        var run = RunConnected("""
            'Team', 'Launch' | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupName = $_ } } | Remove-ImGroup -BackupPath $root -Confirm:$false -PassThru | ForEach-Object BackupFile
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com -BackupPath $root -Confirm:$false
            """, new Dictionary<string, object?> { ["root"] = root });

        Assert.True(run.Errors.Count == 0, run.AllText());
        var folders = Directory.GetDirectories(root).Order().ToList();
        Assert.Equal(2, folders.Count);
        var first = Path.Combine(folders.Single(f => f.Contains("Remove-ImGroup", StringComparison.Ordinal)), Ana + ".json");
        Assert.Equal(new[] { first, first }, run.Output.Select(o => o.ToString()));

        // The second run's image is the list after the first run; the first run's image puts back what both removed.
        var second = Directory.GetFiles(folders.Single(f => f.Contains("Remove-ImDistributionGroup", StringComparison.Ordinal))).Single();
        Assert.DoesNotContain("\"Team\"", File.ReadAllText(second));
        Assert.Contains("sales@contoso.com", File.ReadAllText(second));
        var restore = RunConnected("Import-ImContactList -Path $file -Mirror -Confirm:$false -NoBackup", new Dictionary<string, object?> { ["file"] = first });
        Assert.True(restore.Errors.Count == 0, restore.AllText());
        Assert.Equal(before, Lists(Ana));
    }

    [Fact]
    public void WhatIf_NoBackup_and_a_run_that_changes_nothing_leave_no_folder_and_the_adding_cmdlets_take_no_backup_parameters()
    {
        SeedTeams();
        var run = RunConnected("""
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName Team -BackupPath $root -WhatIf
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName Launch -BackupPath $root -NoBackup -Confirm:$false -ErrorAction SilentlyContinue
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName Launch -NoBackup -Confirm:$false -Verbose
            'kim@contoso.com', 'lee@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupName = 'Team'; ImAddress = $_ } } |
                Sync-ImContactList -Mirror -BackupPath $root
            (Get-Command Sync-ImContactList).Parameters.ContainsKey('BackupPath')
            (Get-Command Remove-ImContact).Parameters.ContainsKey('NoBackup')
            (Get-Command Add-ImContactToGroup).Parameters.ContainsKey('BackupPath')
            (Get-Command New-ImGroup).Parameters.ContainsKey('NoBackup')
            """, new Dictionary<string, object?> { ["root"] = root });

        Assert.Empty(Directory.GetFileSystemEntries(root));
        var error = Assert.Single(run.Errors);
        Assert.StartsWith("InvalidBackupPath,", error.FullyQualifiedErrorId);
        Assert.Contains("-BackupPath and -NoBackup contradict each other", error.Exception.Message);
        Assert.Contains(run.Verbose, v => v.StartsWith("-NoBackup: no before-image is kept", StringComparison.Ordinal));
        Assert.DoesNotContain("Launch", Simulator.Store.GroupNames(Ana));
        Assert.Equal(new[] { "True", "True", "False", "False" }, run.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_backup_folder_that_cannot_be_made_stops_the_run_before_anything_is_sent()
    {
        SeedTeams();
        var file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "not a folder");
        Simulator.ClearRequests();

        var run = RunConnected("Remove-ImGroup -Mailbox ana@contoso.com -GroupName Team -BackupPath $file -Confirm:$false", new Dictionary<string, object?> { ["file"] = file });

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("InvalidBackupPath,", error.FullyQualifiedErrorId);
        Assert.Contains($"-BackupPath '{file}': the run's backup folder cannot be made there", error.Exception.Message);
        Assert.Empty(Answered);
        Assert.Contains("Team", Simulator.Store.GroupNames(Ana));
    }

    [Fact]
    public void A_before_image_that_cannot_be_written_fails_its_row_and_nothing_is_sent_for_it()
    {
        SeedTeams();
        Simulator.ClearRequests();

        // Every command's BeginProcessing runs first: the run's folder exists, and is gone before the first row arrives.
        var run = RunConnected("""
            'Team' | ForEach-Object { Get-ChildItem $root -Directory | Remove-Item -Recurse; [pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupName = $_ } } |
                Remove-ImGroup -BackupPath $root -Confirm:$false -PassThru | ForEach-Object Status
            """, new Dictionary<string, object?> { ["root"] = root });

        var error = Assert.Single(run.Errors);
        Assert.StartsWith("BackupFailed,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.WriteError, error.CategoryInfo.Category);
        Assert.Contains("The before-image of ana@contoso.com could not be written to", error.Exception.Message);
        Assert.Equal(new[] { "Failed" }, run.Output.Select(o => o.ToString()));
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));
        Assert.Contains("Team", Simulator.Store.GroupNames(Ana));
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
