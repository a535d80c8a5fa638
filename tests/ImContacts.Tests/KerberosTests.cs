using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class KerberosCollection
{
    /// <summary>The realm's settings are the process's environment, and a proxy is HttpClient.DefaultProxy: one such test at a time.</summary>
    public const string Name = "Kerberos realm";
}

/// <summary>A realm with admin and ana, the simulator signing in with Negotiate, and a PowerShell session; per test.</summary>
public abstract class RealmTest : IAsyncLifetime
{
    protected KerberosRealm realm = null!;
    protected EwsSimulator simulator = null!;
    protected PowerShellSession shell = null!;

    /// <summary>How far the KDC's clock is from this machine's (and so from the client's and the server's).</summary>
    protected virtual TimeSpan KdcClockOffset => TimeSpan.Zero;

    /// <summary>How the simulator signs in: Negotiate and NTLM, as IIS does.</summary>
    protected virtual SimulatorOptions Options => new SimulatorOptions { Negotiate = true };

    public async Task InitializeAsync()
    {
        realm = KerberosRealm.Start(new[] { ("admin", SimulatorAccounts.Admin.Password), ("ana", SimulatorAccounts.Ana.Password) }, KdcClockOffset);
        simulator = await EwsSimulator.StartAsync(Options);
        shell = new PowerShellSession();
    }

    public async Task DisposeAsync()
    {
        shell.Dispose();
        await simulator.DisposeAsync();
        realm.Dispose();
    }
}

/// <summary>
/// On-premises sign-in for real: -Credential over Negotiate (Kerberos) against a throwaway MIT realm on 127.0.0.1 and
/// the simulator answering as IIS does (a challenge, the handshake, the identity kept per connection).
/// </summary>
[Collection(KerberosCollection.Name)]
public sealed class KerberosTests : RealmTest
{
    private string Exchanges() => string.Join(" | ", simulator.Requests.Select(r => $"{r.AuthorizationScheme ?? "-"} {r.StatusCode} {r.ResponseCode}"));

    // .NET asks for HTTP/<host> without the port: the keytab has HTTP/localhost.
    private Uri Url => new UriBuilder(simulator.Url) { Host = "localhost" }.Uri;

