using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Creates a contact from an IM address in a group, or in Other Contacts without one (AddNewImContactToGroup). The
    /// server reuses a contact the list already has for the address, and answers with its persona either way.
    /// </summary>
    internal sealed class CreateContactEdit : ListEdit<Persona>
    {
        private readonly string imAddress;
        private readonly string? displayName;
        private readonly ItemId? groupId;

        public CreateContactEdit(ImListState list, string imAddress, string? displayName, ItemId? groupId)
            : base(list)
        {
            this.imAddress = ImAddresses.Bare(imAddress);
            this.displayName = displayName;
            this.groupId = groupId;
        }

        public override EwsOperation<Persona> Operation() => new AddNewImContactToGroupOperation(imAddress, displayName, groupId);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForAdd(List, groupId);

        public override void Record(Persona result) => List.RecordCreated(result, AddMemberEdit.TargetGroup(List, groupId));
    }
}
