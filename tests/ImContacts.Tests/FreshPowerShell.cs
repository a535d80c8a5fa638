using System.Diagnostics;

namespace ImContacts.Tests;

/// <summary>
/// Runs a script in a fresh PowerShell 7.6 process (tests/ImContacts.PowerShellHost). For whatever loads assemblies
/// that must not stay in the test process: loaded assemblies never unload, and an ImContacts.dll imported from another
/// folder would be the one every later test in this process gets.
/// </summary>
public static class FreshPowerShell
{
    public static readonly string HostDirectory = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "ImContacts.PowerShellHost", "bin",
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name, "net10.0"));

    /// <summary>The output lines of <paramref name="script"/>; fails the test when it writes an error or takes over 90 s.</summary>
    public static IReadOnlyList<string> Run(string script, IDictionary<string, string>? environment = null)
    {
        var host = Path.Combine(HostDirectory, "ImContacts.PowerShellHost.dll");
        Assert.True(File.Exists(host), $"The PowerShell host was not built: {host}");
        var file = Path.Combine(Path.GetTempPath(), $"imcontacts-fresh-{Guid.NewGuid():N}.ps1");
        File.WriteAllText(file, script);
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(host);
            start.ArgumentList.Add(file);
            foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            {
                start.Environment[name] = value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail("The PowerShell process did not finish within 90 s.");
            }

            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr.Result}\n{stdout.Result}");
            return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
