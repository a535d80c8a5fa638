using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// Removes a contact from one group (RemoveImContactFromGroup). The server deletes a contact that leaves its last
    /// group, and takes it out of Tagged then too.
    /// </summary>
    internal sealed class RemoveMemberEdit : ListEdit<EwsResponse>
    {
        private readonly ItemId contactId;
        private readonly ItemId groupId;

        public RemoveMemberEdit(ImListState list, ItemId contactId, ItemId groupId)
            : base(list)
        {
            this.contactId = contactId;
            this.groupId = groupId;
        }

        public override EwsOperation<EwsResponse> Operation() => new RemoveImContactFromGroupOperation(contactId, groupId);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForRemoval(List, contactId, groupId);

        public override void Record(EwsResponse result)
        {
            if (List.Group(groupId) is { } group)
            {
                List.RecordRemovedFromGroup(contactId, group);
            }
        }
    }
}