    [Theory]
    [InlineData("admin@CONTOSO.TEST")]
    [InlineData("admin@contoso.test")]
    [InlineData("admin")]
    public void A_credential_signs_in_with_Kerberos_and_the_connection_stays_signed_in(string user)
    {
        var result = shell.Run("""
            $c = Connect-ImService -Url $url -Credential $credential -PassThru -ErrorAction Stop
            1..5 | ForEach-Object { [pscustomobject]@{ Mailbox = 'ana@contoso.com' } } | Get-ImItemList | ForEach-Object Mailbox
            $c.SignedInWith
            """, new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential(user, SimulatorAccounts.Admin.Password) });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, Exchanges() + "\n" + result.AllText());
        Assert.Equal(6, result.Output.Count);
        Assert.Equal("Kerberos (ticket for HTTP/localhost@CONTOSO.TEST)", result.Output[5].ToString());
        var answered = simulator.Requests.Where(r => r.StatusCode == 200).ToList();
        Assert.Equal(6, answered.Count);
        Assert.All(answered, r => Assert.Equal("admin@contoso.com", r.AuthenticatedUser));
        Assert.Contains(simulator.Requests, r => r.AuthorizationScheme == "Negotiate");
        // One handshake: the connection keeps the identity, so later requests carry no Authorization at all.
        Assert.True(simulator.Requests.Count(r => r.AuthorizationScheme == "Negotiate") <= 2, string.Join(", ", simulator.Requests.Select(r => r.AuthorizationScheme ?? "-")));
        Assert.Contains(answered, r => r.AuthorizationScheme is null);
        Assert.Equal("admin@CONTOSO.TEST", Assert.Single(simulator.Principals));
    }

    [Fact]
    public void A_wrong_password_fails_Connect_at_once_naming_the_account()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential",
            new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("admin@CONTOSO.TEST", "Wrong-Pass-9") });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("did not accept the Negotiate sign-in (Credential as admin@CONTOSO.TEST)", error.ToString());
        // Kerberos fails at the domain (the password), Negotiate falls back to NTLM, and the server refuses that too.
        Assert.Contains("Kerberos got no ticket for HTTP/localhost, so Negotiate fell back to NTLM, and the server refused NTLM as CONTOSO.TEST\\admin: the user name or password is wrong", error.ToString());
        // Kerberos itself, asked afterwards, names the cause.
        Assert.Contains("Kerberos on this computer failed at signing in as admin@CONTOSO.TEST: Decrypt integrity check failed (the password is wrong).", error.ToString());
        Assert.DoesNotContain("Wrong-Pass-9", result.AllText());
    }

    [Fact]
    public void UseDefaultCredentials_signs_in_with_the_ticket_kinit_got()
    {
        realm.Kinit("ana@" + KerberosRealm.Name, SimulatorAccounts.Ana.Password);
        var result = shell.Run("""
            $c = Connect-ImService -Url $url -UseDefaultCredentials -PassThru -ErrorAction Stop
            (Get-ImItemList).Mailbox
            $c.Account
            """, new Dictionary<string, object?> { ["url"] = Url });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, Exchanges() + "\n" + result.AllText());

        // The account the server saw is the ticket's, not this process's local login.
        Assert.Equal("ana@" + KerberosRealm.Name, result.Output.Last().ToString());
        Assert.All(simulator.Requests.Where(r => r.StatusCode == 200), r => Assert.Equal("ana@contoso.com", r.AuthenticatedUser));
        Assert.Contains(simulator.Requests, r => r.AuthorizationScheme == "Negotiate");
    }

    [Fact]
    public void An_unknown_user_fails_Connect_at_once()
    {
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential",
            new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("nobody@CONTOSO.TEST", "Any-Pass-1") });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("fell back to NTLM, and the server refused NTLM as CONTOSO.TEST\\nobody", error.ToString());
        Assert.Contains("Kerberos on this computer failed at signing in as nobody@CONTOSO.TEST: Client 'nobody@CONTOSO.TEST' not found in Kerberos database (the domain does not know this user", error.ToString());
        Assert.DoesNotContain(simulator.Requests, r => r.StatusCode == 200);
    }

    [Fact]
    public void UseDefaultCredentials_without_a_ticket_fails_Connect_saying_so()
    {
        realm.HideNtlmUsers();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("Connect-ImService -Url $url -UseDefaultCredentials", new Dictionary<string, object?> { ["url"] = Url });

        Assert.True(result.Errors.Count == 1, Exchanges() + "\n" + string.Join(",", simulator.Principals) + "\n" + result.AllText());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("Nothing was sent: Kerberos got no ticket for HTTP/localhost (this logon has none", error.ToString());
        Assert.Contains("Kerberos on this computer failed at finding this logon's ticket: No Kerberos credentials available", error.ToString());
        Assert.Contains("(this logon has no Kerberos ticket: kinit, or log on with a domain account, or use -Credential).", error.ToString());
        Assert.All(simulator.Requests, r => Assert.Null(r.AuthorizationScheme));
    }

    [Fact]
    public void UseDefaultCredentials_for_a_server_without_an_SPN_fails_Connect_naming_the_SPN()
    {
        realm.Kinit("ana@" + KerberosRealm.Name, SimulatorAccounts.Ana.Password);
        realm.HideNtlmUsers();
        var result = shell.Run("Connect-ImService -Url $url -UseDefaultCredentials",
            new Dictionary<string, object?> { ["url"] = new UriBuilder(simulator.Url) { Host = "127.0.0.1" }.Uri });

        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Contains("Kerberos on this computer failed at getting a ticket for HTTP/127.0.0.1: Server HTTP/127.0.0.1@CONTOSO.TEST not found in Kerberos database"
            + " (no account has the service principal HTTP/127.0.0.1: setspn -Q HTTP/127.0.0.1 finds it, setspn -S adds it to the account EWS runs as).", error.ToString());
        Assert.DoesNotContain("Sign in to the domain", error.ToString());
    }

    [Fact]
    public void A_wrong_password_as_DOMAIN_backslash_user_says_why_Kerberos_was_not_used()
    {
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential",
            new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("CONTOSO\\admin", "Wrong-Pass-9") });

        var error = Assert.Single(result.Errors);
        Assert.Contains("the server refused NTLM as CONTOSO\\admin: the user name or password is wrong", error.ToString());
        // .NET asks Kerberos for admin@CONTOSO, and CONTOSO is a NetBIOS name, not the realm: a UPN gets Kerberos.
        Assert.Contains("Kerberos on this computer failed at signing in as admin@CONTOSO:", error.ToString());
        Assert.Contains("for Kerberos give the user as admin@<the domain's DNS name>, its UPN; NTLM was used instead", error.ToString());
        Assert.DoesNotContain("kinit", error.ToString());
        Assert.DoesNotContain("Wrong-Pass-9", result.AllText());
    }

    [Fact]
    public void Two_thousand_rows_over_one_connection_need_a_handshake_per_connection_not_per_request()
    {
        var mailboxes = simulator.Store.SeedBulkMailboxes(20, 100);
        var rows = mailboxes.SelectMany(m => Enumerable.Range(0, 100).Select(c => new Dictionary<string, object?> { ["Mailbox"] = m, ["ImAddress"] = $"c{c}@contoso.com", ["GroupName"] = "Colleagues" }))
            .Select(r => { var o = new System.Management.Automation.PSObject(); foreach (var (k, v) in r) { o.Properties.Add(new System.Management.Automation.PSNoteProperty(k, v)); } return o; })
            .ToList();
        var result = shell.Run("""
            Connect-ImService -Url $url -Credential $credential -ErrorAction Stop
            ($rows | Add-ImContactToGroup -ThrottleLimit 8 -PassThru | Where-Object Status -eq Added).Count
            """, new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("admin", SimulatorAccounts.Admin.Password), ["rows"] = rows });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Equal("2000", result.Output.Single().ToString());
        var handshakes = simulator.Requests.Count(r => r.AuthorizationScheme == "Negotiate" && r.StatusCode != 401);
        Assert.InRange(handshakes, 1, 40);
        Assert.Equal(2021, simulator.Requests.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public void Negotiate_tokens_are_redacted_in_the_trace_file_and_the_debug_stream()
    {
        var trace = Path.Combine(realm.Folder, "trace.log");
        var result = shell.Run("""
            Connect-ImService -Url $url -Credential $credential -TraceFile $trace -ErrorAction Stop
            Get-ImItemList -Mailbox ana@contoso.com -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message
            """, new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("admin", SimulatorAccounts.Admin.Password), ["trace"] = trace });

        Assert.True(result.Errors.Count == 0, result.AllText());
        var text = File.ReadAllText(trace) + string.Join("\n", result.Output.Select(o => o.ToString()));
        // A SPNEGO token is DER that starts 0x60 0x82: "YII" in base64.
        Assert.DoesNotContain("YII", text);
        Assert.Contains("Negotiate [redacted]", text);
        Assert.DoesNotContain(SimulatorAccounts.Admin.Password, text);
    }

    [Theory]
    [InlineData("localhost", "CONTOSO\\admin", "Negotiate fell back from Kerberos. Kerberos on this computer failed at signing in as admin@CONTOSO: Cannot find KDC for realm \"CONTOSO\"")]
    [InlineData("127.0.0.1", "admin@CONTOSO.TEST", "Negotiate fell back from Kerberos. Kerberos on this computer failed at getting a ticket for HTTP/127.0.0.1: Server HTTP/127.0.0.1@CONTOSO.TEST not found in Kerberos database (no account has the service principal HTTP/127.0.0.1")]
    public void Without_Kerberos_Negotiate_falls_back_to_NTLM_and_the_verbose_line_says_why(string host, string user, string why)
    {
        var url = new UriBuilder(simulator.Url) { Host = host }.Uri;
        var result = shell.Run("""
            $all = Connect-ImService -Url $url -Credential $credential -PassThru -Verbose -ErrorAction Stop 4>&1
            $all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
            (Get-ImItemList -Mailbox ana@contoso.com).Mailbox
            ($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).SignedInWith
            """, new Dictionary<string, object?> { ["url"] = url, ["credential"] = SimulatorTest.Credential(user, SimulatorAccounts.Admin.Password) });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, Exchanges() + "\n" + result.AllText());
        Assert.Matches(@"^NTLM as CONTOSO(\.TEST)?\\admin$", result.Output.Last().ToString());
        Assert.True(result.Output.Any(o => o.ToString()!.Contains(why, StringComparison.Ordinal)), string.Join("\n", result.Output));
        if (user.Contains('\\'))
        {
            // Someone who gave -Credential is told what helps (a UPN), not to kinit or log on.
            var line = result.Output.First(o => o.ToString()!.Contains(why, StringComparison.Ordinal)).ToString()!;
            Assert.Contains("CONTOSO\\admin names the domain by its NetBIOS name, which Kerberos cannot look up: for Kerberos give the user as admin@<the domain's DNS name>, its UPN; NTLM was used instead", line);
            Assert.DoesNotContain("kinit", line);
        }
        Assert.All(simulator.Requests.Where(r => r.StatusCode == 200), r => Assert.Equal("admin@contoso.com", r.AuthenticatedUser));
        Assert.DoesNotContain(simulator.Principals, p => p.EndsWith("@" + KerberosRealm.Name, StringComparison.Ordinal));
    }
}

