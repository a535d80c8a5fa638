using System.Management.Automation;
using ImContacts.Simulator;

namespace ImContacts.Tests;

public sealed class ConnectTests : SimulatorTest
{
    [Fact]
    public void Plain_http_to_another_host_is_refused_with_a_clear_error()
    {
        var result = Shell.Run("Connect-ImService -Url http://mail.contoso.com/EWS/Exchange.asmx -Credential $c", new Dictionary<string, object?> { ["c"] = AdminCredential });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidUrl,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
        Assert.Contains("plain http", error.Exception.Message);
        Assert.Contains("-AllowUnencryptedAuthentication", error.Exception.Message);
    }

    [Fact]
    public void Unknown_server_version_is_refused_naming_the_value()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c -ServerVersion Exchange2010", new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = AdminCredential });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("InvalidServerVersion,", error.FullyQualifiedErrorId);
        Assert.Contains("Exchange2010", error.Exception.Message);
    }

    [Fact]
    public void PassThru_returns_a_connection_that_shows_no_secret()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c -PassThru -Culture de-DE -TimeoutSec 30",
            new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = AdminCredential });
        Assert.Null(result.Terminating);
        var connection = Assert.Single(result.Output);
        Assert.Equal("ImContacts.Connection.ImServiceConnection", connection.TypeNames[0]);
        Assert.Equal("Credential", connection.Properties["AuthenticationMethod"].Value);
        Assert.Equal("Exchange2013", connection.Properties["ServerVersion"].Value);
        Assert.Equal("de-DE", connection.Properties["Culture"].Value);
        Assert.DoesNotContain(connection.Properties, p => p.Value?.ToString()?.Contains(SimulatorAccounts.Admin.Password) == true);
    }

    [Fact]
    public void The_connection_shows_who_signs_in_with_a_credential()
    {
        var result = Shell.Run("""
            (Connect-ImService -Url $u -Credential $c -PassThru).Account
            (Connect-ImService -Url $u -Credential $d -PassThru -SkipConnectionTest).Account
            (Connect-ImService -Url $u -UseDefaultCredentials -PassThru -SkipConnectionTest).Account
            """, new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = AdminCredential, ["d"] = Credential(@"CONTOSO\svc-imlist", "x") });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { SimulatorAccounts.Admin.UserName, @"CONTOSO\svc-imlist", Environment.UserDomainName + "\\" + Environment.UserName },
            result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void A_wrong_port_fails_Connect_in_seconds_naming_the_cause_and_keeps_no_connection()
    {
        var port = FreePort();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Shell.Run("""
            Connect-ImService -Url $u -Credential $c
            Get-ImItemList -Mailbox ana@contoso.com
            """, new Dictionary<string, object?> { ["u"] = new Uri($"http://127.0.0.1:{port}/EWS/Exchange.asmx"), ["c"] = AdminCredential });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        Assert.Equal(2, result.Errors.Count);
        Assert.StartsWith("ConnectionRefused,", result.Errors[0].FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, result.Errors[0].CategoryInfo.Category);
        Assert.Contains("The connection test failed", result.Errors[0].ToString());
        Assert.Contains($"nothing answers at 127.0.0.1:{port}", result.Errors[0].ToString());
        Assert.StartsWith("NotConnected,", result.Errors[1].FullyQualifiedErrorId);
    }

    [Fact]
    public void With_SkipConnectionTest_nothing_is_sent_and_a_wrong_port_fails_the_first_call_in_seconds()
    {
        var port = FreePort();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = Shell.Run("""
            Connect-ImService -Url $u -Credential $c -SkipConnectionTest
            Get-ImItemList -Mailbox ana@contoso.com -MaxRetryWait 300
            """, new Dictionary<string, object?> { ["u"] = new Uri($"http://127.0.0.1:{port}/EWS/Exchange.asmx"), ["c"] = AdminCredential });

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("ConnectionRefused,", error.FullyQualifiedErrorId);
        Assert.Contains($"nothing answers at 127.0.0.1:{port}", error.Exception.Message);
    }

    [Fact]
    public void The_connection_test_sends_one_cheap_request_and_the_connection_shows_the_server_build()
    {
        var result = Shell.Run("(Connect-ImService -Url $u -Credential $c -PassThru).ServerBuild",
            new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = AdminCredential });
        Assert.True(result.Errors.Count == 0, result.AllText());
        var request = Assert.Single(Simulator.Requests, r => r.StatusCode != 401);
        Assert.True(IsConnectionTest(request));
        Assert.Equal(200, request.StatusCode);
        Assert.Matches(@"^15\.\d+\.\d+\.\d+ \(", result.Output.Single().ToString());
    }

    [Fact]
    public void A_URL_that_is_not_EWS_fails_Connect_saying_where_EWS_is()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c",
            new Dictionary<string, object?> { ["u"] = new Uri(Simulator.Url, "/owa/"), ["c"] = AdminCredential });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http404,", error.FullyQualifiedErrorId);
        Assert.Contains("/EWS/Exchange.asmx", error.ToString());
        Assert.Contains("-Autodiscover", error.ToString());
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Fact]
    public void SkipCertificateCheck_warns()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c -SkipCertificateCheck", new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = AdminCredential });
        Assert.Contains(result.Warnings, w => w.Contains("not validated"));
    }

    [Fact]
    public void Access_token_connection_signs_in_as_bearer()
    {
        var token = new System.Net.NetworkCredential(string.Empty, SimulatorAccounts.Ana.BearerToken).SecurePassword;
        var result = Shell.Run("Connect-ImService -Url $u -AccessToken $t; Get-ImItemList | ForEach-Object { $_.Groups.Count }",
            new Dictionary<string, object?> { ["u"] = Simulator.Url, ["t"] = token });
        Assert.Empty(result.Errors);
        Assert.Equal(3, (int)result.Output.Single().BaseObject);
        var request = Assert.Single(Answered, r => r.Operation == "GetImItemList");
        Assert.Equal("Bearer", request.AuthorizationScheme);
        Assert.Equal("ana@contoso.com", request.TargetMailbox);
    }

    [Fact]
    public void Wrong_password_fails_Connect_as_an_authentication_error_naming_the_account_and_the_fix()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c; Get-ImItemList",
            new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = Credential("admin@contoso.com", "wrong-password-1") });
        Assert.Equal(2, result.Errors.Count);
        var error = result.Errors[0];
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        Assert.Contains("did not accept the Basic sign-in (Credential as admin@contoso.com)", error.ToString());
        Assert.Contains("Check the user name and password", error.ToString());
        Assert.DoesNotContain("wrong-password-1", result.AllText());
        Assert.StartsWith("NotConnected,", result.Errors[1].FullyQualifiedErrorId);
    }

    [Fact]
    public async Task Two_connections_in_one_session_reach_two_organisations()
    {
        await using var other = await EwsSimulator.StartAsync();
        {
            Simulator.Store.SeedGroup("ana@contoso.com", "Contoso only");
            other.Store.SeedGroup("ana@contoso.com", "Fabrikam only");
            var result = Shell.Run("""
                $a = Connect-ImService -Url $u1 -Credential $c -PassThru
                $b = Connect-ImService -Url $u2 -Credential $c -PassThru
                (Get-ImItemList -Mailbox ana@contoso.com -Connection $a).Groups | Where-Object GroupType -eq 'IPM.DistList.MOC.UserGroup' | ForEach-Object DisplayName
                (Get-ImItemList -Mailbox ana@contoso.com -Connection $b).Groups | Where-Object GroupType -eq 'IPM.DistList.MOC.UserGroup' | ForEach-Object DisplayName
                """, new Dictionary<string, object?> { ["u1"] = Simulator.Url, ["u2"] = other.Url, ["c"] = AdminCredential });
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "Contoso only", "Fabrikam only" }, result.Output.Select(o => o.ToString()));
        }
    }

    [Fact]
    public void Disconnect_closes_the_connection_and_is_harmless_when_there_is_none()
    {
        var result = RunConnected("""
            $kept = Connect-ImService -Url $url -Credential $credential -PassThru
            Disconnect-ImService
            Disconnect-ImService
            try { Get-ImItemList -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            try { Get-ImItemList -Connection $kept -ErrorAction Stop } catch { $_.FullyQualifiedErrorId }
            """);
        Assert.Empty(result.Errors);
        Assert.StartsWith("NotConnected,", result.Output[0].ToString());
        Assert.StartsWith("ConnectionClosed,", result.Output[1].ToString());
    }

    [Fact]
    public void Closing_a_connection_leaves_the_callers_credential_as_it_was()
    {
        // PSCredential caches the NetworkCredential it hands out: the connection clears only its own copies.
        var result = RunConnected("""
            Connect-ImService -Url $url -Credential $credential
            Disconnect-ImService
            $credential.GetNetworkCredential().Password -eq 'Sim-Admin-Pass1'
            Connect-ImService -Url $url -Credential $credential -ErrorAction Stop
            (Get-ImItemList).Mailbox
            """);
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "True", "admin@contoso.com" }, result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Autodiscover_gives_the_connection_its_endpoint()
    {
        // Discovery itself is tested against a loopback responder (AutodiscoverTests); here the cached result of an
        // earlier discovery for the domain must give Connect-ImService its URL.
        var result = Shell.Run("""
            $cache = [ImContacts.Model.ItemId].Assembly.GetType('ImContacts.Discovery.AutodiscoverCache').GetField('Shared').GetValue($null)
            $cache.Set('autodiscover-test.contoso.com', $url)
            Connect-ImService -Autodiscover -Mailbox ana@AUTODISCOVER-TEST.contoso.com -Credential $credential -Verbose
            (Get-ImItemList).Groups.Count
            $cache.Clear()
            """, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal("3", result.Output.Single().ToString());
        Assert.Contains(result.Verbose, v => v.Contains($"autodiscover-test.contoso.com → {Simulator.Url} (cached)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Connect-ImService -Autodiscover -Credential $credential", "InvalidAutodiscover", "-Mailbox")]
    [InlineData("Connect-ImService -Autodiscover -Mailbox ana@contoso.com -Url $url -Credential $credential", "InvalidAutodiscover", "not both")]
    [InlineData("Connect-ImService -Url $url -Mailbox ana@contoso.com -Credential $credential", "InvalidAutodiscover", "-Autodiscover")]
    [InlineData("Connect-ImService -Credential $credential", "NoUrl", "-Url")]
    [InlineData("Connect-ImService -Autodiscover -Mailbox ana -Credential $credential", "InvalidMailbox", "'ana'")]
    public void Autodiscover_needs_a_mailbox_and_no_url(string command, string errorId, string mention)
    {
        var result = Shell.Run(command, new Dictionary<string, object?> { ["url"] = Simulator.Url, ["credential"] = AdminCredential });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
        Assert.Contains(mention, error.Exception.Message);
        Assert.Empty(Simulator.Requests);
    }
}
