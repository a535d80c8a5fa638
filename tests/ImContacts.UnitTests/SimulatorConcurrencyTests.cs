using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// The simulator saves groups as Exchange does (protocol reference §12): a write binds the groups when it arrives and
/// saves them when its work ends; a save of a group another request saved meanwhile fails and changes nothing.
/// Requests here are held by the simulator's arrival gate once they have bound, so they overlap, or save in the
/// order a test chooses, however loaded the machine is.
/// </summary>
public sealed class SimulatorConcurrencyTests : SimulatorClientTest
{
    private const string Mailbox = "ana@contoso.com";

    [Fact]
    public async Task Two_adds_to_one_group_in_flight_together_give_one_success_and_one_conflict()
    {
        var group = Simulator.Store.SeedGroup(Mailbox, "Launch");
        var (kim, lee) = (Orphan("sip:kim@contoso.com"), Orphan("sip:lee@contoso.com"));

        var codes = await Overlapping(() => Code(new AddImContactToGroupOperation(Id(kim), Id(group))), () => Code(new AddImContactToGroupOperation(Id(lee), Id(group))));

        Assert.Equal(new[] { "ErrorIrresolvableConflict", "NoError" }, codes.Order(StringComparer.Ordinal));
        Assert.Single(Simulator.Store.MembersOf(Mailbox, "Launch"));
        Assert.Equal(1, Simulator.Store.Conflicts);
    }

    [Fact]
    public async Task Adds_to_different_groups_or_to_a_group_the_contact_is_in_do_not_conflict()
    {
        var (launch, other) = (Simulator.Store.SeedGroup(Mailbox, "Launch"), Simulator.Store.SeedGroup(Mailbox, "Other"));
        var kim = Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim", false, launch);
        var lee = Orphan("sip:lee@contoso.com");

        // Kim is already in Launch: that add saves nothing, so Lee's add to Launch is not refused.
        var codes = await Overlapping(
            () => Code(new AddImContactToGroupOperation(Id(lee), Id(launch))), () => Code(new AddImContactToGroupOperation(Id(kim), Id(other))), () => Code(new AddImContactToGroupOperation(Id(kim), Id(launch))));

        Assert.Equal(new[] { "NoError", "NoError", "NoError" }, codes);
        Assert.Equal(0, Simulator.Store.Conflicts);
    }