/// <summary>
/// A server behind a load balancer or reverse proxy that closes the client's connection after each 401 of a handshake:
/// NTLM (three legs) cannot finish and no retry helps; Kerberos (one leg) still signs in.
/// </summary>
[Collection(KerberosCollection.Name)]
public sealed class HandshakeClosedTests : RealmTest
{
    protected override SimulatorOptions Options => new SimulatorOptions { Negotiate = true, CloseMidHandshake = true };

    private Uri Url => new UriBuilder(simulator.Url) { Host = "localhost" }.Uri;

    [Fact]
    public void NTLM_through_a_proxy_that_closes_the_connection_fails_Connect_at_once_naming_the_cause()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential",
            new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("CONTOSO\\admin", SimulatorAccounts.Admin.Password) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        Assert.Empty(result.Warnings);
        var error = Assert.Single(result.Errors);
        Assert.Contains("SignInConnectionClosed", error.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("localhost closed the connection in the middle of the Negotiate or NTLM sign-in (Authentication failed because the connection could not be reused)", error.ToString());
        Assert.Contains("a load balancer or reverse proxy", error.ToString());
        Assert.Contains("or sign in with Kerberos, which needs one leg", error.ToString());
    }

    [Fact]
    public void A_request_that_meets_it_fails_at_once_and_is_not_sent_again()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("""
            Connect-ImService -Url $url -Credential $credential -SkipConnectionTest -ErrorAction Stop
            Get-ImItemList -Mailbox ana@contoso.com
            """, new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("CONTOSO\\admin", SimulatorAccounts.Admin.Password) });

        // Before, this was transient: 18 attempts over about five minutes.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("SignInConnectionClosed,", error.FullyQualifiedErrorId);
        Assert.DoesNotContain("attempts", error.ToString());
        Assert.DoesNotContain(simulator.Requests, r => r.StatusCode == 200);
    }

    [Fact]
    public void Kerberos_needs_one_leg_and_signs_in_through_it()
    {
        var result = shell.Run("""
            $c = Connect-ImService -Url $url -Credential $credential -PassThru -ErrorAction Stop
            (Get-ImItemList -Mailbox ana@contoso.com).Mailbox
            """, new Dictionary<string, object?> { ["url"] = Url, ["credential"] = SimulatorTest.Credential("admin@" + KerberosRealm.Name, SimulatorAccounts.Admin.Password) });

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Equal("ana@contoso.com", result.Output.Last().ToString());
    }
}

