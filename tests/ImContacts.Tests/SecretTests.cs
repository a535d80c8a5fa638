using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>No password or token reaches verbose, debug, warning, information, error output, exceptions or the trace file.</summary>
public sealed class SecretTests : SimulatorTest, IDisposable
{
    private readonly string traceFile = Path.Combine(Path.GetTempPath(), $"imcontacts-trace-{Guid.NewGuid():N}.log");

    private const string Script = """
        $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
        $c = Connect-ImService -Url $url @signIn -PassThru -Verbose -Debug -TraceFile $trace
        $c | ForEach-Object { $_.ToString(); $_.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
        Get-ImItemList -Mailbox ana@contoso.com -Verbose -Debug
        Add-ImContactToGroup -ContactId 'Ym9ndXM=' -GroupId 'Ym9ndXM=' -Mailbox ana@contoso.com -Verbose -Debug
        Add-ImContactToGroup -ContactId 'Ym9ndXM=' -Mailbox nobody@contoso.com -Verbose -Debug
        Get-ImItem -ContactId 'Ym9ndXM=' -Mailbox ana@contoso.com -Verbose -Debug
        """;

    [Fact]
    public void Password_never_appears_in_any_stream()
    {
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["Credential"] = AdminCredential },
            ["trace"] = traceFile,
        });
        AssertRanAndLeakedNothing(result, SimulatorAccounts.Admin.Password);
        AssertTraced(result, SimulatorAccounts.Admin.Password, "Credential");
    }

    [Fact]
    public void Wrong_password_never_appears_either()
    {
        const string wrong = "Wrong-Secret-Pass9";
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["Credential"] = Credential(SimulatorAccounts.Admin.UserName, wrong) },
            ["trace"] = traceFile,
        });
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("Http401,"));
        Assert.DoesNotContain(wrong, result.AllText());
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin@contoso.com:" + wrong)), result.AllText());
        var trace = File.ReadAllText(traceFile);
        Assert.Contains("< HTTP 401", trace);
        Assert.DoesNotContain(wrong, trace);
    }

    [Fact]
    public void Access_token_never_appears_in_any_stream()
    {
        var token = new System.Net.NetworkCredential(string.Empty, SimulatorAccounts.Admin.BearerToken).SecurePassword;
        var result = Shell.Run(Script, new Dictionary<string, object?>
        {
            ["url"] = Simulator.Url,
            ["signIn"] = new System.Collections.Hashtable { ["AccessToken"] = token },
            ["trace"] = traceFile,
        });
        AssertRanAndLeakedNothing(result, SimulatorAccounts.Admin.BearerToken!);
        AssertTraced(result, SimulatorAccounts.Admin.BearerToken!, "AccessToken");
        Assert.Contains("> Authorization: Bearer [redacted]", File.ReadAllText(traceFile));
    }

    public void Dispose() => File.Delete(traceFile);

    /// <summary>The debug stream and the trace file hold the SOAP exchanges with their client-request-ids, and no secret.</summary>
    private void AssertTraced(ScriptResult result, string secret, string method)
    {
        var trace = File.ReadAllText(traceFile);
        Assert.StartsWith("### ImContacts ", trace);
        Assert.Contains($"{Simulator.Url} with {method}", trace);
        foreach (var request in Answered.Where(r => r.ClientRequestId is not null))
        {
            Assert.Contains($"client-request-id: {request.ClientRequestId}", trace);
        }

        Assert.Contains("<m:GetImItemList", trace);
        Assert.Contains("ResponseClass=\"Success\"", trace);
        Assert.Contains("ErrorInvalidIdMalformed", trace);
        Assert.Contains(result.Debug, d => d.Contains("client-request-id: ", StringComparison.Ordinal) && d.Contains("<m:GetImItemList", StringComparison.Ordinal));
        Assert.DoesNotContain(secret, trace);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("admin@contoso.com:" + secret)), trace);
        Assert.DoesNotContain(secret, result.AllText());
    }

    private void AssertRanAndLeakedNothing(ScriptResult result, string secret)
    {
        Assert.Null(result.Terminating);
        Assert.NotEmpty(result.Verbose);
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ErrorInvalidIdMalformed,"));
        Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("ErrorNonExistentMailbox,"));
        Assert.True(Answered.Count >= 4);
        Assert.DoesNotContain(secret, result.AllText());
    }
}
