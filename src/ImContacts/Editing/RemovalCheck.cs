using System.Linq;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// A removal cmdlet's row asks the run's RemovalGuard before it asks ShouldProcess (so -WhatIf shows a refusal too);
    /// a refusal fails the row, and nothing is sent for it.
    /// </summary>
    internal static class RemovalCheck
    {
        public static void Admit(IListRow row, ImListState list, int items)
        {
            if (row.Removals?.Admit(list, items) is { } refused)
            {
                throw refused;
            }
        }

        /// <summary>The items removing a contact takes from the list: its memberships (Tagged aside), at least one.</summary>
        public static int OfContact(ImListState list, KnownContact contact) => System.Math.Max(1, list.GroupsOf(contact.Id).Count(g => !g.IsTagged));

        /// <summary>The items removing a group takes: the group, and its memberships for a user group.</summary>
        public static int OfGroup(KnownGroup group) => group.IsDistributionGroup ? 1 : 1 + group.Members.Count;
    }
}
