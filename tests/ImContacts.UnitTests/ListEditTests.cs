using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// Each kind of change, without PowerShell or a server: the request it sends, the group items it says the server saves
/// (protocol reference §12, "Concurrent writes to one list"), and what it records in the list once accepted.
/// </summary>
public sealed class ListEditTests
{
    private static readonly ItemId Kim = new("kim-contact", "CK1");
    private static readonly ItemId Lee = new("lee-contact", "CK2");
    private static readonly ItemId Max = new("max-contact", "CK3");
    private static readonly ItemId ProjectX = Id("px");
    private static readonly ItemId ProjectY = Id("py");

    // Kim: Tagged and Project X. Lee: Project X and Project Y. Max: Other Contacts.
    private static ImListState AnasList() => Mailboxes.State(new ImItemList(
        new[]
        {
            ResolutionTests.Group("Favorites", ImGroupTypes.Favorites, "fav"),
            ResolutionTests.Group("Other Contacts", ImGroupTypes.OtherContacts, "other", Max),
            ResolutionTests.Group("Tagged", ImGroupTypes.Tagged, "tagged", Kim),
            ResolutionTests.Group("Project X", ImGroupTypes.UserGroup, "px", Kim, Lee),
            ResolutionTests.Group("Project Y", ImGroupTypes.UserGroup, "py", Lee),
            ResolutionTests.Group("Sales", ImGroupTypes.DistributionGroup, "dg"),
        },
        new[] { ResolutionTests.Person(Kim, "Kim Akers", "sip:kim@contoso.com"), ResolutionTests.Person(Lee, "Lee Gu", "lee@contoso.com"), ResolutionTests.Person(Max, "Max", "sip:max@contoso.com") },
        "ana@contoso.com"));

    private static ItemId Id(string group) => new(group, "EgAAAA==");

    private static string Saves(string group) => "saves ana@contoso.com|" + group;

    [Fact]
    public async Task An_add_to_a_group_sends_one_request_that_saves_the_group_and_records_the_member()
    {
        var list = AnasList();
        var ews = new ScriptedInvoker();
        await new AddMemberEdit(list, Max, ProjectY).ApplyAsync(ews);
        Assert.Equal(new[] { "AddImContactToGroup:py" }, ews.Sent);
        Assert.Equal(new[] { Saves("py") }, Assert.Single(ews.Saved));
        Assert.True(list.IsMember(Max, list.Group(ProjectY)!));
    }

    [Fact]
    public void An_add_without_a_group_saves_and_records_Other_Contacts()
    {
        var list = AnasList();
        var edit = new AddMemberEdit(list, Lee, null);
        Assert.Equal(new[] { Saves("other") }, edit.Saves());
        edit.Record(new EwsResponse("Success", "NoError", null, null, new Dictionary<string, string>(), null, null, null));
        Assert.True(list.IsMember(Lee, list.OtherContacts!));
    }

    [Fact]
    public void A_created_contact_is_recorded_in_its_group_with_its_address()
    {
        var list = AnasList();
        var zed = new ItemId("zed-contact", "CK9");
        var edit = new CreateContactEdit(list, "sip:zed@contoso.com", "Zed", ProjectX);
        Assert.Equal(new[] { Saves("px") }, edit.Saves());
        edit.Record(ResolutionTests.Person(zed, "Zed", "sip:zed@contoso.com"));
        Assert.Equal(zed, list.FindContact("zed@contoso.com")!.Id);
        Assert.True(list.IsMember(zed, list.Group(ProjectX)!));
    }

    [Fact]
    public async Task Removing_a_tagged_contact_from_its_last_group_saves_Tagged_too_and_the_contact_goes()
    {
        var list = AnasList();
        var edit = new RemoveMemberEdit(list, Kim, ProjectX);
        Assert.Equal(new[] { Saves("px"), Saves("tagged") }, edit.Saves());
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.Null(list.Contact(Kim));
        Assert.DoesNotContain(Kim, list.Groups.Single(g => g.IsTagged).Members);
    }

    [Fact]
    public async Task Removing_a_contact_from_one_of_its_groups_saves_that_group_alone_and_keeps_the_contact()
    {
        var list = AnasList();
        var edit = new RemoveMemberEdit(list, Lee, ProjectX);
        Assert.Equal(new[] { Saves("px") }, edit.Saves());
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.NotNull(list.Contact(Lee));
        Assert.False(list.IsMember(Lee, list.Group(ProjectX)!));
        Assert.True(list.IsMember(Lee, list.Group(ProjectY)!));
    }

    [Fact]
    public async Task Removing_a_contact_from_the_list_saves_every_group_that_holds_it()
    {
        var list = AnasList();
        var edit = new RemoveContactEdit(list, Lee);
        Assert.Equal(new[] { Saves("px"), Saves("py") }, edit.Saves().Order(StringComparer.Ordinal));
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.Null(list.FindContact("lee@contoso.com"));
    }

    [Fact]
    public async Task A_group_removal_saves_Tagged_and_the_group_and_takes_the_members_it_alone_held()
    {
        var list = AnasList();
        var edit = new RemoveGroupEdit(list, list.Group(ProjectX)!);
        Assert.Equal(new[] { Saves("tagged"), Saves("px") }, edit.Saves());
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.Null(list.FindGroup("Project X"));
        Assert.Null(list.Contact(Kim));
        Assert.NotNull(list.Contact(Lee));
    }

    [Fact]
    public async Task A_rename_saves_the_group_and_the_list_knows_it_by_its_new_name()
    {
        var list = AnasList();
        var edit = new RenameGroupEdit(list, ProjectY, "Project Z");
        Assert.Equal(new[] { Saves("py") }, edit.Saves());
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.Equal(ProjectY, list.FindGroup("Project Z")!.Id);
    }

    [Fact]
    public void New_groups_and_distribution_groups_save_nothing_another_request_could_be_saving()
    {
        var list = AnasList();
        var group = new CreateGroupEdit(list, "Launch");
        Assert.Empty(group.Saves());
        group.Record(ResolutionTests.Group("Launch", ImGroupTypes.UserGroup, "launch"));
        Assert.Same(list.FindGroup("Launch"), group.Created);
        Assert.Empty(new AddDistributionGroupEdit(list, "hr@contoso.com", "HR").Saves());
    }

    [Fact]
    public async Task A_distribution_group_removal_keeps_two_removals_of_one_entry_apart_and_takes_only_the_entry()
    {
        var list = AnasList();
        var edit = new RemoveDistributionGroupEdit(list, list.FindGroup("Sales")!);
        Assert.Equal(new[] { Saves("dg") }, edit.Saves());
        await edit.ApplyAsync(new ScriptedInvoker());
        Assert.Null(list.FindGroup("Sales"));
        Assert.Equal(3, list.ContactCount);
    }

    [Fact]
    public async Task A_refused_change_records_nothing()
    {
        var list = AnasList();
        var ews = new ScriptedInvoker { Reject = ("RemoveImContactFromGroup", "ErrorAccessDenied") };
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => new RemoveMemberEdit(list, Kim, ProjectX).ApplyAsync(ews));
        Assert.Equal("ErrorAccessDenied", error.ResponseCode);
        Assert.True(list.IsMember(Kim, list.Group(ProjectX)!));
        Assert.NotNull(list.Contact(Kim));
    }
}
