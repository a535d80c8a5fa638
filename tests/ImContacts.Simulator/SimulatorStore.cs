using System.Collections.Concurrent;

namespace ImContacts.Simulator;

/// <summary>All mailboxes the simulated server hosts, with helpers for tests to seed and inspect IM lists.</summary>
public sealed class SimulatorStore
{
    private readonly ConcurrentDictionary<string, SimulatedMailbox> mailboxes = new(StringComparer.OrdinalIgnoreCase);
    private long saveClock;

    /// <summary>
    /// The save clock now: a request notes it when it arrives, and its save of a group fails when the group was saved
    /// after that by anyone else (protocol reference §12, "Concurrent writes to one list").
    /// </summary>
    public long SaveClock => Interlocked.Read(ref saveClock);

    /// <summary>
    /// Saves <paramref name="groups"/> for a request that arrived at <paramref name="arrivedAt"/> (null: no concurrency
    /// check): if any of them was saved since, throws <paramref name="conflictCode"/> and saves none. Call under the mailbox lock,
    /// before changing anything the save covers.
    /// </summary>
    public void Save(long? arrivedAt, string conflictCode, params SimulatedGroup[] groups)
    {
        if (arrivedAt is { } arrival && groups.FirstOrDefault(g => g.SavedAt > arrival) is { } stale)
        {
            Interlocked.Increment(ref conflicts);
            throw new SimulatedError(conflictCode, conflictCode == "ErrorIrresolvableConflict"
                ? $"The send or update operation could not be performed because the change key passed in the request does not match the current change key for the item ('{stale.DisplayName}' was saved by another request)."
                : $"Unable to remove the contact from the group ('{stale.DisplayName}' was saved by another request).");
        }

        var now = Interlocked.Increment(ref saveClock);
        foreach (var group in groups)
        {
            group.SavedAt = now;
        }
    }

    private long conflicts;

    /// <summary>Saves refused because another request saved the group first.</summary>
    public long Conflicts => Interlocked.Read(ref conflicts);

