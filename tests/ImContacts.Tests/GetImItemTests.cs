using System.Xml.Linq;
using ImContacts.Simulator;

namespace ImContacts.Tests;

public sealed class GetImItemTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";
    private static readonly XNamespace T = ImItemXml.T;

    [Fact]
    public void GroupId_returns_the_group_and_an_ImItemList_with_a_Personas_property()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, group);
        var result = RunConnected("""
            $list = Get-ImItem -GroupId $g -Mailbox ana@contoso.com
            $list.PSObject.TypeNames[0]
            $list.Groups.Count
            $list.Groups[0].DisplayName
            $list.Groups[0].GroupType
            $list.Groups[0].MemberContactIds.Count
            $list.Groups[0].Mailbox
            $list.PSObject.Properties.Name -contains 'Personas'
            $list.Personas.Count
            (Get-ImItem -GroupId $g -Mailbox ana@contoso.com | Select-Object Personas).Personas.DisplayName
            (Get-ImItem -GroupId $g -Mailbox ana@contoso.com -IncludeMembers:$false).Personas.Count
            """, new Dictionary<string, object?> { ["g"] = group.Id });
        Assert.Empty(result.Errors);

        // The members come with the group (the server sends the group alone; one more request fetches them).
        Assert.Equal(new[] { "ImContacts.Model.ImItemList", "1", "Project X", "IPM.DistList.MOC.UserGroup", "1", Ana, "True", "1", "Kim Akers", "0" },
            result.Output.Select(o => o.ToString()));
        Assert.Equal(5, Answered.Count(r => r.Operation == "GetImItems"));
    }

    [Fact]
    public void Ids_the_server_leaves_out_are_named_in_a_warning()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var bens = Simulator.Store.SeedGroup("ben@contoso.com", "Ben's");
        var result = RunConnected("""
            (Get-ImItem -GroupId $g, $b -Mailbox ana@contoso.com).Groups.DisplayName
            """, new Dictionary<string, object?> { ["g"] = group.Id, ["b"] = bens.Id });

        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Project X" }, result.Output.Select(o => o.ToString()));
        var warning = Assert.Single(result.Warnings);
        Assert.Contains($"returned nothing for 1 of the ids asked for: group {bens.Id}", warning);
    }

    [Fact]
    public void IncludeMembers_returns_the_personas_of_the_group_with_their_im_contact_ids()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", linkedOutlookContact: true, group);
        Simulator.Store.SeedContact(Ana, "sip:lee@contoso.com", "Lee Gu");
        var result = RunConnected("""
            Get-ImItem -GroupId $g -Mailbox ana@contoso.com -IncludeMembers | ForEach-Object Personas | ForEach-Object {
                $_.DisplayName; $_.ImAddress; $_.ContactId.Id; $_.Attributions.Count; $_.Mailbox }
            """, new Dictionary<string, object?> { ["g"] = group.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Kim Akers", "sip:kim@contoso.com", kim.Id, "2", Ana }, result.Output.Select(o => o.ToString()));
        Assert.Equal(2, Answered.Count);
    }

    [Fact]
    public void Ids_from_the_pipeline_go_out_in_one_request_per_mailbox()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var contacts = Enumerable.Range(1, 5).Select(i => Simulator.Store.SeedContact(Ana, $"sip:user{i}@contoso.com", $"User {i}", false, group)).ToList();
        var benGroup = Simulator.Store.SeedGroup("ben@contoso.com", "Ben's");
        var result = RunConnected("""
            $rows = @($ids | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $_ } }) +
                    @([pscustomobject]@{ Mailbox = 'ben@contoso.com'; GroupId = $benGroup }) +
                    @([pscustomobject]@{ Mailbox = 'ana@contoso.com'; GroupId = $group })
            $rows | Get-ImItem | ForEach-Object { '{0}:{1}:{2}' -f $_.Mailbox, $_.Groups.Count, $_.Personas.Count }
            """, new Dictionary<string, object?> { ["ids"] = contacts.Select(c => c.Id).ToArray(), ["group"] = group.Id, ["benGroup"] = benGroup.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "ana@contoso.com:1:5", "ben@contoso.com:1:0" }, result.Output.Select(o => o.ToString()));

        Assert.Equal(2, Answered.Count);
        var ana = XDocument.Parse(Answered.Single(r => r.TargetMailbox == Ana).Body);
        Assert.Equal(5, ana.Descendants(T + "ItemId").Count(e => e.Parent!.Name.LocalName == "ContactIds"));
        Assert.Equal(1, ana.Descendants(T + "ItemId").Count(e => e.Parent!.Name.LocalName == "GroupIds"));
    }

    [Fact]
    public void Personas_piped_back_in_are_refreshed_in_one_request()
    {
        foreach (var name in new[] { "kim", "lee", "max" })
        {
            Simulator.Store.SeedContact(Ana, $"sip:{name}@contoso.com", name);
        }

        var result = RunConnected("""
            $list = Get-ImItemList -Mailbox ana@contoso.com
            ($list.Personas | Get-ImItem).Personas.Count
            """);
        Assert.Empty(result.Errors);
        Assert.Equal("3", result.Output.Single().ToString());
        Assert.Equal(new[] { "GetImItemList", "GetImItems" }, Answered.Select(r => r.Operation));
    }

    [Fact]
    public void ExtendedProperty_from_the_docs_example_comes_back_on_groups_and_personas()
    {
        var group = Simulator.Store.SeedGroup(Ana, "Project X");
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", false, group);
        var result = RunConnected("""
            $list = Get-ImItem -ContactId $kim -GroupId $g -Mailbox ana@contoso.com -ExtendedProperty '0x3001:String'
            $list.Groups[0].ExtendedProperties[0].Value
            $list.Personas[0].ExtendedProperties[0].Value
            $list2 = Get-ImItem -ContactId $kim -Mailbox ana@contoso.com -ExtendedProperty @{ PropertyTag = '0x3001'; PropertyType = 'String' }
            $list2.Personas[0].ExtendedProperties[0].Property.PropertyTag
            """, new Dictionary<string, object?> { ["g"] = group.Id, ["kim"] = kim.Id });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { "Project X", "Kim Akers", "0x3001" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Invalid_ExtendedProperty_is_an_invalid_invocation_naming_the_parameter()
    {
        var result = RunConnected("Get-ImItem -ContactId abc -ExtendedProperty @{ PropertyTag = '0x3001'; PropertyType = 'Text' }");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidExtendedProperty,", error.FullyQualifiedErrorId);
        Assert.Contains("-ExtendedProperty", error.Exception.Message);
        Assert.Contains("Text", error.Exception.Message);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void Unknown_ids_are_simply_absent_and_a_row_without_ids_is_an_error()
    {
        var result = RunConnected("""
            $list = Get-ImItem -ContactId 'bm90LWFuLWlk' -Mailbox ana@contoso.com
            $list.Groups.Count; $list.Personas.Count
            [pscustomobject]@{ Mailbox = 'ana@contoso.com' } | Get-ImItem
            """);
        Assert.Equal(new[] { "0", "0" }, result.Output.Select(o => o.ToString()));
        Assert.StartsWith("NoItemId,", Assert.Single(result.Errors).FullyQualifiedErrorId);
    }

    [Fact]
    public void Im_contact_is_found_by_its_flags_even_when_the_server_localizes_its_name()
    {
        var kim = Simulator.Store.SeedContact(Ana, "sip:kim@contoso.com", "Kim Akers", linkedOutlookContact: true);
        var result = Shell.Run("""
            Connect-ImService -Url $url -Credential $credential -Culture de-DE
            $p = (Get-ImItemList -Mailbox ana@contoso.com).Personas[0]
            $p.ContactId.Id
            $p.Attributions[1].DisplayName
            """, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { kim.Id, "Lync-Kontakte" }, result.Output.Select(o => o.ToString()));
    }
}
