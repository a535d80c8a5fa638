using System.Linq;
using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>SetImGroup: renames a user group.</summary>
    internal sealed class SetImGroupOperation : EwsChangeOperation
    {
        private readonly ItemId groupId;
        private readonly string newDisplayName;

        public SetImGroupOperation(ItemId groupId, string newDisplayName)
        {
            this.groupId = groupId;
            this.newDisplayName = newDisplayName;
        }

        public override string Name => "SetImGroup";

        public override void WriteBody(XmlWriter writer)
        {
            SoapEnvelopeWriter.WriteItemId(writer, "GroupId", EwsNamespaces.Messages, groupId);
            writer.WriteElementString("NewDisplayName", EwsNamespaces.Messages, newDisplayName);
        }

        public override bool IsAppliedIn(ImItemList list) =>
            list.Groups.Any(g => groupId.Equals(g.GroupId) && g.DisplayName == newDisplayName);
    }
}
