using System.Management.Automation;
using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>
/// Sign-in to servers by name, as admins reach them (mail.contoso.test, contoso.test), through a loopback proxy, so
/// that the module's own handler decides by the name: whether Basic may go over plain http, which SPN Kerberos asks
/// for. Both set HttpClient.DefaultProxy, process-wide, so they share the realm's collection (one at a time).
/// </summary>
[Collection(KerberosCollection.Name)]
public sealed class NamedHostSignInTests
{
    private const string EwsHost = "mail.contoso.test";

    [Fact]
    public async Task Basic_never_goes_over_plain_http_to_a_host_that_is_not_this_computer()
    {
        await using var simulator = await EwsSimulator.StartAsync(new SimulatorOptions { BasicOnly = true });
        await using var proxy = new LoopbackProxy(new[] { EwsHost }, simulator.Url.Port, null);
        using var shell = new PowerShellSession();
        using var _ = proxy.Use();
        var url = new Uri($"http://{EwsHost}/EWS/Exchange.asmx");
        var credential = SimulatorTest.Credential(SimulatorAccounts.Admin.UserName, SimulatorAccounts.Admin.Password);

        // Without the opt-in, plain http to a named host is refused before anything is sent.
        var refused = shell.Run("Connect-ImService -Url $url -Credential $credential", new Dictionary<string, object?> { ["url"] = url, ["credential"] = credential });
        var refusal = Assert.Single(refused.Errors);
        Assert.StartsWith("InvalidUrl,", refusal.FullyQualifiedErrorId);
        Assert.Contains("is plain http", refusal.ToString());
        Assert.Empty(proxy.Requests);

        // With it, Negotiate and NTLM would be answered (they do not show the password), Basic never: the server offers only Basic.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential -AllowUnencryptedAuthentication",
            new Dictionary<string, object?> { ["url"] = url, ["credential"] = credential });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("The server offers: Basic.", error.ToString());
        Assert.Contains($"Basic is not sent over plain http to {EwsHost}: it would show the password to the network. Use https", error.ToString());
        Assert.Contains($"POST http://{EwsHost}/EWS/Exchange.asmx", proxy.Requests);
        Assert.NotEmpty(simulator.Requests);
        Assert.All(simulator.Requests, r => Assert.Null(r.AuthorizationScheme));
        Assert.DoesNotContain(SimulatorAccounts.Admin.Password, result.AllText());
    }

    [Fact]
    public async Task Autodiscover_signs_in_to_POX_with_Kerberos()
    {
        // The POX host must resolve on this machine: .NET asks DNS for its canonical name to make the SPN, even through a
        // proxy. Only localhost does here, so the mailbox's domain is localhost (autodiscover.localhost is the v2 host).
        using var realm = KerberosRealm.Start(new[] { ("admin", SimulatorAccounts.Admin.Password) });
        using var certificate = LoopbackHttpServer.SelfSignedCertificate();
        await using var simulator = await EwsSimulator.StartAsync(new SimulatorOptions { Negotiate = true });
        await using var responder = await AutodiscoverResponder.StartAsync(certificate, negotiate: true);
        var ewsUrl = new UriBuilder(simulator.Url) { Host = "localhost" }.Uri;
        responder.AnswerPox("localhost", ewsUrl.ToString());
        await using var proxy = new LoopbackProxy(new[] { "localhost", "autodiscover.localhost" }, null, responder.Port);
        using var shell = new PowerShellSession();
        using var _ = proxy.Use();

        var result = shell.Run("""
            $c = Connect-ImService -Autodiscover -Mailbox ana@localhost -Credential $credential -SkipCertificateCheck -PassThru -ErrorAction Stop
            $c.Url.ToString()
            $c.SignedInWith
            """, new Dictionary<string, object?> { ["credential"] = SimulatorTest.Credential("admin@contoso.test", SimulatorAccounts.Admin.Password) });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null,
            string.Join(" | ", responder.Requests.Select(r => $"{r.Method} {r.Host}{r.Path} {r.HasAuthorization} {r.SignedInAs}")) + "\n" + string.Join(" | ", proxy.Requests) + "\n" + result.AllText());
        Assert.Equal(new[] { ewsUrl.ToString(), "Kerberos (ticket for HTTP/localhost@CONTOSO.TEST)" }, result.Output.Select(o => o.ToString()));
        // v2 JSON first, anonymous (not found); then POX over https, signed in with Kerberos (NTLM would prove CONTOSO\admin).
        Assert.Contains(responder.Requests, r => r.Method == "GET" && r.Host == "autodiscover.localhost" && !r.HasAuthorization);
        var pox = Assert.Single(responder.Requests, r => r.Method == "POST" && r.SignedInAs is not null);
        Assert.Equal("localhost", pox.Host);
        Assert.Equal("admin@CONTOSO.TEST", pox.SignedInAs);
        Assert.Contains("CONNECT localhost:443", proxy.Requests);
    }
}
