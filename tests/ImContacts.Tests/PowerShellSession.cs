using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>Everything one script produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public required Collection<PSObject> Output { get; init; }

    public required IReadOnlyList<ErrorRecord> Errors { get; init; }

    public required IReadOnlyList<string> Verbose { get; init; }

    public required IReadOnlyList<string> Warnings { get; init; }

    public required IReadOnlyList<string> Debug { get; init; }

    public required IReadOnlyList<string> Information { get; init; }

    public required IReadOnlyList<ProgressRecord> Progress { get; init; }

    /// <summary>The terminating error, if the script stopped.</summary>
    public Exception? Terminating { get; init; }

    /// <summary>Every message on every stream, errors with their exceptions, for secret-leak checks.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(o => o?.ToString())
            .Concat(Errors.SelectMany(e => new[] { e.ToString(), e.Exception?.ToString(), e.ErrorDetails?.Message, e.TargetObject?.ToString() }))
            .Concat(Verbose).Concat(Warnings).Concat(Debug).Concat(Information)
            .Append(Terminating?.ToString()));
}

/// <summary>A fresh runspace of the real engine (PowerShell 7.6, core cmdlets only) with ImContacts imported from the repository root.</summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace runspace;

    public PowerShellSession(bool importModule = true)
    {
        // The machine's culture is invariant; help and messages are en-US.
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
        runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        if (importModule)
        {
            var result = Run($"Import-Module '{ManifestPath}' -ErrorAction Stop");
            Assert.True(result.Terminating is null && result.Errors.Count == 0, "Import-Module failed: " + result.AllText());
        }
    }

    /// <summary>For tests that drive a pipeline themselves (BeginInvoke, Stop).</summary>
    public Runspace Runspace => runspace;

    public static string ManifestPath => Path.Combine(SharedFiles.RepositoryRoot, "ImContacts.psd1");

    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        foreach (var (name, value) in variables ?? new Dictionary<string, object?>())
        {
            runspace.SessionStateProxy.SetVariable(name, value);
        }

        using var ps = PowerShell.Create();
        ps.Runspace = runspace;
        ps.AddScript(script);
        Collection<PSObject> output = new();
        Exception? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }

        return new ScriptResult
        {
            Output = output,
            Errors = ps.Streams.Error.ToList(),
            Verbose = ps.Streams.Verbose.Select(v => v.Message).ToList(),
            Warnings = ps.Streams.Warning.Select(w => w.Message).ToList(),
            Debug = ps.Streams.Debug.Select(d => d.Message).ToList(),
            Information = ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? string.Empty).ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Terminating = terminating,
        };
    }

    public void Dispose() => runspace.Dispose();
}
