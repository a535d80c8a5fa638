using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth.OAuth
{
    /// <summary>A bearer token obtained elsewhere. Kept as a SecureString and only turned into text for the header.</summary>
    internal sealed class AccessTokenAuthenticator : IEwsAuthenticator
    {
        private readonly SecureString token;

        public AccessTokenAuthenticator(SecureString token)
        {
            if (token is null || token.Length == 0)
            {
                throw new ArgumentException("The access token is empty.", nameof(token));
            }

            this.token = token.Copy();
            this.token.MakeReadOnly();
            var claims = AccessTokenClaims.Read(new NetworkCredential(string.Empty, token).Password);
            Account = claims is null ? null : claims.AppOnly ? claims.Application : claims.User;
            RequiresMailbox = claims?.AppOnly == true;
        }

        /// <summary>What a token answers a challenge with.</summary>
        internal static readonly IReadOnlyList<string> BearerOnly = new[] { "Bearer" };

        public SignInMethod Method => SignInMethod.AccessToken;

        public IReadOnlyList<string> Schemes(Uri endpoint) => BearerOnly;

        /// <summary>The user the token names (upn), or for an app-only token its application id; null when it is no JWT.</summary>
        public string? Account { get; }

        public void ConfigureHandler(HttpClientHandler handler, Uri endpoint)
        {
        }

        public Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new NetworkCredential(string.Empty, token).Password);
            return Task.CompletedTask;
        }

        /// <summary>An app-only token (idtyp=app, or roles without a user) has no mailbox of its own.</summary>
        public bool RequiresMailbox { get; }

        /// <summary>These credentials cannot be renewed: a 401 stands.</summary>
        public Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken) => Task.FromResult(false);

        /// <summary>Wipes this connection's copy of the token (the caller's SecureString is its own).</summary>
        public void Dispose() => token.Dispose();
    }
}
