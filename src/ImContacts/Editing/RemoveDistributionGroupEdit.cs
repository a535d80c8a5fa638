using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Removes a distribution-group entry from the list (RemoveDistributionGroupFromImList); it saves that entry only.</summary>
    internal sealed class RemoveDistributionGroupEdit : ListEdit<EwsResponse>
    {
        private readonly KnownGroup group;

        public RemoveDistributionGroupEdit(ImListState list, KnownGroup group)
            : base(list)
        {
            this.group = group;
        }

        public override EwsOperation<EwsResponse> Operation() => new RemoveDistributionGroupFromImListOperation(group.Id);

        // The entry is deleted, not saved: nothing else conflicts with it; claiming it keeps two removals of one entry apart.
        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForRename(List, group.Id);

        public override void Record(EwsResponse result) => List.RecordGroupRemoved(group);
    }
}
