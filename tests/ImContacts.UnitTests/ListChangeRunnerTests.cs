using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// Sync's and Import's runner without PowerShell: a row of this test's own over a real client and the simulator. One
/// read, the plan's changes in order, one result per change and a summary; a failed change fails those that needed it.
/// </summary>
public sealed class ListChangeRunnerTests : SimulatorClientTest
{
    private const string Mailbox = "ana@contoso.com";

    [Fact]
    public void Changes_are_made_in_plan_order_each_with_its_result_and_the_list_is_read_once()
    {
        var team = Simulator.Store.SeedGroup(Mailbox, "Team");
        Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim", false, team);
        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember("Launch", "kim@contoso.com");
        desired.AddMember("Launch", "zed@contoso.com", "Zed");

        var row = Run(desired, MirrorScope.NamedGroups);

        Assert.Equal(new[] { "GetImItemList", "AddImGroup", "AddImContactToGroup", "AddNewImContactToGroup" }, Simulator.Requests.Select(r => r.Operation));
        Assert.Equal(new[] { "Kim", "Zed" }, Simulator.Store.MembersOf(Mailbox, "Launch").Order(StringComparer.Ordinal));
        Assert.Equal(new[] { "Kim" }, Simulator.Store.MembersOf(Mailbox, "Team"));
        Assert.Equal(
            new[] { (ListChangeAction.CreateGroup, ListChangeStatus.Done), (ListChangeAction.AddMember, ListChangeStatus.Done), (ListChangeAction.CreateContact, ListChangeStatus.Done), (ListChangeAction.Summary, ListChangeStatus.Done) },
            row.Changes.Select(c => (c.Action, c.Status)));
        Assert.All(row.Changes.Take(3), c => Assert.Equal("NoError", c.ResponseCode));
        Assert.Equal(4, row.Changes[^1].Attempts);
        Assert.Equal(new[] { "Create IM group 'Launch'", "Add IM contact <kim@contoso.com> to group 'Launch'", "Create IM contact <zed@contoso.com> 'Zed' in group 'Launch'" }, row.Asked);
        Assert.Empty(row.Failures);
    }

    [Fact]
    public void Past_the_runs_removal_budget_a_mailbox_gets_its_additions_and_one_error_for_the_removals_held_back()
    {
        var team = Simulator.Store.SeedGroup(Mailbox, "Team");
        foreach (var name in new[] { "kim", "lee", "max", "ola" })
        {
            Simulator.Store.SeedContact(Mailbox, $"sip:{name}@contoso.com", name, false, team);
        }

        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember("Team", "kim@contoso.com");
        desired.AddMember("Team", "zed@contoso.com");
        var guard = new RemovalGuard(maxRemovals: 2, force: false);

        var row = Run(desired, MirrorScope.NamedGroups, guard: guard);

        Assert.Equal(new[] { "GetImItemList", "AddNewImContactToGroup" }, Simulator.Requests.Select(r => r.Operation));
        Assert.Equal(new[] { "kim", "lee", "max", "ola", "zed@contoso.com" }, Simulator.Store.MembersOf(Mailbox, "Team").Order(StringComparer.Ordinal));
        var (error, target) = Assert.Single(row.Failures);
        Assert.Equal("MaxRemovalsReached", Assert.IsType<ImListException>(error).ErrorId);
        Assert.Same(row.Target, target);
        Assert.Equal(ListChangeStatus.Failed, row.Changes[^1].Status);
        Assert.EndsWith("3 removal(s) held back (-MaxRemovals 2)", row.Changes[^1].Detail);
        Assert.Equal((0, 3, 1), (guard.Admitted, guard.HeldBack, guard.MailboxesHeldBack));
    }

    [Fact]
    public void A_plan_that_would_take_more_than_half_of_a_list_changes_nothing_in_it()
    {
        var team = Simulator.Store.SeedGroup(Mailbox, "Team");
        for (var i = 0; i < 12; i++)
        {
            Simulator.Store.SeedContact(Mailbox, $"sip:c{i}@contoso.com", $"C{i}", false, team);
        }

        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember("Team", "c0@contoso.com");
        desired.AddMember("Team", "zed@contoso.com");

        var error = Assert.Throws<ImListException>(() => Run(desired, MirrorScope.NamedGroups, guard: new RemovalGuard(500, force: false)));

        Assert.Equal("TooManyRemovalsInList", error.ErrorId);
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
        Assert.Equal(12, Simulator.Store.MembersOf(Mailbox, "Team").Count);
    }

