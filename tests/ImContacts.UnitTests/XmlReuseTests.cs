using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>What each thread keeps from one request to the next (its envelope writer, its answers' name table) changes nothing a request sends or reads.</summary>
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
    public void The_threads_name_table_keeps_names_across_answers_and_starts_afresh_past_its_bound()
    {
        var table = ThreadNameTable.Current;
        table.BeforeAnswer();
        var kept = table.Add("ResponseCode");
        table.BeforeAnswer();
        Assert.Same(kept, table.Get("ResponseCode"));

        // A server sending ever new names: the table is bounded, between answers.
        for (var i = 0; i < 5000; i++)
        {
            table.Add("name" + i);
        }

        Assert.NotNull(table.Get("name0"));
        table.BeforeAnswer();
        Assert.Null(table.Get("name0"));
        Assert.Null(table.Get("ResponseCode"));
        Assert.Same(table, ThreadNameTable.Current);
    }

    [Fact]
    public void Answers_parsed_one_after_another_on_a_thread_read_the_same_as_the_first()
    {
        byte[] Answer(string code) => Encoding.UTF8.GetBytes(
            $"<s:Envelope xmlns:s=\"{EwsNamespaces.Soap}\"><s:Body><m:AddImGroupResponse ResponseClass=\"Error\" xmlns:m=\"{EwsNamespaces.Messages}\"><m:MessageText>x</m:MessageText><m:ResponseCode>{code}</m:ResponseCode></m:AddImGroupResponse></s:Body></s:Envelope>");
        for (var i = 0; i < 3; i++)
        {
            using var body = new MemoryStream(Answer("ErrorCode" + i));
            var envelope = EwsResponseParser.Parse(body, "AddImGroup", null);
            Assert.Equal("ErrorCode" + i, envelope.Response!.ResponseCode);
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
