using System.Linq;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>RemoveImGroup: removes a user group; members in no other group (Tagged not counting) are deleted with it.</summary>
    internal sealed class RemoveImGroupOperation : SingleItemIdOperation
    {
        public RemoveImGroupOperation(ItemId groupId)
            : base("GroupId", groupId)
        {
        }

        public override bool IsAppliedIn(ImItemList list) => list.Groups.All(g => !Id.Equals(g.GroupId));

        public override string Name => "RemoveImGroup";
    }
}
