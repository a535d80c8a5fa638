using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth.OAuth
{
    /// <summary>
    /// Signs each request with a token from MSAL, acquired silently per request so that it is renewed before it
    /// expires (a six-hour runbook keeps working); after a 401 it forces one renewal.
    /// </summary>
    internal sealed class OAuthAuthenticator : IEwsAuthenticator
    {
        private readonly IAccessTokenSource source;

        public OAuthAuthenticator(IAccessTokenSource source, SignInMethod method, bool requiresMailbox)
        {
            this.source = source ?? throw new ArgumentNullException(nameof(source));
            Method = method;
            RequiresMailbox = requiresMailbox;
        }

        public SignInMethod Method { get; }

        public IReadOnlyList<string> Schemes(Uri endpoint) => AccessTokenAuthenticator.BearerOnly;

        public bool RequiresMailbox { get; }

        public string? Account => source.Account;

        public void ConfigureHandler(HttpClientHandler handler, Uri endpoint)
        {
        }

        public async Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = await source.GetTokenAsync(false, cancellationToken).ConfigureAwait(false);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        public async Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken)
        {
            await source.GetTokenAsync(true, cancellationToken).ConfigureAwait(false);
            return true;
        }

        /// <summary>Lets go of the token source (and with it MSAL's in-memory tokens) when it can be let go of.</summary>
        public void Dispose() => (source as IDisposable)?.Dispose();
    }
}
