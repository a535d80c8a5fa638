using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>Add-ImDistributionGroup and Remove-ImDistributionGroup against the simulator, with their error codes.</summary>
public sealed class DistributionGroupTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    [Fact]
    public void Add_ImDistributionGroup_adds_by_address_defaults_the_name_and_returns_an_existing_entry_with_a_warning()
    {
        var result = RunConnected("""
            Add-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com -DisplayName 'Sales' | ForEach-Object { "$($_.DisplayName) $($_.SmtpAddress) $($_.GroupType)" }
            Add-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress support@contoso.com | ForEach-Object DisplayName
            [pscustomobject]@{ PrimarySmtpAddress = 'SALES@contoso.com'; DisplayName = 'Sales team'; Mailbox = 'ana@contoso.com' } | Add-ImDistributionGroup | ForEach-Object DisplayName
            Add-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress 'not an address'
            """);
        Assert.Equal(new[] { "Sales sales@contoso.com IPM.DistList.MOC.DG", "support@contoso.com", "Sales" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("already has the distribution group 'Sales'", Assert.Single(result.Warnings));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorInvalidImDistributionGroupSmtpAddress,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("'not an address'", error.Exception.Message);
        Assert.Equal(2, Answered.Count(r => r.Operation == "AddDistributionGroupToImList"));
        Assert.Contains("<m:DisplayName>support@contoso.com</m:DisplayName>", Answered.Last(r => r.Operation == "AddDistributionGroupToImList").Body);
    }

    [Fact]
    public void Distribution_groups_count_toward_the_group_limit()
    {
        for (var i = 0; i < 64; i++)
        {
            Simulator.Store.SeedGroup(Ana, "Group " + i);
        }

        var result = RunConnected("Add-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com");
        Assert.StartsWith("ErrorImGroupLimitReached,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.DoesNotContain(Answered, r => r.Operation == "AddDistributionGroupToImList");
    }

    [Fact]
    public void Remove_ImDistributionGroup_removes_by_address_name_or_object_and_refuses_user_groups()
    {
        Simulator.Store.SeedDistributionGroup(Ana, "sales@contoso.com", "Sales");
        Simulator.Store.SeedDistributionGroup(Ana, "support@contoso.com", "Support");
        Simulator.Store.SeedDistributionGroup(Ana, "hr@contoso.com", "HR");
        Simulator.Store.SeedGroup(Ana, "Project X");
        var result = RunConnected("""
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress SALES@contoso.com -PassThru | ForEach-Object { "$($_.ItemType) $($_.Name) $($_.Status)" }
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -GroupName 'Support' -PassThru | ForEach-Object { "$($_.Name) $($_.Status)" }
            (Get-ImItemList -Mailbox ana@contoso.com).Groups | Where-Object SmtpAddress -eq 'hr@contoso.com' | Remove-ImDistributionGroup -PassThru | ForEach-Object { "$($_.Name) $($_.Status)" }
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -SmtpAddress sales@contoso.com -PassThru | ForEach-Object { "$($_.Name) $($_.Status)" }
            Remove-ImDistributionGroup -Mailbox ana@contoso.com -GroupName 'Project X'
            Remove-ImDistributionGroup -Mailbox ana@contoso.com
            """);
        Assert.Equal(new[] { "DistributionGroup sales@contoso.com Removed", "support@contoso.com Removed", "hr@contoso.com Removed", "sales@contoso.com NotFound" },
            result.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "ErrorInvalidImGroupId", "NoGroup" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains("Remove-ImGroup", result.Errors[0].Exception.Message);
        Assert.Contains("nothing to remove", Assert.Single(result.Warnings));
        Assert.Equal(new[] { "Favorites", "Other Contacts", "Tagged", "Project X" }, Simulator.Store.GroupNames(Ana));
    }

    [Fact]
    public void WhatIf_on_every_state_changing_cmdlet_changes_nothing()
    {
        Simulator.Store.SeedDistributionGroup(Ana, "sales@contoso.com", "Sales");
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, group);
        var result = RunConnected("""
            $m = 'ana@contoso.com'
            Add-ImContactToGroup -Mailbox $m -ImAddress new@contoso.com -CreateContact -WhatIf
            New-ImContact -Mailbox $m -ImAddress new@contoso.com -WhatIf
            Remove-ImContactFromGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName 'Project X' -WhatIf
            Remove-ImContact -Mailbox $m -ImAddress kim@contoso.com -WhatIf
            New-ImGroup -Mailbox $m -DisplayName 'New' -WhatIf
            Rename-ImGroup -Mailbox $m -GroupName 'Project X' -NewName 'Y' -WhatIf
            Remove-ImGroup -Mailbox $m -GroupName 'Project X' -WhatIf
            Add-ImDistributionGroup -Mailbox $m -SmtpAddress dl@contoso.com -WhatIf
            Remove-ImDistributionGroup -Mailbox $m -SmtpAddress sales@contoso.com -WhatIf
            """);
        Assert.True(result.Errors.Count == 0 && result.Output.Count == 0 && result.Warnings.Count == 0, result.AllText());
        Assert.All(Answered, r => Assert.Equal("GetImItemList", r.Operation));
        Assert.Equal(new[] { "Sales", "Favorites", "Other Contacts", "Tagged", "Project X" }, Simulator.Store.GroupNames(Ana));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
    }
}
