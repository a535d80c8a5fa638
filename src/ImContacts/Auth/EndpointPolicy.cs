using System;
using System.Net;

namespace ImContacts.Auth
{
    /// <summary>Which endpoints a connection may use: https anywhere, plain http only to loopback unless the user opts in.</summary>
    internal static class EndpointPolicy
    {
        public static bool IsLoopback(Uri endpoint) =>
            endpoint.IsLoopback
            || string.Equals(endpoint.Host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

        /// <summary>Whether Basic may carry a password to <paramref name="endpoint"/>: over TLS, or to loopback, never across plain http.</summary>
        public static bool AllowsBasic(Uri endpoint) => endpoint.Scheme == Uri.UriSchemeHttps || IsLoopback(endpoint);

        /// <summary>Returns why <paramref name="endpoint"/> is refused, or null when it may be used.</summary>
        public static string? Check(Uri endpoint, bool allowUnencrypted)
        {
            if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            {
                return $"'{endpoint}' is not an http(s) URL. Give the EWS endpoint, for example https://mail.contoso.com/EWS/Exchange.asmx.";
            }

            if (!string.IsNullOrEmpty(endpoint.UserInfo))
            {
                return "The URL contains a user name or password. Remove it and give the credentials with -Credential.";
            }

            if (endpoint.Scheme == Uri.UriSchemeHttp && !allowUnencrypted && !IsLoopback(endpoint))
            {
                return $"'{endpoint}' is plain http: credentials and mailbox data would cross the network unencrypted. Use https, or add -AllowUnencryptedAuthentication if you accept that risk.";
            }

            return null;
        }
    }
}
