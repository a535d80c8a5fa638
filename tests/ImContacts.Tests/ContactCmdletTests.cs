using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>New-ImContact, Remove-ImContactFromGroup, Remove-ImContact, and the contact error codes of Add-ImContactToGroup.</summary>
public sealed class ContactCmdletTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    [Fact]
    public void New_ImContact_creates_in_a_group_and_returns_an_existing_address_with_a_warning()
    {
        Simulator.Store.SeedGroup(Ana, "Project X");
        var result = RunConnected("""
            $kim = New-ImContact -Mailbox ana@contoso.com -ImAddress 'sip:kim@contoso.com' -DisplayName 'Kim Akers' -GroupName 'Project X'
            "$($kim.DisplayName) $($kim.ImAddress) $($null -ne $kim.ContactId)"
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'KIM@contoso.com'; DisplayName = 'Kim'; GroupName = 'Project X' } | New-ImContact | ForEach-Object DisplayName
            New-ImContact -Mailbox ana@contoso.com -ImAddress 'kim@contoso.com' -DisplayName 'Kimberly' -GroupName 'Favorites' | ForEach-Object DisplayName
            New-ImContact -Mailbox ana@contoso.com -ImAddress 'lee@contoso.com' | ForEach-Object DisplayName
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "Kim Akers kim@contoso.com True", "Kim Akers", "Kim Akers", "lee@contoso.com" }, result.Output.Select(o => o.ToString()));
        Assert.Equal(2, result.Warnings.Count);
        Assert.Contains("returning it unchanged", result.Warnings[0]);
        Assert.Contains("display name stays 'Kim Akers'", result.Warnings[1]);
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Favorites"));
        Assert.Equal(new[] { "lee@contoso.com" }, Simulator.Store.MembersOf(Ana, "Other Contacts"));
    }

    [Fact]
    public void New_ImContact_creates_a_telephone_contact()
    {
        var result = RunConnected("""
            New-ImContact -Mailbox ana@contoso.com -TelUri 'tel:+14255550100' -SipUri 'sip:+14255550100@contoso.com;user=phone' -TelephoneNumber '+1 425 555 0100' |
                ForEach-Object ImAddress
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal("sip:+14255550100@contoso.com;user=phone", result.Output.Single().ToString());
        Assert.Single(Answered, r => r.Operation == "AddNewTelUriContactToGroup");
    }

    [Fact]
    public void Contact_limit_is_checked_before_writing_and_the_server_code_comes_through_when_only_the_server_knows()
    {
        Simulator.Store.SeedContacts(Ana, 999);
        Simulator.Store.SeedOrphanContact(Ana, "sip:orphan@contoso.com");
        var result = RunConnected("""
            New-ImContact -Mailbox ana@contoso.com -ImAddress 'one@contoso.com'
            """);
        var server = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorImContactLimitReached,", server.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.LimitsExceeded, server.CategoryInfo.Category);
        Assert.Single(Answered, r => r.Operation == "AddNewImContactToGroup");

        Simulator.Store.SeedContact(Ana, "sip:c999@contoso.com");
        Simulator.ClearRequests();
        var local = RunConnected("""
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'two@contoso.com' } | Add-ImContactToGroup -CreateContact
            """);
        var error = Assert.Single(local.Errors);
        Assert.StartsWith("ErrorImContactLimitReached,", error.FullyQualifiedErrorId);
        Assert.Contains("1000", error.Exception.Message);
        Assert.DoesNotContain(Answered, r => r.Operation == "AddNewImContactToGroup");
    }

    [Fact]
    public void Remove_ImContactFromGroup_removes_and_the_last_group_takes_the_contact_out_of_the_list()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var projectY = Simulator.Store.SeedGroup(Ana, "Project Y");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX, projectY);
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Project Y' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Project Y' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Project Z' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim@contoso.com' }
            ) | Remove-ImContactFromGroup -PassThru -Verbose | ForEach-Object Status
            """);
        // A group the list lacks (Project Z) and no group (Other Contacts) are removals with nothing to remove.
        Assert.Equal(new[] { "Removed", "NotMember", "Removed", "NotMember", "NotMember", "NotMember" }, result.Output.Select(o => o.ToString()));
        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.Contains("last group, so the contact leaves the IM list", StringComparison.Ordinal));
        Assert.Empty(Simulator.Store.ContactAddresses(Ana));
        Assert.Equal(2, Answered.Count(r => r.Operation == "RemoveImContactFromGroup"));
    }

    [Fact]
    public void Remove_ImContactFromGroup_treats_a_membership_removed_meanwhile_as_gone()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");

        // The list shows the membership, but the server answers ErrorInvalidImGroupId, its code for "not a member": someone
        // removed it after the list was read. The membership is gone, which is a warning, not an error.
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        Simulator.Faults.Reject("RemoveImContactFromGroup", "ErrorInvalidImGroupId");
        var stale = RunConnected("""
            Remove-ImContactFromGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupName 'Project X' -PassThru | ForEach-Object Status
            """);
        Assert.Empty(stale.Errors);
        Assert.Equal("NotMember", stale.Output.Single().ToString());
        Assert.Single(stale.Warnings);
    }

    [Fact]
    public void Remove_ImContact_removes_from_the_whole_list_and_a_gone_contact_is_a_warning()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var result = RunConnected("""
            Remove-ImContact -Mailbox ana@contoso.com -ImAddress 'kim@contoso.com' -PassThru | ForEach-Object { "$($_.ItemType) $($_.Name) $($_.Status) $($_.ResponseCode)" }
            (Get-ImItemList -Mailbox ana@contoso.com).Personas | Remove-ImContact -PassThru | ForEach-Object { "$($_.Name) $($_.Status)" }
            Remove-ImContact -Mailbox ana@contoso.com -ContactId $kim -PassThru | ForEach-Object { "$($_.Status)" }
            """, new Dictionary<string, object?> { ["kim"] = kim.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Contact sip:kim@contoso.com Removed NoError", "sip:lee@contoso.com Removed", "NotFound" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("nothing to remove", Assert.Single(result.Warnings));
        Assert.Empty(Simulator.Store.ContactAddresses(Ana));
        Assert.Equal(2, Answered.Count(r => r.Operation == "RemoveContactFromImList"));
    }

    [Fact]
    public void Remove_ImContact_falls_back_to_each_group_when_the_server_rejects_the_operation()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var projectY = Simulator.Store.SeedGroup(Ana, "Project Y");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX, projectY);
        Simulator.Faults.Reject("RemoveContactFromImList", "ErrorInvalidOperation");
        var result = RunConnected("""
            Remove-ImContact -Mailbox ana@contoso.com -ImAddress 'kim@contoso.com' -PassThru -Verbose | ForEach-Object { "$($_.Status) $($_.ResponseCode)" }
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal("Removed NoError", result.Output.Single().ToString());
        Assert.Contains(result.Verbose, v => v.Contains("rejected RemoveContactFromImList", StringComparison.Ordinal) && v.Contains("ErrorInvalidOperation", StringComparison.Ordinal));
        Assert.Equal(new[] { "GetImItemList", "RemoveContactFromImList", "RemoveImContactFromGroup", "RemoveImContactFromGroup" }, Answered.Select(r => r.Operation));
        Assert.Empty(Simulator.Store.ContactAddresses(Ana));
    }

    [Fact]
    public void Add_ImContactToGroup_passes_the_server_codes_for_ids_the_list_does_not_know()
    {
        var projectX = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        var gone = Simulator.Store.SeedContact(Ana, "sip:gone@contoso.com", "Gone");
        var box = Simulator.Store.Get(Ana);
        lock (box.Sync)
        {
            box.DeleteContact(box.FindContact(gone.Id)!);
        }

        var result = RunConnected("""
            Add-ImContactToGroup -Mailbox ana@contoso.com -ContactId $gone -GroupName 'Project X'
            Add-ImContactToGroup -Mailbox ana@contoso.com -ImAddress kim@contoso.com -GroupId $kim
            Add-ImContactToGroup -Mailbox ana@contoso.com -ContactId $group -GroupName 'Project X'
            """, new Dictionary<string, object?> { ["gone"] = gone.Id, ["kim"] = kim.Id, ["group"] = projectX.Id });
        Assert.Equal(new[] { "ErrorItemNotFound", "ErrorInvalidImGroupId", "ErrorInvalidImContactId" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Equal(ErrorCategory.ObjectNotFound, result.Errors[0].CategoryInfo.Category);
        Assert.All(result.Errors, e => Assert.Contains(Ana, e.Exception.Message));
    }
}
