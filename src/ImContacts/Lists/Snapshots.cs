using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>Between IM lists and snapshots: a list read becomes a snapshot; a snapshot becomes the desired state of a list.</summary>
    internal static class Snapshots
    {
        /// <summary>
        /// The snapshot of <paramref name="list"/>, telephone contacts included; <paramref name="unnamed"/> counts the
        /// contacts left out because they have no address at all, which a snapshot names contacts by.
        /// </summary>
        public static ImContactListSnapshot From(ImItemList list, string? mailbox, DateTimeOffset takenAt, string? serverVersion, out int unnamed)
        {
            var groups = list.Groups.Select(g => new ImSnapshotGroup(g.DisplayName, ImGroupKinds.Of(g.GroupType), g.SmtpAddress)).ToList();
            var contacts = new List<ImSnapshotContact>();
            unnamed = 0;

            // The groups of each member, once: a list at the limits has 1,000 contacts and as many memberships in a group.
            var groupsOf = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var group in list.Groups)
            {
                foreach (var member in group.MemberContactIds.Select(m => m.Id).Distinct(StringComparer.Ordinal))
                {
                    if (!groupsOf.TryGetValue(member, out var names))
                    {
                        groupsOf[member] = names = new List<string>();
                    }

                    names.Add(group.DisplayName);
                }
            }

            foreach (var persona in list.Personas)
            {
                if (persona.ContactId is not { } id)
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(persona.ImAddress))
                {
                    unnamed++;
                    continue;
                }

                // A telephone contact keeps its SIP URI as the list shows it, and how to create it again.
                var telephone = TelUris.OfImAddress(persona.ImAddress);
                var memberOf = groupsOf.TryGetValue(id.Id, out var names) ? names : new List<string>();
                contacts.Add(new ImSnapshotContact(ImAddresses.Bare(persona.ImAddress!), persona.DisplayName, persona.EmailAddress, memberOf, telephone?.TelUri, telephone?.Number));
            }

            return new ImContactListSnapshot(mailbox, takenAt, serverVersion, groups, contacts);
        }

        /// <summary>What <paramref name="snapshot"/> asks of the list of <paramref name="mailbox"/>.</summary>
        public static DesiredList Desired(ImContactListSnapshot snapshot, MailboxTarget mailbox)
        {
            // A version 1 snapshot left telephone contacts out: it says nothing of them, so nothing removes them.
            var desired = new DesiredList(mailbox) { KeepsTelephoneContacts = !snapshot.HoldsTelephoneContacts };
            var otherContacts = new HashSet<string>(
                snapshot.Groups.Where(g => g.Kind == ImGroupKinds.OtherContacts).Select(g => g.Name), StringComparer.OrdinalIgnoreCase);
            foreach (var group in snapshot.Groups)
            {
                desired.AddGroup(group.Kind == ImGroupKinds.OtherContacts ? null : group.Name, group.Kind, group.SmtpAddress);
            }

            foreach (var contact in snapshot.Contacts)
            {
                foreach (var group in contact.Groups)
                {
                    desired.AddMember(otherContacts.Contains(group) ? null : group, contact.ImAddress, contact.DisplayName, contact.EmailAddress, contact.TelUri, contact.TelephoneNumber);
                }
            }

            return desired;
        }
    }
}
