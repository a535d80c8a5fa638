namespace ImContacts.Simulator;

public enum InjectedFaultKind
{
    /// <summary>SOAP fault ErrorServerBusy with a BackOffMilliseconds hint (HTTP 500).</summary>
    ServerBusy,

    /// <summary>HTTP 503 with Retry-After, as IIS answers when its queue is full.</summary>
    ServiceUnavailable,

    /// <summary>The connection is closed without an answer.</summary>
    DropConnection,
}

public sealed record InjectedFault(InjectedFaultKind Kind, int BackOffMilliseconds = 1000, int RetryAfterSeconds = 1);

/// <summary>Faults on request: a fixed latency, one-shot faults for the next requests, and random rates from a seeded generator.</summary>
public sealed class FaultInjector
{
    private readonly Queue<InjectedFault> next = new();
    private readonly object sync = new();
    private Random random = new(1);

    public TimeSpan Latency { get; set; }

    public double ServerBusyRate { get; set; }

    public double ServiceUnavailableRate { get; set; }

    public double DropConnectionRate { get; set; }

    /// <summary>Operations the server rejects, with the response code it answers (HTTP 200, ResponseClass Error).</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, string> RejectedOperations { get; } = new(StringComparer.Ordinal);

    /// <summary>Makes the server reject every <paramref name="operation"/>, as some servers are reported to do with RemoveContactFromImList.</summary>
    public void Reject(string operation, string responseCode) => RejectedOperations[operation] = responseCode;

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

    public void Clear()
    {
        lock (sync)
        {
            next.Clear();
            RejectedOperations.Clear();
            ServerBusyRate = ServiceUnavailableRate = DropConnectionRate = 0;
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

            return roll - ServiceUnavailableRate < DropConnectionRate ? new InjectedFault(InjectedFaultKind.DropConnection) : null;
        }
    }
}
