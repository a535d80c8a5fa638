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

        public override string Name => "RemoveDistributionGroupFromImList";
    }
}
