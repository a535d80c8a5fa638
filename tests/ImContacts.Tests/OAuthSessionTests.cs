using System.Management.Automation.Runspaces;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>What keeps an OAuth session working: silent renewal, one refresh after a 401, the token cache, no leaks.</summary>
public sealed class OAuthSessionTests : OAuthTest
{
    private const string DeviceCodeConnect = "Connect-ImService -Url $url -ClientId $appId -DeviceCode -ErrorAction Stop | Out-Null\n";

    [Fact]
    public void Tokens_are_renewed_silently_before_they_expire()
    {
        // Under five minutes left counts as expiring for MSAL, so every request renews: a long runbook's situation.
        // Four requests: Connect-ImService's test and three reads.
        Simulator.Identity.AccessTokenLifetime = TimeSpan.FromMinutes(2);
        var result = RunRouted(DeviceCodeConnect + "1..3 | ForEach-Object { (Get-ImItemList).Groups.Count }");

        Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
        Assert.Equal(3, result.Output.Count);
        var grants = Simulator.Identity.Requests.Where(r => r.GrantType is not null).Select(r => r.GrantType).ToList();
        Assert.Equal(new[] { "device_code", "refresh_token", "refresh_token", "refresh_token", "refresh_token" }, grants);
        Assert.Single(Simulator.Identity.Requests, r => r.Path.Contains("/devicecode"));
        Assert.Equal(3, Answered.Count(r => r.StatusCode == 200));
    }

