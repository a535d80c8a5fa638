using System;

namespace ImContacts.Auth.OAuth
{
    /// <summary>Which Exchange resource an OAuth token is for, from the EWS endpoint being connected to.</summary>
    internal static class OAuthResource
    {
        public static readonly Uri ExchangeOnline = new Uri("https://outlook.office365.com");

        /// <summary>
        /// The endpoint's own origin (sovereign clouds, hybrid modern auth), Exchange Online when there is none yet.
        /// A loopback endpoint is a local tunnel or test server, never a resource of its own.
        /// </summary>
        public static Uri For(Uri? endpoint) =>
            endpoint is null || !endpoint.IsAbsoluteUri || EndpointPolicy.IsLoopback(endpoint)
                ? ExchangeOnline
                : new Uri(endpoint.GetLeftPart(UriPartial.Authority));
    }
}
