using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>AddDistributionGroupToImList: adds a distribution-group entry. The schema requires both the address and a name.</summary>
    internal sealed class AddDistributionGroupToImListOperation : EwsOperation<ImGroup>
    {
        private readonly string smtpAddress;
        private readonly string displayName;

        public AddDistributionGroupToImListOperation(string smtpAddress, string displayName)
        {
            this.smtpAddress = smtpAddress;
            this.displayName = displayName;
        }

        public override string Name => "AddDistributionGroupToImList";

        public override void WriteBody(XmlWriter writer)
        {
            writer.WriteElementString("SmtpAddress", EwsNamespaces.Messages, smtpAddress);
            writer.WriteElementString("DisplayName", EwsNamespaces.Messages, displayName);
        }

        public override ImGroup GetResult(EwsResponse response, MailboxTarget mailbox) =>
            response.ImGroup ?? throw new EwsFormatException($"{Name}Response succeeded but carries no ImGroup.");
    }
}
