using System.Linq;
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

        public override bool IsAppliedIn(ImItemList list) => list.Groups.All(g => !g.MemberContactIds.Contains(Id));

        public override string Name => "RemoveContactFromImList";
    }
}
