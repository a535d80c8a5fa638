using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Names resolve against the list, and the list follows the server's rules as the pipeline changes it.</summary>
public sealed class ResolutionTests
{
    private static readonly ItemId Kim = new("kim-contact", "CK1");
    private static readonly ItemId Lee = new("lee-contact", "CK2");
    private static readonly ItemId Max = new("max-contact", "CK3");

    internal static ImGroup Group(string name, string type, string id, params ItemId[] members) =>
        new(name, type, new ItemId(id, "EgAAAA=="), members, Array.Empty<ExtendedPropertyValue>(), type == ImGroupTypes.DistributionGroup ? name.ToLowerInvariant() + "@contoso.com" : null, "ana@contoso.com");

    internal static Persona Person(ItemId contact, string name, string? imAddress) =>
        new(new ItemId("persona-" + contact.Id), "Person", null, name, null, null, null, imAddress,
            new[]
            {
                new PersonaAttribution("0", new ItemId("outlook-" + contact.Id), "Contacts", true, false, false, null),
                new PersonaAttribution("1", contact, "Lync Contacts", true, true, false, null),
            },
            Array.Empty<ExtendedPropertyValue>(), "ana@contoso.com");

    private static ImListState AnasList() => Mailboxes.State(new ImItemList(
        new[]
        {
            Group("Favorites", ImGroupTypes.Favorites, "fav"),
            Group("Other Contacts", ImGroupTypes.OtherContacts, "other", Max),
            Group("Tagged", ImGroupTypes.Tagged, "tagged", Kim),
            Group("Project X", ImGroupTypes.UserGroup, "px", Kim, Lee),
            Group("Project Y", ImGroupTypes.UserGroup, "py", Lee),
            Group("Sales", ImGroupTypes.DistributionGroup, "dg"),
        },
        new[] { Person(Kim, "Kim Akers", "sip:kim@contoso.com"), Person(Lee, "Lee Gu", "lee@contoso.com"), Person(Max, "Max", "sip:max@contoso.com") },
        "ana@contoso.com"));

    [Theory]
    [InlineData("kim@contoso.com")]
    [InlineData("sip:kim@contoso.com")]
    [InlineData("SIP:KIM@Contoso.com")]
    [InlineData("  sip: kim@contoso.com ")]
    public void Contacts_resolve_by_address_with_or_without_sip_in_any_case(string address)
    {
        var kim = AnasList().FindContact(address);
        Assert.Equal(Kim, kim?.Id);
        Assert.Equal("CK1", kim!.Id.ChangeKey);
    }

    [Fact]
    public void Stored_address_without_sip_matches_an_address_with_it()
    {
        Assert.Equal(Lee, AnasList().FindContact("sip:lee@contoso.com")?.Id);
        Assert.Null(AnasList().FindContact("nobody@contoso.com"));
    }

    [Fact]
    public void Unknown_group_name_is_an_error_that_lists_the_groups()
    {
        var error = Assert.Throws<ImListException>(() => AnasList().RequireGroup("Projet X"));
        Assert.Equal("ImGroupNotFound", error.ErrorId);
        Assert.Equal(ImListErrorKind.NotFound, error.Kind);
        Assert.Contains("'Projet X'", error.Message);
        Assert.Contains("'Project X'", error.Message);
        Assert.Contains("ana@contoso.com", error.Message);
    }

    [Fact]
    public void Ambiguous_names_list_their_candidates()
    {
        var list = Mailboxes.State(new ImItemList(
            new[] { Group("Sales", ImGroupTypes.UserGroup, "u1"), Group("SALES", ImGroupTypes.DistributionGroup, "d1") },
            new[] { Person(Kim, "Kim A", "sip:kim@contoso.com"), Person(Lee, "Kim B", "kim@contoso.com") }, null));
        var group = Assert.Throws<ImListException>(() => list.FindGroup("sales"));
        Assert.Equal("AmbiguousImGroupName", group.ErrorId);
        Assert.Equal(2, group.Candidates.Count);
        Assert.Contains("u1", group.Message);
        Assert.Contains("d1", group.Message);
        var contact = Assert.Throws<ImListException>(() => list.FindContact("KIM@contoso.com"));
        Assert.Equal("AmbiguousImAddress", contact.ErrorId);
        Assert.Contains(Kim.Id, contact.Message);
        Assert.Contains(Lee.Id, contact.Message);
    }

    [Fact]
    public void Removing_the_last_group_but_Tagged_takes_the_contact_out_of_the_list()
    {
        var list = AnasList();
        var projectX = list.FindGroup("Project X")!;
        var projectY = list.FindGroup("Project Y")!;
        Assert.True(list.IsLastGroup(Kim, projectX));
        Assert.False(list.IsLastGroup(Lee, projectX));

        list.RecordRemovedFromGroup(Lee, projectX);
        Assert.NotNull(list.Contact(Lee));
        Assert.True(list.IsMember(Lee, projectY));

        list.RecordRemovedFromGroup(Kim, projectX);
        Assert.Null(list.Contact(Kim));
        Assert.Empty(list.GroupsOf(Kim));
        Assert.Null(list.FindContact("kim@contoso.com"));
    }

