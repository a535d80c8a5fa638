using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Bad values from hand-edited CSVs fail their row with an error naming parameter and value, before any request.</summary>
public sealed class InputValidationTests : SimulatorTest
{
    [Fact]
    public void Xml_special_characters_round_trip_intact()
    {
        var result = RunConnected("""
            $g = New-ImGroup -DisplayName 'R&D <EMEA>' -Mailbox ana@contoso.com
            $g.DisplayName
            $r = Rename-ImGroup -GroupId $g.GroupId -NewName 'Tom''s "A" team ]]> & co' -Mailbox ana@contoso.com -PassThru
            $r.DisplayName
            $c = New-ImContact -ImAddress 'sip:o.brien@contoso.com' -DisplayName 'O''Brien <&> "Q"' -GroupName 'Tom''s "A" team ]]> & co' -Mailbox ana@contoso.com
            (Get-ImItemList -Mailbox ana@contoso.com).Groups | ForEach-Object DisplayName
            (Get-ImItemList -Mailbox ana@contoso.com).Personas | ForEach-Object { "$($_.ImAddress)|$($_.DisplayName)" }
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal("R&D <EMEA>", lines[0]);
        Assert.Equal("Tom's \"A\" team ]]> & co", lines[1]);
        Assert.Contains("Tom's \"A\" team ]]> & co", lines);
        Assert.DoesNotContain("R&D <EMEA>", lines.Skip(2));
        Assert.Equal("o.brien@contoso.com|O'Brien <&> \"Q\"", lines[^1]);
        Assert.Contains(Answered, r => r.Operation == "AddImGroup" && r.Body.Contains("R&amp;D &lt;EMEA&gt;", StringComparison.Ordinal));
    }

    [Fact]
    public void An_IM_address_that_cannot_be_one_fails_its_row_before_anything_is_sent()
    {
        var result = RunConnected("""
            New-ImContact -Mailbox ana@contoso.com -ImAddress 'bad address with spaces' -DisplayName 'Bad'
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'kim.contoso.com'; GroupName = 'Project X' }
            ) | Add-ImContactToGroup -CreateContact -CreateGroup
            """);

        Assert.Null(result.Terminating);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("InvalidImAddress,", e.FullyQualifiedErrorId));
        Assert.Contains("-ImAddress 'bad address with spaces' is not an IM address such as sip:kim@contoso.com: it contains a space", result.Errors[0].Exception.Message);
        Assert.Contains("-ImAddress 'kim.contoso.com' is not an IM address such as sip:kim@contoso.com: it is not of the form user@domain", result.Errors[1].Exception.Message);
        // sip:kim@contoso has a one-label domain, which a host name may be: it passes and is created.
        Assert.Equal(1, Answered.Count(r => r.Operation is "AddNewImContactToGroup"));
        Assert.DoesNotContain(Answered, r => r.Body.Contains("bad address", StringComparison.Ordinal));
    }

    [Fact]
    public void A_telephone_contact_with_a_broken_URI_or_number_fails_its_row_before_anything_is_sent()
    {
        var result = RunConnected("""
            @(
                [pscustomobject]@{ TelUri = '+1 425 555 0100'; SipUri = 'sip:+14255550100@contoso.com;user=phone'; TelephoneNumber = '+1 425 555 0100' }
                [pscustomobject]@{ TelUri = 'tel:+14255550100'; SipUri = '+14255550100'; TelephoneNumber = '+1 425 555 0100' }
                [pscustomobject]@{ TelUri = 'tel:+14255550100'; SipUri = 'sip:+14255550100@contoso.com;user=phone'; TelephoneNumber = 'call me' }
                [pscustomobject]@{ TelUri = 'tel:+14255550100'; SipUri = 'sip:+14255550100@contoso.com;user=phone'; TelephoneNumber = '+1 425 555 0100' }
            ) | New-ImContact -Mailbox ana@contoso.com | ForEach-Object { $_.DisplayName }
            """);

        Assert.Equal(new[] { "InvalidTelUri", "InvalidSipUri", "InvalidTelephoneNumber" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
        Assert.Contains("-TelUri '+1 425 555 0100' is not a telephone URI such as tel:+14255550100: it does not start with tel:", result.Errors[0].Exception.Message);
        Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
        Assert.Single(result.Output);
        Assert.Equal(1, Answered.Count(r => r.Operation is "AddNewTelUriContactToGroup"));
    }

    [Fact]
    public void Bad_rows_each_fail_naming_parameter_and_value_and_nothing_is_sent()
    {
        var result = RunConnected("""
            $rows = @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = ''; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = 'not base64!'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = ('QUJD' * 1250); GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = 'sip:kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; GroupId = 'bogus' }
                [pscustomobject]@{ Mailbox = 'ana at contoso'; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = $null; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; GroupName = $null }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:new@contoso.com'; GroupName = 'Project X'; DisplayName = "New`aPerson" }
            )
            $rows | Add-ImContactToGroup -CreateContact -PassThru
            """);

        Assert.Null(result.Terminating);
        var expected = new (string Id, string Mention)[]
        {
            ("InvalidContactId", "-ContactId is empty"),
            ("InvalidContactId", "-ContactId 'not base64!' is not an EWS id"),
            ("InvalidContactId", "-ContactId is 5,000 characters long, beginning 'QUJDQUJD"),
            ("InvalidContactId", "use -ImAddress"),
            ("InvalidGroupId", "-GroupId 'bogus' is not an EWS id"),
            ("InvalidMailbox", "-Mailbox 'ana at contoso' is not an SMTP address"),
            ("InvalidMailbox", "this row has no Mailbox value"),
            ("InvalidGroupName", "this row has no GroupName value"),
            ("InvalidDisplayName", "-DisplayName 'NewU+0007Person' contains U+0007 at position 4"),
        };
        Assert.Equal(expected.Length, result.Errors.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.StartsWith(expected[i].Id + ",", result.Errors[i].FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidArgument, result.Errors[i].CategoryInfo.Category);
            Assert.True(result.Errors[i].Exception.Message.Contains(expected[i].Mention, StringComparison.Ordinal), result.Errors[i].Exception.Message);
            Assert.NotNull(result.Errors[i].TargetObject);
        }

        Assert.Equal(expected.Length, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("Failed", o.Properties["Status"].Value.ToString()));
        Assert.Empty(Answered);
    }

    [Fact]
    public void Blank_id_cell_beside_a_name_means_the_name()
    {
        DemoData.Seed(Simulator.Store);
        var result = RunConnected("""
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = ''; ImAddress = 'sip:kim@contoso.com'; GroupId = ''; GroupName = 'Project X' } |
                Remove-ImContactFromGroup -PassThru | ForEach-Object Status
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal("Removed", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void Names_the_server_would_store_are_checked_before_sending()
    {
        var result = RunConnected("""
            New-ImGroup -DisplayName ('x' * 300) -Mailbox ana@contoso.com
            New-ImGroup -DisplayName "Bad`0Name" -Mailbox ana@contoso.com
            Rename-ImGroup -GroupName 'Project X' -NewName "Tab`tName" -Mailbox ana@contoso.com
            Add-ImDistributionGroup -SmtpAddress sales@contoso.com -DisplayName "Sa`rles" -Mailbox ana@contoso.com
            """);
        Assert.Collection(result.Errors,
            e => Assert.Contains("-DisplayName is 300 characters long", e.Exception.Message),
            e => Assert.Contains("-DisplayName 'BadU+0000Name' contains U+0000", e.Exception.Message),
            e => Assert.StartsWith("InvalidNewName,", e.FullyQualifiedErrorId),
            e => Assert.Contains("U+000D", e.Exception.Message));
        Assert.Empty(Answered);
    }

    [Fact]
    public void Columns_that_match_no_parameter_are_named_once()
    {
        var result = RunConnected("""
            @(
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; 'Group Name' = 'Project X'; Notes = 'a' }
                [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = 'sip:kim@contoso.com'; 'Group Name' = 'Project X'; Notes = 'b' }
            ) | Get-ImItem | ForEach-Object { $_.Personas.Count }
            """);
        var warning = Assert.Single(result.Warnings);
        Assert.Contains("'Group Name', 'Notes' match no parameter of Get-ImItem", warning);
    }

    [Fact]
    public void Sync_and_Get_ImItemList_name_a_misspelt_column_too_and_a_cmdlet_taking_only_the_mailbox_ignores_other_columns_of_a_row_that_names_one()
    {
        var result = RunConnected("""
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; 'Group Name' = 'Project X'; ImAddress = 'sip:kim@contoso.com' } | Sync-ImContactList -WhatIf
            [pscustomobject]@{ Mailbx = 'ana@contoso.com' } | Get-ImItemList | ForEach-Object { 'read' }
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; Department = 'Sales' } | Get-ImItemList | ForEach-Object { 'read' }
            """);
        Assert.Contains("'Group Name' match no parameter of Sync-ImContactList", Assert.Single(result.Warnings));

        // A misspelt Mailbox column holds an address: the row is someone's, never the connected account's own list.
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("MailboxNotGiven,", error.FullyQualifiedErrorId);
        Assert.Contains("its Mailbx column holds the address 'ana@contoso.com'", error.ToString());
        Assert.Equal("read", Assert.Single(result.Output, o => o.ToString() == "read").ToString());
    }
}
