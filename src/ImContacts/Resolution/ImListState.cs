using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// One mailbox's IM list as this pipeline knows it: read once, then kept current with the server's rules (protocol
    /// reference §12) as the pipeline changes it, so later rows resolve names and decide against the list as it is now.
    /// </summary>
    internal sealed class ImListState
    {
        private const int NamesInMessages = 12;

        private readonly List<KnownGroup> groups;
        private readonly Dictionary<ItemId, KnownContact> contacts;

        // Contacts by bare IM address (any case): a row resolves its address without going through up to 1,000 contacts.
        private readonly Dictionary<string, List<KnownContact>> byAddress = new Dictionary<string, List<KnownContact>>(StringComparer.OrdinalIgnoreCase);

        public ImListState(ImItemList list, MailboxTarget mailbox)
        {
            Mailbox = mailbox;
            groups = list.Groups.Where(g => g.GroupId is not null).Select(g => new KnownGroup(g, g.GroupId!)).ToList();
            contacts = new Dictionary<ItemId, KnownContact>();
            foreach (var persona in list.Personas)
            {
                if (persona.ContactId is { } id && !contacts.ContainsKey(id))
                {
                    Keep(new KnownContact(id, persona));
                }
            }
        }

        /// <summary>Whose list it is, as the row that read it was bound.</summary>
        public MailboxTarget Mailbox { get; }

        public IReadOnlyList<KnownGroup> Groups => groups;

        public int ContactCount => contacts.Count;

        /// <summary>Groups that count toward the limit: every group except the three system groups.</summary>
        public int LimitedGroupCount => groups.Count(g => !g.IsSystem);

        public string Owner => Mailbox.Name is null ? "the connected account's IM list" : $"the IM list of {Mailbox.Name}";

        /// <summary>The list as it is now, as a read would give it (a run's before-image of it, say).</summary>
        public ImItemList AsItemList() =>
            new ImItemList(groups.Select(g => g.ToImGroup()).ToList(), contacts.Values.Select(c => c.Persona).OfType<Persona>().ToList(), Mailbox.Name);

        public KnownContact? Contact(ItemId id) => contacts.TryGetValue(id, out var contact) ? contact : null;

        public KnownGroup? Group(ItemId id) => groups.Find(g => g.Id.Equals(id));

        /// <summary>The contact with this IM address (sip: prefix optional, any case), or null; several matches are an error.</summary>
        public KnownContact? FindContact(string imAddress)
        {
            var matches = byAddress.TryGetValue(ImAddresses.Bare(imAddress), out var found) ? found : new List<KnownContact>();
            return matches.Count switch
            {
                0 => null,
                1 => matches[0],
                _ => throw Ambiguous("AmbiguousImAddress", $"-ImAddress '{imAddress}' matches {matches.Count} contacts in {Owner}. Use -ContactId with one of them:",
                    matches.Select(c => $"{c.Describe()} ContactId {c.Id.Id}")),
            };
        }

        /// <summary>The group with this display name (any case), or null; several matches are an error.</summary>
        public KnownGroup? FindGroup(string displayName) =>
            Single(groups.Where(g => string.Equals(g.DisplayName, displayName.Trim(), StringComparison.OrdinalIgnoreCase)).ToList(), "-GroupName", displayName);

        /// <summary>The distribution-group entry with this SMTP address (any case), or null.</summary>
        public KnownGroup? FindDistributionGroup(string smtpAddress) =>
            Single(groups.Where(g => g.IsDistributionGroup && string.Equals(g.SmtpAddress, smtpAddress.Trim(), StringComparison.OrdinalIgnoreCase)).ToList(), "-SmtpAddress", smtpAddress);

        public KnownGroup RequireGroup(string displayName, string advice = "") =>
            FindGroup(displayName) ?? throw new ImListException(ImListErrorKind.NotFound, "ImGroupNotFound",
                $"-GroupName '{displayName}': {Owner} has no group with that name. Its groups: {Names(groups.Select(g => g.DisplayName))}.{advice}", Mailbox);

        public KnownContact RequireContact(string imAddress) =>
            FindContact(imAddress) ?? throw ContactNotFound(imAddress, string.Empty);

        public ImListException ContactNotFound(string imAddress, string advice) =>
            new ImListException(ImListErrorKind.NotFound, "ImContactNotFound",
                $"-ImAddress '{imAddress}': {Owner} has no contact with that IM address.{advice}", Mailbox);

        /// <summary>The group the server uses when a request names none.</summary>
        public KnownGroup? OtherContacts => groups.Find(g => g.GroupType == ImGroupTypes.OtherContacts);

        public bool IsMember(ItemId contactId, KnownGroup group) => group.Members.Contains(contactId);

        public IEnumerable<KnownGroup> GroupsOf(ItemId contactId) => groups.Where(g => g.Members.Contains(contactId));

        /// <summary>Whether removing the contact from this group takes it out of the list (no other group but Tagged).</summary>
        public bool IsLastGroup(ItemId contactId, KnownGroup group) =>
            !groups.Any(g => !ReferenceEquals(g, group) && !g.IsTagged && g.Members.Contains(contactId));

        /// <summary>Members that leave the list with this group: those in no other group but Tagged.</summary>
        public IReadOnlyList<ItemId> MembersLeavingWith(KnownGroup group) =>
            group.Members.Where(id => IsLastGroup(id, group)).ToList();

        public void CheckContactLimit()
        {
            if (ContactCount >= ImListLimits.MaxContacts)
            {
                throw new ImListException(ImListErrorKind.LimitReached, "ErrorImContactLimitReached",
                    $"{Owner} already holds {ContactCount} contacts; Exchange allows at most {ImListLimits.MaxContacts} IM contacts per mailbox. Nothing was sent.", Mailbox);
            }
        }

        public void CheckGroupLimit()
        {
            if (LimitedGroupCount >= ImListLimits.MaxGroups)
            {
                throw new ImListException(ImListErrorKind.LimitReached, "ErrorImGroupLimitReached",
                    $"{Owner} already holds {LimitedGroupCount} groups besides Favorites, Other Contacts and Tagged; Exchange allows at most {ImListLimits.MaxGroups} IM groups (distribution groups included). Nothing was sent.", Mailbox);
            }
        }

        public void RecordAdded(ItemId contactId, KnownGroup? group)
        {
            if (!contacts.ContainsKey(contactId))
            {
                contacts.Add(contactId, new KnownContact(contactId, null));
            }

            (group ?? OtherContacts)?.Members.Add(contactId);
        }

        /// <summary>AddNewImContactToGroup found or created this persona's contact and put it in the group.</summary>
        public void RecordCreated(Persona persona, KnownGroup? group)
        {
            // A persona without a Quick Contact attribution gives no contact id to track; the server still has it.
            if (persona.ContactId is not { } id)
            {
                return;
            }

            Forget(id);
            Keep(new KnownContact(id, persona));
            (group ?? OtherContacts)?.Members.Add(id);
        }

        /// <summary>The server deletes a contact whose last group (Tagged not counting) it leaves.</summary>
        public void RecordRemovedFromGroup(ItemId contactId, KnownGroup group)
        {
            var last = IsLastGroup(contactId, group);
            group.Members.Remove(contactId);
            if (last)
            {
                RecordContactRemoved(contactId);
            }
        }

        public void RecordContactRemoved(ItemId contactId)
        {
            foreach (var group in groups)
            {
                group.Members.Remove(contactId);
            }

            Forget(contactId);
        }

        private void Keep(KnownContact contact)
        {
            contacts.Add(contact.Id, contact);
            if (contact.ImAddress is { } address)
            {
                var key = ImAddresses.Bare(address);
                if (!byAddress.TryGetValue(key, out var same))
                {
                    byAddress[key] = same = new List<KnownContact>(1);
                }

                same.Add(contact);
            }
        }

        private void Forget(ItemId contactId)
        {
            if (!contacts.TryGetValue(contactId, out var contact))
            {
                return;
            }

            contacts.Remove(contactId);
            if (contact.ImAddress is { } address && byAddress.TryGetValue(ImAddresses.Bare(address), out var same))
            {
                same.Remove(contact);
                if (same.Count == 0)
                {
                    byAddress.Remove(ImAddresses.Bare(address));
                }
            }
        }

        public KnownGroup RecordGroupAdded(ImGroup group)
        {
            var id = group.GroupId ?? throw new ImListException(ImListErrorKind.InvalidTarget, "InvalidResponse",
                $"The server returned group '{group.DisplayName}' without an id.", Mailbox);
            var known = Group(id);
            if (known is null)
            {
                known = new KnownGroup(group, id);
                groups.Add(known);
            }

            return known;
        }

        /// <summary>RemoveImGroup deletes the members that were in no other group; the others stay where they are.</summary>
        public void RecordGroupRemoved(KnownGroup group)
        {
            var leaving = group.IsDistributionGroup ? Array.Empty<ItemId>() : MembersLeavingWith(group);
            groups.Remove(group);
            foreach (var id in leaving)
            {
                RecordContactRemoved(id);
            }
        }

        public static string Names(IEnumerable<string> names)
        {
            var list = names.ToList();
            var shown = string.Join(", ", list.Take(NamesInMessages).Select(n => $"'{n}'"));
            return list.Count > NamesInMessages ? $"{shown} and {list.Count - NamesInMessages} more" : shown;
        }

        private KnownGroup? Single(List<KnownGroup> matches, string parameter, string value) => matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw Ambiguous("AmbiguousImGroupName", $"{parameter} '{value}' matches {matches.Count} groups in {Owner}. Use -GroupId with one of them:",
                matches.Select(g => g.ToString())),
        };

        private ImListException Ambiguous(string errorId, string message, IEnumerable<string> candidates)
        {
            var list = candidates.ToList();
            return new ImListException(ImListErrorKind.Ambiguous, errorId, message + " " + string.Join("; ", list) + ".", Mailbox, list);
        }
    }
}
