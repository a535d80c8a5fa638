using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>Every error code the documentation gives for an IM-list operation reaches the user as an error record that starts with it.</summary>
public sealed class ServerErrorCodeTests : SimulatorTest
{
    public static TheoryData<string, string, string> DocumentedCodes() => new()
    {
        { "AddImContactToGroup", "ErrorInvalidImContactId", "Add-ImContactToGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName 'Project X'" },
        { "AddNewImContactToGroup", "ErrorNonExistentMailbox", "New-ImContact -Mailbox $m -ImAddress new@contoso.com -GroupName 'Project Y'" },
        { "AddNewImContactToGroup", "ErrorImContactLimitReached", "Add-ImContactToGroup -Mailbox $m -ImAddress new@contoso.com -CreateContact" },
        { "AddImGroup", "ErrorImGroupLimitReached", "New-ImGroup -Mailbox $m -DisplayName 'New'" },
        { "AddImGroup", "ErrorImGroupDisplayNameAlreadyExists", "New-ImGroup -Mailbox $m -DisplayName 'New'" },
        { "SetImGroup", "ErrorImGroupDisplayNameAlreadyExists", "Rename-ImGroup -Mailbox $m -GroupName 'Project X' -NewName 'Project Z'" },
        { "RemoveImGroup", "ErrorInvalidImGroupId", "Remove-ImGroup -Mailbox $m -GroupName 'Project X' -Confirm:$false" },
        { "RemoveImGroup", "ErrorInvalidIdMalformed", "Remove-ImGroup -Mailbox $m -GroupName 'Project X' -Confirm:$false" },
        { "RemoveImContactFromGroup", "ErrorInvalidImContactId", "Remove-ImContactFromGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName 'Project X'" },
        { "RemoveContactFromImList", "ErrorItemNotFound", "Remove-ImContact -Mailbox $m -ImAddress kim@contoso.com" },
        { "AddDistributionGroupToImList", "ErrorInvalidImDistributionGroupSmtpAddress", "Add-ImDistributionGroup -Mailbox $m -SmtpAddress dl@contoso.com" },
        { "RemoveDistributionGroupFromImList", "ErrorItemNotFound", "Remove-ImDistributionGroup -Mailbox $m -SmtpAddress sales@contoso.com" },
        { "GetImItemList", "ErrorIncorrectSchemaVersion", "Get-ImItemList -Mailbox $m" },
        { "GetImItemList", "ErrorNonExistentMailbox", "Add-ImContactToGroup -Mailbox $m -ImAddress kim@contoso.com -GroupName 'Project X'" },
    };

    [Theory]
    [MemberData(nameof(DocumentedCodes))]
    public void Server_code_is_the_start_of_the_error_id(string operation, string code, string command)
    {
        const string ana = "ana@contoso.com";
        Simulator.Store.SeedGroup(ana, "Project Y");
        var projectX = Simulator.Store.SeedGroup(ana, "Project X");
        Simulator.Store.SeedContact(ana, "sip:lee@contoso.com", "Lee Gu", false, projectX);
        if (operation != "AddImContactToGroup")
        {
            Simulator.Store.SeedContact(ana, "sip:kim@contoso.com", "Kim Akers", false, projectX);
        }
        else
        {
            Simulator.Store.SeedContact(ana, "sip:kim@contoso.com", "Kim Akers");
        }

        Simulator.Store.SeedDistributionGroup(ana, "sales@contoso.com", "Sales");
        Simulator.Faults.Reject(operation, code);

        var result = RunConnected("$m = 'ana@contoso.com'\n" + command);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(code + ",", error.FullyQualifiedErrorId);
        Assert.NotEqual(ErrorCategory.NotSpecified, error.CategoryInfo.Category);
        Assert.Contains(operation, error.Exception.Message);
        Assert.Contains(ana, error.Exception.Message);
        Assert.Equal(code, Answered.Last().ResponseCode);
    }
}
