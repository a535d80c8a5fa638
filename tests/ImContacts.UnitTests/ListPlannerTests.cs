using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The changes that make a list as desired: nothing already in place, adds before removals, removals only in scope.</summary>
public sealed class ListPlannerTests
{
    private static readonly ItemId Team = new("R1RlYW0=", "EgAAAA==");
    private static readonly ItemId Old = new("R09sZA==", "EgAAAA==");
    private static readonly ItemId Other = new("R090aGVy", "EgAAAA==");
    private static readonly ItemId Kim = new("Q0tpbQ==", "EQAAAA==");
    private static readonly ItemId Lee = new("Q0xlZQ==", "EQAAAA==");

    private static ImListState List()
    {
        var groups = new List<ImGroup>
        {
            new("Other Contacts", ImGroupTypes.OtherContacts, Other, Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyValue>(), null, "m@contoso.com"),
            new("Team", ImGroupTypes.UserGroup, Team, new[] { Kim }, Array.Empty<ExtendedPropertyValue>(), null, "m@contoso.com"),
            new("Old", ImGroupTypes.UserGroup, Old, new[] { Lee }, Array.Empty<ExtendedPropertyValue>(), null, "m@contoso.com"),
        };
        var personas = new List<Persona> { Persona(Kim, "sip:kim@contoso.com"), Persona(Lee, "lee@contoso.com") };
        return Mailboxes.State(new ImItemList(groups, personas, "m@contoso.com"));
    }

    private static Persona Persona(ItemId contact, string address) =>
        new(new ItemId("UA" + contact.Id), "Person", null, address, null, null, null, address,
            new[] { new PersonaAttribution("0", contact, "Lync Contacts", true, true, false, null) }, Array.Empty<ExtendedPropertyValue>(), "m@contoso.com");

    private static IReadOnlyList<string> Plan(DesiredList desired, MirrorScope scope) =>
        ListPlanner.Plan(List(), desired, scope).Select(c => c.ToString()).ToList();

    [Fact]
    public void What_is_in_place_is_not_planned_and_new_groups_come_before_their_contacts()
    {
        var desired = new DesiredList(Mailboxes.For("m@contoso.com"));
        desired.AddMember("team", "KIM@contoso.com");
        desired.AddMember("New", "kim@contoso.com");
        desired.AddMember("New", "zed@contoso.com", "Zed");
        desired.AddMember(null, "zed@contoso.com");
        Assert.Equal(new[] { "CreateGroup New", "AddMember New KIM@contoso.com", "CreateContact New zed@contoso.com", "AddMember Other Contacts zed@contoso.com" },
            Plan(desired, MirrorScope.None));
    }

    [Fact]
    public void Mirror_removes_only_in_the_groups_in_scope_and_after_the_adds()
    {
        var desired = new DesiredList(Mailboxes.For("m@contoso.com"));
        desired.AddMember("Team", "lee@contoso.com");
        Assert.Equal(new[] { "AddMember Team lee@contoso.com", "RemoveMember Team kim@contoso.com" }, Plan(desired, MirrorScope.NamedGroups));
        Assert.Equal(new[] { "AddMember Team lee@contoso.com", "RemoveMember Team kim@contoso.com", "RemoveMember Old lee@contoso.com" }, Plan(desired, MirrorScope.UserGroups));
        Assert.Equal(new[] { "AddMember Team lee@contoso.com", "RemoveMember Team kim@contoso.com", "RemoveGroup Old" }, Plan(desired, MirrorScope.WholeList));
    }

    [Fact]
    public void A_distribution_group_is_found_by_address_or_added()
    {
        var desired = new DesiredList(Mailboxes.For("m@contoso.com"));
        desired.AddGroup("Sales", ImGroupKinds.DistributionGroup, "sales@contoso.com");
        var change = Assert.Single(ListPlanner.Plan(List(), desired, MirrorScope.None));
        Assert.Equal(ListChangeAction.AddDistributionGroup, change.Action);
        Assert.Equal("sales@contoso.com", change.SmtpAddress);
    }
}
