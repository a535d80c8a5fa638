namespace ImContacts.Benchmarks;

/// <summary>A run measured in this process: wall time, requests (the simulator's count), and the process's CPU time and allocations over it.</summary>
internal sealed record MeasuredRun(TimeSpan Wall, long Requests, TimeSpan Cpu, long Allocated)
{
    public double CpuMicrosPerRequest => Cpu.TotalMilliseconds * 1000 / Requests;

    public double KilobytesPerRequest => Allocated / 1024.0 / Requests;
}
