using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>
/// Objects from other modules (Get-Mailbox, Get-User, Get-ADUser, Get-CsUser) and CSVs without a Mailbox column: a row
/// runs on the mailbox it carries, or fails; it never drifts to the connected account's own mailbox.
/// </summary>
public sealed class OtherModulesInputTests : SimulatorTest
{
    private const string Own = "admin@contoso.com";

    [Fact]
    public void Mailbox_objects_bind_by_their_address_columns()
    {
        var result = RunConnected("""
            $mailboxes = @(
                [pscustomobject]@{ PSTypeName = 'Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox'; Name = 'Ana'; PrimarySmtpAddress = 'ana@contoso.com'; UserPrincipalName = 'ana@corp.contoso.com' }
                [pscustomobject]@{ Name = 'Ben (Get-User)'; WindowsEmailAddress = 'ben@contoso.com'; UserPrincipalName = 'ben@corp.contoso.com' }
                [pscustomobject]@{ Name = 'Chloe (Get-ADUser -Properties mail)'; mail = 'chloe@contoso.com'; SamAccountName = 'chloe' }
            )
            $mailboxes | New-ImGroup -DisplayName 'Help Desk' | ForEach-Object { "$($_.Mailbox)|$($_.DisplayName)" }
            $mailboxes | Get-ImItemList | ForEach-Object { $_.Mailbox }
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        // Columns such as Name are ignored and said so; the one the mailbox came from is not among them.
        Assert.DoesNotContain(result.Warnings, w => w.Contains("PrimarySmtpAddress") || w.Contains("WindowsEmailAddress") || w.Contains("'mail'"));
        Assert.Equal(new[] { "ana@contoso.com|Help Desk", "ben@contoso.com|Help Desk", "chloe@contoso.com|Help Desk" }, result.Output.Take(3).Select(o => o.ToString()));
        Assert.Equal(new[] { "ana@contoso.com", "ben@contoso.com", "chloe@contoso.com" }, result.Output.Skip(3).Select(o => o.ToString()));
        foreach (var mailbox in new[] { "ana@contoso.com", "ben@contoso.com", "chloe@contoso.com" })
        {
            Assert.Contains("Help Desk", Simulator.Store.GroupNames(mailbox));
        }

        Assert.DoesNotContain("Help Desk", Simulator.Store.GroupNames(Own));
    }

    [Fact]
    public void A_row_that_names_a_user_some_other_way_fails_and_never_runs_on_the_own_mailbox()
    {
        var result = RunConnected("""
            @(
                [pscustomobject]@{ UserPrincipalName = 'ana@corp.contoso.com'; DisplayName = 'Help Desk' }
                [pscustomobject]@{ SipAddress = 'sip:kim@contoso.com'; Identity = 'CN=Kim,OU=Users,DC=contoso,DC=com'; DisplayName = 'Help Desk' }
                [pscustomobject]@{ PrimarySmtpAddress = 'not an address'; DisplayName = 'Help Desk' }
                [pscustomobject]@{ PrimarySmtpAddress = 'chloe@contoso.com'; DisplayName = 'Help Desk' }
            ) | New-ImGroup
            """);

        Assert.Null(result.Terminating);
        Assert.Equal(3, result.Errors.Count);
        Assert.StartsWith("MailboxNotGiven,", result.Errors[0].FullyQualifiedErrorId);
        Assert.Contains("UserPrincipalName 'ana@corp.contoso.com'", result.Errors[0].Exception.Message);
        Assert.Contains("SipAddress 'sip:kim@contoso.com'", result.Errors[1].Exception.Message);
        Assert.StartsWith("InvalidMailbox,", result.Errors[2].FullyQualifiedErrorId);
        Assert.Contains("the row's PrimarySmtpAddress", result.Errors[2].Exception.Message);
        Assert.Contains("'not an address'", result.Errors[2].Exception.Message);
        Assert.Equal(ErrorCategory.InvalidArgument, result.Errors[0].CategoryInfo.Category);
        Assert.Single(result.Output);
        Assert.Contains("Help Desk", Simulator.Store.GroupNames("chloe@contoso.com"));
        Assert.DoesNotContain("Help Desk", Simulator.Store.GroupNames(Own));
        Assert.Equal(1, Answered.Count(r => r.Operation == "AddImGroup"));
    }

    [Fact]
    public void A_given_Mailbox_wins_and_our_own_objects_keep_their_mailbox()
    {
        var friends = Simulator.Store.SeedGroup(Own, "Friends");
        Simulator.Store.SeedContact(Own, "sip:zoe@contoso.com", "Zoe", false, Simulator.Store.SeedGroup(Own, "Team"));
        var result = RunConnected("""
            [pscustomobject]@{ PrimarySmtpAddress = 'ben@contoso.com'; DisplayName = 'Given' } | New-ImGroup -Mailbox ana@contoso.com | ForEach-Object Mailbox
            # A persona of the own list carries an EmailAddress; its Mailbox (none: the own list) is what counts.
            (Get-ImItemList).Personas | Where-Object ImAddress -like '*zoe@contoso.com' | ForEach-Object EmailAddress
            (Get-ImItemList).Personas | Where-Object ImAddress -like '*zoe@contoso.com' | Add-ImContactToGroup -GroupName Friends -PassThru | ForEach-Object Status
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "ana@contoso.com", "zoe@contoso.com", "Added" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("Given", Simulator.Store.GroupNames("ana@contoso.com"));
        Assert.DoesNotContain("Given", Simulator.Store.GroupNames("ben@contoso.com"));
        Assert.Single(Simulator.Store.MembersOf(Own, friends.DisplayName));
    }

    [Fact]
    public void Distribution_groups_still_bind_their_own_PrimarySmtpAddress()
    {
        Simulator.Store.SeedDistributionGroup("ana@contoso.com", "existing-dg@contoso.com", "Existing");
        var result = RunConnected("""
            [pscustomobject]@{ PrimarySmtpAddress = 'sales@contoso.com'; DisplayName = 'Sales' } | Add-ImDistributionGroup -Mailbox ana@contoso.com
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Contains(Answered, r => r.Operation == "AddDistributionGroupToImList" && r.Body.Contains("sales@contoso.com", StringComparison.Ordinal));
        Assert.All(Answered.Where(r => r.Operation == "AddDistributionGroupToImList"), r => Assert.Equal("ana@contoso.com", r.TargetMailbox));
    }

    [Fact]
    public void Results_and_errors_for_the_own_mailbox_name_it_and_given_back_it_is_not_impersonated()
    {
        Simulator.Store.SeedGroup(Own, "Team");
        var result = RunConnected("""
            (Get-ImItemList).Mailbox
            (New-ImGroup -DisplayName 'Help Desk').Mailbox
            (Get-ImItem -GroupName Team).Mailbox
            (Add-ImContactToGroup -ImAddress kim@contoso.com -GroupName Team -CreateContact -PassThru).Mailbox
            Get-ImItemList | Get-ImItem -GroupName Team | ForEach-Object { "again $($_.Mailbox)" }
            Add-ImContactToGroup -ContactId 'Ym9ndXM=' -GroupName Team
            """);

        Assert.Equal(new[] { Own, Own, Own, Own, "again " + Own }, result.Output.Select(o => o.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.Contains($"for mailbox '{Own}'", error.Exception.Message);
        Assert.Equal(Own, Property<string>(PSObject.AsPSObject(error.Exception), "Mailbox"));
        Assert.NotEmpty(Answered);
        Assert.All(Answered, r => Assert.Null(r.ImpersonatedAddress));
        Assert.All(Answered, r => Assert.Null(r.AnchorMailbox));
        Assert.Contains("Help Desk", Simulator.Store.GroupNames(Own));
    }

    [Fact]
    public void A_sign_in_that_names_no_address_still_names_the_own_mailbox_and_takes_that_name_back()
    {
        // Ana's token is opaque: the connection cannot tell whose it is, so the list is "(own mailbox)", not blank.
        var token = new System.Net.NetworkCredential(string.Empty, SimulatorAccounts.Ana.BearerToken).SecurePassword;
        var result = Shell.Run("""
            $c = Connect-ImService -Url $u -AccessToken $t -PassThru
            $c.OwnMailbox
            $list = Get-ImItemList
            $list.Mailbox
            ($list | Get-ImItemList).Mailbox
            """, new Dictionary<string, object?> { ["u"] = Simulator.Url, ["t"] = token });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "(own mailbox)", "(own mailbox)", "(own mailbox)" }, result.Output.Select(o => o.ToString()));
        Assert.All(Answered, r => Assert.Equal("ana@contoso.com", r.TargetMailbox));
        Assert.All(Answered, r => Assert.Null(r.ImpersonatedAddress));
    }

    [Fact]
    public void An_app_only_access_token_is_recognised_and_rows_without_a_mailbox_fail_before_sending()
    {
        var token = SimulatorTest.Secure(AccessTokenJwt("{\"idtyp\":\"app\",\"appid\":\"0f9d3b8a-6a4e-4c55-9d1b-3f2e1a7c5b90\",\"roles\":[\"full_access_as_app\"]}"));
        var result = Shell.Run("""
            $c = Connect-ImService -Url $u -AccessToken $t -PassThru -SkipConnectionTest
            "$($c.Account)|$($c.RequiresMailbox)|$($c.OwnMailbox)"
            Get-ImItemList
            """, new Dictionary<string, object?> { ["u"] = Simulator.Url, ["t"] = token });

        Assert.Equal("0f9d3b8a-6a4e-4c55-9d1b-3f2e1a7c5b90|True|", Assert.Single(result.Output).ToString());
        Assert.StartsWith("MailboxRequired,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void A_piped_string_is_a_mailbox_and_never_the_own_one()
    {
        var result = RunConnected("""
            'ana@contoso.com', 'ben@contoso.com' | Get-ImItemList | ForEach-Object Mailbox
            'not a mailbox' | Get-ImItemList
            """);

        Assert.Equal(new[] { "ana@contoso.com", "ben@contoso.com" }, result.Output.Select(o => o.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidMailbox,", error.FullyQualifiedErrorId);
        Assert.Contains("the piped string", error.Exception.Message);
        Assert.DoesNotContain(Answered, r => r.TargetMailbox == Own);
    }

    private static string AccessTokenJwt(string payload)
    {
        static string Part(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return Part("{\"alg\":\"RS256\"}") + "." + Part(payload) + ".c2ln";
    }
}
