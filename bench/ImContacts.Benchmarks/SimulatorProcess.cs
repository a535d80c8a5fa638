using System.Diagnostics;
using System.Globalization;

namespace ImContacts.Benchmarks;

/// <summary>The simulator in a process of its own (so the client's memory is measured alone), seeded for a bulk run.</summary>
internal sealed class SimulatorProcess : IDisposable
{
    public const string AdminUser = "admin@contoso.com";
    public const string AdminPassword = "Sim-Admin-Pass1";

    private readonly Process process;

    private SimulatorProcess(Process process, Uri url)
    {
        this.process = process;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>CPU time the simulator's process has used so far.</summary>
    public TimeSpan Cpu
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <param name="concurrencyModel">False: the simulator lets saves of one group overlap (--no-conflicts), as earlier runs measured.</param>
    /// <param name="seed">The simulator's seeding arguments instead of --bulk (--readiness N, say).</param>
    public static SimulatorProcess Start(int mailboxes, int contacts, int latencyMs, double busyRate, bool concurrencyModel = false, string[]? seed = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Paths.Simulator, "--empty", "--no-schema", "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture),
            "--server-busy-rate", busyRate.ToString(CultureInfo.InvariantCulture),
        }.Concat(seed ?? new[] { "--bulk", $"{mailboxes},{contacts}" }).Concat(concurrencyModel ? Array.Empty<string>() : new[] { "--no-conflicts" }))
        {
            start.ArgumentList.Add(argument);
        }

        // The simulator stands in for a warm server. With tiered PGO its code is still being instrumented and compiled
        // again through a run of a few seconds, and that JIT work takes the cores the client is measured on.
        start.Environment["DOTNET_TieredPGO"] = "0";
        var process = Process.Start(start)!;
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The simulator did not start: " + process.StandardError.ReadToEnd());
        const string prefix = "EWS simulator listening on ";
        return first.StartsWith(prefix, StringComparison.Ordinal)
            ? new SimulatorProcess(process, new Uri(first.Substring(prefix.Length)))
            : throw new InvalidOperationException("Unexpected simulator output: " + first);
    }

    /// <summary>The simulator's counters (GET /stats): requests, reads, conflicts, maxInFlight.</summary>
    public Dictionary<string, long> Stats()
    {
        using var http = new HttpClient();
        var line = http.GetStringAsync(new Uri(Url, "/stats")).GetAwaiter().GetResult();
        return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
