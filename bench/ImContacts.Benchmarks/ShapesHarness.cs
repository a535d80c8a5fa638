using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime;

namespace ImContacts.Benchmarks;

/// <summary>
/// The CSV shapes admins run, timed once each against the simulator in its own process with its concurrency model on
/// (a save of a group another request saved meanwhile is refused, as on Exchange): (a) M mailboxes × K rows in mailbox
/// order, (b) the same rows interleaved, (c) one row for each of N mailboxes, (d) N rows into one group of one mailbox.
/// Each run reports wall time against R·L/C (R: the requests the job needs, counted by the simulator), requests refused
/// by conflicts, and the pipeline thread's CPU time per row, next to the binding floor: the same rows bound to a trivial
/// compiled cmdlet with three by-property-name parameters and ShouldProcess, in the same process. The CPU time of the
/// whole client process and of the simulator's, per request, shows how much of the cores' time a run needs. Each run
/// follows a warm-up of the same rows on other mailboxes of the same simulator and client, until the client has
/// stopped compiling: a cold simulator spends up to 40% of its CPU compiling during a run of a few seconds, and a
/// server that EWS clients use is warm; the client's compiling during a run (tiered JIT of PowerShell's and the
/// module's code took 2.6 to 4.4 s of a 5 s run after 1,000 rows of warm-up) is a once-per-session cost, given in
/// its own column rather than counted as the module's speed.
/// </summary>
internal static class ShapesHarness
{
    public static int Run(string[] args)
    {
        var rows = HarnessOptions.Number(args, "--rows", 5000);
        var latency = HarnessOptions.Number(args, "--latency-ms", 20);
        var perMailbox = HarnessOptions.Number(args, "--per-mailbox", 20);
        var oneGroup = HarnessOptions.Number(args, "--one-group-rows", 1000);
        var limits = HarnessOptions.Numbers(args, "--limits", "8,27");
        var shapes = HarnessOptions.Text(args, "--shapes", "fabcd");

        Console.WriteLine($"ImContacts CSV shapes: latency {latency} ms, {Environment.ProcessorCount} cores, simulator concurrency model on");
        var floor = BindingFloor(rows);
        Console.WriteLine($"Binding floor (Set-Trivial, {rows} rows): {floor.TotalMilliseconds * 1000 / rows:0.0} µs of pipeline-thread CPU per row");
        Console.WriteLine();
        Console.WriteLine("| shape | C | rows N | requests R | wall time | R·L/C | ratio | conflicts | pipeline thread per row | client CPU per request | simulator CPU per request | client allocations per request | client JIT during run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var limit in limits)
        {
            var mailboxes = rows / perMailbox;
            if (shapes.Contains('f'))
            {
                // Twice the rows, as (c) sends: one read and one write per mailbox.
                var (wall, requests, _, _, _, _) = TransportFloor.Measure(limit, latency, 2 * rows);
                var ideal = TimeSpan.FromMilliseconds((double)requests * latency / limit);
                Console.WriteLine($"| transport floor (no module) | {limit} | - | {requests} | {wall.TotalSeconds:0.00} s | {ideal.TotalSeconds:0.00} s | {wall / ideal:0.00} | - | - | - | - | - | - |");
            }

            if (shapes.Contains('a'))
            {
                Shape("(a) mailbox order", limit, latency, mailboxes, perMailbox, first => MailboxOrder(mailboxes, perMailbox, first));
            }

            if (shapes.Contains('b'))
            {
                Shape("(b) interleaved", limit, latency, mailboxes, perMailbox, first => Interleaved(mailboxes, perMailbox, first));
            }

            if (shapes.Contains('c'))
            {
                Shape("(c) one row per mailbox", limit, latency, rows, 1, first => MailboxOrder(rows, 1, first));
            }

            if (shapes.Contains('d'))
            {
                Shape("(d) one group", limit, latency, 1, oneGroup, first => MailboxOrder(1, oneGroup, first), sequential: true);
            }
        }

        return 0;
    }

    /// <param name="rowsFrom">The shape's rows over mailboxes numbered from the given one.</param>
    private static void Shape(string name, int limit, int latency, int mailboxes, int contacts, Func<int, PSObject[]> rowsFrom, bool sequential = false)
    {
        // The simulator holds the shape's mailboxes and as many again for the warm-up, which runs the same rows on those.
        using var simulator = SimulatorProcess.Start(2 * mailboxes, contacts, latency, 0, concurrencyModel: true);
        using var shell = BenchShell.Connected(simulator.Url, onThisThread: true);
        var input = rowsFrom(0);
        WarmUp(shell, Command(limit), rowsFrom(mailboxes), sequential ? 100 : 1000);
        var before = simulator.Stats();
        var jitBefore = JitInfo.GetCompilationTime();
        var (clientBefore, simulatorBefore, allocatedBefore) = (Process.GetCurrentProcess().TotalProcessorTime, simulator.Cpu, GC.GetTotalAllocatedBytes());
        var clock = Stopwatch.StartNew();
        var (cpu, output) = BenchShell.Run(shell, Command(limit), ("rows", input));
        var wall = clock.Elapsed;
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var notAdded = output.FirstOrDefault(o => o.Properties["Status"].Value.ToString() != "Added");
        if (output.Count != input.Length || notAdded is not null)
        {
            throw new InvalidOperationException($"{output.Count} outputs for {input.Length} rows" + (notAdded is null ? string.Empty : $"; a row ended {notAdded.Properties["Status"].Value}"));
        }

        var (clientCpu, simulatorCpu, allocated) = (Process.GetCurrentProcess().TotalProcessorTime - clientBefore, simulator.Cpu - simulatorBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);
        var after = simulator.Stats();
        var requests = after["requests"] - before["requests"];

        // (d) saves one group N times: one request at a time whatever C is, so its bound is R·L.
        var ideal = TimeSpan.FromMilliseconds((double)requests * latency / (sequential ? 1 : limit));
        Console.WriteLine($"| {name} | {limit} | {input.Length} | {requests} | {wall.TotalSeconds:0.00} s | {ideal.TotalSeconds:0.00} s{(sequential ? " (R·L)" : string.Empty)} | {wall / ideal:0.00} | {after["conflicts"] - before["conflicts"]} | {cpu.TotalMilliseconds * 1000 / input.Length:0} µs | {PerRequest(clientCpu, requests)} | {PerRequest(simulatorCpu, requests)} | {allocated / 1024.0 / requests:0.0} KB | {jit.TotalMilliseconds:0} ms |");
    }

    /// <summary>
    /// Runs the shape's rows on the warm-up mailboxes, <paramref name="slice"/> at a time, until a slice spends under 2%
    /// of its time compiling (or the rows run out). The timed run then measures the module at its steady speed; the
    /// compiling still done during it is reported beside it.
    /// </summary>
    internal static void WarmUp(Runspace shell, string command, PSObject[] rows, int slice)
    {
        for (var offset = 0; offset < rows.Length; offset += slice)
        {
            var (jit, clock) = (JitInfo.GetCompilationTime(), Stopwatch.StartNew());
            BenchShell.Run(shell, command, ("rows", rows.Skip(offset).Take(slice).ToArray()));

            // Tiered compilation recompiles hot methods in the background once calls stop bringing new ones: let it.
            Thread.Sleep(TimeSpan.FromSeconds(1));
            if (JitInfo.GetCompilationTime() - jit < clock.Elapsed * 0.02)
            {
                return;
            }
        }
    }

    /// <summary>The timed command; the warm-up runs the same, so that its output path is compiled too.</summary>
    private static string Command(int limit) => $"$rows | Add-ImContactToGroup -ThrottleLimit {limit} -PassThru";

    private static string PerRequest(TimeSpan cpu, long requests) => $"{cpu.TotalMilliseconds * 1000 / requests:0} µs";

    private static TimeSpan BindingFloor(int rows)
    {
        using (var runspace = BenchShell.Open(onThisThread: true))
        {
            BenchShell.Invoke(runspace, "Import-Module $module -ErrorAction Stop", ("module", Paths.Module("TrivialModule")));
            var input = MailboxOrder(rows / 20, 20);
            BenchShell.Invoke(runspace, "$rows | Set-Trivial | Out-Null", ("rows", input)); // warm
            var (cpu, output) = BenchShell.Run(runspace, "$rows | Set-Trivial", ("rows", input));
            return output.Count == input.Length ? cpu : throw new InvalidOperationException($"Set-Trivial wrote {output.Count} outputs for {input.Length} rows.");
        }
    }

    internal static PSObject[] MailboxOrder(int mailboxes, int contacts, int first = 0) =>
        Enumerable.Range(first, mailboxes).SelectMany(m => Enumerable.Range(0, contacts).Select(c => Row(m, c))).ToArray();

    private static PSObject[] Interleaved(int mailboxes, int contacts, int first = 0) =>
        Enumerable.Range(0, contacts).SelectMany(c => Enumerable.Range(first, mailboxes).Select(m => Row(m, c))).ToArray();

    private static PSObject Row(int mailbox, int contact)
    {
        var row = new PSObject();
        row.Properties.Add(new PSNoteProperty("Mailbox", $"m{mailbox}@contoso.com"));
        row.Properties.Add(new PSNoteProperty("ImAddress", $"c{contact}@contoso.com"));
        row.Properties.Add(new PSNoteProperty("GroupName", "Colleagues"));
        return row;
    }
}
