using ImContacts.Lists;
using ImContacts.Editing;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.UnitTests;

/// <summary>A row as a cmdlet's would be, with answers fixed in advance and reports kept.</summary>
internal sealed class TestRow : IListRow
{
    private readonly EwsClient client;
    private readonly ImListCache lists;
    private readonly bool confirm;

    public TestRow(EwsClient client, ImListCache lists, string? mailbox, bool confirm = true)
    {
        this.client = client;
        this.lists = lists;
        Mailbox = Mailboxes.Of(mailbox);
        this.confirm = confirm;
    }

    public MailboxTarget Mailbox { get; }

    /// <summary>The editing layer only reports it; the pipeline row writes it (RunBackupTests, the hosted tests).</summary>
    public string? BackupFile => null;

    public RemovalGuard? Removals { get; init; }

    public object Target { get; } = new object();

    /// <summary>Every output object, in order.</summary>
    public List<object> Outputs { get; } = new();

    /// <summary>The runner's results.</summary>
    public List<ImListChange> Changes => Outputs.OfType<ImListChange>().ToList();

    public List<string> Asked { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<(Exception Error, object Target)> Failures { get; } = new();

    public Task<ImListState> ListAsync() => lists.GetAsync(Mailbox, async () => (await InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), Mailbox)).Value);

    public bool Confirm(ImListState list, string action)
    {
        Asked.Add(action);
        return confirm;
    }

    public void Output(object value) => Outputs.Add(value);

    public void Warning(string message) => Warnings.Add(message);

    public void ChangeFailed(Exception exception, object target) => Failures.Add((exception, target));

    public Task<EwsCallResult<T>> InvokeAsync<T>(EwsOperation<T> operation, MailboxTarget mailbox) =>
        client.InvokeAsync(operation, mailbox, CancellationToken.None);

    public Task<EwsCallResult<T>> ChangeAsync<T>(EwsOperation<T> operation, IReadOnlyCollection<string> savedGroups) => InvokeAsync(operation, Mailbox);

    /// <summary>Runs <paramref name="work"/> holding the lists' lock, as a pipeline row's work is run, and waits for it.</summary>
    public static void Held(ImListCache lists, Func<Task> work)
    {
        lists.Sync.Enter();
        try
        {
            work().GetAwaiter().GetResult();
        }
        finally
        {
            lists.Sync.Exit();
        }
    }

    public void Explain(string message)
    {
    }
}
