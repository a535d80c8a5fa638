using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>Names and addresses instead of ids, resolved with one GetImItemList per mailbox per pipeline; re-runnable bulk changes.</summary>
public sealed class NameResolutionTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";
    private const string Ben = "ben@contoso.com";

    [Fact]
    public void Workflow_with_names_only_creates_fills_lists_renames_and_removes_a_group()
    {
        var result = RunConnected("""
            $group = New-ImGroup -Mailbox ana@contoso.com -DisplayName 'Project X'
            $rows = @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; DisplayName = 'Kim Akers'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'lee@contoso.com'; DisplayName = 'Lee Gu'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'MAX@contoso.com'; DisplayName = 'Max Müller'; GroupName = 'project x' }
            )
            $added = $rows | Add-ImContactToGroup -CreateContact -PassThru
            $added | ForEach-Object { "$($_.Status) $($_.ImAddress) $($_.GroupName)" }
            (Get-ImItem -Mailbox ana@contoso.com -GroupName 'Project X' -IncludeMembers).Personas | ForEach-Object DisplayName
            Rename-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -NewName 'Project X (2026)' -PassThru | ForEach-Object DisplayName
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X (2026)' -Confirm:$false -PassThru | ForEach-Object { "$($_.Status) $($_.Name)" }
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[] { "Created sip:kim@contoso.com Project X", "Created lee@contoso.com Project X", "Created MAX@contoso.com Project X" }, lines.Take(3));

        // The rows ran concurrently, so the server holds the members in whichever order their requests arrived.
        Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Max Müller" }, lines.Skip(3).Take(3).Order());
        Assert.Equal(new[] { "Project X (2026)", "Removed Project X (2026)" }, lines.Skip(6));

        // The contacts were in no other group, so they left the list with it (protocol reference §12).
        Assert.DoesNotContain("Project X (2026)", Simulator.Store.GroupNames(Ana));
        Assert.Empty(Simulator.Store.ContactAddresses(Ana));

        // Sent without the sip: prefix, as the docs' sample and real clients do.
        var created = Answered.Where(r => r.Operation == "AddNewImContactToGroup").Select(r => r.Body).ToList();
        Assert.Equal(3, created.Count);
        Assert.Contains(created, body => body.Contains("<m:ImAddress>kim@contoso.com</m:ImAddress>", StringComparison.Ordinal));
    }

    [Fact]
    public void One_csv_provisions_fresh_mailboxes_with_CreateContact_and_CreateGroup_and_reruns_cleanly()
    {
        var script = """
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Launch' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'lee@contoso.com'; GroupName = 'Launch' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'launch' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Favorites' }
            ) | Add-ImContactToGroup -CreateContact -CreateGroup -PassThru | ForEach-Object Status
            """;
        var first = RunConnected(script);
        Assert.True(first.Errors.Count == 0, first.AllText());
        Assert.Equal(new[] { "Created", "Created", "Created", "Added" }, first.Output.Select(o => o.ToString()));
        Assert.Equal(2, Answered.Count(r => r.Operation == "AddImGroup"));
        Assert.Equal(new[] { "kim@contoso.com", "lee@contoso.com" }, Simulator.Store.MembersOf(Ana, "Launch").Order());
        Assert.Equal(new[] { "kim@contoso.com" }, Simulator.Store.MembersOf(Ben, "launch"));

        Simulator.ClearRequests();
        var again = RunConnected(script);
        Assert.Empty(again.Errors);
        Assert.All(again.Output, o => Assert.Equal("AlreadyMember", o.ToString()));
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));

        var without = RunConnected("Add-ImContactToGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupName 'Missing' -CreateContact");
        Assert.StartsWith("ImGroupNotFound,", Assert.Single(without.Errors).FullyQualifiedErrorId);
        Assert.Contains("-CreateGroup", without.Errors[0].Exception.Message);
    }

    [Fact]
    public void A_group_that_CreateGroup_created_shows_in_its_rows_result_so_a_typo_is_seen()
    {
        Simulator.Store.SeedGroup(Ana, "Help Desk");
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Help Desk' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'lee@contoso.com'; GroupName = 'Hlep Desk' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'max@contoso.com'; GroupName = 'Hlep Desk' }
            ) | Add-ImContactToGroup -CreateContact -CreateGroup -PassThru | ForEach-Object { "$($_.GroupName) $($_.Status) $($_.GroupCreated)" }
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "Help Desk Created False", "Hlep Desk Created True", "Hlep Desk Created False" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void An_unknown_name_is_an_error_where_the_item_must_exist_and_a_warning_where_a_removal_finds_it_gone()
    {
        Simulator.Store.SeedGroup(Ana, "Team");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var result = RunConnected("""
            $m = 'ana@contoso.com'
            Get-ImItem -Mailbox $m -GroupName Nope
            Add-ImContactToGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName Nope
            Rename-ImGroup -Mailbox $m -GroupName Nope -NewName Other
            (Remove-ImContactFromGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName Nope -PassThru).Status
            (Remove-ImGroup -Mailbox $m -GroupName Nope -PassThru -Confirm:$false).Status
            (Remove-ImContact -Mailbox $m -ImAddress nobody@contoso.com -PassThru -Confirm:$false).Status
            """);

        Assert.Equal(new[] { "ImGroupNotFound", "ImGroupNotFound", "ImGroupNotFound" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(new[] { "NotMember", "NotFound", "NotFound" }, result.Output.Select(o => o.ToString()));
        Assert.Contains(result.Warnings, w => w == "the IM list of ana@contoso.com has no group 'Nope'; nothing to remove.");
        Assert.DoesNotContain(Answered, r => r.Operation != "GetImItemList");
    }

    [Fact]
    public void An_empty_GroupName_cell_is_Other_Contacts_both_ways_so_the_same_csv_adds_and_removes()
    {
        var result = RunConnected("""
            $csv = @'
            Mailbox,ImAddress,GroupName
            ana@contoso.com,zed@contoso.com,""
            '@ | ConvertFrom-Csv
            ($csv | Add-ImContactToGroup -CreateContact -PassThru).GroupName
            ($csv | Remove-ImContactFromGroup -PassThru).Status
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "Other Contacts", "Removed" }, result.Output.Select(o => o.ToString()));
        Assert.DoesNotContain("zed@contoso.com", Simulator.Store.MembersOf(Ana, "Other Contacts"));
    }

    [Fact]
    public void Hundred_rows_over_two_mailboxes_read_each_list_once()
    {
        foreach (var mailbox in new[] { Ana, Ben })
        {
            var group = Simulator.Store.SeedGroup(mailbox, "Team");
            Simulator.Store.SeedContacts(mailbox, 50);
        }

        var result = RunConnected("""
            0..99 | ForEach-Object {
                [pscustomobject]@{ Mailbox = @('ana@contoso.com', 'ben@contoso.com')[$_ % 2]; ImAddress = "c$([int][math]::Floor($_ / 2))@contoso.com"; GroupName = 'team' }
            } | Add-ImContactToGroup -PassThru | ForEach-Object Status
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(100, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Added", o.ToString()));
        var reads = Answered.Where(r => r.Operation == "GetImItemList").ToList();
        Assert.Equal(2, reads.Count);
        Assert.Equal(new[] { Ana, Ben }, reads.Select(r => r.TargetMailbox).Order());
        Assert.Equal(100, Answered.Count(r => r.Operation == "AddImContactToGroup"));
        Assert.Equal(50, Simulator.Store.MembersOf(Ana, "Team").Count);
        Assert.Equal(50, Simulator.Store.MembersOf(Ben, "Team").Count);
    }

    [Fact]
    public void Rerunning_a_job_reports_what_is_already_in_place_without_errors_or_writes()
    {
        var script = """
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = '' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'lee@contoso.com'; GroupName = 'Team' }
                [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Team' }
            ) | Add-ImContactToGroup -CreateContact -PassThru | ForEach-Object { "$($_.Mailbox) $($_.ImAddress) $($_.GroupName) $($_.Status)" }
            """;
        Simulator.Store.SeedGroup(Ana, "Team");
        Simulator.Store.SeedGroup(Ben, "Team");
        var first = RunConnected(script);
        Assert.True(first.Errors.Count == 0, first.AllText());
        Assert.Equal(new[]
        {
            "ana@contoso.com kim@contoso.com Other Contacts Created", "ana@contoso.com lee@contoso.com Team Created", "ben@contoso.com kim@contoso.com Team Created",
        }, first.Output.Select(o => o.ToString()));

        Simulator.ClearRequests();
        var second = RunConnected(script);
        Assert.Empty(second.Errors);
        Assert.Equal(new[]
        {
            "ana@contoso.com kim@contoso.com Other Contacts AlreadyMember", "ana@contoso.com lee@contoso.com Team AlreadyMember",
            "ben@contoso.com kim@contoso.com Team AlreadyMember",
        }, second.Output.Select(o => o.ToString()));
        Assert.Equal(3, second.Warnings.Count);
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));

        var removal = """
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'lee@contoso.com'; GroupName = 'Team' } | Remove-ImContactFromGroup -PassThru | ForEach-Object Status
            """;
        Assert.Equal("Removed", RunConnected(removal).Output.Single().ToString());
        var again = RunConnected(removal);
        Assert.Empty(again.Errors);
        Assert.Equal("NotMember", again.Output.Single().ToString());
        Assert.Contains("nothing to remove", Assert.Single(again.Warnings));
    }

    [Fact]
    public void Unknown_and_ambiguous_names_fail_their_row_only_and_name_the_candidates()
    {
        Simulator.Store.SeedGroup(Ana, "Team");
        Simulator.Store.SeedDistributionGroup(Ana, "team@contoso.com", "TEAM");
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Projet X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'team' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'nobody@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Favorites' }
            ) | Add-ImContactToGroup -PassThru | ForEach-Object Status
            """);
        Assert.Equal(new[] { "Failed", "Failed", "Failed", "Failed", "Added" }, result.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "ImGroupNotFound", "AmbiguousImGroupName", "ImContactNotFound", "NoContact" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("'Projet X'", result.Errors[0].Exception.Message);
        Assert.Contains("'Project X'", result.Errors[0].Exception.Message);
        Assert.Contains("user group", result.Errors[1].Exception.Message);
        Assert.Contains("distribution group", result.Errors[1].Exception.Message);
        Assert.Contains("-CreateContact", result.Errors[2].Exception.Message);
        Assert.All(result.Errors, e => Assert.Equal(Ana, ((PSObject)e.TargetObject).Properties["Mailbox"].Value));
        Assert.Equal(new[] { "GetImItemList", "AddImContactToGroup" }, Answered.Select(r => r.Operation));
    }

    [Fact]
    public void Get_ImItem_takes_addresses_and_group_names()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, group);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var result = RunConnected("""
            $items = Get-ImItem -Mailbox ana@contoso.com -ImAddress 'KIM@contoso.com', 'sip:lee@contoso.com' -GroupName 'project x'
            $items.Personas | ForEach-Object DisplayName
            $items.Groups | ForEach-Object DisplayName
            Get-ImItem -Mailbox ana@contoso.com -ImAddress 'nobody@contoso.com'
            """);
        Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Project X" }, result.Output.Select(o => o.ToString()));
        Assert.StartsWith("ImContactNotFound,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(new[] { "GetImItemList", "GetImItems", "GetImItemList" }, Answered.Select(r => r.Operation));
    }
}
