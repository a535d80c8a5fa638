using BenchmarkDotNet.Running;

// "bulk" runs the end-to-end harness (timed once per run); anything else goes to BenchmarkDotNet.
if (args.FirstOrDefault() == "bulk")
{
    return ImContacts.Benchmarks.BulkHarness.Run(args.Skip(1).ToArray());
}

BenchmarkSwitcher.FromAssembly(typeof(ImContacts.Benchmarks.ImportBenchmarks).Assembly).Run(args);
return 0;
