using System.Net;
using ImContacts.Auth;
using ImContacts.Auth.Loading;
using ImContacts.Auth.OAuth;
using ImContacts.Ews;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The OAuth plumbing on this side of MSAL: per-request tokens, one renewal after a 401, scopes, isolation.</summary>
public sealed class OAuthTests
{
    [Fact]
    public async Task A_401_renews_the_token_once_and_resends_with_the_new_one()
    {
        var tokens = new CountingTokenSource();
        var handler = new SequenceHandler(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var transport = new EwsTransport(TestClients.Endpoint, new OAuthAuthenticator(tokens, SignInMethod.ClientSecret, true), TimeSpan.FromSeconds(10), false, handler);

        var response = await transport.PostAsync(new EwsCallContext("GetImItemList", Mailboxes.For("ana@contoso.com"), "id"), new byte[] { 1 }, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new[] { "Bearer token-1", "Bearer token-2" }, handler.Authorizations);
        Assert.Equal(new[] { false, true, false }, tokens.Calls);
        Assert.All(handler.Anchors, a => Assert.Equal("ana@contoso.com", a));
    }

    [Fact]
    public async Task A_second_401_is_returned_rather_than_retried_again()
    {
        var tokens = new CountingTokenSource();
        var handler = new SequenceHandler(HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var transport = new EwsTransport(TestClients.Endpoint, new OAuthAuthenticator(tokens, SignInMethod.ClientSecret, true), TimeSpan.FromSeconds(10), false, handler);

        var response = await transport.PostAsync(new EwsCallContext("GetImItemList", Mailboxes.Own, "id"), new byte[] { 1 }, CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
        Assert.Equal(2, handler.Authorizations.Count);
    }

    [Fact]
    public async Task Credentials_that_cannot_be_renewed_are_not_resent()
    {
        var handler = new SequenceHandler(HttpStatusCode.Unauthorized, HttpStatusCode.OK);
        using var transport = new EwsTransport(TestClients.Endpoint, new AccessTokenAuthenticator(TestClients.Secure("fixed")), TimeSpan.FromSeconds(10), false, handler);

        var response = await transport.PostAsync(new EwsCallContext("GetImItemList", Mailboxes.Own, "id"), new byte[] { 1 }, CancellationToken.None);

        Assert.Equal(401, response.StatusCode);
        Assert.Single(handler.Authorizations);
    }

    [Fact]
    public async Task A_failed_renewal_becomes_a_SignInFailed_transport_error()
    {
        var tokens = new CountingTokenSource { Failure = new SignInException("Token renewal: the sign-in can no longer be renewed without you (invalid_grant).", "invalid_grant") };
        using var transport = new EwsTransport(TestClients.Endpoint, new OAuthAuthenticator(tokens, SignInMethod.DeviceCode, false), TimeSpan.FromSeconds(10), false, new SequenceHandler(HttpStatusCode.OK));

        var error = await Assert.ThrowsAsync<EwsTransportException>(() =>
            transport.PostAsync(new EwsCallContext("GetImItemList", Mailboxes.Own, "id"), new byte[] { 1 }, CancellationToken.None));

        Assert.Equal("SignInFailed", error.ErrorId);
        Assert.False(error.IsTransient);
        Assert.Contains("can no longer be renewed without you (invalid_grant)", error.Message);
        Assert.IsType<SignInException>(error.InnerException);
    }

    [Theory]
    [InlineData(null, "https://outlook.office365.com")]
    [InlineData("https://outlook.office365.com/EWS/Exchange.asmx", "https://outlook.office365.com")]
    [InlineData("https://outlook.office365.us/EWS/Exchange.asmx", "https://outlook.office365.us")]
    [InlineData("https://mail.contoso.com/EWS/Exchange.asmx", "https://mail.contoso.com")]
    [InlineData("http://127.0.0.1:5000/EWS/Exchange.asmx", "https://outlook.office365.com")]
    public void The_token_resource_is_the_endpoints_host_or_exchange_online(string? url, string resource)
    {
        Assert.Equal(new Uri(resource), OAuthResource.For(url is null ? null : new Uri(url)));
    }

    [Theory]
    [InlineData(nameof(OAuthFlow.Interactive), "https://outlook.office365.com/EWS.AccessAsUser.All", false)]
    [InlineData(nameof(OAuthFlow.DeviceCode), "https://outlook.office365.com/EWS.AccessAsUser.All", false)]
    [InlineData(nameof(OAuthFlow.ClientSecret), "https://outlook.office365.com/.default", true)]
    [InlineData(nameof(OAuthFlow.Certificate), "https://outlook.office365.com/.default", true)]
    [InlineData(nameof(OAuthFlow.ManagedIdentity), "https://outlook.office365.com/.default", true)]
    public void Delegated_flows_ask_for_ews_access_as_the_user_and_app_only_for_default(string flow, string scope, bool appOnly)
    {
        var signIn = new OAuthSignIn(Enum.Parse<OAuthFlow>(flow), OAuthResource.ExchangeOnline);
        Assert.Equal(scope, signIn.Scope);
        Assert.Equal(appOnly, signIn.IsAppOnly);
    }

    [Fact]
    public void The_module_assembly_never_references_msal_or_the_identity_assembly()
    {
        // Anything PowerShell loads with the module would bypass the private load context.
        var references = typeof(OAuthSignIn).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.Identity", StringComparison.Ordinal) || r == "ImContacts.Identity");
        Assert.Contains("ImContacts.Identity", IdentityAssemblyLoader.Isolated);
        Assert.Contains("Microsoft.Identity.Client", IdentityAssemblyLoader.Isolated);
    }

    private sealed class CountingTokenSource : IAccessTokenSource
    {
        private int issued;

        public List<bool> Calls { get; } = new();

        public SignInException? Failure { get; init; }

        public string? Account => "app";

        public Task SignInAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<string> GetTokenAsync(bool forceRefresh, CancellationToken cancellationToken)
        {
            Calls.Add(forceRefresh);
            if (Failure is not null)
            {
                throw Failure;
            }

            if (forceRefresh || issued == 0)
            {
                issued++;
            }

            return Task.FromResult("token-" + issued);
        }
    }

    private sealed class SequenceHandler : HttpMessageHandler
    {
        private readonly Queue<HttpStatusCode> statuses;

        public SequenceHandler(params HttpStatusCode[] statuses)
        {
            this.statuses = new Queue<HttpStatusCode>(statuses);
        }

        public List<string> Authorizations { get; } = new();

        public List<string?> Anchors { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Authorizations.Add(request.Headers.Authorization!.ToString());
            Anchors.Add(request.Headers.TryGetValues("X-AnchorMailbox", out var anchor) ? anchor.Single() : null);
            return Task.FromResult(new HttpResponseMessage(statuses.Dequeue()) { Content = new StringContent("<x/>") });
        }
    }
}
