using System.Net;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Connection;
using ImContacts.Model;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Connect-ImService's work without PowerShell: refusals before anything is sent, the connection test, and what the user is told.</summary>
public sealed class ConnectionOpenerTests : SimulatorClientTest
{
    private readonly RecordingHost host = new();

    private ImServiceConnection Open(ConnectRequest request, Func<IEwsAuthenticator> credentials) =>
        new ConnectionOpener(host, CancellationToken.None).Open(request, () => null, credentials);

    private static Func<IEwsAuthenticator> Password(string password, List<IEwsAuthenticator>? made = null) => () =>
    {
        var authenticator = new WindowsCredentialAuthenticator(new NetworkCredential(SimulatorAccounts.Admin.UserName, password));
        made?.Add(authenticator);
        return authenticator;
    };

    [Fact]
    public void A_connection_that_works_is_tested_once_and_knows_the_server_build()
    {
        using var connection = Open(new ConnectRequest { Url = Simulator.Url, SignInName = "Credential" }, Password(SimulatorAccounts.Admin.Password));

        Assert.Equal(SignInMethod.Credential, connection.SignInMethod);
        Assert.NotNull(connection.ServerBuild);
        Assert.Equal(new[] { "GetImItems" }, Simulator.Requests.Where(r => r.StatusCode == 200).Select(r => r.Operation));
        Assert.Contains(host.Lines, l => l.StartsWith("verbose: Testing the connection to " + Simulator.Url, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_password_fails_the_test_with_the_fix_and_lets_go_of_the_credential()
    {
        var made = new List<IEwsAuthenticator>();

        var failure = Assert.Throws<ConnectFailure>(() => Open(new ConnectRequest { Url = Simulator.Url }, Password("wrong", made)));

        Assert.Equal(ConnectFailureKind.ConnectionTest, failure.Kind);
        Assert.Null(failure.ErrorId);
        Assert.IsAssignableFrom<EwsException>(failure.InnerException);
        Assert.StartsWith("The connection test failed: ", failure.Details);
        Assert.Contains("Check the user name and password", failure.Details);
        Assert.EndsWith("(-SkipConnectionTest connects without testing.)", failure.Details);
        Assert.Throws<ObjectDisposedException>(() => Assert.Single(made).ConfigureHandler(new HttpClientHandler(), Simulator.Url));
    }

    [Fact]
    public void A_plain_http_url_to_another_host_is_refused_before_any_sign_in()
    {
        var asked = false;

        var failure = Assert.Throws<ConnectFailure>(() => Open(new ConnectRequest { Url = new Uri("http://mail.contoso.com/EWS/Exchange.asmx") }, () =>
        {
            asked = true;
            return new AccessTokenAuthenticator(TestClients.Secure("t"));
        }));

        Assert.Equal(("InvalidUrl", ConnectFailureKind.InvalidArgument), (failure.ErrorId, failure.Kind));
        Assert.Contains("plain http", failure.Message);
        Assert.False(asked);
        Assert.Empty(Simulator.Requests);
    }

    [Fact]
    public void Without_a_url_a_password_sign_in_is_told_how_to_give_one()
    {
        var failure = Assert.Throws<ConnectFailure>(() => Open(new ConnectRequest(), Password(SimulatorAccounts.Admin.Password)));

        Assert.Equal("NoUrl", failure.ErrorId);
        Assert.Contains("-Autodiscover -Mailbox", failure.Message);
    }

    [Fact]
    public void SkipConnectionTest_sends_nothing_and_SkipCertificateCheck_warns()
    {
        using var connection = Open(new ConnectRequest { Url = Simulator.Url, SkipConnectionTest = true, SkipCertificateCheck = true }, Password("not checked"));

        Assert.Empty(Simulator.Requests);
        Assert.Contains(host.Lines, l => l.StartsWith("warning: -SkipCertificateCheck", StringComparison.Ordinal));
    }

    /// <summary>Keeps the lines; runs a wait on the thread pool as the cmdlet's host does.</summary>
    private sealed class RecordingHost : IConnectHost
    {
        public List<string> Lines { get; } = new();

        public bool VerboseShown => true;

        public void Verbose(string text) => Add("verbose: " + text);

        public void Warning(string text) => Add("warning: " + text);

        public void Show(string text) => Add("show: " + text);

        public T Wait<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

        private void Add(string line)
        {
            lock (Lines)
            {
                Lines.Add(line);
            }
        }
    }
}
