using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Runtime;

namespace ImContacts.Benchmarks;

/// <summary>
/// Organisation scale (issue 28): (1) one change in each of N mailboxes and (2) K changes in each of M mailboxes, in
/// mailbox order, through Add-ImContactToGroup at -ThrottleLimit C and -MailboxThrottleLimit P, against the simulator in
/// its own process with its concurrency model on. Each run reports wall time against R·L/C, the client process's CPU
/// time and allocations per request next to the transport floor's (bare HttpClient loops at the same C, measured in the
/// same run, before and after each shape: a shape is set against the two floors that bracket it, pooled, as this
/// machine's speed drifts by a third between runs), the peak of the live managed heap above where it started (after a
/// full collection every 10 s, whose CPU time is the harness's, not the module's), and what the simulator saw in flight
/// (in all and on one mailbox's budget). Warm-up as in ShapesHarness.
/// </summary>
internal static class ScaleHarness
{
    private static bool profileAllocations;

    public static int Run(string[] args)
    {
        var latency = HarnessOptions.Number(args, "--latency-ms", 100);
        var limits = HarnessOptions.Numbers(args, "--limits", "27,64,128");
        var mailboxLimit = HarnessOptions.Number(args, "--mailbox-limit", 27);
        var single = HarnessOptions.Number(args, "--single-mailboxes", 50000);
        var many = HarnessOptions.Number(args, "--many-mailboxes", 5000);
        var perMailbox = HarnessOptions.Number(args, "--per-mailbox", 20);
        var floorRequests = HarnessOptions.Number(args, "--floor-requests", 10000);
        var shapes = HarnessOptions.Text(args, "--shapes", "12");
        profileAllocations = args.Contains("--allocations");

        Console.WriteLine($"ImContacts at organisation scale: latency {latency} ms, -MailboxThrottleLimit {mailboxLimit}, {Environment.ProcessorCount} cores, simulator concurrency model on");
        Console.WriteLine();
        Console.WriteLine("| run | C | requests R | wall time | R·L/C | ratio | client CPU per request | floor's | × floor | allocations per request | floor's | pool work items per request (floor's) | GC pause per request (floor's) | peak live heap above start | in flight (per mailbox) | conflicts | JIT during run |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var limit in limits)
        {
            MeasuredRun Floor()
            {
                var floor = TransportFloor.Measure(limit, latency, floorRequests);
                Console.WriteLine(Line("transport floor (no module)", limit, floor.Requests, floor.Wall, latency, floor, floor, 0, "-", "-", "-"));
                return floor;
            }

            var before = Floor();
            if (shapes.Contains('c'))
            {
                var client = ClientFloor.Measure(limit, mailboxLimit, latency, floorRequests);
                var after = Floor();
                Console.WriteLine(Line("EWS layer alone (no rows, no pipeline)", limit, client.Requests, client.Wall, latency, client, before + after, -1, "-", "-", "-"));
                before = after;
            }

            if (shapes.Contains('1'))
            {
                before = Shape($"{single:N0} mailboxes × 1", limit, mailboxLimit, latency, single, 1, before, Floor);
            }

            if (shapes.Contains('2'))
            {
                Shape($"{many:N0} mailboxes × {perMailbox}", limit, mailboxLimit, latency, many, perMailbox, before, Floor);
            }
        }

        return 0;
    }

    /// <returns>The floor measured after the shape (the next shape's floor before it).</returns>
    private static MeasuredRun Shape(string name, int limit, int mailboxLimit, int latency, int mailboxes, int contacts, MeasuredRun floorBefore, Func<MeasuredRun> measureFloor)
    {
        using var simulator = SimulatorProcess.Start(2 * mailboxes, contacts, latency, 0, concurrencyModel: true);
        using var shell = BenchShell.Connected(simulator.Url, onThisThread: true);
        // The results are made and written (-PassThru), then dropped: holding 50,000 of them would be the harness's memory.
        var command = $"$rows | Add-ImContactToGroup -ThrottleLimit {limit} -MailboxThrottleLimit {mailboxLimit} -PassThru | Out-Null";
        ShapesHarness.WarmUp(shell, command, ShapesHarness.MailboxOrder(Math.Min(mailboxes, 5000 / contacts), contacts, mailboxes), 1000);
        var input = ShapesHarness.MailboxOrder(mailboxes, contacts);
        var before = simulator.Stats();
        var jitBefore = JitInfo.GetCompilationTime();
        var start = GC.GetTotalMemory(true);
        var peak = start;
        var measure = MeasuredRun.Begin();

        // The sampler's full collections are the harness's work, not the module's: their CPU time (on the sampler's
        // thread, as a workstation collection runs on the thread that asks for it) is taken out of the run's. Each one
        // took about 0.1 s with the runspace's heap, which at C = 27 was a sixth of the module's CPU time.
        var sampling = TimeSpan.Zero;
        var samplingPause = TimeSpan.Zero;
        static TimeSpan ThreadTime() => OperatingSystem.IsLinux() ? ThreadCpu.Now() : TimeSpan.Zero;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (true)
            {
                try
                {
                    // A full collection of a process with hundreds of threads is not free: often enough to see growth, no more.
                    await Task.Delay(10000, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var (cpu, paused) = (ThreadTime(), GC.GetTotalPauseDuration());
                peak = Math.Max(peak, GC.GetTotalMemory(true));
                (sampling, samplingPause) = (sampling + ThreadTime() - cpu, samplingPause + GC.GetTotalPauseDuration() - paused);
            }
        });

        using var allocations = profileAllocations ? new AllocationProfile() : null;
        var clock = Stopwatch.StartNew();
        var (_, output) = BenchShell.Run(shell, command, ("rows", input));
        var wall = clock.Elapsed;
        allocations?.Dispose();
        stop.Cancel();
        sampler.Wait();
        var jit = JitInfo.GetCompilationTime() - jitBefore;
        var after = simulator.Stats();
        var requests = after["requests"] - before["requests"];

        // A failed row would have been an error (BenchShell throws); every row added its contact: one write each, one read per mailbox.
        if (output.Count != 0 || requests != input.Length + mailboxes || after["reads"] - before["reads"] != mailboxes)
        {
            throw new InvalidOperationException($"{requests} requests ({after["reads"] - before["reads"]} reads) for {input.Length} rows of {mailboxes} mailboxes");
        }

        var whole = measure(wall, requests);
        var module = whole with { Cpu = whole.Cpu - sampling, GcPause = whole.GcPause - samplingPause };
        var floorAfter = measureFloor();
        Console.WriteLine(Line(name, limit, requests, wall, latency, module, floorBefore + floorAfter, peak - start,
            $"{after["maxInFlight"]} ({after["maxInFlightPerMailbox"]})", (after["conflicts"] - before["conflicts"]).ToString(CultureInfo.InvariantCulture), $"{jit.TotalMilliseconds:0} ms"));
        allocations?.Print(requests);
        return floorAfter;
    }

    private static string Line(string name, int limit, long requests, TimeSpan wall, int latency, MeasuredRun run, MeasuredRun floor, long heap, string inFlight, string conflicts, string jit)
    {
        var ideal = TimeSpan.FromMilliseconds((double)requests * latency / limit);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {limit} | {requests} | {wall.TotalSeconds:0.0} s | {ideal.TotalSeconds:0.0} s | {wall / ideal:0.00} | {run.CpuMicrosPerRequest:0} µs | {floor.CpuMicrosPerRequest:0} µs | {run.CpuMicrosPerRequest / floor.CpuMicrosPerRequest:0.00} | {run.KilobytesPerRequest:0.0} KB | {floor.KilobytesPerRequest:0.0} KB | {run.WorkItemsPerRequest:0.0} ({floor.WorkItemsPerRequest:0.0}) | {run.GcPauseMicrosPerRequest:0} µs ({floor.GcPauseMicrosPerRequest:0} µs) | {(ReferenceEquals(run, floor) || heap < 0 ? "-" : $"{heap / 1048576.0:0.0} MB")} | {inFlight} | {conflicts} | {jit} |");
    }
}
