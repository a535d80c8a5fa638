using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Editing
{
    /// <summary>
    /// The group items (PDLs) the server saves for a change, read from the list as it is now (protocol reference §12,
    /// "Concurrent writes to one list"). Two requests in flight that save the same one would see one of them refused, so
    /// these are what a row claims before it sends its change. Keys name the mailbox and the group's id.
    /// </summary>
    internal static class SavedGroups
    {
        /// <summary>An add (AddImContactToGroup, AddNewImContactToGroup): the group, or Other Contacts without one.</summary>
        public static IReadOnlyCollection<string> ForAdd(ImListState list, ItemId? groupId) =>
            new[] { groupId is null ? System(list, list.OtherContacts, ImGroupTypes.OtherContacts) : Key(list, groupId) };

        /// <summary>
        /// RemoveImContactFromGroup: the group, and Tagged as well when the contact is tagged and leaves its last group.
        /// </summary>
        public static IReadOnlyCollection<string> ForRemoval(ImListState list, ItemId contactId, ItemId groupId)
        {
            var keys = new List<string> { Key(list, groupId) };
            var tagged = Tagged(list);
            var others = list.GroupsOf(contactId).Where(g => !g.IsTagged && !g.Id.Equals(groupId));
            if (tagged is not null && list.IsMember(contactId, tagged) && !others.Any())
            {
                keys.Add(Key(list, tagged.Id));
            }

            return keys;
        }

        /// <summary>RemoveContactFromImList (or its group-by-group fallback): every group that holds the contact.</summary>
        public static IReadOnlyCollection<string> ForContactRemoval(ImListState list, ItemId contactId) =>
            list.GroupsOf(contactId).Select(g => Key(list, g.Id)).ToList();

        /// <summary>SetImGroup: the group.</summary>
        public static IReadOnlyCollection<string> ForRename(ImListState list, ItemId groupId) => new[] { Key(list, groupId) };

        /// <summary>RemoveImGroup: Tagged, which the server saves before it deletes, and the group itself.</summary>
        public static IReadOnlyCollection<string> ForGroupRemoval(ImListState list, ItemId groupId) =>
            new[] { System(list, Tagged(list), ImGroupTypes.Tagged), Key(list, groupId) };

        private static KnownGroup? Tagged(ImListState list) => list.Groups.FirstOrDefault(g => g.IsTagged);

        // The server creates the system groups on every read, so the list always has them; their type stands in otherwise.
        private static string System(ImListState list, KnownGroup? group, string groupType) =>
            group is null ? Prefix(list) + groupType : Key(list, group.Id);

        private static string Key(ImListState list, ItemId groupId) => Prefix(list) + groupId.Id;

        private static string Prefix(ImListState list) => "saves " + list.Mailbox.Key + "|";
    }
}
