using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>RemoveContactFromImList: removes a contact from every group and deletes it.</summary>
    internal sealed class RemoveContactFromImListOperation : SingleItemIdOperation
    {
        public RemoveContactFromImListOperation(ItemId contactId)
            : base("ContactId", contactId)
        {
        }

        public override string Name => "RemoveContactFromImList";
    }
}