    [Fact]
    public void A_valid_token_is_reused_from_the_cache()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted(AppConnect + "1..3 | ForEach-Object { (Get-ImItemList -Mailbox ana@contoso.com).Groups.Count }");

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Single(Simulator.Identity.Requests, r => r.GrantType == "client_credentials");
        Assert.Equal(3, Answered.Count);
    }

    [Fact]
    public void A_rejected_token_is_refreshed_once_and_the_request_resent()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted(
            AppConnect
            + "(Get-ImItemList -Mailbox ana@contoso.com).Groups.Count\n"
            + "$revoke.Invoke()\n"
            + "(Get-ImItemList -Mailbox ana@contoso.com).Groups.Count",
            new Dictionary<string, object?> { ["revoke"] = new Action(Simulator.Identity.RevokeAccessTokens) });

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.Equal(new[] { "3", "3" }, result.Output.Select(o => o.ToString()));
        Assert.Equal(new[] { 200, 401, 200 }, Simulator.Requests.Where(r => !IsConnectionTest(r)).Select(r => r.StatusCode));
        Assert.Equal(2, Simulator.Identity.Requests.Count(r => r.GrantType == "client_credentials"));
    }

    [Fact]
    public void A_token_refused_again_after_the_refresh_fails_that_row_only()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted(
            AppConnect
            + "$refuse.Invoke()\n"
            + "'ana@contoso.com', 'ben@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = $_ } } | Get-ImItemList",
            new Dictionary<string, object?>
            {
                ["refuse"] = new Action(() => Simulator.Identity.EwsAcceptsTokens = false),
            });

        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.StartsWith("Http401,", e.FullyQualifiedErrorId));
        // Each row: the request, one refresh, one resend; never a loop.
        Assert.Equal(4, Simulator.Requests.Count(r => r.StatusCode == 401));
        Assert.Equal(3, Simulator.Identity.Requests.Count(r => r.GrantType == "client_credentials"));
    }

    [Fact]
    public void Persistent_cache_without_a_protected_store_warns_and_keeps_the_sign_in_in_memory()
    {
        var home = Path.Combine(Path.GetTempPath(), "imcontacts-home-" + Guid.NewGuid().ToString("N"));
        var previous = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", home);
        try
        {
            var result = RunRouted(DeviceCodeConnect.Replace("-DeviceCode", "-DeviceCode -PersistTokenCache") + "(Get-ImItemList).Groups.Count");

            Assert.True(result.Errors.Count == 0 && result.Terminating is null, result.AllText());
            if (OperatingSystem.IsLinux() && !File.Exists("/usr/lib/x86_64-linux-gnu/libsecret-1.so.0"))
            {
                var warning = Assert.Single(result.Warnings);
                Assert.Contains("-PersistTokenCache", warning);
                Assert.Contains("in memory", warning);
            }

            // Whatever the store, no token is ever written where a file reader could see it.
            var files = Directory.Exists(home) ? Directory.GetFiles(home, "*", SearchOption.AllDirectories) : Array.Empty<string>();
            foreach (var secret in IssuedSecrets())
            {
                Assert.DoesNotContain(files, f => File.ReadAllText(f).Contains(secret));
            }
        }
        finally
        {
            Environment.SetEnvironmentVariable("XDG_DATA_HOME", previous);
            if (Directory.Exists(home))
            {
                Directory.Delete(home, true);
            }
        }
    }

    [Fact]
    public void Msal_loads_on_first_sign_in_into_its_own_load_context()
    {
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        var result = RunRouted("""
            $module = [ImContacts.Model.ItemId].Assembly
            $module.GetReferencedAssemblies().Name -join ','
            Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $secret -ErrorAction Stop
            $msal = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' -and $_.GetName().Version -eq '4.92.0.0' }
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($msal).Name
            [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($module).Name
            """);

        Assert.True(result.Errors.Count == 0, result.AllText());
        Assert.DoesNotContain("Microsoft.Identity", result.Output[0].ToString());
        Assert.DoesNotContain("ImContacts.Identity", result.Output[0].ToString());
        Assert.Equal("ImContacts.Identity", result.Output[1].ToString());
        Assert.Equal("Default", result.Output[2].ToString());
    }

    public static TheoryData<string> Flows => new()
    {
        "ClientSecret", "Certificate", "CertificatePath", "DeviceCode", "Interactive", "ManagedIdentity", "AccessToken",
    };

    [Theory]
    [MemberData(nameof(Flows))]
    public void No_secret_of_any_flow_reaches_any_stream(string flow)
    {
        using var certificate = NewCertificate();
        Simulator.Identity.RegisterSecret(AppId, AppSecret);
        Simulator.Identity.RegisterCertificate(AppId, certificate);
        Simulator.Identity.AccessTokenLifetime = TimeSpan.FromMinutes(2);
        var pfx = Path.Combine(Path.GetTempPath(), $"imcontacts-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(pfx, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pfx, "Pfx-Pass~3"));
        var signIn = flow switch
        {
            "ClientSecret" => "-ClientId $appId -TenantId $tenant -ClientSecret $secret",
            "Certificate" => "-ClientId $appId -TenantId $tenant -Certificate $certificate",
            "CertificatePath" => "-ClientId $appId -TenantId $tenant -CertificatePath $pfx -CertificatePassword $pfxPassword",
            "DeviceCode" => "-ClientId $appId -DeviceCode",
            "Interactive" => "-ClientId $appId",
            "ManagedIdentity" => "-ManagedIdentity",
            _ => "-AccessToken $token",
        };
        try
        {
            var result = RunRouted($$"""
                $VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'
                $c = Connect-ImService -Url $url {{signIn}} -PassThru
                $c | ForEach-Object { $_.ToString(); $_.PSObject.Properties | ForEach-Object { "$($_.Name)=$($_.Value)" } }
                Get-ImItemList -Mailbox ana@contoso.com
                $refuse.Invoke()
                Get-ImItemList -Mailbox ana@contoso.com
                Add-ImContactToGroup -ContactId 'Ym9ndXM=' -GroupId 'Ym9ndXM=' -Mailbox ana@contoso.com
                Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $wrong
                """, new Dictionary<string, object?>
            {
                ["wrong"] = Secure("Wrong-Secret~77"),
                ["certificate"] = certificate,
                ["pfx"] = pfx,
                ["pfxPassword"] = Secure("Pfx-Pass~3"),
                ["token"] = Secure(SimulatorAccounts.Admin.BearerToken!),
                ["refuse"] = new Action(() => Simulator.Identity.EwsAcceptsTokens = false),
            });

            // A token from elsewhere is the simulator's fixed one, which $refuse does not touch.
            Assert.True(flow == "AccessToken" ? Answered.Count >= 3 : Answered.Count == 1 && Simulator.Requests.Count(r => r.StatusCode == 401) == 4, result.AllText());
            Assert.Contains(result.Errors, e => e.FullyQualifiedErrorId.StartsWith("SignInFailed,"));
            var text = result.AllText();
            foreach (var secret in IssuedSecrets().Concat(new[] { AppSecret, "Wrong-Secret~77", "Pfx-Pass~3", SimulatorAccounts.Admin.BearerToken! }))
            {
                Assert.DoesNotContain(secret, text);
            }
        }
        finally
        {
            File.Delete(pfx);
        }
    }
}