/// <summary>The domain controller's clock an hour off the server's: Kerberos gets a ticket the server must refuse.</summary>
[Collection(KerberosCollection.Name)]
public sealed class KerberosClockSkewTests : RealmTest
{
    protected override TimeSpan KdcClockOffset => TimeSpan.FromHours(1);

    [Fact]
    public void Clock_skew_fails_Connect_at_once_naming_the_clocks_and_not_the_password()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = shell.Run("Connect-ImService -Url $url -Credential $credential",
            new Dictionary<string, object?> { ["url"] = new UriBuilder(simulator.Url) { Host = "localhost" }.Uri, ["credential"] = SimulatorTest.Credential("admin@contoso.test", SimulatorAccounts.Admin.Password) });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        var text = error.ToString();
        Assert.Contains("Kerberos got a ticket for HTTP/localhost@CONTOSO.TEST and the server refused it", text);
        Assert.Contains("the server's and the domain controller's must be within 5 minutes of each other", text);
        Assert.Contains("the server's clock agrees with this computer's", text);
        Assert.DoesNotContain("password", text, StringComparison.OrdinalIgnoreCase);
        // The server refused the Kerberos ticket itself (its authenticator is an hour ahead); nothing fell back to NTLM.
        Assert.Contains(simulator.Requests, r => r.AuthorizationScheme == "Negotiate" && r.StatusCode == 401);
        Assert.Empty(simulator.Principals);
    }
}
