using ImContacts.Lists;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>What two states of one list do not share: groups, distribution groups, contacts, memberships; nothing when they match.</summary>
public sealed class ListComparisonTests
{
    private static ImContactListSnapshot Snapshot(IEnumerable<ImSnapshotGroup> groups, IEnumerable<ImSnapshotContact> contacts, int version = ImContactListSnapshot.CurrentFormatVersion) =>
        new("ana@contoso.com", DateTimeOffset.Now, null, groups.ToList(), contacts.ToList(), version);

    private static ImSnapshotGroup Group(string name, string kind = "UserGroup", string? smtp = null) => new(name, kind, smtp);

    private static ImSnapshotContact Contact(string address, params string[] groups) => new(address, null, null, groups);

    private static readonly ImSnapshotContact Phone = new("+14255550100@contoso.com;user=phone", null, null, new[] { "Team" }, "tel:+14255550100", "+14255550100");

    [Fact]
    public void Lists_that_match_in_any_case_give_nothing()
    {
        var one = Snapshot(new[] { Group("Team"), Group("Sales", "DistributionGroup", "sales@contoso.com") }, new[] { Contact("kim@contoso.com", "Team"), Phone });
        var other = Snapshot(new[] { Group("TEAM"), Group("Sales (EMEA)", "DistributionGroup", "SALES@contoso.com") }, new[] { Contact("KIM@Contoso.com", "team"), Phone });

        Assert.Empty(ListComparison.Compare("ana@contoso.com", one, other));
    }

    [Fact]
    public void Each_group_contact_and_membership_on_one_side_only_is_one_difference()
    {
        var before = Snapshot(
            new[] { Group("Team"), Group("Old"), Group("Sales", "DistributionGroup", "sales@contoso.com") },
            new[] { Contact("kim@contoso.com", "Team", "Old"), Contact("lee@contoso.com", "Team"), Phone });
        var after = Snapshot(
            new[] { Group("Team"), Group("New"), Group("HR", "DistributionGroup", "hr@contoso.com") },
            new[] { Contact("kim@contoso.com", "Team", "New"), Contact("zed@contoso.com", "New") });

        var differences = ListComparison.Compare("ana@contoso.com", before, after).Select(d => d.ToString()).ToList();

        Assert.Equal(new[]
        {
            "ana@contoso.com Reference DistributionGroup Sales <sales@contoso.com>",
            "ana@contoso.com Reference Group Old",
            "ana@contoso.com Difference DistributionGroup HR <hr@contoso.com>",
            "ana@contoso.com Difference Group New",
            "ana@contoso.com Reference Contact  +14255550100@contoso.com;user=phone",
            "ana@contoso.com Reference Contact  lee@contoso.com",
            "ana@contoso.com Difference Contact  zed@contoso.com",
            "ana@contoso.com Reference Membership Old kim@contoso.com",
            "ana@contoso.com Difference Membership New kim@contoso.com",
        }, differences);
    }

    [Fact]
    public void A_version_1_snapshot_says_nothing_of_telephone_contacts_so_they_are_not_compared()
    {
        var v1 = Snapshot(new[] { Group("Team") }, new[] { Contact("kim@contoso.com", "Team") }, version: 1);
        var now = Snapshot(new[] { Group("Team") }, new[] { Contact("kim@contoso.com", "Team"), Phone });

        Assert.Empty(ListComparison.Compare("ana@contoso.com", v1, now));
    }
}
