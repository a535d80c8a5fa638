using System;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>An IM group id given as a string, an ItemId, or an ImGroup (its GroupId).</summary>
    public sealed class GroupIdParameter
    {
        public GroupIdParameter(string id)
        {
            Id = new ItemId(id ?? string.Empty);
        }

        public GroupIdParameter(ItemId id)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
        }

        public GroupIdParameter(ImGroup group)
        {
            Id = group?.GroupId ?? throw new ArgumentException($"Group '{group}' has no ExchangeStoreId, so it cannot be addressed.");
        }

        public ItemId Id { get; }

        public override string ToString() => Id.Id;
    }
}
