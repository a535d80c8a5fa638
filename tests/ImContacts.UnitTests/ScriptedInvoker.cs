using ImContacts.Ews;
using ImContacts.Model;

namespace ImContacts.UnitTests;

/// <summary>
/// An EWS invoker with answers fixed in advance: NoError, or the rejection asked for. It keeps what it was sent (the
/// operation, with the group it names) and the group items each change said it saves.
/// </summary>
internal sealed class ScriptedInvoker : IEwsInvoker
{
    public (string Operation, string Code)? Reject { get; init; }

    public string? FailGroupRemoval { get; init; }

    public List<string> Sent { get; } = new();

    public List<string> Explained { get; } = new();

    /// <summary>The group items each change said it saves.</summary>
    public List<IReadOnlyCollection<string>> Saved { get; } = new();

    public Task<EwsCallResult<T>> ChangeAsync<T>(EwsOperation<T> operation, IReadOnlyCollection<string> savedGroups)
    {
        Saved.Add(savedGroups);
        return InvokeAsync(operation, Mailboxes.Own);
    }

    public async Task<EwsCallResult<T>> InvokeAsync<T>(EwsOperation<T> operation, MailboxTarget mailbox)
    {
        await Task.Yield();
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
