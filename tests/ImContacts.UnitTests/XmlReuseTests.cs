using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>What each thread keeps from one request to the next (its envelope writer, its answers' reader) changes nothing a request sends or reads.</summary>
public sealed class XmlReuseTests
{
    private static readonly ItemId Contact = new("AAMkContact=", "EQAAAA==");
    private static readonly ItemId Group = new("AAMkGroup=", "EgAAAA==");

    [Fact]
    public void Each_envelope_a_thread_writes_is_a_whole_document_with_its_declaration_and_nothing_of_the_one_before()
    {
        var headers = new EwsRequestHeaders("Exchange2013", null, "ana@contoso.com");
        var first = RequestSchemaTests.Write(new AddImContactToGroupOperation(Contact, Group), headers);
        var list = RequestSchemaTests.Write(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), new EwsRequestHeaders("Exchange2013", "en-US", null));
        var again = RequestSchemaTests.Write(new AddImContactToGroupOperation(Contact, Group), headers);

        Assert.Equal(first, again);
        var text = Encoding.UTF8.GetString(list);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope ", text);
        Assert.Single(Regex.Matches(text, "<soap:Envelope "));
        Assert.DoesNotContain("ana@contoso.com", text);
        Assert.DoesNotContain("AddImContactToGroup", text);
        Assert.NotEqual(0xEF, list[0]);
    }

    [Fact]
    public void An_envelope_whose_body_fails_midway_leaves_the_next_one_whole()
    {
        var headers = new EwsRequestHeaders("Exchange2013", null, null);
        Assert.Throws<ArgumentException>(() => SoapEnvelopeWriter.Write(headers, new FailingOperation()));

        var next = RequestSchemaTests.Write(new AddImContactToGroupOperation(Contact, Group), headers);
        var xml = System.Xml.Linq.XDocument.Parse(Encoding.UTF8.GetString(next));
        Assert.Equal("Envelope", xml.Root!.Name.LocalName);
        Assert.DoesNotContain("Broken", Encoding.UTF8.GetString(next));
    }

    [Fact]
    public void Answers_parsed_one_after_another_on_a_thread_read_the_same_as_the_first()
    {
        byte[] Answer(string code) => Encoding.UTF8.GetBytes(
            $"<s:Envelope xmlns:s=\"{EwsNamespaces.Soap}\"><s:Body><m:AddImGroupResponse ResponseClass=\"Error\" xmlns:m=\"{EwsNamespaces.Messages}\"><m:MessageText>x</m:MessageText><m:ResponseCode>{code}</m:ResponseCode></m:AddImGroupResponse></s:Body></s:Envelope>");
        for (var i = 0; i < 3; i++)
        {
            var envelope = EwsResponseParser.Parse(Answer("ErrorCode" + i), "AddImGroup", null);
            Assert.Equal("ErrorCode" + i, envelope.Response!.ResponseCode);
        }
    }

    // A list answer in the given encoding, its declaration naming it, indented as servers and proxies may.
    private static byte[] ListAnswer(Encoding encoding, string declared, string groupName, string personaName) => encoding.GetPreamble().Concat(encoding.GetBytes(
        $"<?xml version=\"1.0\" encoding=\"{declared}\"?>\n<s:Envelope xmlns:s=\"{EwsNamespaces.Soap}\">\n  <s:Body>\n"
        + $"    <GetImItemListResponse ResponseClass=\"Success\" xmlns=\"{EwsNamespaces.Messages}\">\n      <ResponseCode>NoError</ResponseCode>\n"
        + $"      <ImItemList>\n        <t:Groups xmlns:t=\"{EwsNamespaces.Types}\">\n          <t:ImGroup>\n            <t:DisplayName>{groupName}</t:DisplayName>\n"
        + "            <t:GroupType>ea7e5a4a-6d2a-4d2c-9b7c-1b2a9e3c1f2d</t:GroupType>\n            <t:ExchangeStoreId Id=\"AAMkGroup=\" ChangeKey=\"EgAAAA==\"/>\n"
        + "          </t:ImGroup>\n        </t:Groups>\n"
        + $"        <Personas xmlns=\"{EwsNamespaces.Types}\">\n          <Persona>\n            <PersonaId Id=\"AAMkPersona=\"/>\n"
        + $"            <DisplayName>{personaName}</DisplayName>\n            <ImAddress>sip:zoe@contoso.com</ImAddress>\n          </Persona>\n        </Personas>\n"
        + "      </ImItemList>\n    </GetImItemListResponse>\n  </s:Body>\n</s:Envelope>\n")).ToArray();

    [Theory]
    [InlineData("utf-8")]
    [InlineData("utf-16")]
    [InlineData("iso-8859-1")]
    public void An_answer_in_any_encoding_the_declaration_names_reads_the_same(string name)
    {
        var encoding = Encoding.GetEncoding(name);
        var list = EwsResponseParser.Parse(ListAnswer(encoding, name, "Équipe Zoë", " Zoë Ångström "), "GetImItemList", null).Response!.ImItemList!;

        Assert.Equal("Équipe Zoë", Assert.Single(list.Groups).DisplayName);
        var persona = Assert.Single(list.Personas);
        Assert.Equal(" Zoë Ångström ", persona.DisplayName);
        Assert.Equal("sip:zoe@contoso.com", persona.ImAddress);
        Assert.Equal("AAMkGroup=", list.Groups[0].GroupId!.Id);
    }

    [Fact]
    public void A_name_of_only_whitespace_reads_as_none_as_it_did_with_XmlReaders_own_reader()
    {
        var list = EwsResponseParser.Parse(ListAnswer(new UTF8Encoding(false), "utf-8", " \t", "\n  "), "GetImItemList", null).Response!.ImItemList!;

        Assert.Equal(string.Empty, Assert.Single(list.Groups).DisplayName);
        Assert.Null(Assert.Single(list.Personas).DisplayName);
    }

    [Fact]
    public void An_answer_that_breaks_midway_leaves_the_threads_next_answer_whole()
    {
        var whole = ListAnswer(new UTF8Encoding(false), "utf-8", "Launch", "Kim");
        var broken = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(whole).Replace("</t:ImGroup>", "</t:Group>"));

        Assert.Throws<EwsFormatException>(() => EwsResponseParser.Parse(broken, "GetImItemList", null));
        Assert.Throws<EwsFormatException>(() => EwsResponseParser.Parse(whole.Take(whole.Length / 2).ToArray(), "GetImItemList", null));
        var list = EwsResponseParser.Parse(whole, "GetImItemList", null).Response!.ImItemList!;

        Assert.Equal("Launch", Assert.Single(list.Groups).DisplayName);
        Assert.Equal("Kim", Assert.Single(list.Personas).DisplayName);
    }

    [Fact]
    public void A_DTD_is_refused_by_the_threads_reader_and_by_the_one_for_other_encodings()
    {
        foreach (var (encoding, name) in new[] { (Encoding.UTF8, "utf-8"), (Encoding.Latin1, "iso-8859-1") })
        {
            var text = $"<?xml version=\"1.0\" encoding=\"{name}\"?><!DOCTYPE s [<!ENTITY e \"boom\">]><s:Envelope xmlns:s=\"{EwsNamespaces.Soap}\"><s:Body>&e;</s:Body></s:Envelope>";
            var failure = Assert.Throws<EwsFormatException>(() => EwsResponseParser.Parse(encoding.GetBytes(text), "GetImItemList", null));
            Assert.IsAssignableFrom<XmlException>(failure.InnerException);
            Assert.DoesNotContain("boom", failure.Message);
        }
    }

    private sealed class FailingOperation : EwsOperation<EwsResponse>
    {
        public override string Name => "AddImGroup";

        public override void WriteBody(XmlWriter writer)
        {
            writer.WriteStartElement("Broken", EwsNamespaces.Messages);
            throw new ArgumentException("the body could not be written");
        }

        public override EwsResponse GetResult(EwsResponse response, MailboxTarget mailbox) => response;
    }
}
