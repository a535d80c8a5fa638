using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>Between IM lists and snapshots: a list read becomes a snapshot; a snapshot becomes the desired state of a list.</summary>
    internal static class Snapshots
    {
        /// <summary>
        /// The snapshot of <paramref name="list"/>; <paramref name="unnamed"/> counts the contacts left out because they
        /// have no IM address (telephone contacts), which a snapshot names contacts by.
        /// </summary>
        public static ImContactListSnapshot From(ImItemList list, string? mailbox, DateTimeOffset takenAt, string? serverVersion, out int unnamed)
        {
            var groups = list.Groups.Select(g => new ImSnapshotGroup(g.DisplayName, ImGroupKinds.Of(g.GroupType), g.SmtpAddress)).ToList();
            var contacts = new List<ImSnapshotContact>();
            unnamed = 0;
            foreach (var persona in list.Personas)
            {
                if (persona.ContactId is not { } id)
                {
                    continue;
                }

                // A telephone contact shows its number as a SIP URI (sip:+1...;user=phone): put back as an IM address it
                // would become another kind of contact, so it is left out with the ones that have no address at all.
                if (string.IsNullOrWhiteSpace(persona.ImAddress) || persona.ImAddress!.IndexOf(";user=phone", StringComparison.OrdinalIgnoreCase) >= 0
                    || persona.ImAddress.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
                {
                    unnamed++;
                    continue;
                }

                var memberOf = list.Groups.Where(g => g.MemberContactIds.Any(m => m.Id == id.Id)).Select(g => g.DisplayName).ToList();
                contacts.Add(new ImSnapshotContact(Resolution.ImAddresses.Bare(persona.ImAddress!), persona.DisplayName, persona.EmailAddress, memberOf));
            }

            return new ImContactListSnapshot(mailbox, takenAt, serverVersion, groups, contacts);
        }

        /// <summary>What <paramref name="snapshot"/> asks of the list of <paramref name="mailbox"/>.</summary>
        public static DesiredList Desired(ImContactListSnapshot snapshot, MailboxTarget mailbox)
        {
            var desired = new DesiredList(mailbox);
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
                    desired.AddMember(otherContacts.Contains(group) ? null : group, contact.ImAddress, contact.DisplayName, contact.EmailAddress);
                }
            }

            return desired;
        }
    }
}