    /// <summary>
    /// Another client (the user's own Skype client) changes a group: <paramref name="change"/> runs under the mailbox
    /// lock, and the group counts as saved now, so requests in flight that save it fail as on a real server.
    /// </summary>
    public void ChangeOutside(string mailbox, string groupDisplayName, Action<SimulatedMailbox, SimulatedGroup>? change = null)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            var group = box.Groups.Find(g => string.Equals(g.DisplayName, groupDisplayName, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"{mailbox} has no group {groupDisplayName}.");
            change?.Invoke(box, group);
            group.SavedAt = Interlocked.Increment(ref saveClock);
        }
    }

    public SimulatedMailbox AddMailbox(string smtpAddress) => mailboxes.GetOrAdd(smtpAddress, a => new SimulatedMailbox(a));

    public SimulatedMailbox? Find(string smtpAddress) => mailboxes.TryGetValue(smtpAddress, out var mailbox) ? mailbox : null;

    public SimulatedMailbox Get(string smtpAddress) =>
        Find(smtpAddress) ?? throw new InvalidOperationException($"The simulator has no mailbox {smtpAddress}.");

    public IEnumerable<SimulatedMailbox> Mailboxes => mailboxes.Values;

    /// <summary>Creates a user group (or returns the one with that name).</summary>
    public SimulatedGroup SeedGroup(string mailbox, string displayName)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            box.EnsureSystemGroups();
            var existing = box.Groups.Find(g => string.Equals(g.DisplayName, displayName, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return existing;
            }

            return box.AddGroup(displayName, GroupTypes.UserGroup);
        }
    }

    /// <summary>Creates a Quick Contact in the given groups ("Other Contacts" when none); optionally linked to an Outlook contact.</summary>
    public SimulatedContact SeedContact(string mailbox, string imAddress, string? displayName = null, bool linkedOutlookContact = false, params SimulatedGroup[] groups)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            box.EnsureSystemGroups();
            string? outlookId = null;
            if (linkedOutlookContact)
            {
                outlookId = box.NewId(SimulatedItemKind.OutlookContact);
                box.OtherItemIds.Add(outlookId);
            }

            var contact = new SimulatedContact
            {
                Id = box.NewId(SimulatedItemKind.Contact),
                PersonaId = box.NewId(SimulatedItemKind.Persona),
                ChangeKey = NewChangeKey(),
                ImAddress = imAddress,
                DisplayName = displayName ?? imAddress,
                CreationTime = DateTimeOffset.UtcNow,
                LinkedOutlookContactId = outlookId,
            };
            box.Contacts.Add(contact);
            foreach (var group in groups.Length == 0 ? new[] { box.EnsureSystemGroup(GroupTypes.OtherContacts) } : groups)
            {
                group.MemberIds.Add(contact.Id);
            }

            return contact;
        }
    }

    /// <summary>A Quick Contact in no group, as a failed AddNewImContactToGroup leaves: it counts toward the limit but no list shows it.</summary>
    public SimulatedContact SeedOrphanContact(string mailbox, string imAddress)
    {
        var contact = SeedContact(mailbox, imAddress);
        var box = Get(mailbox);
        lock (box.Sync)
        {
            foreach (var group in box.Groups)
            {
                group.MemberIds.Remove(contact.Id);
            }
        }

        return contact;
    }

    /// <summary>Many contacts at once, each in the given group (or Other Contacts), named c0@contoso.com, c1@…</summary>
    public void SeedContacts(string mailbox, int count, SimulatedGroup? group = null)
    {
        for (var i = 0; i < count; i++)
        {
            if (group is null)
            {
                SeedContact(mailbox, $"sip:c{i}@contoso.com", $"Contact {i}");
            }
            else
            {
                SeedContact(mailbox, $"sip:c{i}@contoso.com", $"Contact {i}", false, group);
            }
        }
    }

    /// <summary>
    /// Mailboxes m0@contoso.com…m{count-1}, each with <paramref name="contacts"/> contacts (c0@contoso.com…) in group
    /// Everyone and an empty group Colleagues: the shape of a bulk run that adds the same contacts for every user.
    /// </summary>
    public IReadOnlyList<string> SeedBulkMailboxes(int count, int contacts)
    {
        var mailboxes = new List<string>();
        for (var m = 0; m < count; m++)
        {
            var mailbox = $"m{m}@contoso.com";
            AddMailbox(mailbox);
            SeedContacts(mailbox, contacts, SeedGroup(mailbox, "Everyone"));
            SeedGroup(mailbox, "Colleagues");
            mailboxes.Add(mailbox);
        }

        return mailboxes;
    }

    /// <summary>A telephone contact, as AddNewTelUriContactToGroup creates: tel:{number}, shown as sip:{number}@contoso.com;user=phone.</summary>
    public SimulatedContact SeedTelephoneContact(string mailbox, string number, SimulatedGroup group)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            var contact = new SimulatedContact
            {
                Id = box.NewId(SimulatedItemKind.Contact),
                PersonaId = box.NewId(SimulatedItemKind.Persona),
                ChangeKey = NewChangeKey(),
                ImAddress = $"sip:{number}@contoso.com;user=phone",
                TelUri = "tel:" + number,
                DisplayName = number,
                CreationTime = DateTimeOffset.UtcNow,
            };
            box.Contacts.Add(contact);
            group.MemberIds.Add(contact.Id);
            return contact;
        }
    }

    /// <summary>
    /// Mailboxes r0@contoso.com…r{count-1}, lists of the shapes a move to Teams meets, by index i (the same i % 20 every
    /// 20 mailboxes; i % 100 for the two at and over the limits). Every list but the empty one has c0…c2@contoso.com in
    /// group Team. i % 20: 1 adds a distribution-group entry (sales@contoso.com), 2 a telephone contact (+14255550100)
    /// in Team, 3 two contacts of fabrikam.com in Team, 4 is empty (only the system groups), 5 adds two contacts in
    /// Other Contacts only and an empty group Later. i % 100: 6 holds 1,000 contacts (c0…c999) in Team and 64 user
    /// groups (63 of them empty), 7 holds 1,001 contacts and 65 user groups. Any other index: Team alone.
    /// </summary>
    public IReadOnlyList<string> SeedReadinessMailboxes(int count)
    {
        var mailboxes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var mailbox = $"r{i}@contoso.com";
            AddMailbox(mailbox);
            mailboxes.Add(mailbox);
            if (i % 20 == 4)
            {
                Get(mailbox).EnsureSystemGroups();
                continue;
            }

            var team = SeedGroup(mailbox, "Team");
            var limits = i % 100 is 6 or 7;
            var contacts = i % 100 == 6 ? 1000 : i % 100 == 7 ? 1001 : 3;
            SeedContacts(mailbox, contacts, team);
            if (limits)
            {
                for (var g = 1; g < (i % 100 == 6 ? 64 : 65); g++)
                {
                    SeedGroup(mailbox, $"Group {g}");
                }

                continue;
            }

            switch (i % 20)
            {
                case 1: SeedDistributionGroup(mailbox, "sales@contoso.com", "Sales"); break;
                case 2: SeedTelephoneContact(mailbox, "+14255550100", team); break;
                case 3:
                    SeedContact(mailbox, "sip:ann@fabrikam.com", "Ann Beebe", false, team);
                    SeedContact(mailbox, "sip:raj@fabrikam.com", "Raj Patel", false, team);
                    break;
                case 5:
                    SeedContact(mailbox, "sip:ola@contoso.com", "Ola Berg");
                    SeedContact(mailbox, "sip:tim@contoso.com", "Tim Kerr");
                    SeedGroup(mailbox, "Later");
                    break;
            }
        }

        return mailboxes;
    }

    /// <summary>A distribution-group entry, as AddDistributionGroupToImList creates.</summary>
    public SimulatedGroup SeedDistributionGroup(string mailbox, string smtpAddress, string displayName)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            box.EnsureSystemGroups();
            return box.AddGroup(displayName, GroupTypes.DistributionGroup, smtpAddress);
        }
    }

    /// <summary>Display names of a mailbox's groups, in the server's order.</summary>
    public IReadOnlyList<string> GroupNames(string mailbox)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            return box.OrderedGroups().Select(g => g.DisplayName).ToList();
        }
    }

    /// <summary>IM addresses of every Quick Contact, listed or not.</summary>
    public IReadOnlyList<string> ContactAddresses(string mailbox)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            return box.Contacts.Select(c => c.ImAddress).ToList();
        }
    }

    /// <summary>Display names of a group's members, for assertions.</summary>
    public IReadOnlyList<string> MembersOf(string mailbox, string groupDisplayName)
    {
        var box = Get(mailbox);
        lock (box.Sync)
        {
            var group = box.Groups.Find(g => string.Equals(g.DisplayName, groupDisplayName, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"{mailbox} has no group {groupDisplayName}.");
            return group.MemberIds.Select(id => box.FindContact(id)?.DisplayName ?? id).ToList();
        }
    }

    /// <summary>A full change key, as attribution SourceIds carry.</summary>
    internal static string NewChangeKey() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());
}