    [Fact]
    public async Task Adds_without_a_group_conflict_on_Other_Contacts()
    {
        Simulator.Store.SeedContact(Mailbox, "sip:someone@contoso.com");
        var (kim, lee) = (Orphan("sip:kim@contoso.com"), Orphan("sip:lee@contoso.com"));

        var codes = await Overlapping(() => Code(new AddImContactToGroupOperation(Id(kim), null)), () => Code(new AddImContactToGroupOperation(Id(lee), null)));

        Assert.Equal(new[] { "ErrorIrresolvableConflict", "NoError" }, codes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Removals_conflict_with_ErrorUnableToRemoveImContactFromGroup_and_remove_nothing()
    {
        var group = Simulator.Store.SeedGroup(Mailbox, "Launch");
        var other = Simulator.Store.SeedGroup(Mailbox, "Other");
        var kim = Simulator.Store.SeedContact(Mailbox, "sip:kim@contoso.com", "Kim", false, group, other);
        var lee = Simulator.Store.SeedContact(Mailbox, "sip:lee@contoso.com", "Lee", false, group, other);

        var codes = await Overlapping(() => Code(new RemoveImContactFromGroupOperation(Id(kim), Id(group))), () => Code(new RemoveImContactFromGroupOperation(Id(lee), Id(group))));

        Assert.Equal(new[] { "ErrorUnableToRemoveImContactFromGroup", "NoError" }, codes.Order(StringComparer.Ordinal));
        Assert.Single(Simulator.Store.MembersOf(Mailbox, "Launch"));

        // RemoveContactFromImList saves every group that holds the contact: it conflicts with a removal from one of them.
        Simulator.Store.SeedContact(Mailbox, "sip:sam@contoso.com", "Sam", false, other);
        var sam = Simulator.Store.Get(Mailbox).Contacts.Single(c => c.ImAddress == "sip:sam@contoso.com");
        var again = await Overlapping(() => Code(new RemoveContactFromImListOperation(Id(kim))), () => Code(new RemoveImContactFromGroupOperation(Id(sam), Id(other))));
        Assert.Equal(new[] { "ErrorUnableToRemoveImContactFromGroup", "NoError" }, again.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_conflicting_AddNewImContactToGroup_leaves_its_new_contact_orphaned()
    {
        var group = Simulator.Store.SeedGroup(Mailbox, "Launch");
        var kim = Orphan("sip:kim@contoso.com");
        var before = Simulator.Store.Get(Mailbox).Contacts.Count;

        // Both bind before either saves; the add saves first, so the new contact's save then fails.
        Simulator.Gate.Close();
        var add = Code(new AddImContactToGroupOperation(Id(kim), Id(group)));
        await Arrived(1);
        var addNew = Code(new AddNewImContactToGroupOperation("new@contoso.com", "New", Id(group)));
        await Arrived(2);
        Simulator.Gate.ReleaseNext();
        Assert.Equal("NoError", await add);
        Simulator.Gate.Open();
        Assert.Equal("ErrorIrresolvableConflict", await addNew);

        var box = Simulator.Store.Get(Mailbox);
        Assert.Equal(before + 1, box.Contacts.Count);
        Assert.Single(Simulator.Store.MembersOf(Mailbox, "Launch"));
        Assert.Contains(box.Contacts, c => !box.IsListed(c) && c.DisplayName == "New");
    }

    [Fact]
    public async Task A_change_by_another_client_while_a_request_is_in_flight_refuses_its_save()
    {
        var group = Simulator.Store.SeedGroup(Mailbox, "Launch");
        var kim = Orphan("sip:kim@contoso.com");

        Simulator.Gate.Close();
        var add = Code(new AddImContactToGroupOperation(Id(kim), Id(group)));
        await Arrived(1);
        Simulator.Store.ChangeOutside(Mailbox, "Launch");
        Simulator.Gate.Open();
        Assert.Equal("ErrorIrresolvableConflict", await add);
        Assert.Empty(Simulator.Store.MembersOf(Mailbox, "Launch"));

        // A fresh request binds the new version and succeeds.
        Assert.Equal("NoError", await Code(new AddImContactToGroupOperation(Id(kim), Id(group))));
    }

    [Fact]
    public async Task Without_the_model_overlapping_saves_all_succeed()
    {
        Simulator.ConcurrentWrites = false;
        var group = Simulator.Store.SeedGroup(Mailbox, "Launch");
        var (kim, lee) = (Orphan("sip:kim@contoso.com"), Orphan("sip:lee@contoso.com"));

        var codes = await Overlapping(() => Code(new AddImContactToGroupOperation(Id(kim), Id(group))), () => Code(new AddImContactToGroupOperation(Id(lee), Id(group))));

        Assert.Equal(new[] { "NoError", "NoError" }, codes);
    }

    private SimulatedContact Orphan(string address) => Simulator.Store.SeedOrphanContact(Mailbox, address);

    private static ItemId Id(SimulatedContact contact) => new(contact.Id, contact.ChangeKey);

    private static ItemId Id(SimulatedGroup group) => new(group.Id, "EgAAAA==");

    /// <summary>Sends each request once the one before it has arrived, then lets them all go: every one binds before any saves.</summary>
    private async Task<string[]> Overlapping(params Func<Task<string>>[] sends)
    {
        Simulator.Gate.Close();
        var codes = new List<Task<string>>();
        foreach (var send in sends)
        {
            codes.Add(send());
            await Arrived(codes.Count);
        }

        Simulator.Gate.Open();
        return await Task.WhenAll(codes);
    }

    private Task Arrived(int count) => Simulator.Gate.ArrivedAsync(count).WaitAsync(TimeSpan.FromSeconds(30));

    private async Task<string> Code<T>(EwsOperation<T> operation)
    {
        try
        {
            return (await Client.InvokeAsync(operation, Mailboxes.Of(Mailbox), CancellationToken.None)).Response.ResponseCode;
        }
        catch (EwsResponseException refused)
        {
            return refused.ResponseCode;
        }
    }
}
