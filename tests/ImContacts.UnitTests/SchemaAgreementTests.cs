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
/// ImContacts' own schema of the IM-list subset says what Microsoft's says, on that subset: it accepts every header
/// and body element the envelope builder writes and a few other valid ones, and rejects a list of deliberately broken
/// ones. With Microsoft's schema present (../shared or IMCONTACTS_EWS_SCHEMA_DIR), both must give each the same verdict.
/// </summary>
public sealed class SchemaAgreementTests(ITestOutputHelper output)
{
    private static readonly XNamespace Soap = EwsNamespaces.Soap;
    private static readonly XNamespace M = EwsNamespaces.Messages;
    private static readonly XNamespace T = EwsNamespaces.Types;
    private static readonly XNamespace HttpsM = "https://schemas.microsoft.com/exchange/services/2006/messages";
    private static readonly XNamespace HttpsT = "https://schemas.microsoft.com/exchange/services/2006/types";
    private static readonly EwsRequestHeaders Plain = new(ExchangeVersions.Default, null, null);
    private static readonly EwsRequestHeaders Full = new(ExchangeVersions.Default, "en-US", "ana@contoso.com");
    private static readonly Lazy<SchemaValidator> Own = new(SchemaValidator.Own);

    /// <summary>Every distinct header and body element the builder writes: all request shapes, every version the module can send, with and without impersonation.</summary>
    internal static IReadOnlyList<(string Case, XElement Element)> BuilderElements()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var elements = new List<(string, XElement)>();
        var headerVariants = ExchangeVersions.Supported
            .SelectMany(v => new[] { new EwsRequestHeaders(v, null, null), new EwsRequestHeaders(v, "en-US", "ana@contoso.com") })
            .Append(new EwsRequestHeaders(ExchangeVersions.Default, "de-DE", null))
            .Append(new EwsRequestHeaders(ExchangeVersions.Default, null, "kim@contoso.com"))
            .ToList();
        foreach (var row in RequestSchemaTests.Requests())
        {
            var (shape, operation) = ((string)row[0], row[1]);
            foreach (var headers in headerVariants)
            {
                var envelope = Envelope(operation, headers);
                foreach (var header in envelope.Root!.Element(Soap + "Header")!.Elements())
                {
                    Add($"header {header.Name.LocalName} ({headers.ServerVersion}{(headers.ImpersonatedSmtpAddress is null ? string.Empty : ", impersonating")})", header);
                }

                Add(shape, envelope.Root.Element(Soap + "Body")!.Elements().Single());
            }
        }

        return elements;

