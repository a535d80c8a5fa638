using System.Diagnostics;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The simulator on its own (the README's demo server) stops on SIGTERM as on Ctrl+C.</summary>
public sealed class SimulatorProcessTests
{
    [Fact]
    public void The_simulator_exits_cleanly_on_SIGTERM()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // No SIGTERM there; Ctrl+C is the way.
        }

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(EwsSimulator).Assembly.Location);
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        start.ArgumentList.Add("--empty");
        using var process = Process.Start(start)!;
        try
        {
            var first = process.StandardOutput.ReadLine();
            Assert.StartsWith("EWS simulator listening on http://127.0.0.1:", first);

            using (var kill = Process.Start("kill", new[] { "-TERM", process.Id.ToString() })!)
            {
                kill.WaitForExit();
            }

            Assert.True(process.WaitForExit(15_000), "The simulator did not stop within 15 s of SIGTERM.");
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
