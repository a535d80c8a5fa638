using System.Diagnostics;
using System.Globalization;

namespace ImContacts.Benchmarks;

/// <summary>
/// Whole-list work at the scale of an organisation, timed once each against the simulator in its own process with a
/// fixed latency L, at one -ThrottleLimit C: Export-ImContactList of M mailboxes into one file, Sync-ImContactList of a
/// desired-state CSV of M mailboxes × K rows (every row a contact to create), the same sync again (reads only), and
/// Measure-ImContactList of M mailboxes, of K contacts each and of the shapes a move to Teams meets
/// (SeedReadinessMailboxes: 2% of them lists of 1,000 contacts and more).
/// Ideal time is R·L/C, R the requests needed; the live managed heap's peak is sampled once a second.
/// </summary>
internal static class ListsHarness
{
    public static int Run(string[] args)
    {
        var mailboxes = HarnessOptions.Number(args, "--mailboxes", 5000);
        var perMailbox = HarnessOptions.Number(args, "--rows-per-mailbox", 20);
        var latency = HarnessOptions.Number(args, "--latency-ms", 20);
        var limit = HarnessOptions.Number(args, "--limit", 8);
        var only = HarnessOptions.Text(args, "--only", "export,sync,report").Split(',');
        Console.WriteLine($"ImContacts lists harness: {mailboxes} mailboxes x {perMailbox} rows, latency {latency} ms, -ThrottleLimit {limit}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| run | requests R | wall time | R·L/C | ratio | peak managed heap |");
        Console.WriteLine("|---|---|---|---|---|---|");

        var work = Directory.CreateTempSubdirectory("imcontacts-lists-").FullName;
        try
        {
            if (only.Contains("export"))
            {
                Export(mailboxes, perMailbox, latency, limit, work);
            }

            if (only.Contains("sync"))
            {
                Sync(mailboxes, perMailbox, latency, limit, work);
            }

            if (only.Contains("report"))
            {
                Readiness(mailboxes, perMailbox, latency, limit);
            }
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        return 0;
    }

    private static void Export(int mailboxes, int perMailbox, int latency, int limit, string work)
    {
        using (var simulator = SimulatorProcess.Start(mailboxes, perMailbox, latency, 0))
        using (var shell = BenchShell.Connected(simulator.Url))
        {
            var file = Path.Combine(work, "all.json");
            var before = simulator.Stats()["requests"];
            var (wall, peak) = Measure(() => BenchShell.Invoke(shell,
                "$mailboxes | Export-ImContactList -Path $file -ThrottleLimit $limit",
                ("mailboxes", Enumerable.Range(0, mailboxes).Select(m => $"m{m}@contoso.com").ToArray()), ("file", file), ("limit", limit)));
            Report("export, one file", simulator.Stats()["requests"] - before, wall, latency, limit, peak);
            Console.WriteLine($"  (snapshot file: {new FileInfo(file).Length / 1048576.0:0.0} MB)");
        }
    }

    private static void Sync(int mailboxes, int perMailbox, int latency, int limit, string work)
    {
        using (var simulator = SimulatorProcess.Start(mailboxes, 0, latency, 0))
        using (var shell = BenchShell.Connected(simulator.Url))
        {
            var csv = Path.Combine(work, "wanted.csv");
            using (var writer = new StreamWriter(csv))
            {
                writer.WriteLine("Mailbox,GroupName,ImAddress,DisplayName");
                for (var m = 0; m < mailboxes; m++)
                {
                    for (var c = 0; c < perMailbox; c++)
                    {
                        writer.WriteLine($"m{m}@contoso.com,Colleagues,c{c}@contoso.com,Contact {c}");
                    }
                }
            }

            foreach (var run in new[] { "sync, every row a change", "sync again, nothing to change" })
            {
                var before = simulator.Stats()["requests"];
                var (wall, peak) = Measure(() => BenchShell.Invoke(shell,
                    "Sync-ImContactList -Path $csv -ThrottleLimit $limit -PassThru | Where-Object Status -eq Failed | ForEach-Object { throw \"$($_.Mailbox) $($_.Action) $($_.Contact): $($_.ResponseCode)\" }",
                    ("csv", csv), ("limit", limit)));
                Report(run, simulator.Stats()["requests"] - before, wall, latency, limit, peak);
            }
        }
    }

    private static void Readiness(int mailboxes, int perMailbox, int latency, int limit)
    {
        foreach (var (run, prefix, seed) in new[]
        {
            ($"report, {perMailbox} contacts each", "m", (string[]?)null),
            ("report, the shapes a move meets", "r", new[] { "--readiness", mailboxes.ToString(CultureInfo.InvariantCulture) }),
        })
        {
            using var simulator = SimulatorProcess.Start(mailboxes, perMailbox, latency, 0, seed: seed);
            using var shell = BenchShell.Connected(simulator.Url);
            var before = simulator.Stats()["requests"];

            // Streamed and counted, as Export-Csv would take them (this host has no Export-Csv): nothing is kept.
            var (wall, peak) = Measure(() => BenchShell.Invoke(shell,
                "$mailboxes | Measure-ImContactList -InternalDomain contoso.com -ThrottleLimit $limit 6>$null | ForEach-Object -Begin { $n = 0; $failed = 0 } -Process { $n++; if ($_.Verdict -eq 'Failed') { $failed++ } } -End { if ($n -ne $mailboxes.Count -or $failed) { throw \"$n results, $failed failed\" } }",
                ("mailboxes", Enumerable.Range(0, mailboxes).Select(m => $"{prefix}{m}@contoso.com").ToArray()), ("limit", limit)));
            Report(run, simulator.Stats()["requests"] - before, wall, latency, limit, peak);
        }
    }

    /// <summary>Runs and times <paramref name="run"/>; the peak is of the live managed heap, after a full collection once a second.</summary>
    private static (TimeSpan Wall, long Peak) Measure(Action run)
    {
        long peak = GC.GetTotalMemory(true);
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(true));
                await Task.Delay(1000).ConfigureAwait(false);
            }
        });
        var clock = Stopwatch.StartNew();
        run();
        clock.Stop();
        stop.Cancel();
        sampler.Wait();
        return (clock.Elapsed, peak);
    }

    private static void Report(string run, long requests, TimeSpan wall, int latency, int limit, long peak)
    {
        var ideal = TimeSpan.FromMilliseconds((double)requests * latency / limit);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {run} | {requests} | {wall.TotalSeconds:0.0} s | {ideal.TotalSeconds:0.0} s | {wall / ideal:0.00} | {peak / 1048576.0:0} MB |"));
    }
}
