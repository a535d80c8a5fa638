using System.Linq;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>RemoveImContactFromGroup: removes one contact from one group; the server deletes it when that was its last group.</summary>
    internal sealed class RemoveImContactFromGroupOperation : EwsChangeOperation
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

        public override bool IsAppliedIn(ImItemList list) =>
            list.Groups.All(g => !groupId.Equals(g.GroupId) || !g.MemberContactIds.Contains(contactId));
    }
}
