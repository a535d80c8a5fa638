using System.Xml;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>AddNewTelUriContactToGroup: the telephone form of AddNewImContactToGroup (find-or-create keyed on the tel: URI).</summary>
    internal sealed class AddNewTelUriContactToGroupOperation : EwsOperation<Persona>
    {
        private readonly string telUri;
        private readonly string sipUri;
        private readonly string telephoneNumber;
        private readonly ItemId? groupId;

        public AddNewTelUriContactToGroupOperation(string telUri, string sipUri, string telephoneNumber, ItemId? groupId)
        {
            this.telUri = telUri;
            this.sipUri = sipUri;
            this.telephoneNumber = telephoneNumber;
            this.groupId = groupId;
        }

        public override string Name => "AddNewTelUriContactToGroup";

        public override void WriteBody(XmlWriter writer)
        {
            writer.WriteElementString("TelUriAddress", EwsNamespaces.Messages, telUri);
            writer.WriteElementString("ImContactSipUriAddress", EwsNamespaces.Messages, sipUri);
            writer.WriteElementString("ImTelephoneNumber", EwsNamespaces.Messages, telephoneNumber);
            if (groupId is not null)
            {
                SoapEnvelopeWriter.WriteItemId(writer, "GroupId", EwsNamespaces.Messages, groupId);
            }
        }

        public override Persona GetResult(EwsResponse response, MailboxTarget mailbox) =>
            response.Persona ?? throw new EwsFormatException($"{Name}Response succeeded but carries no Persona.");
    }
}
