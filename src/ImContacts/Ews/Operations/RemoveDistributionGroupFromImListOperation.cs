using System.Linq;
using ImContacts.Model;

namespace ImContacts.Ews.Operations
{
    /// <summary>RemoveDistributionGroupFromImList: removes a distribution-group entry; contacts added to it are not touched.</summary>
    internal sealed class RemoveDistributionGroupFromImListOperation : SingleItemIdOperation
    {
        public RemoveDistributionGroupFromImListOperation(ItemId groupId)
            : base("GroupId", groupId)
        {
        }

        public override bool IsAppliedIn(ImItemList list) => list.Groups.All(g => !Id.Equals(g.GroupId));

        public override string Name => "RemoveDistributionGroupFromImList";
    }
}
