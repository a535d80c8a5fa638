using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensibility;

namespace ImContacts.Identity
{
    /// <summary>
    /// Delegated sign-in (system browser or device code) as a user. The prompt happens once, in Connect-ImService;
    /// afterwards tokens come silently from the cache and the refresh token until the sign-in itself expires.
    /// </summary>
    internal sealed class PublicClientTokenSource : IAccessTokenSource
    {
        private readonly OAuthSignIn signIn;
        private readonly IPublicClientApplication app;
        private readonly string[] scopes;
        private IAccount? account;

        public PublicClientTokenSource(OAuthSignIn signIn)
        {
            this.signIn = signIn;
            scopes = new[] { signIn.Scope };
            app = MsalApplications.Configure(PublicClientApplicationBuilder.Create(signIn.ClientId), signIn)
                .WithRedirectUri("http://localhost")
                .Build();
        }

        public string? Account => account?.Username;

        public async Task SignInAsync(CancellationToken cancellationToken)
        {
            if (signIn.PersistTokenCache)
            {
                await PersistentTokenCache.AttachAsync(app.UserTokenCache, signIn).ConfigureAwait(false);
                account = await CachedAccountAsync().ConfigureAwait(false);
                if (account is not null)
                {
                    try
                    {
                        await GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
                        return;
                    }
                    catch (SignInException)
                    {
                        // The saved sign-in has expired or was revoked: prompt as if there were none.
                        account = null;
                    }
                }
            }

            var result = await MsalErrors.Run("Sign-in", () => PromptAsync(cancellationToken), cancellationToken).ConfigureAwait(false);
            account = result.Account;
        }

        public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            var signedIn = account ?? throw new SignInException("Not signed in yet. Run Connect-ImService.", "NotSignedIn");
            return MsalErrors.AccessTokenAsync(
                "Token renewal",
                () => app.AcquireTokenSilent(scopes, signedIn).WithForceRefresh(forceRefresh).ExecuteAsync(cancellationToken),
                cancellationToken);
        }

        private Task<AuthenticationResult> PromptAsync(CancellationToken cancellationToken)
        {
            if (signIn.Flow == OAuthFlow.DeviceCode)
            {
                return app.AcquireTokenWithDeviceCode(scopes, code =>
                {
                    signIn.Show(code.Message);
                    return Task.CompletedTask;
                }).ExecuteAsync(cancellationToken);
            }

            var interactive = app.AcquireTokenInteractive(scopes).WithPrompt(Prompt.SelectAccount);
            if (signIn.LoginHint is not null)
            {
                interactive = interactive.WithLoginHint(signIn.LoginHint);
            }

            interactive = signIn.Browser is { } browser
                ? interactive.WithCustomWebUi(new TestBrowser(browser))
                : interactive.WithUseEmbeddedWebView(false);
            return interactive.ExecuteAsync(cancellationToken);
        }

        /// <summary>The persisted account to reuse: the one named by -UserPrincipalName, or the only one.</summary>
        private async Task<IAccount?> CachedAccountAsync()
        {
            var accounts = (await app.GetAccountsAsync().ConfigureAwait(false)).ToList();
            return signIn.LoginHint is { } hint
                ? accounts.FirstOrDefault(a => string.Equals(a.Username, hint, StringComparison.OrdinalIgnoreCase))
                : accounts.Count == 1 ? accounts[0] : null;
        }
    }
}