    [Fact]
    public void Removing_a_group_removes_the_members_in_no_other_group()
    {
        var list = AnasList();
        var projectX = list.FindGroup("Project X")!;
        Assert.Equal(new[] { Kim }, list.MembersLeavingWith(projectX));
        list.RecordGroupRemoved(projectX);
        Assert.Null(list.FindGroup("Project X"));
        Assert.Null(list.Contact(Kim));
        Assert.NotNull(list.Contact(Lee));
    }

    [Fact]
    public void Additions_are_seen_by_later_rows()
    {
        var list = AnasList();
        var projectY = list.FindGroup("Project Y")!;
        list.RecordAdded(Max, projectY);
        Assert.True(list.IsMember(Max, projectY));

        var newContact = new ItemId("new-contact", "CK9");
        list.RecordCreated(Person(newContact, "New", "new@contoso.com"), null);
        Assert.Equal(newContact, list.FindContact("sip:new@contoso.com")?.Id);
        Assert.True(list.IsMember(newContact, list.OtherContacts!));

        var created = list.RecordGroupAdded(Group("Project Z", ImGroupTypes.UserGroup, "pz"));
        Assert.Same(created, list.FindGroup("project z"));
        Assert.Same(created, list.RecordGroupAdded(Group("Project Z", ImGroupTypes.UserGroup, "pz")));
    }

    [Fact]
    public void Limits_count_contacts_and_non_system_groups()
    {
        var groups = Enumerable.Range(0, ImListLimits.MaxGroups).Select(i => Group("G" + i, i % 2 == 0 ? ImGroupTypes.UserGroup : ImGroupTypes.DistributionGroup, "g" + i))
            .Append(Group("Favorites", ImGroupTypes.Favorites, "fav")).ToList();
        var full = Mailboxes.State(new ImItemList(groups, Array.Empty<Persona>(), "ana@contoso.com"));
        var error = Assert.Throws<ImListException>(full.CheckGroupLimit);
        Assert.Equal("ErrorImGroupLimitReached", error.ErrorId);
        Assert.Contains("64", error.Message);

        AnasList().CheckGroupLimit();
        AnasList().CheckContactLimit();
        var personas = Enumerable.Range(0, ImListLimits.MaxContacts).Select(i => Person(new ItemId("c" + i), "C" + i, $"c{i}@contoso.com")).ToList();
        var contacts = Mailboxes.State(new ImItemList(Array.Empty<ImGroup>(), personas, null));
        var contactError = Assert.Throws<ImListException>(contacts.CheckContactLimit);
        Assert.Equal("ErrorImContactLimitReached", contactError.ErrorId);
        Assert.Contains("1000", contactError.Message);
        Assert.Contains("connected account", contactError.Message);
    }

    [Fact]
    public void Cache_reads_each_mailbox_once_and_remembers_permanent_failures_only()
    {
        var reads = new List<string?>();
        var busyOnce = true;
        var cache = new ImListCache();
        ImItemList Read(string? mailbox)
        {
            reads.Add(mailbox);
            var context = new EwsCallContext("GetImItemList", Mailboxes.Of(mailbox), "id");
            if (mailbox == "nobody@contoso.com")
            {
                throw new EwsResponseException(context, "Error", "ErrorNonExistentMailbox", "No mailbox.", null, new Dictionary<string, string>(), false, 200);
            }

            if (mailbox == "busy@contoso.com" && busyOnce)
            {
                busyOnce = false;
                throw new EwsServerBusyException(context, "Error", "Busy.", new Dictionary<string, string>(), true, 500, TimeSpan.FromSeconds(1));
            }

            return new ImItemList(Array.Empty<ImGroup>(), Array.Empty<Persona>(), mailbox);
        }

        ImListState Get(string? mailbox)
        {
            ImListState? state = null;
            TestRow.Held(cache, async () => state = await cache.GetAsync(Mailboxes.Of(mailbox), () => Task.FromResult(Read(mailbox))));
            return state!;
        }

        Assert.Same(Get("ana@contoso.com"), Get("ANA@contoso.com"));
        Assert.Same(Get(null), Get(null));
        Assert.Throws<EwsResponseException>(() => Get("nobody@contoso.com"));
        Assert.Throws<EwsResponseException>(() => Get("nobody@contoso.com"));
        Assert.Throws<EwsServerBusyException>(() => Get("busy@contoso.com"));
        Assert.NotNull(Get("busy@contoso.com"));
        Assert.Equal(new[] { "ana@contoso.com", null, "nobody@contoso.com", "busy@contoso.com", "busy@contoso.com" }, reads);
        Assert.Equal(5, cache.Reads);
    }
}
