using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>New-ImGroup, Rename-ImGroup and Remove-ImGroup against the simulator, with their error codes.</summary>
public sealed class GroupCmdletTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    [Fact]
    public void New_ImGroup_creates_keeps_XML_special_characters_and_returns_an_existing_name_with_a_warning()
    {
        var result = RunConnected("""
            New-ImGroup -Mailbox ana@contoso.com -DisplayName 'R&D <EMEA> "core" ]]>' | ForEach-Object { "$($_.DisplayName)|$($_.GroupType)|$($_.Mailbox)" }
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupName = 'r&d <emea> "CORE" ]]>' } | New-ImGroup | ForEach-Object DisplayName
            New-ImGroup -Mailbox ana@contoso.com -DisplayName 'favorites' | ForEach-Object GroupType
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "R&D <EMEA> \"core\" ]]>|IPM.DistList.MOC.UserGroup|ana@contoso.com", "R&D <EMEA> \"core\" ]]>", "IPM.DistList.MOC.Favorites" },
            result.Output.Select(o => o.ToString()));
        Assert.Contains("R&D <EMEA> \"core\" ]]>", Simulator.Store.GroupNames(Ana));
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains("already has", result.Warnings[0]);
        Assert.Single(Answered, r => r.Operation == "AddImGroup");
    }

    [Fact]
    public void New_ImGroup_checks_the_group_limit_before_writing()
    {
        for (var i = 0; i < 63; i++)
        {
            Simulator.Store.SeedGroup(Ana, "Group " + i);
        }

        Simulator.Store.SeedDistributionGroup(Ana, "sales@contoso.com", "Sales");
        var result = RunConnected("New-ImGroup -Mailbox ana@contoso.com -DisplayName 'One too many'");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorImGroupLimitReached,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, error.CategoryInfo.Category);
        Assert.Contains("64", error.Exception.Message);
        Assert.DoesNotContain(Answered, r => r.Operation == "AddImGroup");
    }

    [Fact]
    public void Rename_ImGroup_renames_and_reports_the_server_codes()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedGroup(Ana, "Project Y");
        var result = RunConnected("""
            Rename-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -NewName 'Project Y'
            Rename-ImGroup -Mailbox ana@contoso.com -GroupName 'Favorites' -NewName 'Best'
            Rename-ImGroup -Mailbox ana@contoso.com -GroupId $id -NewName 'Project Z' -PassThru | ForEach-Object { "$($_.DisplayName) $($_.GroupId.Id -eq $id)" }
            Rename-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -NewName 'Project Z' -PassThru | ForEach-Object DisplayName
            Rename-ImGroup -Mailbox ana@contoso.com -GroupName 'Nothing' -NewName 'Something'
            """, new Dictionary<string, object?> { ["id"] = projectX.Id });
        Assert.Equal(new[] { "ErrorImGroupDisplayNameAlreadyExists", "ErrorInvalidImGroupId", "ImGroupNotFound" },
            result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(ErrorCategory.ResourceExists, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("system group", result.Errors[1].Exception.Message);
        Assert.Equal(new[] { "Project Z True", "Project Z" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("already renamed", Assert.Single(result.Warnings));
        Assert.Equal(new[] { "Favorites", "Other Contacts", "Tagged", "Project Z", "Project Y" }, Simulator.Store.GroupNames(Ana));
        Assert.Equal(2, Answered.Count(r => r.Operation == "SetImGroup"));
    }

    [Fact]
    public void Remove_ImGroup_removes_members_in_no_other_group_and_a_gone_group_is_a_warning()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var projectY = Simulator.Store.SeedGroup(Ana, "Project Y");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu", false, projectX, projectY);
        var result = RunConnected("""
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -WhatIf
            (Get-ImItemList -Mailbox ana@contoso.com).Groups | Where-Object DisplayName -like 'Project*' | Remove-ImGroup -Confirm:$false -PassThru |
                ForEach-Object { "$($_.ItemType) $($_.Name) $($_.Status) $($_.ResponseCode)" }
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -Confirm:$false -PassThru | ForEach-Object { "$($_.Name) $($_.Status)" }
            Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Other Contacts' -Confirm:$false
            """);
        Assert.Equal(new[] { "Group Project X Removed NoError", "Group Project Y Removed NoError", "Project X NotFound" }, result.Output.Select(o => o.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorInvalidImGroupId,", error.FullyQualifiedErrorId);
        Assert.Contains("nothing to remove", Assert.Single(result.Warnings));
        Assert.Empty(Simulator.Store.ContactAddresses(Ana));
        Assert.Equal(2, Answered.Count(r => r.Operation == "RemoveImGroup"));
    }

    [Fact]
    public void Remove_ImGroup_says_which_members_leave_the_list()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var other = Simulator.Store.SeedGroup(Ana, "Other");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu", false, projectX, other);
        // The ShouldProcess text: -WhatIf and -Confirm show it, -Verbose repeats it.
        var result = RunConnected("Remove-ImGroup -Mailbox ana@contoso.com -GroupName 'Project X' -Confirm:$false -Verbose");
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Contains("Remove IM group 'Project X' (2 member(s); 1 of them in no other group leave the IM list)", StringComparison.Ordinal)
            && v.Contains(Ana, StringComparison.Ordinal));
        Assert.Equal(new[] { "Lee Gu" }, Simulator.Store.MembersOf(Ana, "Other"));
        Assert.Equal(new[] { "sip:lee@contoso.com" }, Simulator.Store.ContactAddresses(Ana));
    }

    [Fact]
    public void An_id_the_list_does_not_know_is_gone_for_a_removal_and_sent_for_a_rename()
    {
        var contact = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var result = RunConnected("""
            Remove-ImGroup -Mailbox ana@contoso.com -GroupId $contactId -Confirm:$false
            Rename-ImGroup -Mailbox ana@contoso.com -GroupId 'bm90LWFuLWlk' -NewName 'X'
            """, new Dictionary<string, object?> { ["contactId"] = contact.Id });
        Assert.Contains("has no group", Assert.Single(result.Warnings));
        Assert.StartsWith("ErrorInvalidIdMalformed,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Equal(new[] { "GetImItemList", "GetImItemList", "SetImGroup" }, Answered.Select(r => r.Operation));
    }
}
