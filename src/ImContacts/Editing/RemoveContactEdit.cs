using System.Collections.Generic;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>Removes a contact from the whole list, from every group it is in (RemoveContactFromImList); see ContactRemover for the fallback.</summary>
    internal sealed class RemoveContactEdit : ListEdit<EwsResponse>
    {
        private readonly ItemId contactId;

        public RemoveContactEdit(ImListState list, ItemId contactId)
            : base(list)
        {
            this.contactId = contactId;
        }

        public override EwsOperation<EwsResponse> Operation() => new RemoveContactFromImListOperation(contactId);

        public override IReadOnlyCollection<string> Saves() => SavedGroups.ForContactRemoval(List, contactId);

        public override void Record(EwsResponse result) => List.RecordContactRemoved(contactId);
    }
}
