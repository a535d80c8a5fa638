using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Discovery;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Autodiscover against a loopback responder that plays every domain's Autodiscover hosts.</summary>
public sealed class AutodiscoverTests : IAsyncLifetime
{
    private AutodiscoverResponder responder = null!;
    private readonly AutodiscoverCache cache = new();
    private readonly List<string> explained = new();

    public async Task InitializeAsync() => responder = await AutodiscoverResponder.StartAsync();

    public async Task DisposeAsync() => await responder.DisposeAsync();

    [Fact]
    public async Task V2_json_answers_first_without_sending_credentials()
    {
        responder.AnswerJson("autodiscover.contoso.com", "https://mail.contoso.com/EWS/Exchange.asmx");
        var url = await Discover("ana@contoso.com");
        Assert.Equal(new Uri("https://mail.contoso.com/EWS/Exchange.asmx"), url);
        var request = Assert.Single(responder.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Matches("^/autodiscover/autodiscover.json/v1.0/ana(@|%40)contoso.com\\?Protocol=EWS$", request.Path);
        Assert.False(request.HasAuthorization);
    }

    [Fact]
    public async Task Pox_is_tried_next_signed_in_and_the_result_is_cached_per_domain()
    {
        responder.AnswerPox("contoso.com", "https://mail.contoso.com/EWS/Exchange.asmx");
        Assert.Equal(new Uri("https://mail.contoso.com/EWS/Exchange.asmx"), await Discover("ana@contoso.com"));
        Assert.Equal(new[] { "GET autodiscover.contoso.com", "POST contoso.com" }, responder.Requests.Select(r => $"{r.Method} {r.Host}"));
        Assert.True(responder.Requests[1].HasAuthorization);

        Assert.Equal(new Uri("https://mail.contoso.com/EWS/Exchange.asmx"), await Discover("ben@CONTOSO.com"));
        Assert.Equal(2, responder.Requests.Count);
        Assert.Contains(explained, e => e.Contains("cached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redirects_within_the_domain_are_followed()
    {
        responder.RedirectPoxToAddress("contoso.com", "ana@eu.contoso.com");
        responder.RedirectPoxToUrl("autodiscover.eu.contoso.com", "https://ad.eu.contoso.com/autodiscover/autodiscover.xml");
        responder.AnswerPox("ad.eu.contoso.com", "https://eu.contoso.com/EWS/Exchange.asmx");
        Assert.Equal(new Uri("https://eu.contoso.com/EWS/Exchange.asmx"), await Discover("ana@contoso.com"));
        Assert.Contains(explained, e => e.Contains("redirects to the address ana@eu.contoso.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redirect_to_another_domain_is_refused_unless_allowed_and_gets_no_credentials()
    {
        responder.RedirectHttp("autodiscover.contoso.com", "https://autodiscover-s.outlook.com/autodiscover/autodiscover.xml");
        responder.AnswerPox("autodiscover-s.outlook.com", "https://outlook.office365.com/EWS/Exchange.asmx");

        var refused = await Assert.ThrowsAsync<AutodiscoverException>(() => Discover("ana@contoso.com"));
        Assert.True(refused.RedirectRefused);
        Assert.Contains("-AllowRedirect", refused.Message);
        Assert.Contains("autodiscover-s.outlook.com", refused.Message);
        Assert.DoesNotContain(responder.Requests, r => r.Host == "autodiscover-s.outlook.com");
        Assert.All(responder.Requests.Where(r => r.HasAuthorization), r => Assert.EndsWith("contoso.com", r.Host));

        var allowed = await Discover("ana@contoso.com", allowRedirect: true);
        Assert.Equal(new Uri("https://outlook.office365.com/EWS/Exchange.asmx"), allowed);
        Assert.Contains(responder.Requests, r => r.Host == "autodiscover-s.outlook.com" && r.Method == "POST" && r.HasAuthorization);
    }

    [Fact]
    public async Task Redirect_to_an_address_in_another_domain_is_refused_too()
    {
        responder.RedirectPoxToAddress("contoso.com", "ana@fabrikam.com");
        responder.AnswerJson("autodiscover.fabrikam.com", "https://mail.fabrikam.com/EWS/Exchange.asmx");
        var refused = await Assert.ThrowsAsync<AutodiscoverException>(() => Discover("ana@contoso.com"));
        Assert.True(refused.RedirectRefused);
        Assert.DoesNotContain(responder.Requests, r => r.Host.EndsWith("fabrikam.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Nothing_found_lists_every_attempt()
    {
        var error = await Assert.ThrowsAsync<AutodiscoverException>(() => Discover("ana@contoso.com"));
        Assert.False(error.RedirectRefused);
        Assert.Equal(4, error.Attempts.Count);
        Assert.Contains("HTTP 404", error.Attempts[0]);
        Assert.Contains("-Url", error.Message);
    }

    [Fact]
    public void Mailbox_without_a_domain_is_an_argument_error_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => AutodiscoverClient.DomainOf("ana"));
        Assert.Equal("Mailbox", error.ParamName);
        Assert.Contains("'ana'", error.Message);
    }

    private async Task<Uri> Discover(string mailbox, bool allowRedirect = false)
    {
        using var http = new AutodiscoverHttp(new AccessTokenAuthenticator(TestClients.Secure("autodiscover-token")), false,
            handler => new LoopbackRouter(responder.Port, handler));
        var client = new AutodiscoverClient(http, allowRedirect, TimeSpan.FromSeconds(10), cache, explained.Add);
        return await client.DiscoverAsync(mailbox, CancellationToken.None);
    }
}
