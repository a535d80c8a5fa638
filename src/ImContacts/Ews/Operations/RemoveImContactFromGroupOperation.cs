using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>RemoveImContactFromGroup: removes one contact from one group; the server deletes it when that was its last group.</summary>
    internal sealed class RemoveImContactFromGroupOperation : EwsOperation<EwsResponse>
    {
        private readonly ItemId contactId;
        private readonly ItemId groupId;

        public RemoveImContactFromGroupOperation(ItemId contactId, ItemId groupId)
        {
            this.contactId = contactId;
            this.groupId = groupId;
        }

        public override string Name => "RemoveImContactFromGroup";

        public override void WriteBody(XmlWriter writer)
        {
            SoapEnvelopeWriter.WriteItemId(writer, "ContactId", EwsNamespaces.Messages, contactId);
            SoapEnvelopeWriter.WriteItemId(writer, "GroupId", EwsNamespaces.Messages, groupId);
        }

        public override EwsResponse GetResult(EwsResponse response, string? mailbox) => response;
    }
}
