using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>AddImContactToGroup: adds an existing IM contact to a group ("Other Contacts" when no group is given).</summary>
    internal sealed class AddImContactToGroupOperation : EwsOperation<EwsResponse>
    {
        private readonly ItemId contactId;
        private readonly ItemId? groupId;

        public AddImContactToGroupOperation(ItemId contactId, ItemId? groupId)
        {
            this.contactId = contactId;
            this.groupId = groupId;
        }

        public override string Name => "AddImContactToGroup";

        public override void WriteBody(XmlWriter writer)
        {
            SoapEnvelopeWriter.WriteItemId(writer, "ContactId", EwsNamespaces.Messages, contactId);
            if (groupId is not null)
            {
                SoapEnvelopeWriter.WriteItemId(writer, "GroupId", EwsNamespaces.Messages, groupId);
            }
        }

        public override EwsResponse GetResult(EwsResponse response, MailboxTarget mailbox) => response;
    }
}