        void Add(string name, XElement element)
        {
            if (seen.Add(element.ToString(SaveOptions.DisableFormatting)))
            {
                elements.Add((name, element));
            }
        }
    }

    /// <summary>Valid elements the builder does not write but the schema allows: the other ways of naming an impersonated mailbox, every version name.</summary>
    internal static IReadOnlyList<(string Case, XElement Element)> OtherValidElements()
    {
        var impersonation = Header(Full, "ExchangeImpersonation");
        var list = new List<(string, XElement)>
        {
            ("ExchangeImpersonation by PrincipalName", With(impersonation, e => Sid(e).ReplaceNodes(new XElement(T + "PrincipalName", "ana@contoso.com")))),
            ("ExchangeImpersonation by SID", With(impersonation, e => Sid(e).ReplaceNodes(new XElement(T + "SID", "S-1-5-21-1-2-3-500")))),
            ("ExchangeImpersonation by PrimarySmtpAddress", With(impersonation, e => Sid(e).ReplaceNodes(new XElement(T + "PrimarySmtpAddress", "ana@contoso.com")))),
            ("MailboxCulture with a script subtag", new XElement(T + "MailboxCulture", "zh-Hant-TW")),
            ("ExtendedProperty with decimal tag 0", With(Body(new GetImItemListOperation(new[] { new ExtendedPropertyPath("0x3001:String") })), e => Property(e).SetAttributeValue("PropertyTag", "0"))),
            ("ExtendedProperty with tag 0XFFFF", With(Body(new GetImItemListOperation(new[] { new ExtendedPropertyPath("0x3001:String") })), e => Property(e).SetAttributeValue("PropertyTag", "0XFFFF"))),
        };
        foreach (var version in new[] { "Exchange2007", "Exchange2007_SP1", "Exchange2009", "Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2012" })
        {
            list.Add(($"RequestServerVersion {version}", new XElement(T + "RequestServerVersion", new XAttribute("Version", version))));
        }

        return list;
    }

    /// <summary>Deliberately broken headers and bodies, each made from what the builder writes by one change.</summary>
    internal static IReadOnlyList<(string Case, XElement Element)> BrokenElements()
    {
        var getItems = Body(new GetImItemsOperation(new[] { RequestSchemaTests.Contact }, new[] { RequestSchemaTests.Group }, new[] { new ExtendedPropertyPath("0x3001:String") }));
        var getList = Body(new GetImItemListOperation(new[] { new ExtendedPropertyPath("PublicStrings:MyProperty:String") }));
        var addContact = Body(new AddImContactToGroupOperation(RequestSchemaTests.Contact, RequestSchemaTests.Group));
        var addNew = Body(new AddNewImContactToGroupOperation("kim@contoso.com", "Kim Akers", RequestSchemaTests.Group));
        var addTel = Body(new AddNewTelUriContactToGroupOperation("tel:+14255550100", "sip:+14255550100@contoso.com;user=phone", "+1 425 555 0100", RequestSchemaTests.Group));
        var addGroup = Body(new AddImGroupOperation("Project X"));
        var setGroup = Body(new SetImGroupOperation(RequestSchemaTests.Group, "Project Y"));
        var removeGroup = Body(new RemoveImGroupOperation(RequestSchemaTests.Group));
        var removeFromGroup = Body(new RemoveImContactFromGroupOperation(RequestSchemaTests.Contact, RequestSchemaTests.Group));
        var removeContact = Body(new RemoveContactFromImListOperation(RequestSchemaTests.Contact));
        var addDl = Body(new AddDistributionGroupToImListOperation("sales@contoso.com", "Sales"));
        var version = Header(Plain, "RequestServerVersion");
        var culture = Header(Full, "MailboxCulture");
        var impersonation = Header(Full, "ExchangeImpersonation");

        return new List<(string, XElement)>
        {
            // wrong order
            ("SetImGroup: NewDisplayName before GroupId", With(setGroup, e => e.ReplaceNodes(e.Elements().Reverse().ToList()))),
            ("AddNewImContactToGroup: DisplayName before ImAddress", With(addNew, e => MoveFirstToSecond(e))),
            ("AddNewTelUriContactToGroup: ImContactSipUriAddress first", With(addTel, e => MoveFirstToSecond(e))),
            ("RemoveImContactFromGroup: GroupId before ContactId", With(removeFromGroup, e => e.ReplaceNodes(e.Elements().Reverse().ToList()))),
            ("GetImItems: GroupIds before ContactIds", With(getItems, e => MoveFirstToSecond(e))),
            ("AddDistributionGroupToImList: DisplayName before SmtpAddress", With(addDl, e => e.ReplaceNodes(e.Elements().Reverse().ToList()))),

            // missing required element
            ("AddImGroup without DisplayName", With(addGroup, e => e.RemoveNodes())),
            ("SetImGroup without NewDisplayName", With(setGroup, e => e.Element(M + "NewDisplayName")!.Remove())),
            ("RemoveImContactFromGroup without GroupId", With(removeFromGroup, e => e.Element(M + "GroupId")!.Remove())),
            ("RemoveContactFromImList without ContactId", With(removeContact, e => e.RemoveNodes())),
            ("AddDistributionGroupToImList without DisplayName", With(addDl, e => e.Element(M + "DisplayName")!.Remove())),
            ("AddNewTelUriContactToGroup without ImTelephoneNumber", With(addTel, e => e.Element(M + "ImTelephoneNumber")!.Remove())),
            ("AddImContactToGroup with only a GroupId", With(addContact, e => e.Element(M + "ContactId")!.Remove())),
            ("ExchangeImpersonation without ConnectingSID", With(impersonation, e => e.RemoveNodes())),
            ("ExchangeImpersonation with an empty ConnectingSID", With(impersonation, e => Sid(e).RemoveNodes())),

            // duplicated element
            ("RemoveImGroup with GroupId twice", With(removeGroup, e => e.Add(new XElement(e.Elements().Single())))),
            ("AddImContactToGroup with ContactId twice", With(addContact, e => e.Element(M + "ContactId")!.AddAfterSelf(new XElement(e.Element(M + "ContactId")!)))),
            ("GetImItemList with ExtendedProperties twice", With(getList, e => e.Add(new XElement(e.Elements().Single())))),
            ("AddNewImContactToGroup with DisplayName twice", With(addNew, e => e.Element(M + "DisplayName")!.AddAfterSelf(new XElement(e.Element(M + "DisplayName")!)))),
            ("ExchangeImpersonation naming the mailbox twice", With(impersonation, e => Sid(e).Add(new XElement(T + "PrincipalName", "ana@contoso.com")))),

            // empty lists where one item is the least
            ("GetImItems with an empty ContactIds", With(getItems, e => e.Element(M + "ContactIds")!.RemoveNodes())),
            ("GetImItemList with an empty ExtendedProperties", With(getList, e => e.Element(M + "ExtendedProperties")!.RemoveNodes())),

            // https:// namespaces (the documentation bug)
            ("AddImGroup in the https:// messages namespace", With(addGroup, e => e.Name = HttpsM + e.Name.LocalName)),
            ("AddImGroup with its DisplayName in the https:// namespace", With(addGroup, e => e.Elements().Single().Name = HttpsM + "DisplayName")),
            ("GetImItems with t:ItemId in the https:// namespace", With(getItems, e => e.Descendants(T + "ItemId").First().Name = HttpsT + "ItemId")),
            ("RequestServerVersion in the https:// namespace", With(version, e => e.Name = HttpsT + e.Name.LocalName)),
            ("ExchangeImpersonation with its ConnectingSID in the https:// namespace", With(impersonation, e => Sid(e).Name = HttpsT + "ConnectingSID")),

            // elements in the other EWS namespace
            ("AddImContactToGroup with t:ContactId", With(addContact, e => e.Element(M + "ContactId")!.Name = T + "ContactId")),
            ("GetImItems with m:ItemId", With(getItems, e => e.Descendants(T + "ItemId").First().Name = M + "ItemId")),
            ("GetImItemList with m:ExtendedProperty", With(getList, e => Property(e).Name = M + "ExtendedProperty")),
            ("GetImItemList with t:ExtendedProperties", With(getList, e => e.Elements().Single().Name = T + "ExtendedProperties")),
            ("AddImGroup as t:AddImGroup", With(addGroup, e => e.Name = T + "AddImGroup")),
            ("RequestServerVersion as m:RequestServerVersion", With(version, e => e.Name = M + "RequestServerVersion")),
            ("ExchangeImpersonation with m:SmtpAddress", With(impersonation, e => Sid(e).Elements().Single().Name = M + "SmtpAddress")),

            // unknown elements and attributes
            ("an unknown operation", new XElement(M + "GetImItemLists")),
            ("an unknown header", new XElement(T + "RequestServerVersions", new XAttribute("Version", "Exchange2013"))),
            ("AddImGroup with an unknown child", With(addGroup, e => e.Add(new XElement(M + "Notes", "x")))),
            ("SetImGroup with t:DisplayName added", With(setGroup, e => e.Add(new XElement(T + "DisplayName", "x")))),
            ("ExchangeImpersonation naming the mailbox by an unknown element", With(impersonation, e => Sid(e).ReplaceNodes(new XElement(T + "UserName", "ana")))),
            ("ItemId with an unknown attribute", With(removeGroup, e => e.Elements().Single().SetAttributeValue("Kind", "Group"))),
            ("ItemId with a namespace-qualified Id", With(removeGroup, e => QualifyId(e.Elements().Single()))),
            ("ItemId with text content", With(removeGroup, e => e.Elements().Single().Add("AAMk"))),
            ("ExtendedProperty with an unknown attribute", With(getList, e => Property(e).SetAttributeValue("FieldURI", "item:Subject"))),
            ("RequestServerVersion with text content", With(version, e => e.Add("Exchange2013"))),

            // missing required attribute
            ("GroupId without Id", With(removeGroup, e => e.Elements().Single().Attribute("Id")!.Remove())),
            ("t:ItemId without Id", With(getItems, e => e.Descendants(T + "ItemId").First().Attribute("Id")!.Remove())),
            ("ExtendedProperty without PropertyType", With(getList, e => Property(e).Attribute("PropertyType")!.Remove())),
            ("RequestServerVersion without Version", With(version, e => e.Attribute("Version")!.Remove())),

            // attribute values of the wrong type
            ("RequestServerVersion Exchange2019", With(version, e => e.SetAttributeValue("Version", "Exchange2019"))),
            ("RequestServerVersion exchange2013 (wrong case)", With(version, e => e.SetAttributeValue("Version", "exchange2013"))),
            ("ExtendedProperty with PropertyType Text", With(getList, e => Property(e).SetAttributeValue("PropertyType", "Text"))),
            ("ExtendedProperty with PropertyType string (wrong case)", With(getList, e => Property(e).SetAttributeValue("PropertyType", "string"))),
            ("ExtendedProperty with DistinguishedPropertySetId Contacts", With(getList, e => Property(e).SetAttributeValue("DistinguishedPropertySetId", "Contacts"))),
            ("ExtendedProperty with PropertyTag 0x12345", With(getList, e => Property(e).SetAttributeValue("PropertyTag", "0x12345"))),
            ("ExtendedProperty with PropertyTag 65536", With(getList, e => Property(e).SetAttributeValue("PropertyTag", "65536"))),
            ("ExtendedProperty with PropertyTag 3001h", With(getList, e => Property(e).SetAttributeValue("PropertyTag", "3001h"))),
            ("ExtendedProperty with a braced PropertySetId", With(getList, e => Property(e).SetAttributeValue("PropertySetId", "{00062004-0000-0000-C000-000000000046}"))),
            ("ExtendedProperty with a hex PropertyId", With(getList, e => Property(e).SetAttributeValue("PropertyId", "0x8084"))),

            // empty NonEmptyString and bad simple content
            ("AddImGroup with an empty DisplayName", With(addGroup, e => e.Elements().Single().Value = string.Empty)),
            ("AddNewImContactToGroup with an empty ImAddress", With(addNew, e => e.Element(M + "ImAddress")!.Value = string.Empty)),
            ("SetImGroup with an empty NewDisplayName", With(setGroup, e => e.Element(M + "NewDisplayName")!.Value = string.Empty)),
            ("AddDistributionGroupToImList with an empty SmtpAddress", With(addDl, e => e.Element(M + "SmtpAddress")!.Value = string.Empty)),
            ("AddNewTelUriContactToGroup with an empty TelUriAddress", With(addTel, e => e.Element(M + "TelUriAddress")!.Value = string.Empty)),
            ("ExchangeImpersonation with an empty SmtpAddress", With(impersonation, e => Sid(e).Elements().Single().Value = string.Empty)),
            ("MailboxCulture en_US", With(culture, e => e.Value = "en_US")),
            ("MailboxCulture empty", With(culture, e => e.Value = string.Empty)),
        };
    }

    [Fact]
    public void Own_schema_accepts_every_request_the_builder_writes_and_the_other_valid_shapes()
    {
        var builder = BuilderElements();
        Assert.True(builder.Count > RequestSchemaTests.Requests().Count() + ExchangeVersions.Supported.Length, $"only {builder.Count} distinct elements");
        var rejected = builder.Concat(OtherValidElements())
            .Select(c => (c.Case, Violation: Own.Value.Validate(c.Element, mustBeDeclared: true)))
            .Where(c => c.Violation is not null)
            .Select(c => $"{c.Case}: {c.Violation}")
            .ToList();
        Assert.True(rejected.Count == 0, $"{Own.Value.Description} rejects:\n" + string.Join("\n", rejected));
    }

    [Fact]
    public void Own_schema_rejects_every_broken_request()
    {
        var broken = BrokenElements();
        Assert.True(broken.Count >= 15);
        Assert.Equal(broken.Count, broken.Select(c => c.Case).Distinct().Count());
        var accepted = broken.Where(c => Own.Value.Validate(c.Element, mustBeDeclared: true) is null).Select(c => $"{c.Case}: {c.Element}").ToList();
        Assert.True(accepted.Count == 0, $"{Own.Value.Description} accepts:\n" + string.Join("\n", accepted));
    }

    [RequiresMicrosoftSchemaFact]
    public void Microsofts_schema_and_the_own_schema_give_every_shape_the_same_verdict()
    {
        var microsoft = new SchemaValidator(SharedFiles.SchemaDirectory!);
        var cases = BuilderElements().Concat(OtherValidElements()).Select(c => (c.Case, c.Element, Valid: true))
            .Concat(BrokenElements().Select(c => (c.Case, c.Element, Valid: false)))
            .ToList();
        var disagreements = new List<string>();
        foreach (var (name, element, valid) in cases)
        {
            var theirs = microsoft.Validate(element, mustBeDeclared: true);
            var ours = Own.Value.Validate(element, mustBeDeclared: true);
            if ((theirs is null) != (ours is null) || (theirs is null) != valid)
            {
                disagreements.Add($"{name} (meant to be {(valid ? "valid" : "invalid")}): Microsoft's says {theirs ?? "valid"}; ours says {ours ?? "valid"}\n  {element}");
            }
        }

        output.WriteLine($"{cases.Count} elements ({cases.Count(c => c.Valid)} valid, {cases.Count(c => !c.Valid)} broken) checked against {microsoft.Description} and {Own.Value.Description}.");
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    private static XDocument Envelope(object operation, EwsRequestHeaders headers) =>
        XDocument.Parse(Encoding.UTF8.GetString(RequestSchemaTests.Write(operation, headers)));

    private static XElement Body(object operation) => Envelope(operation, Plain).Root!.Element(Soap + "Body")!.Elements().Single();

    private static XElement Header(EwsRequestHeaders headers, string localName) =>
        Envelope(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), headers).Root!.Element(Soap + "Header")!.Element(T + localName)!;

    private static XElement With(XElement element, Action<XElement> change)
    {
        var copy = new XElement(element);
        change(copy);
        return copy;
    }

    private static XElement Sid(XElement impersonation) => impersonation.Element(T + "ConnectingSID")!;

    private static XElement Property(XElement request) => request.Descendants(T + "ExtendedProperty").First();

    private static void MoveFirstToSecond(XElement element)
    {
        var first = element.Elements().First();
        first.Remove();
        element.Elements().First().AddAfterSelf(first);
    }

    private static void QualifyId(XElement id)
    {
        var value = (string)id.Attribute("Id")!;
        id.Attribute("Id")!.Remove();
        id.SetAttributeValue(T + "Id", value);
    }
}
