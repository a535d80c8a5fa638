using System.Security;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Ews;

namespace ImContacts.UnitTests;

internal static class TestClients
{
    public static readonly Uri Endpoint = new("https://mail.contoso.com/EWS/Exchange.asmx");

    public static EwsClient Create(HttpMessageHandler handler, string? culture = null, TimeSpan? timeout = null) =>
        new(new EwsTransport(Endpoint, new AccessTokenAuthenticator(Secure("test-token")), timeout ?? TimeSpan.FromSeconds(30), false, handler),
            ExchangeVersions.Default, culture);

    public static EwsClient Create(Uri endpoint, IEwsAuthenticator authenticator, TimeSpan? timeout = null) =>
        new(new EwsTransport(endpoint, authenticator, timeout ?? TimeSpan.FromSeconds(30), false), ExchangeVersions.Default, null);

    /// <summary>A client of <paramref name="simulator"/>, signed in as its admin with a bearer token.</summary>
    public static EwsClient ForSimulator(ImContacts.Simulator.EwsSimulator simulator) =>
        Create(simulator.Url, new AccessTokenAuthenticator(Secure(ImContacts.Simulator.SimulatorAccounts.Admin.BearerToken!)));

    public static SecureString Secure(string text)
    {
        var secure = new SecureString();
        foreach (var c in text)
        {
            secure.AppendChar(c);
        }

        return secure;
    }
}
