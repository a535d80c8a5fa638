using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>What -Verbose and -Debug tell an admin, and Microsoft support, about each call.</summary>
public sealed class DiagnosticsTests : SimulatorTest
{
    private const string Ana = "ana@contoso.com";

    [Fact]
    public void Verbose_shows_operation_mailbox_duration_retries_server_version_and_request_id()
    {
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 100));
        var result = RunConnected("Get-ImItemList -Mailbox ana@contoso.com -Verbose | Out-Null");

        Assert.Empty(result.Errors);
        Assert.Contains(result.Verbose, v => v.StartsWith($"GetImItemList for ana@contoso.com → {Simulator.Url}", StringComparison.Ordinal));
        Assert.Contains(result.Verbose, v => v.Contains("GetImItemList for ana@contoso.com: attempt 1 failed with ErrorServerBusy; sending it again in 0.1 s", StringComparison.Ordinal));
        var done = Assert.Single(result.Verbose, v => v.StartsWith("GetImItemList for ana@contoso.com: NoError in ", StringComparison.Ordinal));
        Assert.Matches(@"NoError in \d+ ms after 2 attempts \(server 15\.0\.\d+\.\d+ \(V2_\d+\); client-request-id [0-9a-f-]{36}\)", done);
        Assert.Contains(Answered.Last().ClientRequestId!, done);
        Assert.Empty(result.Debug);
    }

    [Fact]
    public void Debug_shows_each_soap_exchange_in_order_with_its_row()
    {
        var result = RunConnected("""
            'ana@contoso.com', 'nobody@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = $_ } } | Get-ImItemList -Debug -ErrorAction SilentlyContinue | Out-Null
            """);

        Assert.Equal(2, result.Debug.Count);
        Assert.Contains("GetImItemList for ana@contoso.com  client-request-id: ", result.Debug[0]);
        Assert.Contains("<m:GetImItemList", result.Debug[0]);
        Assert.Contains("< HTTP 200 OK", result.Debug[0]);
        Assert.Contains("GetImItemList for nobody@contoso.com", result.Debug[1]);
        Assert.Contains("ErrorNonExistentMailbox", result.Debug[1]);
    }

    [Fact]
    public void Unwritable_trace_file_is_refused_naming_it()
    {
        var result = Shell.Run("Connect-ImService -Url $url -Credential $credential -TraceFile /nonexistent-dir/trace.log",
            new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidTraceFile,", error.FullyQualifiedErrorId);
        Assert.Contains("-TraceFile '/nonexistent-dir/trace.log' cannot be written", error.Exception.Message);
    }

    [Fact]
    public void Before_PowerShell_7_6_Debug_on_a_change_writes_the_ShouldProcess_line_itself_instead_of_asking()
    {
        // Windows PowerShell 5.1 cannot run here: the engine version the cmdlets see is set for this runspace only.
        var assumed = (System.Runtime.CompilerServices.ConditionalWeakTable<System.Management.Automation.Runspaces.Runspace, string>)AppDomain.CurrentDomain.GetAssemblies().Single(a => a.GetName().Name == "ImContacts").GetType("ImContacts.Commands.EngineVersion", true)!
            .GetProperty("Assumed", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;
        assumed.Add(Shell.Runspace, "5.1.19041.5247");
        Simulator.Store.SeedGroup(Ana, "Team");
        var result = RunConnected("""
            'kim@contoso.com', 'lee@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ImAddress = $_; GroupName = 'Team' } } |
                Add-ImContactToGroup -CreateContact -PassThru -Debug | ForEach-Object Status
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "Created", "Created" }, result.Output.Select(o => o.ToString()));
        Assert.Contains("Performing the operation \"Create IM contact <kim@contoso.com> in group 'Team'\" on target \"ana@contoso.com\".", result.Verbose);
        Assert.Contains(result.Debug, d => d.Contains("<m:AddNewImContactToGroup", StringComparison.Ordinal));
    }
}
