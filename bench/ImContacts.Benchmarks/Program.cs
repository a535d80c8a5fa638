using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(ImContacts.Benchmarks.ImportBenchmarks).Assembly).Run(args);
