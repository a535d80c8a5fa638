using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Removes a user group (RemoveImGroup); its members that are in no other group leave the list with it.</summary>
    internal sealed class RemoveGroupEdit : ListEdit<EwsResponse>
    {
        private readonly KnownGroup group;

        public RemoveGroupEdit(ImListState list, KnownGroup group)
            : base(list)
        {
            this.group = group;
        }

        public override EwsOperation<EwsResponse> Operation() => new RemoveImGroupOperation(group.Id);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForGroupRemoval(List, group.Id);

        public override void Record(EwsResponse result) => List.RecordGroupRemoved(group);
    }
}
