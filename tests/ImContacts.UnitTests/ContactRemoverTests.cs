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

    private static ImListState ListWithKimIn(params string[] groupTypes) => new(new ImItemList(
        groupTypes.Select((type, i) => ResolutionTests.Group("G" + i, type, "g" + i, Kim)).ToList(),
        new[] { ResolutionTests.Person(Kim, "Kim Akers", "sip:kim@contoso.com") },
        "ana@contoso.com"));

    [Fact]
    public void Accepted_removal_is_one_request()
    {
        var ews = new ScriptedInvoker();
        var list = ListWithKimIn(ImGroupTypes.UserGroup, ImGroupTypes.OtherContacts);
        var (code, _, _) = new ContactRemover(ews).Remove(list, list.Contact(Kim)!);
        Assert.Equal("NoError", code);
        Assert.Equal(new[] { "RemoveContactFromImList" }, ews.Sent);
        Assert.Null(list.Contact(Kim));
        Assert.Empty(ews.Explained);
    }

    [Fact]
    public void Rejected_removal_falls_back_to_each_group_Tagged_first_and_says_so()
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", "ErrorInvalidOperation") };
        var list = ListWithKimIn(ImGroupTypes.UserGroup, ImGroupTypes.Tagged, ImGroupTypes.OtherContacts);
        var (code, _, _) = new ContactRemover(ews).Remove(list, list.Contact(Kim)!);
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
    public void Failures_that_a_fallback_cannot_fix_are_reported_as_they_are(string code)
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", code) };
        var list = ListWithKimIn(ImGroupTypes.UserGroup);
        var error = Assert.Throws<EwsResponseException>(() => new ContactRemover(ews).Remove(list, list.Contact(Kim)!));
        Assert.Equal(code, error.ResponseCode);
        Assert.Equal(new[] { "RemoveContactFromImList" }, ews.Sent);
        Assert.NotNull(list.Contact(Kim));
    }

    [Fact]
    public void Failure_during_the_fallback_names_the_last_cause()
    {
        var ews = new ScriptedInvoker { Reject = ("RemoveContactFromImList", "ErrorInvalidOperation"), FailGroupRemoval = "ErrorMailboxStoreUnavailable" };
        var list = ListWithKimIn(ImGroupTypes.UserGroup);
        var error = Assert.Throws<EwsResponseException>(() => new ContactRemover(ews).Remove(list, list.Contact(Kim)!));
        Assert.Equal("ErrorMailboxStoreUnavailable", error.ResponseCode);
    }

    private sealed class ScriptedInvoker : IEwsInvoker
    {
        public (string Operation, string Code)? Reject { get; init; }

        public string? FailGroupRemoval { get; init; }

        public List<string> Sent { get; } = new();

        public List<string> Explained { get; } = new();

        /// <summary>The group items each change said it saves.</summary>
        public List<IReadOnlyCollection<string>> Saved { get; } = new();

        public EwsCallResult<T> Change<T>(EwsOperation<T> operation, IReadOnlyCollection<string> savedGroups)
        {
            Saved.Add(savedGroups);
            return Invoke(operation, null);
        }

        public EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, string? mailbox)
        {
            var body = Body(operation);
            var groupId = System.Xml.Linq.XElement.Parse(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "GroupId")?.Attribute("Id")?.Value;
            Sent.Add(groupId is null ? operation.Name : $"{operation.Name}:{groupId}");
            var context = new EwsCallContext(operation.Name, mailbox, "id");
            if (Reject is { } reject && reject.Operation == operation.Name)
            {
                throw new EwsResponseException(context, "Error", reject.Code, "Rejected.", null, new Dictionary<string, string>(), false, 200);
            }

            if (FailGroupRemoval is { } code && operation.Name == "RemoveImContactFromGroup")
            {
                throw new EwsResponseException(context, "Error", code, "Failed.", null, new Dictionary<string, string>(), false, 200);
            }

            var response = new EwsResponse("Success", "NoError", null, null, new Dictionary<string, string>(), null, null, null);
            return new EwsCallResult<T>(operation.GetResult(response, mailbox), context, response, null, TimeSpan.FromMilliseconds(5));
        }

        public void Explain(string message) => Explained.Add(message);

        private static string Body<T>(EwsOperation<T> operation)
        {
            var text = new System.Text.StringBuilder();
            using (var writer = System.Xml.XmlWriter.Create(text, new System.Xml.XmlWriterSettings { OmitXmlDeclaration = true }))
            {
                writer.WriteStartElement("m", operation.Name, EwsNamespaces.Messages);
                operation.WriteBody(writer);
                writer.WriteEndElement();
            }

            return text.ToString();
        }
    }
}
