using System.Diagnostics;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ImContacts.Benchmarks;

/// <summary>
/// Import-Module ImContacts against importing a one-cmdlet binary module, measured two ways in one run:
/// in a fresh process (the assembly loads cold, as in a new session or runbook job) and in a fresh runspace of a
/// warm process. MSAL must not be part of either: it loads on the first OAuth sign-in.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 15)]
public class ImportBenchmarks
{
    private Runspace? runspace;

    [Params("Trivial", "ImContacts")]
    public string Module { get; set; } = "Trivial";

    [IterationSetup(Targets = new[] { nameof(WarmProcessFreshRunspace) })]
    public void OpenRunspace()
    {
        runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
    }

    [IterationCleanup(Targets = new[] { nameof(WarmProcessFreshRunspace) })]
    public void CloseRunspace() => runspace?.Dispose();

    [Benchmark]
    public int WarmProcessFreshRunspace()
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddCommand("Import-Module").AddParameter("Name", Paths.Module(Module)).AddParameter("PassThru");
        var result = shell.Invoke();
        return shell.HadErrors ? throw new InvalidOperationException(string.Join("; ", shell.Streams.Error)) : result.Count;
    }

    /// <summary>A new process imports the module; the difference between the two modules is the cold import cost.</summary>
    [Benchmark]
    public int ColdProcess()
    {
        var script = Path.Combine(Path.GetTempPath(), $"imcontacts-bench-{Module}.ps1");
        File.WriteAllText(script, $"Import-Module '{Paths.Module(Module)}' -ErrorAction Stop");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Paths.PowerShellHost);
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        process.StandardOutput.ReadToEnd();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? 0 : throw new InvalidOperationException(errors);
    }
}
