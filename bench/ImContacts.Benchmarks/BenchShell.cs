using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace ImContacts.Benchmarks;

/// <summary>In-process PowerShell runspaces for the harnesses, connected to a simulator as its admin.</summary>
internal static class BenchShell
{
    /// <param name="onThisThread">Pipelines run on the calling thread, so that thread's CPU time is the pipeline thread's.</param>
    public static Runspace Open(bool onThisThread)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        if (onThisThread)
        {
            runspace.ThreadOptions = PSThreadOptions.UseCurrentThread;
        }

        runspace.Open();
        return runspace;
    }

    public static Runspace Connected(Uri url, bool onThisThread = false)
    {
        var runspace = Open(onThisThread);
        Invoke(runspace, "Import-Module $module -ErrorAction Stop; Connect-ImService -Url $url -Credential $credential -ErrorAction Stop",
            ("module", Paths.Module("ImContacts")), ("url", url), ("credential", AdminCredential()));
        return runspace;
    }

    /// <summary>The simulator's admin, as Connect-ImService -Credential takes it.</summary>
    public static PSCredential AdminCredential()
    {
        var password = new System.Security.SecureString();
        foreach (var c in SimulatorProcess.AdminPassword)
        {
            password.AppendChar(c);
        }

        return new PSCredential(SimulatorProcess.AdminUser, password);
    }

    /// <summary>Runs <paramref name="script"/>; returns the CPU time the calling thread spent on it (Linux).</summary>
    public static TimeSpan Invoke(Runspace runspace, string script, params (string Name, object Value)[] variables) =>
        Run(runspace, script, variables).Cpu;

    /// <summary>
    /// Runs <paramref name="script"/>; returns the CPU time the calling thread spent on it (Linux) and the script's
    /// output, collected by the host: checking it here costs the pipeline thread nothing.
    /// </summary>
    public static (TimeSpan Cpu, System.Collections.ObjectModel.Collection<PSObject> Output) Run(Runspace runspace, string script, params (string Name, object Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        var start = OperatingSystem.IsLinux() ? ThreadCpu.Now() : TimeSpan.Zero;
        System.Collections.ObjectModel.Collection<PSObject> output;
        try
        {
            output = shell.Invoke();
        }
        catch (RuntimeException failed)
        {
            throw new InvalidOperationException($"The run failed: {failed.ErrorRecord.Exception}", failed);
        }

        var spent = OperatingSystem.IsLinux() ? ThreadCpu.Now() - start : TimeSpan.Zero;
        if (shell.HadErrors)
        {
            throw new InvalidOperationException(string.Join("; ", shell.Streams.Error.Take(3).Select(e => e.Exception.ToString())));
        }

        return (spent, output);
    }
}
