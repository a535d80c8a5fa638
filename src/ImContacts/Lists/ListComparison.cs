using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// What two states of one mailbox's list do not share, by names and addresses as snapshots hold them (any case):
    /// groups and distribution groups, contacts, and the memberships of the contacts both have. Nothing for lists that
    /// match. Telephone contacts are compared only when both states could hold them (format version 2).
    /// </summary>
    internal static class ListComparison
    {
        public static IEnumerable<ImListDifference> Compare(string? mailbox, ImContactListSnapshot reference, ImContactListSnapshot difference)
        {
            var phones = reference.HoldsTelephoneContacts && difference.HoldsTelephoneContacts;
            var differences = new List<ImListDifference>();

            var referenceGroups = Groups(reference);
            var differenceGroups = Groups(difference);
            foreach (var (side, mine, theirs) in Sides(referenceGroups, differenceGroups))
            {
                foreach (var group in mine.Where(g => !theirs.ContainsKey(g.Key)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Value))
                {
                    var isDistributionGroup = group.Kind == ImGroupKinds.DistributionGroup;
                    differences.Add(new ImListDifference(mailbox, side, isDistributionGroup ? ImListItemKind.DistributionGroup : ImListItemKind.Group,
                        isDistributionGroup && group.SmtpAddress is not null ? $"{group.Name} <{group.SmtpAddress}>" : group.Name, null));
                }
            }

            var referenceContacts = Contacts(reference, phones);
            var differenceContacts = Contacts(difference, phones);
            foreach (var (side, mine, theirs) in Sides(referenceContacts, differenceContacts))
            {
                foreach (var contact in mine.Keys.Where(k => !theirs.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal))
                {
                    differences.Add(new ImListDifference(mailbox, side, ImListItemKind.Contact, null, mine[contact].ImAddress));
                }
            }

            foreach (var address in referenceContacts.Keys.Where(differenceContacts.ContainsKey).OrderBy(k => k, StringComparer.Ordinal))
            {
                var inReference = new HashSet<string>(referenceContacts[address].Groups, StringComparer.OrdinalIgnoreCase);
                var inDifference = new HashSet<string>(differenceContacts[address].Groups, StringComparer.OrdinalIgnoreCase);
                foreach (var (side, mine, theirs) in new[] { (ImListSide.Reference, inReference, inDifference), (ImListSide.Difference, inDifference, inReference) })
                {
                    foreach (var group in mine.Where(g => !theirs.Contains(g)).OrderBy(g => g, StringComparer.OrdinalIgnoreCase))
                    {
                        differences.Add(new ImListDifference(mailbox, side, ImListItemKind.Membership, group, referenceContacts[address].ImAddress));
                    }
                }
            }

            return differences;
        }

        private static IEnumerable<(ImListSide Side, Dictionary<string, T> Mine, Dictionary<string, T> Theirs)> Sides<T>(Dictionary<string, T> reference, Dictionary<string, T> difference) =>
            new[] { (ImListSide.Reference, reference, difference), (ImListSide.Difference, difference, reference) };

        // A distribution group is the same entry by its address, whatever it is called; any other group by its name.
        private static Dictionary<string, ImSnapshotGroup> Groups(ImContactListSnapshot snapshot)
        {
            var groups = new Dictionary<string, ImSnapshotGroup>(StringComparer.Ordinal);
            foreach (var group in snapshot.Groups)
            {
                var key = group.Kind == ImGroupKinds.DistributionGroup && group.SmtpAddress is { } smtp
                    ? "dg " + smtp.Trim().ToLowerInvariant()
                    : "group " + group.Name.Trim().ToLowerInvariant();
                groups[key] = group;
            }

            return groups;
        }

        private static Dictionary<string, ImSnapshotContact> Contacts(ImContactListSnapshot snapshot, bool phones)
        {
            var contacts = new Dictionary<string, ImSnapshotContact>(StringComparer.Ordinal);
            foreach (var contact in snapshot.Contacts)
            {
                if (phones || !(contact.IsTelephone || TelUris.OfImAddress(contact.ImAddress) is not null))
                {
                    contacts[ImAddresses.Bare(contact.ImAddress).ToLowerInvariant()] = contact;
                }
            }

            return contacts;
        }
    }
}
