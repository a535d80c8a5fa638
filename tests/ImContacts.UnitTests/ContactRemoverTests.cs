using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Remove-ImContact's service: RemoveContactFromImList, or group by group when the server rejects it.</summary>
public sealed class ContactRemoverTests
{
    private static readonly ItemId Kim = new("kim-contact", "CK1");

    private static ImListState ListWithKimIn(params string[] groupTypes) => Mailboxes.State(new ImItemList(
        groupTypes.Select((type, i) => ResolutionTests.Group("G" + i, type, "g" + i, Kim)).ToList(),
        new[] { ResolutionTests.Person(Kim, "Kim Akers", "sip:kim@contoso.com") },
        "ana@contoso.com"));

    [Fact]
    public async Task Accepted_removal_is_one_request()
    {
        var ews = new ScriptedInvoker();
        var list = ListWithKimIn(ImGroupTypes.UserGroup, ImGroupTypes.OtherContacts);
        var (code, _, _) = await new ContactRemover(ews).RemoveAsync(list, list.Contact(Kim)!);
        Assert.Equal("NoError", code);
        Assert.Equal(new[] { "RemoveContactFromImList" }, ews.Sent);
        Assert.Null(list.Contact(Kim));
        Assert.Empty(ews.Explained);
    }

    [Fact]
    public async Task Rejected_removal_falls_back_to_each_group_Tagged_first_and_says_so()
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", "ErrorInvalidOperation") };
        var list = ListWithKimIn(ImGroupTypes.UserGroup, ImGroupTypes.Tagged, ImGroupTypes.OtherContacts);
        var (code, _, _) = await new ContactRemover(ews).RemoveAsync(list, list.Contact(Kim)!);
        Assert.Equal("NoError", code);
        Assert.Equal(new[] { "RemoveContactFromImList", "RemoveImContactFromGroup:g1", "RemoveImContactFromGroup:g0", "RemoveImContactFromGroup:g2" }, ews.Sent);
        Assert.Null(list.Contact(Kim));
        Assert.Contains("ErrorInvalidOperation", Assert.Single(ews.Explained));
    }

    [Theory]
    [InlineData("ErrorAccessDenied")]
    [InlineData("ErrorImpersonateUserDenied")]
    [InlineData("ErrorNonExistentMailbox")]
    [InlineData("ErrorInvalidIdMalformed")]
    public async Task Failures_that_a_fallback_cannot_fix_are_reported_as_they_are(string code)
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", code) };
        var list = ListWithKimIn(ImGroupTypes.UserGroup);
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => new ContactRemover(ews).RemoveAsync(list, list.Contact(Kim)!));
        Assert.Equal(code, error.ResponseCode);
        Assert.Equal(new[] { "RemoveContactFromImList" }, ews.Sent);
        Assert.NotNull(list.Contact(Kim));
    }

    [Fact]
    public async Task Failure_during_the_fallback_names_the_last_cause()
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", "ErrorInvalidOperation"), FailGroupRemoval = "ErrorMailboxStoreUnavailable" };
        var list = ListWithKimIn(ImGroupTypes.UserGroup);
        var error = await Assert.ThrowsAsync<EwsResponseException>(() => new ContactRemover(ews).RemoveAsync(list, list.Contact(Kim)!));
        Assert.Equal("ErrorMailboxStoreUnavailable", error.ResponseCode);
    }
}