    [Fact]
    public void Declined_changes_send_nothing_and_are_planned_under_WhatIf()
    {
        Simulator.Store.SeedGroup(Mailbox, "Old");
        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember("Launch", "zed@contoso.com");

        var row = Run(desired, MirrorScope.WholeList, confirm: false, whatIf: true);

        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
        Assert.Contains("Old", Simulator.Store.GroupNames(Mailbox));
        Assert.Equal(
            new[] { (ListChangeAction.CreateGroup, ListChangeStatus.Planned), (ListChangeAction.CreateContact, ListChangeStatus.Planned), (ListChangeAction.RemoveGroup, ListChangeStatus.Planned), (ListChangeAction.Summary, ListChangeStatus.Planned) },
            row.Changes.Select(c => (c.Action, c.Status)));
        Assert.EndsWith("0 done, 0 failed, 3 planned", row.Changes[^1].Detail);
    }

    [Fact]
    public void A_group_that_cannot_be_created_fails_its_contacts_and_the_other_changes_go_on()
    {
        Simulator.Faults.Reject("AddImGroup", "ErrorInternalServerError");
        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember("Launch", "zed@contoso.com");
        desired.AddMember(null, "kim@contoso.com");

        var row = Run(desired, MirrorScope.None);

        Assert.Equal(
            new[] { (ListChangeAction.CreateGroup, ListChangeStatus.Failed), (ListChangeAction.CreateContact, ListChangeStatus.Failed), (ListChangeAction.CreateContact, ListChangeStatus.Done), (ListChangeAction.Summary, ListChangeStatus.Failed) },
            row.Changes.Select(c => (c.Action, c.Status)));
        Assert.Equal(new[] { "ErrorInternalServerError", "PrerequisiteFailed", "NoError" }, row.Changes.Take(3).Select(c => c.ResponseCode));
        Assert.Equal(2, row.Failures.Count);
        Assert.All(row.Failures, f => Assert.Same(row.Target, f.Target));
        Assert.Equal(new[] { "kim@contoso.com" }, Simulator.Store.ContactAddresses(Mailbox));
    }

    [Fact]
    public void Rejected_input_rows_turn_the_mirror_off_with_a_warning()
    {
        Simulator.Store.SeedGroup(Mailbox, "Old");
        var desired = new DesiredList(Mailboxes.Of(Mailbox)) { RejectedRows = 2 };
        desired.AddMember("Launch", "zed@contoso.com");

        var row = Run(desired, MirrorScope.WholeList);

        Assert.Contains("2 row(s) for the IM list of ana@contoso.com could not be taken", Assert.Single(row.Warnings));
        Assert.Contains("Old", Simulator.Store.GroupNames(Mailbox));
        Assert.DoesNotContain(row.Changes, c => c.Action == ListChangeAction.RemoveGroup);
    }

    [Fact]
    public void A_plan_beyond_the_contact_limit_is_refused_before_anything_is_sent()
    {
        Simulator.Store.SeedContacts(Mailbox, ImListLimits.MaxContacts);
        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember(null, "one-too-many@contoso.com");

        var error = Assert.Throws<ImListException>(() => Run(desired, MirrorScope.None));

        Assert.Equal("ErrorImContactLimitReached", error.ErrorId);
        Assert.Equal(new[] { "GetImItemList" }, Simulator.Requests.Select(r => r.Operation));
    }

    [Fact]
    public void The_list_is_forgotten_when_the_row_ends_even_when_it_fails()
    {
        Simulator.Store.SeedContacts(Mailbox, ImListLimits.MaxContacts);
        var desired = new DesiredList(Mailboxes.Of(Mailbox));
        desired.AddMember(null, "one-too-many@contoso.com");
        var lists = new ImListCache();

        Assert.Throws<ImListException>(() => Run(desired, MirrorScope.None, lists: lists));

        TestRow.Held(lists, () =>
        {
            Assert.False(lists.Holds(Mailboxes.Of(Mailbox)));
            return Task.CompletedTask;
        });
    }

    private TestRow Run(DesiredList desired, MirrorScope scope, bool confirm = true, bool whatIf = false, ImListCache? lists = null, RemovalGuard? guard = null)
    {
        lists ??= new ImListCache();
        var row = new TestRow(Client, lists, Mailbox, confirm) { Removals = guard };
        TestRow.Held(lists, () => new ListChangeRunner(passThru: true, whatIf, guard).RunAsync(row, desired, scope, row.Target, lists));

        return row;
    }
}
