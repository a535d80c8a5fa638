using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>What -Verbose and -Debug tell an admin, and Microsoft support, about each call.</summary>
public sealed class DiagnosticsTests : SimulatorTest
{
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
}
