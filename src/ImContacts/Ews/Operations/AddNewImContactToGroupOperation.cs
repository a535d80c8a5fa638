using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>
    /// AddNewImContactToGroup: finds the Quick Contact with this IM address or creates it, then adds it to the group
    /// ("Other Contacts" when none is given). Returns its persona.
    /// </summary>
    internal sealed class AddNewImContactToGroupOperation : EwsOperation<Persona>
    {
        private readonly string imAddress;
        private readonly string? displayName;
        private readonly ItemId? groupId;

        public AddNewImContactToGroupOperation(string imAddress, string? displayName, ItemId? groupId)
        {
            this.imAddress = imAddress;
            this.displayName = displayName;
            this.groupId = groupId;
        }

        public override string Name => "AddNewImContactToGroup";

        public override void WriteBody(XmlWriter writer)
        {
            writer.WriteElementString("ImAddress", EwsNamespaces.Messages, imAddress);
            if (displayName is not null)
            {
                writer.WriteElementString("DisplayName", EwsNamespaces.Messages, displayName);
            }

            if (groupId is not null)
            {
                SoapEnvelopeWriter.WriteItemId(writer, "GroupId", EwsNamespaces.Messages, groupId);
            }
        }

        public override Persona GetResult(EwsResponse response, MailboxTarget mailbox) =>
            response.Persona ?? throw new EwsFormatException($"{Name}Response succeeded but carries no Persona.");
    }
}
