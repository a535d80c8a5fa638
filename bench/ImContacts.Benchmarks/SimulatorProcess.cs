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

    public static SimulatorProcess Start(int mailboxes, int contacts, int latencyMs, double busyRate)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            Paths.Simulator, "--empty", "--no-schema", "--bulk", $"{mailboxes},{contacts}", "--latency-ms", latencyMs.ToString(CultureInfo.InvariantCulture),
            "--server-busy-rate", busyRate.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var first = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("The simulator did not start: " + process.StandardError.ReadToEnd());
        const string prefix = "EWS simulator listening on ";
        return first.StartsWith(prefix, StringComparison.Ordinal)
            ? new SimulatorProcess(process, new Uri(first.Substring(prefix.Length)))
            : throw new InvalidOperationException("Unexpected simulator output: " + first);
    }

    public void Dispose()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }
}
