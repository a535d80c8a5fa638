using System.Xml;
using ImContacts.Ews;
using ImContacts.Model;

namespace ImContacts.UnitTests;

/// <summary>Any operation by name, returning the parsed response: lets the client read every documented sample.</summary>
internal sealed class SampleOperation : EwsOperation<EwsResponse>
{
    public SampleOperation(string name)
    {
        Name = name;
    }

    public override string Name { get; }

    public override void WriteBody(XmlWriter writer)
    {
    }

    public override EwsResponse GetResult(EwsResponse response, MailboxTarget mailbox) => response;
}
