using System.Net.Security;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace ImContacts.Simulator;

/// <summary>
/// Negotiate (Kerberos, or NTLM inside it) and NTLM sign-in as IIS does it: the handshake spans requests on one
/// connection, and the identity it proves stays with that connection, so later requests on it carry no Authorization.
/// Uses the platform's GSSAPI (KRB5_CONFIG and KRB5_KTNAME name the realm and the service's keytab).
/// </summary>
internal static class NegotiateSignIn
{
    private const string StateKey = "ImContacts.Negotiate";
    private const string IdentityKey = "ImContacts.NegotiatedIdentity";

    /// <summary>The principal this connection proved earlier (user@REALM), or null.</summary>
    public static string? ConnectionIdentity(HttpContext context) =>
        Items(context)?.TryGetValue(IdentityKey, out var name) == true ? name as string : null;

    /// <summary>
    /// One leg of the handshake for an "Negotiate ..." or "NTLM ..." header: the principal once it completes; otherwise
    /// null, with <paramref name="challenge"/> the WWW-Authenticate value to answer with (a continuation, or the bare
    /// scheme after a failure).
    /// </summary>
    public static string? Step(HttpContext context, string authorization, out string challenge, out string? mutual, out string? failure)
    {
        var space = authorization.IndexOf(' ');
        var scheme = space < 0 ? authorization : authorization.Substring(0, space);
        var token = space < 0 ? string.Empty : authorization.Substring(space + 1).Trim();
        var items = Items(context);
        mutual = null;
        failure = null;
        if (items is null)
        {
            challenge = scheme;
            failure = "no connection state";
            return null;
        }

        if (!(items.TryGetValue(StateKey, out var existing) && existing is NegotiateAuthentication server))
        {
            server = new NegotiateAuthentication(new NegotiateAuthenticationServerOptions
            {
                Package = scheme.Equals("NTLM", StringComparison.OrdinalIgnoreCase) ? "NTLM" : "Negotiate",
            });
            items[StateKey] = server;
        }

        byte[] incoming;
        try
        {
            incoming = Convert.FromBase64String(token);
        }
        catch (FormatException)
        {
            items.Remove(StateKey);
            server.Dispose();
            challenge = scheme;
            failure = "the token is not base64";
            return null;
        }

        var outgoing = server.GetOutgoingBlob(incoming, out var status);
        switch (status)
        {
            case NegotiateAuthenticationStatusCode.ContinueNeeded:
                challenge = outgoing is null ? scheme : $"{scheme} {Convert.ToBase64String(outgoing)}";
                return null;
            case NegotiateAuthenticationStatusCode.Completed:
                var name = server.RemoteIdentity.Name;
                items.Remove(StateKey);
                items[IdentityKey] = name;
                server.Dispose();
                mutual = outgoing is null ? null : $"{scheme} {Convert.ToBase64String(outgoing)}";
                challenge = scheme;
                return name;
            default:
                items.Remove(StateKey);
                server.Dispose();
                challenge = scheme;
                failure = status.ToString();
                return null;
        }
    }

    private static IDictionary<object, object?>? Items(HttpContext context) => context.Features.Get<IConnectionItemsFeature>()?.Items;
}
