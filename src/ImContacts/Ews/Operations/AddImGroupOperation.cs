using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>AddImGroup: creates a user group. A name already in use (any case, any group kind) returns that group instead.</summary>
    internal sealed class AddImGroupOperation : EwsOperation<ImGroup>
    {
        private readonly string displayName;

        public AddImGroupOperation(string displayName)
        {
            this.displayName = displayName;
        }

        public override string Name => "AddImGroup";

        public override void WriteBody(XmlWriter writer) =>
            writer.WriteElementString("DisplayName", EwsNamespaces.Messages, displayName);

        public override ImGroup GetResult(EwsResponse response, MailboxTarget mailbox) =>
            response.ImGroup ?? throw new EwsFormatException($"{Name}Response succeeded but carries no ImGroup.");
    }
}
