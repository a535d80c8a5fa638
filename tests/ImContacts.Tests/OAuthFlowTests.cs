using System.Security.Cryptography.X509Certificates;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>Each Connect-ImService OAuth flow, end to end through MSAL against the loopback identity responder.</summary>
public sealed class OAuthFlowTests : OAuthTest
{
    private const string ReadAna = "(Get-ImItemList -Mailbox ana@contoso.com).Groups.Count";

    [Fact]
    public void Client_secret_signs_in_app_only_and_impersonates_with_an_anchor_mailbox()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted(AppConnect + ReadAna);

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Equal("3", result.Output.Single().ToString());
        var grant = Assert.Single(Simulator.Identity.Requests, r => r.GrantType is not null);
        Assert.Equal("client_credentials", grant.GrantType);
        Assert.Equal("https://outlook.office365.com/.default", grant.Scope);
        Assert.Equal(AppId, grant.ClientId);
        Assert.Equal("login.microsoftonline.com", grant.Host);
        Assert.StartsWith($"/{IdentityResponder.TenantId}/oauth2/v2.0/token", grant.Path);
        var call = Assert.Single(Answered);
        Assert.Equal("ana@contoso.com", call.ImpersonatedAddress);
        Assert.Equal("ana@contoso.com", call.AnchorMailbox);
        Assert.Equal("Bearer", call.AuthorizationScheme);
        Assert.DoesNotContain(AppSecret, result.AllText());
    }

    [Fact]
    public void Client_secret_and_its_tokens_reach_no_stream_and_no_trace_file()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var trace = Path.Combine(Path.GetTempPath(), $"imcontacts-trace-{Guid.NewGuid():N}.log");
        try
        {
            var result = RunRouted("""
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'
                Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $secret -TraceFile $trace -Verbose -Debug -ErrorAction Stop
                Get-ImItemList -Mailbox ana@contoso.com -Debug | Out-Null
                Add-ImContactToGroup -ContactId 'Ym9ndXM=' -Mailbox ana@contoso.com -Debug
                Disconnect-ImService
                """, new Dictionary<string, object?> { ["trace"] = trace });

            Assert.Null(result.Terminating);
            var text = File.ReadAllText(trace);
            Assert.Contains("with ClientSecret", text);
            Assert.Contains("> Authorization: Bearer [redacted]", text);
            Assert.Contains(Answered[0].ClientRequestId!, text);
            Assert.Contains(result.Debug, d => d.Contains("> Authorization: Bearer [redacted]", StringComparison.Ordinal));
            var secrets = IssuedSecrets().Append(AppSecret).ToList();
            Assert.True(secrets.Count >= 2);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(secret, result.AllText());
            }
        }
        finally
        {
            File.Delete(trace);
        }
    }

    [Fact]
    public void Client_secret_may_come_as_a_credential_and_app_only_rows_without_a_mailbox_fail_alone()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted("""
            Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $credential -ErrorAction Stop
            [pscustomobject]@{ Mailbox = 'ana@contoso.com' }, [pscustomobject]@{ Name = 'no mailbox column' }, [pscustomobject]@{ Mailbox = 'ben@contoso.com' } |
                Get-ImItemList | ForEach-Object { $_.Mailbox }
            """, new Dictionary<string, object?> { ["credential"] = Credential(AppId, AppSecret) });

        Assert.Null(result.Terminating);
        Assert.Equal(new[] { "ana@contoso.com", "ben@contoso.com" }, result.Output.Select(o => o.ToString()));
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("MailboxRequired,", error.FullyQualifiedErrorId);
        Assert.Contains("-Mailbox", error.Exception.Message);
        Assert.Equal(2, Answered.Count);
    }

    [Fact]
    public void Plain_text_secret_is_refused_without_echoing_it()
    {
        var result = RunRouted("Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret 'Plain-Text-Secret-1'");
        var error = Assert.Single(result.Errors);
        Assert.Contains("ClientSecret", error.Exception.Message);
        Assert.Contains("SecureString", error.Exception.Message);
        Assert.DoesNotContain("Plain-Text-Secret-1", result.AllText());
        Assert.Empty(Simulator.Identity.Requests);
    }

    [Fact]
    public void Wrong_client_secret_stops_connect_with_the_identity_platforms_reason_and_no_secret()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted(
            "Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $secret",
            new Dictionary<string, object?> { ["secret"] = Secure("Wrong-Secret~77") });

        var stop = Assert.Single(result.Errors);
        Assert.StartsWith("SignInFailed,", stop.FullyQualifiedErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, stop.CategoryInfo.Category);
        Assert.Contains("AADSTS7000215", stop.Exception.Message);
        Assert.DoesNotContain("Wrong-Secret~77", result.AllText());
        Assert.DoesNotContain(AppSecret, result.AllText());
    }

    [Fact]
    public void Certificate_object_path_and_thumbprint_each_sign_a_verified_assertion()
    {
        using var certificate = NewCertificate();
        Simulator.Identity.RegisterCertificate(AppId, certificate);
        var pfx = Path.Combine(Path.GetTempPath(), $"imcontacts-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, "Pfx-Pass~3"));
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        using var stored = X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.PersistKeySet | X509KeyStorageFlags.Exportable);
        store.Add(stored);
        try
        {
            var result = RunRouted($$"""
                Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -Certificate $certificate -ErrorAction Stop
                {{ReadAna}}
                Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -CertificatePath $pfx -CertificatePassword $password -ErrorAction Stop
                {{ReadAna}}
                Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -CertificateThumbprint $thumbprint.ToLower() -ErrorAction Stop
                {{ReadAna}}
                """, new Dictionary<string, object?>
            {
                ["certificate"] = certificate,
                ["pfx"] = pfx,
                ["password"] = Secure("Pfx-Pass~3"),
                ["thumbprint"] = certificate.Thumbprint,
            });

            Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
            Assert.Equal(new[] { "3", "3", "3" }, result.Output.Select(o => o.ToString()));
            var grants = Simulator.Identity.Requests.Where(r => r.GrantType is not null).ToList();
            Assert.Equal(3, grants.Count);
            Assert.All(grants, g => Assert.Equal("(set)", g.Parameters["client_assertion"]));
            Assert.DoesNotContain("Pfx-Pass~3", result.AllText());
        }
        finally
        {
            store.Remove(stored);
            File.Delete(pfx);
        }
    }

    [Theory]
    [InlineData("-CertificateThumbprint 00112233445566778899AABBCCDDEEFF00112233", "InvalidCertificateThumbprint", "no such certificate")]
    [InlineData("-CertificateThumbprint not-hex", "InvalidCertificateThumbprint", "'not-hex'")]
    [InlineData("-CertificatePath ./missing.pfx", "InvalidCertificatePath", "missing.pfx")]
    [InlineData("-Certificate $publicOnly", "InvalidCertificate", "no private key")]
    public void Unusable_certificates_stop_connect_naming_the_parameter(string argument, string errorId, string text)
    {
        using var certificate = NewCertificate();
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var result = RunRouted($"Connect-ImService -Url $url -ClientId $appId -TenantId $tenant {argument}",
            new Dictionary<string, object?> { ["publicOnly"] = publicOnly });
        var stop = Assert.Single(result.Errors);
        Assert.StartsWith(errorId + ",", stop.FullyQualifiedErrorId);
        Assert.Contains(text, stop.Exception.Message);
        Assert.NotNull(stop.TargetObject);
        Assert.Empty(Simulator.Identity.Requests);
    }

    [Fact]
    public void Device_code_shows_the_code_through_the_host_then_acts_as_the_user()
    {
        Simulator.Identity.DeviceCodePendingPolls = 1;
        var result = RunRouted("""
            $c = Connect-ImService -Url $url -ClientId $appId -DeviceCode -PassThru -ErrorAction Stop
            $c.Account
            (Get-ImItemList).Groups.Count
            """);

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Contains(result.Information, i => i.Contains("https://microsoft.com/devicelogin") && i.Contains("SIMCODE"));
        Assert.Equal("admin@contoso.com", result.Output[0].ToString());
        Assert.Equal("https://outlook.office365.com/EWS.AccessAsUser.All", Simulator.Identity.Requests.First(r => r.Path.Contains("devicecode")).Parameters["scope"].Split(' ')[0]);
        Assert.Equal(2, Simulator.Identity.Requests.Count(r => r.GrantType == "device_code"));
        Assert.StartsWith("/organizations/", Simulator.Identity.Requests.First(r => r.Path.Contains("devicecode")).Path);
        var call = Assert.Single(Answered);
        Assert.Null(call.ImpersonatedAddress);
        Assert.Equal("admin@contoso.com", call.AuthenticatedUser);
    }

    [Fact]
    public void Interactive_uses_the_authorization_code_with_pkce_and_the_login_hint()
    {
        var result = RunRouted("""
            Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -UserPrincipalName admin@contoso.com -ErrorAction Stop
            (Get-ImItemList).Groups.Count
            """);

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        var authorize = Assert.Single(Simulator.Identity.Requests, r => r.Path.Contains("/authorize"));
        Assert.Contains("login_hint=admin%40contoso.com", authorize.Path);
        Assert.Contains("code_challenge_method=S256", authorize.Path);
        Assert.Contains("EWS.AccessAsUser.All", Uri.UnescapeDataString(authorize.Path));
        Assert.Single(Simulator.Identity.Requests, r => r.GrantType == "authorization_code");
        Assert.Equal("admin@contoso.com", Assert.Single(Answered).AuthenticatedUser);
    }

    [Fact]
    public void Managed_identity_system_and_user_assigned_use_imds()
    {
        Simulator.Identity.UserAssignedIdentities.Add("7d3e9a51-2b6c-4f0e-8a1d-c5b4e3f2a190");
        var result = RunRouted($$"""
            Connect-ImService -ManagedIdentity -Url $url -ErrorAction Stop
            {{ReadAna}}
            Connect-ImService -ManagedIdentity -ClientId 7d3e9a51-2b6c-4f0e-8a1d-c5b4e3f2a190 -Url $url -ErrorAction Stop
            {{ReadAna}}
            """);

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Equal(new[] { "3", "3" }, result.Output.Select(o => o.ToString()));
        var imds = Simulator.Identity.Requests.Where(r => r.Path.StartsWith("/metadata/identity/oauth2/token")).ToList();
        Assert.Equal(2, imds.Count);
        Assert.All(imds, r => Assert.Equal("169.254.169.254", r.Host));
        Assert.All(imds, r => Assert.Contains("resource=https", r.Path));
        Assert.Contains("client_id=7d3e9a51", imds[1].Path);
        Assert.All(Answered, c => Assert.Equal("ana@contoso.com", c.ImpersonatedAddress));
    }

    [Fact]
    public void Unknown_user_assigned_identity_stops_connect()
    {
        var result = RunRouted("Connect-ImService -ManagedIdentity -ClientId 11111111-0000-0000-0000-000000000000 -Url $url");
        var stop = Assert.Single(result.Errors);
        Assert.StartsWith("SignInFailed,", stop.FullyQualifiedErrorId);
        Assert.Empty(Answered);
    }

    [Fact]
    public void A_refused_url_stops_connect_before_any_sign_in()
    {
        var result = RunRouted("Connect-ImService -Url http://mail.contoso.com/EWS/Exchange.asmx -ClientId $appId -DeviceCode");
        Assert.StartsWith("InvalidUrl,", Assert.Single(result.Errors).FullyQualifiedErrorId);
        Assert.Empty(Simulator.Identity.Requests);
        Assert.Empty(result.Information);
    }

    [Fact]
    public void Oauth_without_url_connects_to_exchange_online()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        // Exchange Online itself is not reachable here: the default URL is what is tested, not the connection.
        var result = RunRouted("(Connect-ImService -ClientId $appId -TenantId $tenant -ClientSecret $secret -PassThru -SkipConnectionTest -ErrorAction Stop).Url.AbsoluteUri");
        Assert.True(result.Terminating is null, result.AllText());
        Assert.Equal("https://outlook.office365.com/EWS/Exchange.asmx", result.Output.Single().ToString());
    }
}
