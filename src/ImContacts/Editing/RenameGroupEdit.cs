using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Renames a user group (SetImGroup).</summary>
    internal sealed class RenameGroupEdit : ListEdit<EwsResponse>
    {
        private readonly ItemId groupId;
        private readonly string newName;

        public RenameGroupEdit(ImListState list, ItemId groupId, string newName)
            : base(list)
        {
            this.groupId = groupId;
            this.newName = newName;
        }

        public override EwsOperation<EwsResponse> Operation() => new SetImGroupOperation(groupId, newName);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForRename(List, groupId);

        public override void Record(EwsResponse result)
        {
            if (List.Group(groupId) is { } group)
            {
                group.DisplayName = newName;
            }
        }
    }
}
