using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth
{
    /// <summary>
    /// How a connection proves who it is: either by configuring the HTTP handler (Windows credentials) or by
    /// stamping each request (tokens). OAuth flows implement the second and acquire tokens per request. The connection
    /// that uses it disposes it, which lets go of the password or token it holds.
    /// </summary>
    internal interface IEwsAuthenticator : IDisposable
    {
        SignInMethod Method { get; }

        /// <summary>The HTTP authentication schemes this sign-in answers a challenge with at <paramref name="endpoint"/>, in the order it prefers them.</summary>
        System.Collections.Generic.IReadOnlyList<string> Schemes(Uri endpoint);

        /// <summary>Who signs in, for display (a user name, an application id); null when the module cannot know (a given access token).</summary>
        string? Account { get; }

        void ConfigureHandler(HttpClientHandler handler, Uri endpoint);

        Task AuthorizeAsync(HttpRequestMessage request, CancellationToken cancellationToken);

        /// <summary>True for app-only sign-ins, which have no mailbox of their own: every call must impersonate one.</summary>
        bool RequiresMailbox { get; }

        /// <summary>
        /// Called once after the server answered 401: renews the credentials and returns true when one retry may succeed
        /// (an OAuth token that was revoked or expired early); false when resending would only fail again.
        /// </summary>
        Task<bool> RenewAfterRejectionAsync(CancellationToken cancellationToken);
    }
}
