using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.AppConfig;

namespace ImContacts.Identity
{
    /// <summary>
    /// The managed identity of the Azure resource this runs on (Azure Automation, an Azure VM): system-assigned, or
    /// user-assigned by client id. MSAL finds the token endpoint from the environment and caches the token.
    /// </summary>
    internal sealed class ManagedIdentityTokenSource : IAccessTokenSource
    {
        private readonly IManagedIdentityApplication app;
        private readonly string resource;

        public ManagedIdentityTokenSource(OAuthSignIn signIn)
        {
            resource = signIn.Resource.GetLeftPart(System.UriPartial.Authority);
            var identity = signIn.ClientId is null ? ManagedIdentityId.SystemAssigned : ManagedIdentityId.WithUserAssignedClientId(signIn.ClientId);
            var builder = ManagedIdentityApplicationBuilder.Create(identity);
            if (signIn.HttpHandler is { } handler)
            {
                builder = builder.WithHttpClientFactory(new MsalHttpClientFactory(handler));
            }

            app = builder.Build();
            Account = signIn.ClientId ?? "system-assigned managed identity";
        }

        public string? Account { get; }

        public Task SignInAsync(CancellationToken cancellationToken) => GetTokenAsync(false, cancellationToken);

        public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken) =>
            MsalErrors.AccessTokenAsync("Managed identity sign-in", () => app.AcquireTokenForManagedIdentity(resource).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken), cancellationToken);
    }
}
