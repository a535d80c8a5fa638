namespace ImContacts.Simulator;

public sealed class SimulatedGroup
{
    public required string Id { get; init; }

    public required string DisplayName { get; set; }

    public required string GroupType { get; init; }

    public string? SmtpAddress { get; init; }

    public List<string> MemberIds { get; } = new();

    public long Order { get; init; }

    /// <summary>When the group's item was last saved, on the store's save clock; 0 when never since it was created.</summary>
    public long SavedAt { get; set; }

    public bool IsSystem => GroupType is GroupTypes.Favorites or GroupTypes.OtherContacts or GroupTypes.Tagged;
}

public sealed class SimulatedContact
{
    public required string Id { get; init; }

    public required string PersonaId { get; init; }

    public required string ChangeKey { get; init; }

    public required string ImAddress { get; init; }

    public required string DisplayName { get; init; }

    public string? TelUri { get; init; }

    public DateTimeOffset CreationTime { get; init; }

    /// <summary>An Outlook contact linked to the same person: the persona then has two attributions, the IM one second.</summary>
    public string? LinkedOutlookContactId { get; init; }
}

public static class GroupTypes
{
    public const string Favorites = "IPM.DistList.MOC.Favorites";
    public const string OtherContacts = "IPM.DistList.MOC.OtherContacts";
    public const string Tagged = "IPM.DistList.MOC.Tagged";
    public const string UserGroup = "IPM.DistList.MOC.UserGroup";
    public const string DistributionGroup = "IPM.DistList.MOC.DG";
}

/// <summary>One mailbox's IM list: groups in the IM Contact List folder, contacts in Quick Contacts.</summary>
public sealed class SimulatedMailbox
{
    public const int MaxContacts = 1000;
    public const int MaxGroups = 64;

    private long next;

    public SimulatedMailbox(string smtpAddress)
    {
        SmtpAddress = smtpAddress;
    }

    public string SmtpAddress { get; }

    public object Sync { get; } = new();

    public List<SimulatedGroup> Groups { get; } = new();

    public List<SimulatedContact> Contacts { get; } = new();

    /// <summary>Ids of other items (ordinary Outlook contacts, messages) that exist but are not IM items.</summary>
    public HashSet<string> OtherItemIds { get; } = new();

    public SimulatedGroup? FindGroup(string id) => Groups.Find(g => g.Id == id);

    public SimulatedContact? FindContact(string id) => Contacts.Find(c => c.Id == id);

    public string NewId(SimulatedItemKind kind) => new SimulatedId(SmtpAddress, kind, Interlocked.Increment(ref next).ToString()).Encode();

    public long NextOrder() => Interlocked.Increment(ref next);

    /// <summary>Creates a group at the end of the list (the server lists each kind oldest first).</summary>
    public SimulatedGroup AddGroup(string displayName, string groupType, string? smtpAddress = null)
    {
        var group = new SimulatedGroup
        {
            Id = NewId(SimulatedItemKind.Group), DisplayName = displayName, GroupType = groupType, SmtpAddress = smtpAddress, Order = NextOrder(),
        };
        Groups.Add(group);
        return group;
    }

    public SimulatedGroup EnsureSystemGroup(string groupType) =>
        Groups.Find(g => g.GroupType == groupType) ?? AddGroup(
            groupType switch
            {
                GroupTypes.Favorites => "Favorites",
                GroupTypes.OtherContacts => "Other Contacts",
                _ => "Tagged",
            },
            groupType);

    public void EnsureSystemGroups()
    {
        EnsureSystemGroup(GroupTypes.Favorites);
        EnsureSystemGroup(GroupTypes.OtherContacts);
        EnsureSystemGroup(GroupTypes.Tagged);
    }

    public IEnumerable<SimulatedGroup> GroupsOf(SimulatedContact contact) => Groups.Where(g => g.MemberIds.Contains(contact.Id));

    public bool IsListed(SimulatedContact contact) => Groups.Any(g => g.MemberIds.Contains(contact.Id));

    public void DeleteContact(SimulatedContact contact)
    {
        foreach (var group in Groups)
        {
            group.MemberIds.Remove(contact.Id);
        }

        Contacts.Remove(contact);
    }

    /// <summary>Deletes the contact when it is in no group any more, Tagged not counting.</summary>
    public void DeleteIfUnlisted(SimulatedContact contact)
    {
        if (!GroupsOf(contact).Any(g => g.GroupType != GroupTypes.Tagged))
        {
            DeleteContact(contact);
        }
    }

    /// <summary>Groups in the server's order: DG entries, Favorites, Other Contacts, Tagged, user groups; oldest first.</summary>
    public IEnumerable<SimulatedGroup> OrderedGroups() => Groups.OrderBy(g => g.GroupType switch
    {
        GroupTypes.DistributionGroup => 0,
        GroupTypes.Favorites => 1,
        GroupTypes.OtherContacts => 2,
        GroupTypes.Tagged => 3,
        _ => 4,
    }).ThenBy(g => g.Order);
}
