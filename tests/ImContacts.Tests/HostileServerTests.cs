using System.Diagnostics;
using System.Text;
using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>What cmdlets make of answers that are not EWS, of broken EWS and of a server that never answers.</summary>
public sealed class HostileServerTests : SimulatorTest
{
    private const string SampleStart = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">";

    public static TheoryData<string, int, string, string, string, string> BrokenAnswers() => new()
    {
        { "sign-in page", 200, "text/html; charset=utf-8", "<!DOCTYPE html><html><head><title>Sign in to Outlook</title></head><body><form/></body></html>", "InvalidResponse", "Sign in to Outlook" },
        { "redirect", 302, "text/html", "<html><body>Object moved</body></html>", "Http302", "redirecting to https://mail.contoso.com/owa/auth/errorFE.aspx" },
        { "empty body", 200, "text/xml; charset=utf-8", string.Empty, "InvalidResponse", "The body is empty" },
        { "truncated XML", 200, "text/xml; charset=utf-8", SampleStart + "<s:Header><h:ServerVersionInfo MajorVersion=\"15\"", "InvalidResponse", "<s:Envelope" },
        { "XML that is not SOAP", 200, "text/xml", "<error><code>42</code></error>", "InvalidResponse", "<error><code>42" },
        { "DTD", 200, "text/xml", "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY e \"boom\">]>" + SampleStart + "<s:Body>&e;</s:Body></s:Envelope>", "InvalidResponse", "declares a DTD" },
        { "JSON", 200, "application/json", "{\"error\":\"quota exceeded\"}", "InvalidResponse", "{\"error\":\"quota exceeded\"}" },
        { "proxy error", 502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", "Http502", "502 Bad Gateway</h1>" },
    };

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public void Broken_answer_is_one_readable_error_naming_status_and_body(string what, int status, string contentType, string body, string errorId, string mention)
    {
        var headers = status == 302 ? new Dictionary<string, string> { ["Location"] = "https://mail.contoso.com/owa/auth/errorFE.aspx?httpCode=500" } : null;
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.RawAnswer, Answer: new RawAnswer(status, contentType, Encoding.UTF8.GetBytes(body), headers)));
        var result = RunConnected("Get-ImItemList -Mailbox ana@contoso.com -MaxRetryWait 0");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Output);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Equal("ImContacts.Model.EwsException", error.Exception.GetType().BaseType?.FullName);
        Assert.Contains($"HTTP {status}", error.Exception.Message);
        Assert.True(error.Exception.Message.Contains(mention, StringComparison.Ordinal), $"{what}: {error.Exception.Message}");
    }

    [RequiresSamplesFact]
    public void Mutated_answers_give_cmdlets_only_results_or_module_errors()
    {
        const int perCmdlet = 120;
        var random = new Random(6);
        var list = File.ReadAllBytes(Path.Combine(SharedFiles.SamplesDirectory, "GetImItemList.response.xml"));
        var items = File.ReadAllBytes(Path.Combine(SharedFiles.SamplesDirectory, "GetImItems.response.xml"));
        foreach (var original in Enumerable.Repeat(list, perCmdlet).Concat(Enumerable.Repeat(items, perCmdlet)))
        {
            var body = ResponseMutator.Mutate(original, random, new List<string>());
            Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.RawAnswer, Answer: new RawAnswer(200, "text/xml; charset=utf-8", body)));
        }

        var result = RunConnected("""
            foreach ($i in 1..$n) {
                try { $out = @(Get-ImItemList -Mailbox ana@contoso.com -MaxRetryWait 0 -ErrorAction Stop); "ok $($out.Count)" }
                catch { "error $($_.Exception.GetType().FullName) $($_.FullyQualifiedErrorId)" }
            }
            foreach ($i in 1..$n) {
                try { $out = @(Get-ImItem -ContactId AAMkAGI2 -Mailbox ana@contoso.com -MaxRetryWait 0 -ErrorAction Stop); "ok $($out.Count)" }
                catch { "error $($_.Exception.GetType().FullName) $($_.FullyQualifiedErrorId)" }
            }
            """, new Dictionary<string, object?> { ["n"] = perCmdlet });

        Assert.Null(result.Terminating);
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(2 * perCmdlet, lines.Count);
        Assert.All(lines, line => Assert.True(line.StartsWith("ok ", StringComparison.Ordinal) || line.StartsWith("error ImContacts.", StringComparison.Ordinal), line));
        Assert.Contains(lines, l => l.StartsWith("error ImContacts.Model.EwsProtocolException InvalidResponse,", StringComparison.Ordinal));
        Assert.Equal(2 * perCmdlet, Answered.Count(r => r.ResponseCode == "RawAnswer"));
    }

    [Fact]
    public void Server_that_never_answers_is_abandoned_after_TimeoutSec_and_not_asked_again()
    {
        Simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.Hang));
        var clock = Stopwatch.StartNew();
        var result = Shell.Run("""
            $default = Connect-ImService -Url $url -Credential $credential -PassThru -SkipConnectionTest
            $default.Timeout.TotalSeconds
            Connect-ImService -Url $url -Credential $credential -TimeoutSec 3 -SkipConnectionTest
            Get-ImItemList -Mailbox ana@contoso.com
            """, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        clock.Stop();

        Assert.Equal("100", Assert.Single(result.Output).ToString());
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Timeout,", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, error.CategoryInfo.Category);
        Assert.Contains("no answer from 127.0.0.1 within 3 seconds (Connect-ImService -TimeoutSec)", error.Exception.Message);

        // The held request is recorded once it reaches the server; a loaded machine may get it there late, so wait for that.
        for (var wait = Stopwatch.StartNew(); !Simulator.Requests.Any(r => r.ResponseCode == "Hang") && wait.Elapsed < TimeSpan.FromSeconds(10);)
        {
            Thread.Sleep(20);
        }

        Assert.Single(Simulator.Requests, r => r.ResponseCode == "Hang");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }

    [Fact]
    public void SkipCertificateCheck_warns_on_every_connect()
    {
        var result = Shell.Run("""
            Connect-ImService -Url $url -Credential $credential -SkipCertificateCheck
            Connect-ImService -Url $url -Credential $credential
            Connect-ImService -Url $url -Credential $credential -SkipCertificateCheck
            """, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        Assert.Equal(2, result.Warnings.Count(w => w.Contains("-SkipCertificateCheck: the server certificate of 127.0.0.1 is not validated", StringComparison.Ordinal)));
    }
}
