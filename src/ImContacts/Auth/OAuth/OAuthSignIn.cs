using System;
using System.Net.Http;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth.OAuth
{
    /// <summary>Everything one OAuth sign-in needs. Crosses into ImContacts.Identity, so it holds only BCL types.</summary>
    internal sealed class OAuthSignIn
    {
        public OAuthSignIn(OAuthFlow flow, Uri resource)
        {
            Flow = flow;
            Resource = resource;
        }

        public OAuthFlow Flow { get; }

        /// <summary>The Exchange resource, e.g. https://outlook.office365.com; scopes are derived from it.</summary>
        public Uri Resource { get; }

        /// <summary>Application (client) id; for managed identity, the user-assigned identity's client id or null.</summary>
        public string? ClientId { get; set; }

        /// <summary>Tenant id or domain; "organizations" for delegated flows when not given.</summary>
        public string? TenantId { get; set; }

        /// <summary>The user to sign in (delegated flows); preselects the account and picks it from a persistent cache.</summary>
        public string? LoginHint { get; set; }

        public SecureString? ClientSecret { get; set; }

        public X509Certificate2? Certificate { get; set; }

        /// <summary>Keep delegated tokens in the OS's protected store across sessions.</summary>
        public bool PersistTokenCache { get; set; }

        /// <summary>A message the user must see now (the device code). Called from any thread.</summary>
        public Action<string> Show { get; set; } = _ => { };

        /// <summary>A warning for the user. Called from any thread.</summary>
        public Action<string> Warn { get; set; } = _ => { };

        /// <summary>Tests only: the HTTP handler MSAL uses instead of its own (routes login traffic to loopback).</summary>
        public Func<HttpMessageHandler>? HttpHandler { get; set; }

        /// <summary>Tests only: answers the interactive flow's authorization request instead of a browser.</summary>
        public Func<Uri, Uri, CancellationToken, Task<Uri>>? Browser { get; set; }

        /// <summary>The delegated scope (EWS.AccessAsUser.All) or the app-only one (.default).</summary>
        public string Scope => Flow is OAuthFlow.Interactive or OAuthFlow.DeviceCode
            ? Resource.GetLeftPart(UriPartial.Authority) + "/EWS.AccessAsUser.All"
            : Resource.GetLeftPart(UriPartial.Authority) + "/.default";

        /// <summary>True for the flows that act as an application rather than a user.</summary>
        /// <summary>The connection's sign-in method, named as the flow is.</summary>
        public SignInMethod Method => Flow switch
        {
            OAuthFlow.Interactive => SignInMethod.Interactive,
            OAuthFlow.DeviceCode => SignInMethod.DeviceCode,
            OAuthFlow.ClientSecret => SignInMethod.ClientSecret,
            OAuthFlow.Certificate => SignInMethod.Certificate,
            _ => SignInMethod.ManagedIdentity,
        };

        public bool IsAppOnly => Flow is OAuthFlow.ClientSecret or OAuthFlow.Certificate or OAuthFlow.ManagedIdentity;
    }
}
