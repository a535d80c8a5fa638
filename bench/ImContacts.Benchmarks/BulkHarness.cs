using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ImContacts.Benchmarks;

/// <summary>
/// End-to-end bulk runs, timed once each: N rows through Add-ImContactToGroup in the in-process PowerShell engine,
/// against the simulator in its own process with a fixed latency L, at several -ThrottleLimit values; the same job as
/// a foreach loop of single calls; and a 50,000-row pipeline's memory. Ideal time is N·L/C.
/// </summary>
internal static class BulkHarness
{
    private const int ContactsPerMailbox = 500;

    public static int Run(string[] args)
    {
        var rows = HarnessOptions.Number(args, "--rows", 5000);
        var latency = HarnessOptions.Number(args, "--latency-ms", 20);
        var foreachRows = HarnessOptions.Number(args, "--foreach-rows", 500);
        var memoryRows = HarnessOptions.Number(args, "--memory-rows", 50000);
        var limits = HarnessOptions.Numbers(args, "--limits", "1,8,27");

        Console.WriteLine($"ImContacts bulk harness: {rows} rows, latency {latency} ms, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | limit C | rows N | wall time | ideal N·L/C | ratio |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var limit in limits)
        {
            Report("pipeline", limit, rows, latency, Pipeline(rows, latency, limit, busyRate: 0));
        }

        foreach (var limit in limits.Where(l => l > 1))
        {
            Report("pipeline, 5% ErrorServerBusy", limit, rows, latency, Pipeline(rows, latency, limit, busyRate: 0.05));
        }

        Report("foreach loop of single calls", 1, foreachRows, latency, ForeachLoop(foreachRows, latency));
        Memory(memoryRows);
        return 0;
    }

    private static void Report(string run, int limit, int rows, int latency, TimeSpan wall)
    {
        var ideal = TimeSpan.FromMilliseconds((double)rows * latency / limit);
        Console.WriteLine($"| {run} | {limit} | {rows} | {wall.TotalSeconds:0.00} s | {ideal.TotalSeconds:0.00} s | {wall / ideal:0.00} |");
    }

    private static TimeSpan Pipeline(int rows, int latency, int limit, double busyRate)
    {
        using var simulator = SimulatorProcess.Start(Mailboxes(rows), ContactsPerMailbox, latency, busyRate);
        using var shell = BenchShell.Connected(simulator.Url);
        var input = Rows(rows).ToArray();
        var clock = Stopwatch.StartNew();
        BenchShell.Invoke(shell, $"$rows | Add-ImContactToGroup -ThrottleLimit {limit} -PassThru | ForEach-Object {{ if ($_.Status -ne 'Added') {{ throw \"row $($_.ImAddress): $($_.Status) $($_.ResponseCode)\" }} }}", ("rows", input));
        return clock.Elapsed;
    }

    private static TimeSpan ForeachLoop(int rows, int latency)
    {
        using var simulator = SimulatorProcess.Start(Mailboxes(rows), ContactsPerMailbox, latency, 0);
        using var shell = BenchShell.Connected(simulator.Url);
        var input = Rows(rows).ToArray();
        var clock = Stopwatch.StartNew();
        BenchShell.Invoke(shell, "foreach ($row in $rows) { $null = Add-ImContactToGroup -Mailbox $row.Mailbox -ImAddress $row.ImAddress -GroupName $row.GroupName -ErrorAction Stop }", ("rows", input));
        return clock.Elapsed;
    }

    /// <summary>Rows made on the fly, nothing kept: the managed heap after a full collection, every 5,000 rows.</summary>
    private static void Memory(int rows)
    {
        const int every = 5000;
        // The typical job: the same 20 contacts for every user in the CSV.
        const int contacts = 20;
        using var simulator = SimulatorProcess.Start((rows + contacts - 1) / contacts, contacts, 0, 0);
        using var shell = BenchShell.Connected(simulator.Url);
        var samples = new List<long>();
        var clock = Stopwatch.StartNew();
        BenchShell.Invoke(shell, $$"""
            0..{{rows - 1}} | ForEach-Object {
                if ($_ % {{every}} -eq 0) { $samples.Add([GC]::GetTotalMemory($true)) }
                [pscustomobject]@{ Mailbox = "m$([math]::Floor($_ / {{contacts}}))@contoso.com"; ImAddress = "c$($_ % {{contacts}})@contoso.com"; GroupName = 'Colleagues' }
            } | Add-ImContactToGroup -ThrottleLimit 8
            $samples.Add([GC]::GetTotalMemory($true))
            """, ("samples", samples));
        Console.WriteLine();
        Console.WriteLine($"Memory, {rows} rows ({contacts} per mailbox) at -ThrottleLimit 8, no latency ({clock.Elapsed.TotalSeconds:0.0} s): managed heap after a full GC, every {every} rows (MB):");
        Console.WriteLine("  " + string.Join(", ", samples.Select(s => (s / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture))));
        var steady = samples.Skip(2).ToList();
        var perRow = (double)(steady[^1] - steady[0]) / (every * (steady.Count - 1));
        Console.WriteLine($"  growth from {2 * every} rows to the end: {perRow:0.0} bytes per row");
    }

    private static int Mailboxes(int rows) => (rows + ContactsPerMailbox - 1) / ContactsPerMailbox;

    private static IEnumerable<PSObject> Rows(int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            var row = new PSObject();
            row.Properties.Add(new PSNoteProperty("Mailbox", $"m{i / ContactsPerMailbox}@contoso.com"));
            row.Properties.Add(new PSNoteProperty("ImAddress", $"c{i % ContactsPerMailbox}@contoso.com"));
            row.Properties.Add(new PSNoteProperty("GroupName", "Colleagues"));
            yield return row;
        }
    }
}
