using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>A run removes at most -MaxRemovals items, and no list loses more than half of itself, unless -Force.</summary>
public sealed class RemovalGuardTests
{
    /// <summary>A list of one user group holding <paramref name="members"/> contacts: members + 1 items.</summary>
    private static ImListState List(string mailbox, int members)
    {
        var ids = Enumerable.Range(0, members).Select(i => new ItemId($"Yy{i}", "EQAAAA==")).ToList();
        var groups = new List<ImGroup>
        {
            new("Team", ImGroupTypes.UserGroup, new ItemId("R1RlYW0=", "EgAAAA=="), ids, Array.Empty<ExtendedPropertyValue>(), null, mailbox),
            new("Tagged", ImGroupTypes.Tagged, new ItemId("VGFn", "EgAAAA=="), ids, Array.Empty<ExtendedPropertyValue>(), null, mailbox),
        };
        return Mailboxes.State(new ImItemList(groups, Array.Empty<Persona>(), mailbox));
    }

    [Fact]
    public void A_lists_size_counts_memberships_and_groups_but_not_Tagged_and_a_removed_group_counts_with_its_members()
    {
        var list = List("ana@contoso.com", 30);

        Assert.Equal(31, RemovalGuard.Size(list));
        Assert.Equal(31, RemovalGuard.Removals(list, new[] { new PlannedChange(ListChangeAction.RemoveGroup, "Team") }));
        Assert.Equal(2, RemovalGuard.Removals(list, new[]
        {
            new PlannedChange(ListChangeAction.RemoveMember, "Team", "kim@contoso.com"), new PlannedChange(ListChangeAction.AddMember, "Team", "lee@contoso.com"),
            new PlannedChange(ListChangeAction.RemoveDistributionGroup, "Sales", smtpAddress: "sales@contoso.com"),
        }));
    }

    [Fact]
    public void Mailboxes_within_the_budget_go_through_and_the_rest_are_held_back_and_counted()
    {
        var guard = new RemovalGuard(maxRemovals: 25, force: false);

        Assert.Null(guard.Admit(List("a@contoso.com", 30), 10));
        Assert.Null(guard.Admit(List("b@contoso.com", 30), 10));
        var refused = guard.Admit(List("c@contoso.com", 30), 10);
        Assert.Null(guard.Admit(List("d@contoso.com", 30), 5));
        var last = guard.Admit(List("e@contoso.com", 30), 1);

        Assert.Equal("MaxRemovalsReached", refused!.ErrorId);
        Assert.Contains("the IM list of c@contoso.com: 10 removal(s) held back: this run has removed 20 item(s) and -MaxRemovals is 25.", refused.Message);
        Assert.Equal("MaxRemovalsReached", last!.ErrorId);
        Assert.Equal((25, 11, 2), (guard.Admitted, guard.HeldBack, guard.MailboxesHeldBack));
    }

    [Theory]
    [InlineData(30, 16, "TooManyRemovalsInList")]
    [InlineData(30, 15, null)]
    [InlineData(12, 9, null)]
    [InlineData(12, 10, "TooManyRemovalsInList")]
    public void A_mailbox_may_not_lose_more_than_half_of_its_list_once_ten_items_go(int members, int removals, string? expected)
    {
        var guard = new RemovalGuard(500, force: false);

        Assert.Equal(expected, guard.Admit(List("ana@contoso.com", members - 1), removals)?.ErrorId);
    }

    [Fact]
    public void The_half_rule_counts_a_mailboxs_removals_over_the_whole_run_against_its_size_when_first_read()
    {
        var guard = new RemovalGuard(500, force: false);
        var list = List("ana@contoso.com", 29);

        for (var row = 0; row < 15; row++)
        {
            Assert.Null(guard.Admit(list, 1));
        }

        var refused = guard.Admit(List("ana@contoso.com", 14), 1);
        Assert.Equal("TooManyRemovalsInList", refused!.ErrorId);
        Assert.Contains("would lose 16 of its 30 items", refused.Message);
        Assert.Equal(15, guard.Admitted);
    }

    [Fact]
    public void Force_lets_everything_go_and_still_counts_it()
    {
        var guard = new RemovalGuard(5, force: true);

        Assert.Null(guard.Admit(List("ana@contoso.com", 30), 31));
        Assert.Equal((31, 0), (guard.Admitted, guard.HeldBack));
    }
}
