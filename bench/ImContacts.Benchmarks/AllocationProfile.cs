using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace ImContacts.Benchmarks;

/// <summary>
/// The runtime's allocation sampling (GCAllocationTick, about one event per 100 KB allocated), summed by type while it
/// listens: where a run's allocations go, without a profiler. Also counts the collections of each generation.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private readonly ConcurrentDictionary<string, long> bytes = new();
    private readonly int[] collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            // GC keyword at Verbose: GCAllocationTick.
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null)
        {
            return;
        }

        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t] as string ?? "?" : "?";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        bytes.AddOrUpdate(type, amount, (_, b) => b + amount);
    }

    public void Print(long requests, int top = 30)
    {
        var total = bytes.Values.Sum();
        Console.WriteLine($"Allocation samples: {total / 1048576.0:0} MB sampled, {total / 1024.0 / requests:0.0} KB per request; collections gen0/1/2: "
            + string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g])));
        foreach (var (type, amount) in bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine($"  {amount / 1024.0 / requests,7:0.00} KB/request  {type}");
        }
    }
}
