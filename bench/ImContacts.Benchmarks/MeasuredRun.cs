using System.Diagnostics;

namespace ImContacts.Benchmarks;

/// <summary>
/// A run measured in this process: wall time, requests (the simulator's count), and the process's CPU time,
/// allocations and thread-pool work items over it (each work item may wake an idle pool thread, which then spins), and the
/// time the garbage collector held the process's threads (a workstation collection's work, on one thread, is most of it).
/// </summary>
internal sealed record MeasuredRun(TimeSpan Wall, long Requests, TimeSpan Cpu, long Allocated, long WorkItems, TimeSpan GcPause = default)
{
    public double CpuMicrosPerRequest => Cpu.TotalMilliseconds * 1000 / Requests;

    public double KilobytesPerRequest => Allocated / 1024.0 / Requests;

    public double WorkItemsPerRequest => (double)WorkItems / Requests;

    public double GcPauseMicrosPerRequest => GcPause.TotalMilliseconds * 1000 / Requests;

    /// <summary>Starts measuring; the function ends the run with its wall time and request count.</summary>
    public static Func<TimeSpan, long, MeasuredRun> Begin()
    {
        var (cpu, allocated, items, paused) = (Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalAllocatedBytes(true), ThreadPool.CompletedWorkItemCount, GC.GetTotalPauseDuration());
        return (wall, requests) => new MeasuredRun(wall, requests, Process.GetCurrentProcess().TotalProcessorTime - cpu,
            GC.GetTotalAllocatedBytes(true) - allocated, ThreadPool.CompletedWorkItemCount - items, GC.GetTotalPauseDuration() - paused);
    }

    /// <summary>Two runs pooled: their requests, CPU time and allocations together (per request, a weighted mean).</summary>
    public static MeasuredRun operator +(MeasuredRun a, MeasuredRun b) =>
        new(a.Wall + b.Wall, a.Requests + b.Requests, a.Cpu + b.Cpu, a.Allocated + b.Allocated, a.WorkItems + b.WorkItems, a.GcPause + b.GcPause);
}
