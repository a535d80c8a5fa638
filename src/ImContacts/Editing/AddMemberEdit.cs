using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Adds a contact of the list to a group, or to Other Contacts without one (AddImContactToGroup).</summary>
    internal sealed class AddMemberEdit : ListEdit<EwsResponse>
    {
        private readonly ItemId contactId;
        private readonly ItemId? groupId;

        public AddMemberEdit(ImListState list, ItemId contactId, ItemId? groupId)
            : base(list)
        {
            this.contactId = contactId;
            this.groupId = groupId;
        }

        public override EwsOperation<EwsResponse> Operation() => new AddImContactToGroupOperation(contactId, groupId);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForAdd(List, groupId);

        public override void Record(EwsResponse result) => List.RecordAdded(contactId, TargetGroup(List, groupId));

        /// <summary>The group an add puts its contact in, as the list knows it: Other Contacts without an id (and, as ImListState takes null, for an id it does not show).</summary>
        internal static KnownGroup? TargetGroup(ImListState list, ItemId? groupId) => groupId is null ? list.OtherContacts : list.Group(groupId);
    }
}
