namespace ImContacts.Benchmarks;

/// <summary>A run measured in this process: wall time, requests (the simulator's count), and the process's CPU time and allocations over it.</summary>
internal sealed record MeasuredRun(TimeSpan Wall, long Requests, TimeSpan Cpu, long Allocated)
{
    public double CpuMicrosPerRequest => Cpu.TotalMilliseconds * 1000 / Requests;

    public double KilobytesPerRequest => Allocated / 1024.0 / Requests;

    /// <summary>Two runs pooled: their requests, CPU time and allocations together (per request, a weighted mean).</summary>
    public static MeasuredRun operator +(MeasuredRun a, MeasuredRun b) =>
        new(a.Wall + b.Wall, a.Requests + b.Requests, a.Cpu + b.Cpu, a.Allocated + b.Allocated);
}
