using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Creates a telephone contact in a group, or in Other Contacts without one (AddNewTelUriContactToGroup).</summary>
    internal sealed class CreateTelephoneContactEdit : ListEdit<Persona>
    {
        private readonly string telUri;
        private readonly string sipUri;
        private readonly string telephoneNumber;
        private readonly ItemId? groupId;

        public CreateTelephoneContactEdit(ImListState list, string telUri, string sipUri, string telephoneNumber, ItemId? groupId)
            : base(list)
        {
            this.telUri = telUri.Trim();
            this.sipUri = sipUri.Trim();
            this.telephoneNumber = telephoneNumber.Trim();
            this.groupId = groupId;
        }

        public override EwsOperation<Persona> Operation() => new AddNewTelUriContactToGroupOperation(telUri, sipUri, telephoneNumber, groupId);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForAdd(List, groupId);

        public override void Record(Persona result) => List.RecordCreated(result, AddMemberEdit.TargetGroup(List, groupId));
    }
}
