using ImContacts.Editing;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// The single-item cmdlets' row work without PowerShell (MembershipAddition, MembershipRemoval, GroupRemoval), over a
/// real client and the simulator: one outcome per row, a warning for what is already so, nothing sent when declined.
/// </summary>
public sealed class RowWorkTests : SimulatorClientTest
{
    private const string Mailbox = "ana@contoso.com";

    [Fact]
    public void An_add_by_names_creates_the_missing_group_once_and_reports_it()
    {
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim");
        var lists = new ImListCache();
        var addition = new MembershipAddition(lists, createContact: false, createGroup: true, whatIf: false);

        var row = Work(lists, row => addition.RunAsync(row, Request("kim@contoso.com", "Launch"), null));

        var result = Assert.IsType<ImMembershipResult>(Assert.Single(row.Outputs));
        Assert.Equal((ImMembershipStatus.Added, true, "NoError"), (result.Status, result.GroupCreated, result.ResponseCode));
        Assert.Equal(new[] { "Create IM group 'Launch'", "Add IM contact 'Kim' <sip:kim@contoso.com> to group 'Launch'" }, row.Asked);
        Assert.Equal(new[] { "Kim" }, Simulator.Store.MembersOf(Mailbox, "Launch"));
    }

    [Fact]
    public void An_add_of_a_member_is_a_warning_and_sends_nothing()
    {
        var team = Simulator.Store.SeedGroup(Mailbox, "Team");
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim", false, team);
        var lists = new ImListCache();
        var addition = new MembershipAddition(lists, false, false, false);

        var row = Work(lists, row => addition.RunAsync(row, Request("kim@contoso.com", "team"), null));

        Assert.Equal(ImMembershipStatus.AlreadyMember, Assert.IsType<ImMembershipResult>(Assert.Single(row.Outputs)).Status);
        Assert.Contains("already is a member of 'Team'", Assert.Single(row.Warnings));
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void An_unknown_address_without_CreateContact_fails_naming_the_way_out_and_sends_nothing()
    {
        Simulator.Store.SeedGroup(Mailbox, "Team");
        var lists = new ImListCache();
        var addition = new MembershipAddition(lists, false, false, false);

        var error = Assert.Throws<ImListException>(() => Work(lists, row => addition.RunAsync(row, Request("zed@contoso.com", "Team"), null)));

        Assert.Contains("-CreateContact", error.Message);
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void Under_WhatIf_a_new_group_is_planned_once_for_all_its_rows()
    {
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim");
        var lists = new ImListCache();
        var addition = new MembershipAddition(lists, createContact: true, createGroup: true, whatIf: true);

        var row = Work(lists, async row =>
        {
            await addition.RunAsync(row, Request("kim@contoso.com", "Launch"), null);
            await addition.RunAsync(row, Request("zed@contoso.com", "Launch"), "Zed");
        }, confirm: false);

        Assert.Equal(new[] { "Create IM group 'Launch'", "Add IM contact 'Kim' <sip:kim@contoso.com> to new group 'Launch'", "Create IM contact <zed@contoso.com> 'Zed' in new group 'Launch'" }, row.Asked);
        Assert.DoesNotContain("Launch", Simulator.Store.GroupNames(Mailbox));
    }

    [Fact]
    public void A_removal_of_a_membership_that_is_gone_is_NotMember_with_a_warning()
    {
        Simulator.Store.SeedGroup(Mailbox, "Team");
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim");
        var lists = new ImListCache();

        var row = Work(lists, row => MembershipRemoval.RunAsync(row, Request("kim@contoso.com", "Team")));

        Assert.Equal(ImMembershipStatus.NotMember, Assert.IsType<ImMembershipResult>(Assert.Single(row.Outputs)).Status);
        Assert.Contains("is not a member of 'Team'", Assert.Single(row.Warnings));
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void A_removal_from_the_last_group_says_the_contact_leaves_and_it_does()
    {
        var team = Simulator.Store.SeedGroup(Mailbox, "Team");
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim", false, team);
        var lists = new ImListCache();

        var row = Work(lists, row => MembershipRemoval.RunAsync(row, Request("kim@contoso.com", "Team")));

        Assert.Equal(ImMembershipStatus.Removed, Assert.IsType<ImMembershipResult>(Assert.Single(row.Outputs)).Status);
        Assert.EndsWith("so the contact leaves the IM list", Assert.Single(row.Asked));
        Assert.Empty(Simulator.Store.ContactAddresses(Mailbox));
    }

    [Fact]
    public void A_group_removal_refuses_a_distribution_group_before_sending_and_reports_a_gone_group_as_NotFound()
    {
        Simulator.Store.SeedDistributionGroup(Mailbox, "sales@contoso.com", "Sales");
        var lists = new ImListCache();
        var removal = new GroupRemoval(distributionGroups: false, passThru: true);

        var refused = Assert.Throws<ImListException>(() => Work(lists, row => removal.RunAsync(row, null, null, "Sales")));
        var gone = Work(lists, row => removal.RunAsync(row, null, null, "Old"));

        Assert.Equal("ErrorInvalidImGroupId", refused.ErrorId);
        Assert.Contains("Use Remove-ImDistributionGroup", refused.Message);
        var result = Assert.IsType<ImRemovalResult>(Assert.Single(gone.Outputs));
        Assert.Equal((ImRemovalStatus.NotFound, "Group", "Old"), (result.Status, result.ItemType, result.Name));
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void A_distribution_group_is_removed_by_its_address()
    {
        Simulator.Store.SeedDistributionGroup(Mailbox, "sales@contoso.com", "Sales");
        var lists = new ImListCache();
        var removal = new GroupRemoval(distributionGroups: true, passThru: true);

        var row = Work(lists, row => removal.RunAsync(row, null, "SALES@contoso.com", null));

        var result = Assert.IsType<ImRemovalResult>(Assert.Single(row.Outputs));
        Assert.Equal((ImRemovalStatus.Removed, "DistributionGroup", "sales@contoso.com"), (result.Status, result.ItemType, result.Name));
        Assert.DoesNotContain("Sales", Simulator.Store.GroupNames(Mailbox));
    }

    private static MembershipRequest Request(string imAddress, string groupName) => new(null, imAddress, null, groupName, passThru: true);

    private TestRow Work(ImListCache lists, Func<TestRow, Task> work, bool confirm = true)
    {
        var row = new TestRow(Client, lists, Mailbox, confirm);
        TestRow.Held(lists, () => work(row));
        return row;
    }
}
