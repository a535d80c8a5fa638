using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>A fresh simulator and PowerShell session per test, so tests never see each other's state.</summary>
public abstract class SimulatorTest : IAsyncLifetime
{
    protected EwsSimulator Simulator { get; private set; } = null!;

    protected PowerShellSession Shell { get; private set; } = null!;

    /// <summary>
    /// The requests that reached an operation: without the 401 challenge that opens a Basic connection, and without
    /// Connect-ImService's connection test (see <see cref="IsConnectionTest"/>).
    /// </summary>
    protected IReadOnlyList<RecordedRequest> Answered => Simulator.Requests.Where(r => r.StatusCode != 401 && !IsConnectionTest(r)).ToList();

    /// <summary>Whether a request is Connect-ImService's test: GetImItems without ids, which no other cmdlet sends.</summary>
    protected static bool IsConnectionTest(RecordedRequest request) =>
        request.Operation == "GetImItems" && !request.Body.Contains("ItemId", StringComparison.Ordinal);

    public static PSCredential AdminCredential => Credential(SimulatorAccounts.Admin.UserName, SimulatorAccounts.Admin.Password);

    public static PSCredential Credential(string user, string password) => new(user, Secure(password));

    public static System.Security.SecureString Secure(string text)
    {
        var secure = new System.Security.SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }

    /// <summary>
    /// Starts the simulator (validating against Microsoft's schema when found, ImContacts' own otherwise), then the
    /// session. If anything after the start fails, what was started is disposed here: xunit does not call
    /// DisposeAsync when InitializeAsync throws, and an undisposed host keeps its port and threads.
    /// </summary>
    public async Task InitializeAsync()
    {
        Simulator = await EwsSimulator.StartAsync();
        try
        {
            Shell = new PowerShellSession();
        }
        catch
        {
            await Simulator.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            Shell?.Dispose();
        }
        finally
        {
            await Simulator.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="script"/> after connecting to the simulator as the admin (who may impersonate), without
    /// the connection test: faults a test queues and the arrival gate are meant for the script's requests.
    /// ConnectTests and the tests that call Connect-ImService themselves cover the test.
    /// </summary>
    protected ScriptResult RunConnected(string script, IDictionary<string, object?>? variables = null)
    {
        var vars = new Dictionary<string, object?>(variables ?? new Dictionary<string, object?>())
        {
            ["url"] = Simulator.Url,
            ["credential"] = AdminCredential,
        };
        return Shell.Run("Connect-ImService -Url $url -Credential $credential -SkipConnectionTest -ErrorAction Stop\n" + script, vars);
    }

    /// <summary>
    /// Runs <paramref name="script"/> as <see cref="RunConnected"/> does, with the simulator's arrival gate closed:
    /// <paramref name="drive"/> decides when the held requests go on, so overlaps happen for certain, not by timing.
    /// The gate opens when <paramref name="drive"/> ends, or at once if the run ends first.
    /// </summary>
    protected ScriptResult RunConnectedThroughGate(string script, IDictionary<string, object?>? variables, Func<ArrivalGate, Task> drive)
    {
        Simulator.Gate.Close();
        var run = Task.Run(() => RunConnected(script, variables));
        try
        {
            var driving = drive(Simulator.Gate);
            var first = Task.WhenAny(driving, run).WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
            if (first == driving)
            {
                driving.GetAwaiter().GetResult();
            }
        }
        finally
        {
            Simulator.Gate.Open();
        }

        return run.WaitAsync(TimeSpan.FromSeconds(120)).GetAwaiter().GetResult();
    }

    protected static T Property<T>(PSObject item, string name) => (T)LanguagePrimitivesHelper.Unwrap(item.Properties[name]?.Value)!;
}

internal static class LanguagePrimitivesHelper
{
    public static object? Unwrap(object? value) => value is PSObject pso ? pso.BaseObject : value;
}
