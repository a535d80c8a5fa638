using BenchmarkDotNet.Running;

// "bulk" runs the end-to-end harness (timed once per run); anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "bulk")
{
    return ImContacts.Benchmarks.BulkHarness.Run(args.Skip(1).ToArray());
}

// "shapes" times the CSV shapes with the simulator's concurrency model on.
if (args.FirstOrDefault() == "shapes")
{
    return ImContacts.Benchmarks.ShapesHarness.Run(args.Skip(1).ToArray());
}

// "scale" times organisation-scale jobs past 27 requests in flight, against the transport floor's CPU and allocations.
if (args.FirstOrDefault() == "scale")
{
    return ImContacts.Benchmarks.ScaleHarness.Run(args.Skip(1).ToArray());
}

// "lists" times whole-list work: export, desired-state sync and the readiness report, of thousands of mailboxes.
if (args.FirstOrDefault() == "lists")
{
    return ImContacts.Benchmarks.ListsHarness.Run(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(ImContacts.Benchmarks.ImportBenchmarks).Assembly).Run(args);
return 0;
