using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Auth.OAuth
{
    /// <summary>
    /// Lets the test suites route the identity platform's traffic to a loopback responder and answer the browser step.
    /// Internal and set only by reflection from tests; null in every real session.
    /// </summary>
    internal static class OAuthTestHooks
    {
        public static Func<HttpMessageHandler>? HttpHandler { get; set; }

        public static Func<Uri, Uri, CancellationToken, Task<Uri>>? Browser { get; set; }
    }
}
