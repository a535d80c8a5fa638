using System;
using System.Net.Http;
using Microsoft.Identity.Client;

namespace ImContacts.Identity
{
    /// <summary>Hands MSAL one HttpClient over a given handler (the tests' loopback route).</summary>
    internal sealed class MsalHttpClientFactory : IMsalHttpClientFactory
    {
        private readonly HttpClient client;

        public MsalHttpClientFactory(Func<HttpMessageHandler> handler)
        {
            client = new HttpClient(handler(), disposeHandler: true);
        }

        public HttpClient GetHttpClient() => client;
    }
}
