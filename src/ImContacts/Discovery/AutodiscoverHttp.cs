using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;

namespace ImContacts.Discovery
{
    /// <summary>
    /// The HTTP side of Autodiscover: anonymous requests for the v2 JSON endpoint, signed-in requests for POX. Each host
    /// gets its own handler, so Windows credentials are offered only to the host they were configured for; nothing
    /// follows redirects by itself (the client decides which to follow).
    /// </summary>
    internal sealed class AutodiscoverHttp : IDisposable
    {
        private readonly IEwsAuthenticator authenticator;
        private readonly bool skipCertificateCheck;
        private readonly Func<HttpMessageHandler, HttpMessageHandler> route;
        private readonly Dictionary<string, HttpMessageInvoker> invokers = new Dictionary<string, HttpMessageInvoker>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Route wraps each handler; tests use it to reach a loopback responder.</summary>
        public AutodiscoverHttp(IEwsAuthenticator authenticator, bool skipCertificateCheck, Func<HttpMessageHandler, HttpMessageHandler>? route = null)
        {
            this.authenticator = authenticator;
            this.skipCertificateCheck = skipCertificateCheck;
            this.route = route ?? (handler => handler);
        }

        public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, bool signIn, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (signIn)
            {
                await authenticator.AuthorizeAsync(request, cancellationToken).ConfigureAwait(false);
            }

            return await InvokerFor(uri, signIn).SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        public void Dispose()
        {
            lock (invokers)
            {
                foreach (var invoker in invokers.Values)
                {
                    invoker.Dispose();
                }

                invokers.Clear();
            }
        }

        private HttpMessageInvoker InvokerFor(Uri uri, bool signIn)
        {
            var key = (signIn ? "signed-in " : "anonymous ") + uri.GetLeftPart(UriPartial.Authority);
            lock (invokers)
            {
                if (!invokers.TryGetValue(key, out var invoker))
                {
                    var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false, Credentials = null, UseDefaultCredentials = false };
                    if (skipCertificateCheck)
                    {
                        handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
                    }

                    if (signIn)
                    {
                        authenticator.ConfigureHandler(handler, uri);
                    }

                    invoker = new HttpMessageInvoker(route(handler), disposeHandler: true);
                    invokers.Add(key, invoker);
                }

                return invoker;
            }
        }
    }
}
