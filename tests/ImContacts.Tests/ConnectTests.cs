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
        var request = Assert.Single(Answered);
        Assert.Equal("Bearer", request.AuthorizationScheme);
        Assert.Equal("ana@contoso.com", request.TargetMailbox);
    }

    [Fact]
    public void Wrong_password_is_an_authentication_error_on_the_first_call()
    {
        var result = Shell.Run("Connect-ImService -Url $u -Credential $c; Get-ImItemList",
            new Dictionary<string, object?> { ["u"] = Simulator.Url, ["c"] = Credential("admin@contoso.com", "wrong-password-1") });
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("Http401,", error.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
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
}
