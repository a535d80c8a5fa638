using System.Net;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Microsoft.Identity.Client;

namespace ImContacts.Identity
{
    /// <summary>App-only sign-in with a client secret or a certificate; MSAL caches the token and renews it on expiry.</summary>
    internal sealed class ConfidentialClientTokenSource : IAccessTokenSource
    {
        private readonly IConfidentialClientApplication app;
        private readonly string[] scopes;

        public ConfidentialClientTokenSource(OAuthSignIn signIn)
        {
            scopes = new[] { signIn.Scope };
            var builder = MsalApplications.Configure(ConfidentialClientApplicationBuilder.Create(signIn.ClientId), signIn);
            builder = signIn.Flow == OAuthFlow.Certificate
                ? builder.WithCertificate(signIn.Certificate)
                : builder.WithClientSecret(new NetworkCredential(string.Empty, signIn.ClientSecret).Password);
            app = builder.Build();
            Account = signIn.ClientId;
        }

        public string? Account { get; }

        public Task SignInAsync(CancellationToken cancellationToken) => GetTokenAsync(false, cancellationToken);

        public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            MsalErrors.AccessTokenAsync("App-only sign-in", () => app.AcquireTokenForClient(scopes).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken), cancellationToken);
    }
}
