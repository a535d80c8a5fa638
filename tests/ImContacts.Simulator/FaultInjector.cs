namespace ImContacts.Simulator;

public enum InjectedFaultKind
{
    /// <summary>SOAP fault ErrorServerBusy with a BackOffMilliseconds hint (HTTP 500).</summary>
    ServerBusy,

    /// <summary>HTTP 503 with Retry-After, as IIS answers when its queue is full.</summary>
    ServiceUnavailable,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,

    /// <summary>The operation runs, then the connection is closed without an answer: the client cannot know it ran.</summary>
    DropAfterApply,

    /// <summary>Something else answers instead of EWS (a proxy, a sign-in page, a broken server): <see cref="InjectedFault.Answer"/>.</summary>
    RawAnswer,

    /// <summary>The connection is accepted and never answered (until the client gives up, at most ten minutes).</summary>
    Hang,
}

/// <summary>An HTTP answer given as is.</summary>
public sealed record RawAnswer(int Status, string ContentType, byte[] Body, IReadOnlyDictionary<string, string>? Headers = null);

public sealed record InjectedFault(InjectedFaultKind Kind, int BackOffMilliseconds = 1000, int RetryAfterSeconds = 1, RawAnswer? Answer = null);

/// <summary>Faults on request: a fixed latency, one-shot faults for the next requests, and random rates from a seeded generator.</summary>
public sealed class FaultInjector
{
    private readonly Queue<InjectedFault> next = new();
    private readonly Dictionary<string, Queue<InjectedFault>> nextFor = new(StringComparer.Ordinal);
    private readonly object sync = new();
    private Random random = new(1);

    /// <summary>How long each request takes at the server, counted from its arrival: writes save when it ends.</summary>
    public TimeSpan Latency { get; set; }

    public double ServerBusyRate { get; set; }

    public double ServiceUnavailableRate { get; set; }

    public double DropConnectionRate { get; set; }

    /// <summary>Share of requests that run and then lose their answer.</summary>
    public double DropAfterApplyRate { get; set; }

    /// <summary>Concurrent requests per server beyond which EWS answers ErrorExceededConnectionCount (EWSMaxConcurrency); null: no limit.</summary>
    public int? ConcurrencyLimit { get; set; }

    /// <summary>Concurrent requests per budget (the impersonated mailbox, else the account; BudgetCounter) beyond which EWS answers ErrorExceededConnectionCount; null: no limit.</summary>
    public int? MailboxConcurrencyLimit { get; set; }

    /// <summary>Operations the server rejects, with the response code it answers (HTTP 200, ResponseClass Error).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> RejectedOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes the server reject every <paramref name="operation"/>, as some servers are reported to do with RemoveContactFromImList.</summary>
    public void Reject(string operation, string responseCode) => RejectedOperations[operation] = responseCode;

    /// <summary>5% faults in all, from <paramref name="seed"/>: 2% ErrorServerBusy, 1% each HTTP 503, dropped connections and answers lost after the change, at 2 ms latency.</summary>
    public void FivePercent(int seed)
    {
        Seed(seed);
        Latency = TimeSpan.FromMilliseconds(2);
        ServerBusyRate = 0.02;
        ServiceUnavailableRate = 0.01;
        DropConnectionRate = 0.01;
        DropAfterApplyRate = 0.01;
    }

    public void Seed(int seed)
    {
        lock (sync)
        {
            random = new Random(seed);
        }
    }

    public void Enqueue(InjectedFault fault)
    {
        lock (sync)
        {
            next.Enqueue(fault);
        }
    }

    /// <summary>A fault for the next request of <paramref name="operation"/> only: DropConnection (before it runs) or DropAfterApply.</summary>
    public void EnqueueFor(string operation, InjectedFault fault)
    {
        if (fault.Kind is not (InjectedFaultKind.DropConnection or InjectedFaultKind.DropAfterApply))
        {
            throw new ArgumentException("Only dropped connections can target an operation.", nameof(fault));
        }

        lock (sync)
        {
            if (!nextFor.TryGetValue(operation, out var queue))
            {
                nextFor[operation] = queue = new Queue<InjectedFault>();
            }

            queue.Enqueue(fault);
        }
    }

    /// <summary>The fault queued for this operation, if any.</summary>
    public InjectedFault? NextFor(string operation)
    {
        lock (sync)
        {
            return nextFor.TryGetValue(operation, out var queue) && queue.Count > 0 ? queue.Dequeue() : null;
        }
    }

    public void Clear()
    {
        lock (sync)
        {
            next.Clear();
            nextFor.Clear();
            RejectedOperations.Clear();
            ServerBusyRate = ServiceUnavailableRate = DropConnectionRate = DropAfterApplyRate = 0;
            ConcurrencyLimit = null;
            MailboxConcurrencyLimit = null;
            Latency = TimeSpan.Zero;
        }
    }

    /// <summary>The fault for the request arriving now, if any.</summary>
    public InjectedFault? Next()
    {
        lock (sync)
        {
            if (next.Count > 0)
            {
                return next.Dequeue();
            }

            var roll = random.NextDouble();
            if (roll < ServerBusyRate)
            {
                return new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 50);
            }

            if ((roll -= ServerBusyRate) < ServiceUnavailableRate)
            {
                return new InjectedFault(InjectedFaultKind.ServiceUnavailable);
            }

            if ((roll -= ServiceUnavailableRate) < DropConnectionRate)
            {
                return new InjectedFault(InjectedFaultKind.DropConnection);
            }

            return roll - DropConnectionRate < DropAfterApplyRate ? new InjectedFault(InjectedFaultKind.DropAfterApply) : null;
        }
    }
}
