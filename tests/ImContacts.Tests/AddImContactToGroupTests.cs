using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

public sealed class AddImContactToGroupTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    [Fact]
    public void Csv_rows_change_the_list_and_a_bad_row_gives_one_error_while_the_rest_continue()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var lee = Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var max = Simulator.Store.SeedContact(Ana, "sip:max@contoso.com", "Max Müller");

        // The same shape Import-Csv gives: PSCustomObjects with string properties.
        var result = RunConnected("""
            $rows = @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $kim; GroupId = $group }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $group; GroupId = $group }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $lee; GroupId = $group }
                [pscustomobject]@{ Mailbox = 'not-an-address'; ContactId = $max; GroupId = $group }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $max; GroupId = $group }
            )
            $rows | Add-ImContactToGroup -PassThru
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["lee"] = lee.Id, ["max"] = max.Id, ["group"] = group.Id });

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Max Müller" }, Simulator.Store.MembersOf(Ana, "Project X").Order());

        // One result per row, in input order: the bad rows are in the report as Failed, with the cause.
        Assert.Equal(new[] { "Added", "Failed ErrorInvalidImContactId", "Added", "Failed InvalidMailbox", "Added" },
            result.Output.Select(o => $"{o.Properties["Status"].Value} {((string?)o.Properties["ResponseCode"].Value)?.Split(',')[0]}".Trim()).Select(s => s.Replace(" NoError", string.Empty)));
        Assert.Equal(Ana, result.Output[0].Properties["Mailbox"].Value);

        Assert.Equal(2, result.Errors.Count);
        var invalid = result.Errors[0];
        Assert.StartsWith("ErrorInvalidImContactId,", invalid.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, invalid.CategoryInfo.Category);
        Assert.Equal(group.Id, ((PSObject)invalid.TargetObject).Properties["ContactId"].Value);
        Assert.Contains("ana@contoso.com", invalid.Exception.Message);

        var mailbox = result.Errors[1];
        Assert.StartsWith("InvalidMailbox,", mailbox.FullyQualifiedErrorId);
        Assert.Contains("not-an-address", mailbox.Exception.Message);
        Assert.Contains("-Mailbox", mailbox.Exception.Message);

        // The bad mailbox was never sent; the list was read once, and the four other rows were sent.
        Assert.Equal(new[] { "GetImItemList", "AddImContactToGroup", "AddImContactToGroup", "AddImContactToGroup", "AddImContactToGroup" },
            Answered.Select(r => r.Operation));
    }

    [Fact]
    public void WhatIf_changes_nothing_and_only_reads_the_list()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com");
        var result = RunConnected("""
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $kim; GroupId = $group } | Add-ImContactToGroup -WhatIf -PassThru
            Add-ImContactToGroup -ContactId $kim -GroupId $group -Mailbox ana@contoso.com -WhatIf
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["group"] = group.Id });
        Assert.Empty(result.Errors);
        Assert.Equal("Skipped", Assert.Single(result.Output).Properties["Status"].Value.ToString());
        Assert.Equal(new[] { "GetImItemList", "GetImItemList" }, Answered.Select(r => r.Operation));
        Assert.Empty(Simulator.Store.MembersOf(Ana, "Project X"));
    }

    [Fact]
    public void Personas_and_groups_from_Get_ImItemList_pipe_straight_in()
    {
        Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", linkedOutlookContact: true);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var result = RunConnected("""
            $list = Get-ImItemList -Mailbox ana@contoso.com
            $group = $list.Groups | Where-Object DisplayName -eq 'Project X'
            $list.Personas | Add-ImContactToGroup -GroupId $group -PassThru | ForEach-Object { $_.Mailbox }
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { Ana, Ana }, result.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { "Kim Akers", "Lee Gu" }, Simulator.Store.MembersOf(Ana, "Project X").Order());
    }

    [Fact]
    public void Persona_and_group_objects_are_accepted_where_ids_are_expected()
    {
        Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", linkedOutlookContact: true);
        var result = RunConnected("""
            $list  = Get-ImItemList -Mailbox ana@contoso.com
            $group = $list.Groups | Where-Object DisplayName -eq 'Project X'
            $kim   = $list.Personas | Where-Object ImAddress -eq 'sip:kim@contoso.com'
            Add-ImContactToGroup -Mailbox ana@contoso.com -ContactId $kim -GroupId $group
            """);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
    }

    [Fact]
    public void Without_a_group_the_server_uses_Other_Contacts_and_a_repeat_is_a_warning()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, group);
        var result = RunConnected("""
            Add-ImContactToGroup -ContactId $kim -Mailbox ana@contoso.com -PassThru | ForEach-Object { "$($_.Status) $($_.GroupName)" }
            Add-ImContactToGroup -ContactId $kim -Mailbox ana@contoso.com -PassThru | ForEach-Object { "$($_.Status) $($_.GroupName)" }
            """, new Dictionary<string, object?> { ["kim"] = kim.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Added Other Contacts", "AlreadyMember Other Contacts" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("already is a member of 'Other Contacts'", Assert.Single(result.Warnings));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Other Contacts"));
    }

    [Fact]
    public void Impersonation_reaches_the_right_mailbox_and_own_mailbox_needs_none()
    {
        var anaGroup = Simulator.Store.SeedGroup(Ana, "Project X");
        var anaKim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var adminGroup = Simulator.Store.SeedGroup("admin@contoso.com", "Admins");
        var adminLee = Simulator.Store.SeedContact("admin@contoso.com", "sip:lee@contoso.com", "Lee Gu");
        var result = RunConnected("""
            Add-ImContactToGroup -ContactId $anaKim -GroupId $anaGroup -Mailbox ana@contoso.com
            Add-ImContactToGroup -ContactId $adminLee -GroupId $adminGroup
            """, new Dictionary<string, object?> { ["anaKim"] = anaKim.Id, ["anaGroup"] = anaGroup.Id, ["adminLee"] = adminLee.Id, ["adminGroup"] = adminGroup.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
        Assert.Equal(new[] { "Lee Gu" }, Simulator.Store.MembersOf("admin@contoso.com", "Admins"));

        var adds = Answered.Where(r => r.Operation == "AddImContactToGroup").ToList();
        var (impersonated, own) = (adds[0], adds[1]);
        Assert.Equal(Ana, impersonated.ImpersonatedAddress);
        Assert.Equal(Ana, impersonated.AnchorMailbox);
        Assert.Equal(Ana, impersonated.TargetMailbox);
        Assert.Null(own.ImpersonatedAddress);
        Assert.Null(own.AnchorMailbox);
        Assert.Equal("admin@contoso.com", own.TargetMailbox);
        Assert.All(Answered, r => Assert.Equal("text/xml; charset=utf-8", r.ContentType));
        Assert.All(Answered, r => Assert.True(Guid.TryParse(r.ClientRequestId, out _)));
    }

    [Fact]
    public void Account_without_impersonation_rights_gets_the_server_error_per_row()
    {
        var group = Simulator.Store.SeedGroup("ben@contoso.com", "Team");
        var result = Shell.Run("""
            Connect-ImService -Url $url -Credential $ana
            Add-ImContactToGroup -ContactId $group -GroupId $group -Mailbox ben@contoso.com
            """, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["ana"] = Credential(SimulatorAccounts.Ana.UserName, SimulatorAccounts.Ana.Password), ["group"] = group.Id });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ErrorImpersonateUserDenied,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
    }

    [Fact]
    public void Without_a_retry_budget_throttling_and_dropped_connections_become_error_records_and_the_next_row_runs()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var lee = Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var max = Simulator.Store.SeedContact(Ana, "sip:max@contoso.com", "Max Müller");
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 2500));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.DropConnection));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServiceUnavailable, RetryAfterSeconds: 7));
        var result = RunConnected("""
            $kim, $lee, $max, $kim | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $_; GroupId = $group } } |
                Add-ImContactToGroup -PassThru -MaxRetryWait 0 -ThrottleLimit 1
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["lee"] = lee.Id, ["max"] = max.Id, ["group"] = group.Id });
        Assert.Equal(3, result.Errors.Count);
        Assert.StartsWith("ErrorServerBusy,", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ResourceBusy, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("asked to wait 2.5 s", result.Errors[0].Exception.Message);
        Assert.StartsWith("ConnectionFailed,", result.Errors[1].FullyQualifiedErrorId);
        Assert.StartsWith("Http503,", result.Errors[2].FullyQualifiedErrorId);
        Assert.Contains("7 seconds", result.Errors[2].Exception.Message);
        Assert.Equal(new[] { "Failed ErrorServerBusy", "Failed ConnectionFailed", "Failed Http503", "Added NoError" },
            result.Output.Select(o => $"{o.Properties["Status"].Value} {((string)o.Properties["ResponseCode"].Value).Split(',')[0]}"));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
    }

    [Fact]
    public void Throttling_and_dropped_connections_are_retried_and_every_row_gets_its_outcome()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var lee = Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var max = Simulator.Store.SeedContact(Ana, "sip:max@contoso.com", "Max Müller");
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 300));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.DropConnection));
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServiceUnavailable, RetryAfterSeconds: 1));
        var result = RunConnected("""
            $kim, $lee, $max, $kim | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $_; GroupId = $group } } |
                Add-ImContactToGroup -PassThru -Verbose
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["lee"] = lee.Id, ["max"] = max.Id, ["group"] = group.Id });
        Assert.True(result.Errors.Count == 0, result.AllText());

        // The fourth row names the first row's contact again: it waits for that row and finds the membership made.
        Assert.Equal(new[] { "Added", "Added", "Added", "AlreadyMember" }, result.Output.Select(o => o.Properties["Status"].Value.ToString()));
        Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Max Müller" }, Simulator.Store.MembersOf(Ana, "Project X").Order());
        Assert.Contains(result.Verbose, v => v.Contains("failed with ErrorServerBusy; sending it again in 0.3 s", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains("failed with Http503; sending it again in 1.0 s", StringComparison.Ordinal));
        Assert.Equal(3, Answered.Count(r => r.Operation == "AddImContactToGroup" && r.StatusCode == 200));
    }

    [Fact]
    public void Empty_id_in_a_row_is_a_binding_error_for_that_row_only()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers");
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = ''; GroupId = $group }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $kim; GroupId = $group }
            ) | Add-ImContactToGroup -PassThru
            """, new Dictionary<string, object?> { ["kim"] = kim.Id, ["group"] = group.Id });
        var error = Assert.Single(result.Errors);
        Assert.Contains("ContactId", error.ToString());
        Assert.Equal(new[] { "Failed", "Added" }, result.Output.Select(o => o.Properties["Status"].Value.ToString()));
        Assert.Equal(new[] { "Kim Akers" }, Simulator.Store.MembersOf(Ana, "Project X"));
    }
}
