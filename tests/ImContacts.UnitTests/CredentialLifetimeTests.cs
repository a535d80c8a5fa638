using System.Net;
using System.Security;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Connection;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>A connection holds the password or token only while it is open.</summary>
public sealed class CredentialLifetimeTests
{
    private static readonly Uri Endpoint = new("https://mail.contoso.com/EWS/Exchange.asmx");

    [Fact]
    public void Closing_the_connection_clears_its_copies_of_the_password_and_not_the_callers()
    {
        var credential = new NetworkCredential("admin@contoso.com", "Sim-Pass-1");
        var authenticator = new WindowsCredentialAuthenticator(credential);
        using var own = new HttpClientHandler();
        authenticator.ConfigureHandler(own, Endpoint);
        var cache = (CredentialCache)own.Credentials!;
        var kerberos = cache.GetCredential(Endpoint, "Negotiate")!;
        var ntlm = cache.GetCredential(Endpoint, "NTLM")!;
        Assert.Equal("admin@CONTOSO.COM", kerberos.UserName);
        Assert.Equal("Sim-Pass-1", kerberos.Password);
        Assert.NotSame(credential, ntlm);
        Assert.Equal("Sim-Pass-1", ntlm.Password);

        var connection = ImServiceConnection.Create(new ImServiceConnectionSettings(Endpoint), authenticator);
        connection.Dispose();

        Assert.Equal(string.Empty, kerberos.Password);
        Assert.Equal(string.Empty, ntlm.Password);
        // PSCredential hands out one cached NetworkCredential: clearing it would break the caller's $credential.
        Assert.Equal("Sim-Pass-1", credential.Password);
        Assert.Equal("admin@contoso.com", connection.Account);
        using var another = new HttpClientHandler();
        Assert.Throws<ObjectDisposedException>(() => authenticator.ConfigureHandler(another, Endpoint));
    }

    [Fact]
    public void Closing_the_connection_wipes_its_copy_of_a_token_but_not_the_callers()
    {
        var token = new SecureString();
        foreach (var c in "eyJ0eXAiOiJKV1QifQ.e30.sig")
        {
            token.AppendChar(c);
        }

        var connection = ImServiceConnection.Create(new ImServiceConnectionSettings(Endpoint), new AccessTokenAuthenticator(token));
        connection.Dispose();

        Assert.Equal(26, token.Length);
        Assert.Equal("eyJ0eXAiOiJKV1QifQ.e30.sig", new NetworkCredential(string.Empty, token).Password);
    }
}
