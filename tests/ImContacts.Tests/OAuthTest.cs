using System.Management.Automation;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ImContacts.Simulator;

namespace ImContacts.Tests;

/// <summary>
/// The OAuth tests share the module's static test hooks (the identity platform's loopback route), so they run one
/// at a time in their own collection.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OAuthCollection
{
    public const string Name = "OAuth";
}

/// <summary>Routes the module's MSAL traffic to the simulator's identity responder and answers the browser step.</summary>
[Collection(OAuthCollection.Name)]
public abstract class OAuthTest : SimulatorTest
{
    public const string AppId = "0f9d3b8a-6a4e-4c55-9d1b-3f2e1a7c5b90";
    public const string AppSecret = "Sim-App-Secret~9Qz";

    /// <summary>Connects app-only with the registered secret; RunRouted supplies $secret unless a test gives its own.</summary>
    protected const string AppConnect = "Connect-ImService -Url $url -ClientId $appId -TenantId $tenant -ClientSecret $secret -ErrorAction Stop\n";

    protected static X509Certificate2 NewCertificate()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=ImContacts test app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    /// <summary>Runs <paramref name="script"/> with the module's sign-in traffic routed to this test's simulator.</summary>
    protected ScriptResult RunRouted(string script, IDictionary<string, object?>? variables = null)
    {
        var port = Simulator.Port;
        var vars = new Dictionary<string, object?>(variables ?? new Dictionary<string, object?>())
        {
            ["url"] = Simulator.Url,
            ["tenant"] = IdentityResponder.TenantId,
            ["appId"] = AppId,
            ["route"] = new Func<HttpMessageHandler>(() => new LoopbackRouter(port)),
            ["browser"] = new Func<Uri, Uri, CancellationToken, Task<Uri>>(async (authorize, redirect, cancel) =>
            {
                using var client = new HttpClient(new LoopbackRouter(port));
                using var answer = await client.GetAsync(authorize, cancel);
                return answer.Headers.Location ?? throw new InvalidOperationException("The authorize endpoint did not redirect.");
            }),
        };
        vars.TryAdd("secret", Secure(AppSecret));
        const string Route = """
            $hooks = [ImContacts.Model.ItemId].Assembly.GetType('ImContacts.Auth.OAuth.OAuthTestHooks')
            $hooks.GetProperty('HttpHandler').SetValue($null, $route)
            $hooks.GetProperty('Browser').SetValue($null, $browser)

            """;
        return Shell.Run(Route + script, vars);
    }

    /// <summary>Every access and refresh token the responder handed out, for leak checks.</summary>
    protected IEnumerable<string> IssuedSecrets() => Simulator.Identity.IssuedSecrets;
}
