using System;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>An IM group id given as a string, an ItemId, or an ImGroup (its GroupId).</summary>
    public sealed class GroupIdParameter : ItemIdParameter
    {
        public GroupIdParameter(string id)
            : base(id, "GroupId")
        {
        }

        public GroupIdParameter(ItemId id)
            : base(id)
        {
        }

        public GroupIdParameter(ImGroup group)
            : base(group?.GroupId ?? throw new ArgumentException($"Group '{group}' has no ExchangeStoreId, so it cannot be addressed."))
        {
        }
    }
}
