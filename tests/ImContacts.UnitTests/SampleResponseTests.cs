using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Every response and fault in Microsoft's documented samples parses to the right result (skipped without ../shared).</summary>
public sealed class SampleResponseTests
{
    public static TheoryData<string> Responses() => Files("*.response*.xml");

    public static TheoryData<string> Faults() => Files("*.fault.*.xml");

    [RequiresSamplesTheory]
    [MemberData(nameof(Responses))]
    public async Task Schema_response_sample_gives_success_or_its_error_code(string file)
    {
        var (operation, expectedCode) = Describe(file);
        using var client = TestClients.Create(new CannedHandler(200, Read(file)));
        if (expectedCode is null)
        {
            var result = await client.InvokeAsync(new SampleOperation(operation), Mailboxes.Own, CancellationToken.None);
            Assert.Equal("Success", result.Response.ResponseClass);
            Assert.Equal("NoError", result.Response.ResponseCode);
            Assert.Equal(15, result.ServerVersion?.MajorVersion);
            Assert.Equal("Exchange2013", result.ServerVersion?.Version);
        }
        else
        {
            var error = await Assert.ThrowsAsync<EwsResponseException>(() => client.InvokeAsync(new SampleOperation(operation), Mailboxes.For("ana@contoso.com"), CancellationToken.None));
            Assert.Equal(expectedCode, error.ResponseCode);
            Assert.Equal(expectedCode, error.ErrorId);
            Assert.Equal("Error", error.ResponseClass);
            Assert.False(error.IsSoapFault);
            Assert.Equal(operation, error.Operation);
            Assert.Contains("ana@contoso.com", error.Message);
            Assert.False(string.IsNullOrWhiteSpace(error.MessageText));
            Assert.Equal(0, error.DescriptiveLinkKey);
        }
    }

