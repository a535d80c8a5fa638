using System.Text;
using System.Xml.Linq;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Simulator;
using ImContacts.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ImContacts.UnitTests;

/// <summary>
/// Every request shape the envelope builder can produce validates against Microsoft's EWS schema when it is found
/// (IMCONTACTS_EWS_SCHEMA_DIR or ../shared/ews-schema), and against ImContacts' own schema of the subset otherwise.
/// </summary>
public sealed class RequestSchemaTests(ITestOutputHelper output)
{
    /// <summary>Microsoft's schema when found, ImContacts' own otherwise (see SchemaAgreementTests for why both agree).</summary>
    internal static readonly Lazy<SchemaValidator> Validator = new(() => SchemaValidator.For(SharedFiles.SchemaDirectory));
    private static readonly XNamespace Soap = "http://schemas.xmlsoap.org/soap/envelope/";

    internal static readonly ItemId Contact = new("AAMkAGQ1MjJjMTBkLTc4Y2AA=", "EQAAABYAAABtF8oI7i");
    internal static readonly ItemId Group = new("AAMkAGQ1MjJjMTBkzzAAAQKAAA=", "EgAAAA==");
    internal static readonly ItemId Bare = new("AAMkADEzOTExYACABmEhpSAAA=");

    public static TheoryData<string, object> Requests() => new()
    {
        { "AddImContactToGroup with group", new AddImContactToGroupOperation(Contact, Group) },
        { "AddImContactToGroup without group", new AddImContactToGroupOperation(Contact, null) },
        { "AddImContactToGroup without change keys", new AddImContactToGroupOperation(Bare, Bare) },
        { "GetImItems contacts only", new GetImItemsOperation(new[] { Contact, Bare }, Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyPath>()) },
        { "GetImItems groups only", new GetImItemsOperation(Array.Empty<ItemId>(), new[] { Group }, Array.Empty<ExtendedPropertyPath>()) },
        { "GetImItems docs example", new GetImItemsOperation(new[] { Contact }, new[] { Group }, new[] { new ExtendedPropertyPath("0x3001:String") }) },
        { "GetImItems named properties", new GetImItemsOperation(new[] { Contact }, Array.Empty<ItemId>(), new[]
            {
                new ExtendedPropertyPath("PublicStrings:MyProperty:String"),
                new ExtendedPropertyPath("{00062004-0000-0000-C000-000000000046}:0x8084:StringArray"),
                new ExtendedPropertyPath("12289:string"),
            }) },
        { "GetImItems nothing", new GetImItemsOperation(Array.Empty<ItemId>(), Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyPath>()) },
        { "GetImItemList", new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()) },
        { "GetImItemList with property", new GetImItemListOperation(new[] { new ExtendedPropertyPath("0x3001:String") }) },
        { "ids with XML-special characters", new AddImContactToGroupOperation(new ItemId("a&b<c>\"d'=", "k&\""), new ItemId("]]>")) },
        { "AddNewImContactToGroup full", new AddNewImContactToGroupOperation("kim@contoso.com", "Kim Akers", Group) },
        { "AddNewImContactToGroup address only", new AddNewImContactToGroupOperation("kim@contoso.com", null, null) },
        { "AddNewTelUriContactToGroup", new AddNewTelUriContactToGroupOperation("tel:+14255550100", "sip:+14255550100@contoso.com;user=phone", "+1 425 555 0100", Group) },
        { "AddNewTelUriContactToGroup without group", new AddNewTelUriContactToGroupOperation("tel:+1", "sip:+1@contoso.com", "+1", null) },
        { "AddImGroup", new AddImGroupOperation("Project X") },
        { "AddImGroup with XML-special characters", new AddImGroupOperation("R&D <EMEA> \"a\" 'b' ]]>") },
        { "SetImGroup", new SetImGroupOperation(Group, "Project Y") },
        { "RemoveImGroup", new RemoveImGroupOperation(Group) },
        { "RemoveImContactFromGroup", new RemoveImContactFromGroupOperation(Contact, Group) },
        { "RemoveImContactFromGroup without change keys", new RemoveImContactFromGroupOperation(Bare, Bare) },
        { "RemoveContactFromImList", new RemoveContactFromImListOperation(Contact) },
        { "AddDistributionGroupToImList", new AddDistributionGroupToImListOperation("sales@contoso.com", "Sales") },
        { "RemoveDistributionGroupFromImList", new RemoveDistributionGroupFromImListOperation(Group) },
    };

    [Fact]
    public void Every_IM_list_operation_has_a_request_shape_under_test()
    {
        var tested = Requests().Select(row => ((dynamic)row[1]).Name as string).Distinct().Order(StringComparer.Ordinal);
        // GetTypes would load the cmdlets' System.Management.Automation, which this test host does not have.
        Type[] types;
        try
        {
            types = typeof(EwsOperation<>).Assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException partial)
        {
            types = partial.Types.OfType<Type>().ToArray();
        }

        var all = types
            .Where(t => InOperationsNamespace(t) && !t.IsAbstract && t.Name.EndsWith("Operation", StringComparison.Ordinal))
            .Select(t => t.Name[..^"Operation".Length]).Order(StringComparer.Ordinal);
        Assert.Equal(all, tested);
        Assert.Equal(12, all.Count());
    }

    private static bool InOperationsNamespace(Type type)
    {
        try
        {
            return type.Namespace == "ImContacts.Ews.Operations";
        }
        catch (FileNotFoundException)
        {
            return false; // nested in a cmdlet
        }
    }

    [Fact]
    public void Text_is_escaped_by_the_writer_and_arrives_intact()
    {
        const string name = "R&D <EMEA> \"a\" 'b' ]]>";
        var xml = XDocument.Parse(Encoding.UTF8.GetString(Write(new AddImGroupOperation(name), new EwsRequestHeaders("Exchange2013", null, null))));
        Assert.Equal(name, xml.Descendants((XNamespace)EwsNamespaces.Messages + "DisplayName").Single().Value);
    }

    [Fact]
    public void Element_order_follows_the_schema_sequences()
    {
        XNamespace m = EwsNamespaces.Messages;
        Assert.Equal(new[] { "ImAddress", "DisplayName", "GroupId" }, BodyOf(new AddNewImContactToGroupOperation("a@b.c", "A", Group)));
        Assert.Equal(new[] { "TelUriAddress", "ImContactSipUriAddress", "ImTelephoneNumber", "GroupId" }, BodyOf(new AddNewTelUriContactToGroupOperation("tel:1", "sip:1@b.c", "1", Group)));
        Assert.Equal(new[] { "GroupId", "NewDisplayName" }, BodyOf(new SetImGroupOperation(Group, "N")));
        Assert.Equal(new[] { "ContactId", "GroupId" }, BodyOf(new RemoveImContactFromGroupOperation(Contact, Group)));
        Assert.Equal(new[] { "SmtpAddress", "DisplayName" }, BodyOf(new AddDistributionGroupToImListOperation("dl@b.c", "DL")));
        Assert.Equal(new[] { "ContactId" }, BodyOf(new RemoveContactFromImListOperation(Contact)));
        Assert.Equal(new[] { "GroupId" }, BodyOf(new RemoveDistributionGroupFromImListOperation(Group)));
    }

    private static IEnumerable<string> BodyOf(object operation) =>
        XDocument.Parse(Encoding.UTF8.GetString(Write(operation, new EwsRequestHeaders("Exchange2013", null, null))))
            .Root!.Element(Soap + "Body")!.Elements().Single().Elements().Select(e => e.Name.LocalName).ToList();

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_validates_against_the_schema_with_every_header_combination(string shape, object operation)
    {
        output.WriteLine($"Validating against {Validator.Value.Description}.");
        foreach (var headers in new[]
                 {
                     new EwsRequestHeaders("Exchange2013", null, null),
                     new EwsRequestHeaders("Exchange2013", "en-US", "ana@contoso.com"),
                     new EwsRequestHeaders("V2018_01_08", "de-DE", null),
                 })
        {
            var envelope = XDocument.Parse(Encoding.UTF8.GetString(Write(operation, headers)));
            Assert.Equal(Soap + "Envelope", envelope.Root!.Name);
            var header = envelope.Root.Element(Soap + "Header")!;
            var body = envelope.Root.Element(Soap + "Body")!.Elements().Single();
            foreach (var element in header.Elements().Append(body))
            {
                var violation = Validator.Value.Validate(element, mustBeDeclared: true);
                Assert.True(violation is null, $"{shape}: {element.Name.LocalName} is invalid against {Validator.Value.Description}: {violation}");
            }

            Assert.Equal(headers.ImpersonatedSmtpAddress is not null, header.Element((XNamespace)EwsNamespaces.Types + "ExchangeImpersonation") is not null);
        }
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public void Request_uses_only_the_http_namespaces(string shape, object operation)
    {
        var xml = Encoding.UTF8.GetString(Write(operation, new EwsRequestHeaders("Exchange2013", "en-US", "ana@contoso.com")));
        Assert.DoesNotContain("https://schemas.microsoft.com", xml);
        var names = XDocument.Parse(xml).Descendants().Select(e => e.Name.NamespaceName).Distinct().ToList();
        Assert.All(names, ns => Assert.Contains(ns, new[] { EwsNamespaces.Soap, EwsNamespaces.Messages, EwsNamespaces.Types }));
        Assert.False(string.IsNullOrEmpty(shape));
    }

    [Fact]
    public void Element_namespaces_are_those_the_schema_declares()
    {
        var xml = XDocument.Parse(Encoding.UTF8.GetString(Write(
            new GetImItemsOperation(new[] { Contact }, new[] { Group }, new[] { new ExtendedPropertyPath("0x3001:String") }),
            new EwsRequestHeaders("Exchange2013", null, "ana@contoso.com"))));
        XNamespace m = EwsNamespaces.Messages, t = EwsNamespaces.Types;
        var body = xml.Descendants(m + "GetImItems").Single();
        Assert.Equal(new XName[] { m + "ContactIds", m + "GroupIds", m + "ExtendedProperties" }, body.Elements().Select(e => e.Name));
        Assert.Equal(t + "ItemId", body.Element(m + "ContactIds")!.Elements().Single().Name);
        Assert.Equal(t + "ExtendedProperty", body.Element(m + "ExtendedProperties")!.Elements().Single().Name);
        Assert.Equal("ana@contoso.com", xml.Descendants(t + "SmtpAddress").Single().Value);

        var add = XDocument.Parse(Encoding.UTF8.GetString(Write(new AddImContactToGroupOperation(Contact, Group), new EwsRequestHeaders("Exchange2013", null, null))));
        var request = add.Descendants(m + "AddImContactToGroup").Single();
        Assert.Equal(new XName[] { m + "ContactId", m + "GroupId" }, request.Elements().Select(e => e.Name));
        Assert.Equal(Contact.ChangeKey, (string?)request.Element(m + "ContactId")!.Attribute("ChangeKey"));
    }

    internal static byte[] Write(object operation, EwsRequestHeaders headers) => operation switch
    {
        EwsOperation<EwsResponse> o => SoapEnvelopeWriter.Write(headers, o),
        EwsOperation<ImItemList> o => SoapEnvelopeWriter.Write(headers, o),
        EwsOperation<ImGroup> o => SoapEnvelopeWriter.Write(headers, o),
        EwsOperation<Persona> o => SoapEnvelopeWriter.Write(headers, o),
        _ => throw new ArgumentException(operation.GetType().Name),
    };
}
