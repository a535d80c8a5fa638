using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth
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
        }

        public string Method => "AccessToken";

        /// <summary>Not known: the token is passed on as given, and its claims are not read.</summary>
        public string? Account => null;

        public void ConfigureHandler(HttpClientHandler handler, Uri endpoint)
        {
        }

        public Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", new NetworkCredential(string.Empty, token).Password);
            return Task.CompletedTask;
        }

        public bool RequiresMailbox => false;

        /// <summary>These credentials cannot be renewed: a 401 stands.</summary>
        public Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