    [RequiresSamplesTheory]
    [MemberData(nameof(Faults))]
    public async Task Fault_sample_gives_its_response_code(string file)
    {
        var (operation, expectedCode) = Describe(file);
        using var client = TestClients.Create(new CannedHandler(500, Read(file)));
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => client.InvokeAsync(new SampleOperation(operation), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(expectedCode, error.ResponseCode);
        Assert.True(error.IsSoapFault);
        Assert.Equal(500, error.HttpStatusCode);
    }

    [RequiresSamplesFact]
    public async Task Creating_operations_return_the_item_of_their_documented_response()
    {
        using (var client = TestClients.Create(new CannedHandler(200, Read("AddImGroup.response.xml"))))
        {
            var group = (await client.InvokeAsync(new Ews.Operations.AddImGroupOperation("Project X"), Mailboxes.Own, CancellationToken.None)).Value;
            Assert.Equal(ImGroupTypes.UserGroup, group.GroupType);
            Assert.NotNull(group.GroupId);
        }

        using (var client = TestClients.Create(new CannedHandler(200, Read("AddDistributionGroupToImList.response.xml"))))
        {
            var group = (await client.InvokeAsync(new Ews.Operations.AddDistributionGroupToImListOperation("dl@contoso.com", "DL"), Mailboxes.Own, CancellationToken.None)).Value;
            Assert.Equal(ImGroupTypes.DistributionGroup, group.GroupType);
            Assert.NotNull(group.GroupId);
        }

        using (var client = TestClients.Create(new CannedHandler(200, Read("AddNewImContactToGroup.response.xml"))))
        {
            var persona = (await client.InvokeAsync(new Ews.Operations.AddNewImContactToGroupOperation("kim@contoso.com", null, null), Mailboxes.Own, CancellationToken.None)).Value;
            Assert.False(string.IsNullOrEmpty(persona.DisplayName));
            Assert.NotNull(persona.ContactId);
        }
    }

    [RequiresSamplesFact]
    public async Task Success_without_the_item_a_creating_operation_promises_is_a_protocol_error()
    {
        using var client = TestClients.Create(new CannedHandler(200, Read("SetImGroup.response.xml").Replace("SetImGroupResponse", "AddImGroupResponse")));
        var error = await Assert.ThrowsAsync<EwsProtocolException>(() => client.InvokeAsync(new Ews.Operations.AddImGroupOperation("X"), Mailboxes.Own, CancellationToken.None));
        Assert.Contains("no ImGroup", error.Message);
    }

    [RequiresSamplesFact]
    public async Task Server_busy_fault_carries_its_back_off()
    {
        using var client = TestClients.Create(new CannedHandler(500, Read(Path.Combine("generic", "ErrorServerBusy.fault.xml"))));
        var busy = await Assert.ThrowsAsync<EwsServerBusyException>(() => client.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(297749), busy.BackOff);
        Assert.Equal("ErrorServerBusy", busy.ResponseCode);
        Assert.True(busy.IsTransient);
        Assert.Equal("The server cannot service this request right now. Try again later.", busy.MessageText);
    }

    [RequiresSamplesFact]
    public async Task Schema_validation_fault_keeps_its_details()
    {
        using var client = TestClients.Create(new CannedHandler(500, Read("AddImGroup.fault.ErrorSchemaValidation.xml")));
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => client.InvokeAsync(new SampleOperation("AddImGroup"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal("11", error.MessageXml["LineNumber"]);
        Assert.Equal("33", error.MessageXml["LinePosition"]);
        Assert.Contains("EntityName", error.MessageXml["Violation"]);
    }

    [RequiresSamplesFact]
    public async Task Non_existent_mailbox_error_keeps_its_message_xml_value()
    {
        using var client = TestClients.Create(new CannedHandler(200, Read("AddNewImContactToGroup.response.ErrorNonExistentMailbox.xml")));
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => client.InvokeAsync(new SampleOperation("AddNewImContactToGroup"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal("d5fasdadcw3d-23de-2341-8f59-b71523fsddda", error.MessageXml["MailboxGuid"]);
        Assert.Equal("No mailbox with such guid.", error.MessageText);
    }

    [RequiresSamplesFact]
    public async Task GetImItemList_sample_gives_groups_members_and_the_im_contact_of_each_persona()
    {
        var list = (await Invoke("GetImItemList.response.xml", "GetImItemList")).ImItemList!;
        Assert.Equal(new[] { "Other Contacts", "Tagged", "Favorites", "MyCustomGroup2" }, list.Groups.Select(g => g.DisplayName));
        Assert.Equal("IPM.DistList.MOC.UserGroup", list.Groups[3].GroupType);
        Assert.Equal("EgAAAA==", list.Groups[3].ChangeKey);
        Assert.Equal(2, list.Groups[3].MemberContactIds.Count);
        Assert.Empty(list.Groups[0].MemberContactIds);

        var anthony = list.Personas[0];
        Assert.Equal("Anthony Smith", anthony.DisplayName);
        Assert.Equal("tsmith@contoso.com", anthony.EmailAddress);
        Assert.Equal("tsmith@contoso.com", anthony.ImAddress);
        Assert.Equal(new DateTimeOffset(2012, 1, 12, 22, 14, 36, TimeSpan.Zero), anthony.CreationTime);

        // The IM contact is the second attribution, the one with IsQuickContact (the docs shortened the ids, so they don't match the members').
        Assert.Equal("AAMkAGQ1MjJjMTBkLTc4Y2UtNDA5Ny04/bhQoTbWAAAAAAveAAA=", anthony.ContactId!.Id);
        Assert.Equal(2, anthony.Attributions.Count);
        Assert.Equal("Terence Adams", list.Personas[1].DisplayName);
    }

    [RequiresSamplesFact]
    public async Task AddNewImContactToGroup_sample_with_Address_elements_reads_the_email_address()
    {
        var persona = (await Invoke("AddNewImContactToGroup.response.xml", "AddNewImContactToGroup")).Persona!;
        Assert.Equal("tsmith@contoso.com", persona.EmailAddress);
        Assert.Equal("Tony Smith", persona.DisplayName);
        Assert.Equal("BtF8oI7iVOQatt/bhQoTbWAAAAAAvcAAA=", persona.ContactId!.Id);
    }

    [RequiresSamplesFact]
    public async Task GetImItems_sample_reads_extended_properties_of_groups_and_personas()
    {
        var list = (await Invoke("GetImItems.response.xml", "GetImItems")).ImItemList!;
        var group = Assert.Single(list.Groups);
        var property = Assert.Single(group.ExtendedProperties);
        Assert.Equal("0x3001", property.Property.PropertyTag);
        Assert.Equal("String", property.Property.PropertyType);
        Assert.Equal("Exchange SDK Team", property.Value);
        var persona = Assert.Single(list.Personas);
        Assert.Equal("Tony Smith", Assert.Single(persona.ExtendedProperties).Value);
        Assert.Equal("AAMkADEzhQaoeGgGqm4QrAABmEhpSAAA=", persona.ContactId!.Id);
    }

    [RequiresSamplesFact]
    public async Task AddDistributionGroupToImList_sample_with_prefixed_envelope_reads_the_group()
    {
        var group = (await Invoke("AddDistributionGroupToImList.response.xml", "AddDistributionGroupToImList")).ImGroup!;
        Assert.Equal("IPM.DistList.MOC.DG", group.GroupType);
        Assert.Equal("AAMkAGQ1MjJjAA=", group.GroupId!.Id);
    }

    private static async Task<EwsResponse> Invoke(string file, string operation)
    {
        using var client = TestClients.Create(new CannedHandler(200, Read(file)));
        return (await client.InvokeAsync(new SampleOperation(operation), Mailboxes.Own, CancellationToken.None)).Value;
    }

    private static (string Operation, string? Code) Describe(string file)
    {
        var parts = Path.GetFileNameWithoutExtension(file).Split('.');
        return (parts[0], parts.Length > 2 ? parts[2] : null);
    }

    internal static string Read(string file) => File.ReadAllText(Path.Combine(SharedFiles.SamplesDirectory, file));

    private static TheoryData<string> Files(string pattern)
    {
        var data = new TheoryData<string>();
        if (!SharedFiles.HasSamples)
        {
            return data; // the theories are skipped, naming the missing folder
        }

        foreach (var file in Directory.GetFiles(SharedFiles.SamplesDirectory, pattern).Select(Path.GetFileName).Order())
        {
            data.Add(file!);
        }

        return data;
    }
}
