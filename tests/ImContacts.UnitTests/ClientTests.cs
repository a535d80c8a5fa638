using System.Net;
using System.Net.Sockets;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>How the client sends requests and what it makes of answers that are not what it asked for.</summary>
public sealed class ClientTests
{
    private const string Envelope = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{0}</s:Body></s:Envelope>";

    [Fact]
    public async Task Request_carries_soap_action_content_type_correlation_id_and_anchor_mailbox()
    {
        var handler = new CannedHandler(200, OwnAnswers.AddImContactToGroup);
        using var client = TestClients.Create(handler, culture: "en-US");
        var result = await client.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.For("ana@contoso.com"), CancellationToken.None);

        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("text/xml; charset=utf-8", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal("\"http://schemas.microsoft.com/exchange/services/2006/messages/AddImContactToGroup\"", request.Headers.GetValues("SOAPAction").Single());
        Assert.Equal("ana@contoso.com", request.Headers.GetValues("X-AnchorMailbox").Single());
        Assert.Equal(result.Context.ClientRequestId, request.Headers.GetValues("client-request-id").Single());
        Assert.True(Guid.TryParse(result.Context.ClientRequestId, out _));
        Assert.Equal("Bearer", request.Headers.Authorization!.Scheme);
        Assert.Contains("<t:MailboxCulture>en-US</t:MailboxCulture>", body);
        Assert.Contains("<t:RequestServerVersion Version=\"Exchange2013\" />", body);
    }

    [Fact]
    public async Task Own_mailbox_requests_have_no_impersonation_and_no_anchor()
    {
        var handler = new CannedHandler(200, OwnAnswers.AddImContactToGroup);
        using var client = TestClients.Create(handler);
        await client.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, CancellationToken.None);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.False(request.Headers.Contains("X-AnchorMailbox"));
        Assert.DoesNotContain("ExchangeImpersonation", body);
    }

    public static TheoryData<string, int, string, string> BrokenAnswers() => new()
    {
        { "HTML error page", 200, "text/html", "<html><head><title>Server Error in '/EWS' Application.</title></head><body>Runtime Error</body></html>" },
        { "truncated XML", 200, "text/xml", string.Format(Envelope, "<AddImContactToGroupResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><ResponseCode>NoEr") },
        { "DTD with an entity", 200, "text/xml", "<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x \"boom\">]><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>&x;</s:Body></s:Envelope>" },
        { "XML that is not SOAP", 200, "text/xml", "<root><child/></root>" },
        { "SOAP 1.2 envelope", 200, "application/soap+xml", "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body/></s:Envelope>" },
        { "another operation's response", 200, "text/xml", string.Format(Envelope, "<GetImItemsResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/>") },
        { "empty body", 200, "text/xml", "" },
        { "HTML 500 page", 500, "text/html", "<html><body>Server Error</body></html>" },
        { "a response without ResponseClass", 200, "text/xml", string.Format(Envelope, "<AddImContactToGroupResponse xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"/>") },
        { "a malformed ItemId", 200, "text/xml", string.Format(Envelope, "<AddImContactToGroupResponse ResponseClass=\"Success\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\"><ImGroup><ExchangeStoreId xmlns=\"http://schemas.microsoft.com/exchange/services/2006/types\"/></ImGroup></AddImContactToGroupResponse>") },
    };

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task Answer_that_is_not_an_EWS_response_is_a_readable_protocol_error(string what, int status, string contentType, string body)
    {
        using var client = TestClients.Create(new CannedHandler(status, body, contentType));
        var error = await Assert.ThrowsAsync<EwsProtocolException>(() => client.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(status, error.HttpStatusCode);
        Assert.Equal("InvalidResponse", error.ErrorId);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.DoesNotContain("boom", error.Message.Replace("ENTITY x \"boom\"", string.Empty));
        Assert.True(body.Length == 0 ? error.Message.Contains("empty") : error.Message.Contains(error.BodyStart), what);
    }

    [Fact]
    public async Task Unknown_elements_from_newer_servers_are_ignored()
    {
        var body = OwnAnswers.GetImItems
            .Replace("<ResponseCode>NoError</ResponseCode>", "<FutureThing>x</FutureThing><ResponseCode>NoError</ResponseCode><Other><Deep/></Other>")
            .Replace("<PersonaType>Person</PersonaType>", "<PersonaType>Person</PersonaType><NewElement><Nested>1</Nested></NewElement>")
            .Replace("<GroupType>", "<Unknown xmlns=\"urn:other\">z</Unknown><GroupType>");
        using var client = TestClients.Create(new CannedHandler(200, body));
        var list = (await client.InvokeAsync(new SampleOperation("GetImItems"), Mailboxes.Own, CancellationToken.None)).Value.ImItemList!;
        Assert.Equal("Project X", Assert.Single(list.Groups).DisplayName);
        Assert.Equal("IPM.DistList.MOC.UserGroup", list.Groups[0].GroupType);
        Assert.Equal("Kim Akers", Assert.Single(list.Personas).DisplayName);
        Assert.Equal("sip:kim@contoso.com", list.Personas[0].ImAddress);
    }

    [Fact]
    public async Task Internal_error_with_inner_server_busy_is_throttling()
    {
        var body = string.Format(Envelope,
            "<AddImContactToGroupResponse ResponseClass=\"Error\" xmlns=\"http://schemas.microsoft.com/exchange/services/2006/messages\">"
            + "<MessageText>busy</MessageText><ResponseCode>ErrorInternalServerError</ResponseCode><DescriptiveLinkKey>0</DescriptiveLinkKey>"
            + "<MessageXml><t:Value Name=\"InnerErrorResponseCode\" xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">ErrorServerBusy</t:Value>"
            + "<t:Value Name=\"BackOffMilliseconds\" xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\">1500</t:Value></MessageXml>"
            + "</AddImContactToGroupResponse>");
        using var client = TestClients.Create(new CannedHandler(200, body));
        var busy = await Assert.ThrowsAsync<EwsServerBusyException>(() => client.InvokeAsync(new SampleOperation("AddImContactToGroup"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(TimeSpan.FromMilliseconds(1500), busy.BackOff);
        Assert.False(busy.IsSoapFault);
    }

    [Fact]
    public async Task Unauthorized_names_the_offered_schemes_and_not_the_credentials()
    {
        var handler = new CannedHandler(401, string.Empty, "text/html", r =>
        {
            r.Headers.WwwAuthenticate.ParseAdd("Negotiate");
            r.Headers.WwwAuthenticate.ParseAdd("NTLM");
            r.Headers.WwwAuthenticate.ParseAdd("Basic realm=\"mail.contoso.com\"");
        });
        using var client = TestClients.Create(handler);
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal("Http401", error.ErrorId);
        Assert.Equal(new[] { "Negotiate", "NTLM", "Basic" }, error.AuthenticationSchemes);
        Assert.Contains("Negotiate, NTLM, Basic", error.Message);
        Assert.DoesNotContain("test-token", error.ToString());
    }

    [Fact]
    public async Task Service_unavailable_keeps_retry_after_and_is_transient()
    {
        var handler = new CannedHandler(503, "Service Unavailable", "text/plain", r => r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(30)));
        using var client = TestClients.Create(handler);
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(503, error.HttpStatusCode);
        Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.Contains("retry after 30 seconds", error.Message);
    }

    [Fact]
    public async Task Server_that_accepts_and_never_answers_times_out()
    {
        using var listener = SilentServer(out var endpoint);
        var accepted = listener.AcceptTcpClientAsync();
        using var client = TestClients.Create(endpoint, new ImContacts.Auth.OAuth.AccessTokenAuthenticator(TestClients.Secure("t")), TimeSpan.FromMilliseconds(500));
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal(EwsTransportFailure.Timeout, error.Failure);
        Assert.Contains("0.5 seconds", error.Message);
        (await accepted).Dispose();
    }

    [Fact]
    public async Task Refused_connection_fails_as_ConnectionRefused_naming_host_and_port_and_is_not_retried()
    {
        var listener = SilentServer(out var endpoint);
        listener.Stop();
        using var client = TestClients.Create(endpoint, new ImContacts.Auth.OAuth.AccessTokenAuthenticator(TestClients.Secure("t")));
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
        Assert.Equal("ConnectionRefused", error.ErrorId);
        Assert.False(error.IsTransient);
        Assert.Contains($"nothing answers at {endpoint.Host}:{endpoint.Port} (connection refused)", error.Message);
        Assert.Equal(ImContacts.Bulk.FailureKind.Permanent, ImContacts.Bulk.RetryPolicy.Classify(error));
    }

    [Fact]
    public async Task Cancellation_by_the_caller_is_not_reported_as_a_timeout()
    {
        using var listener = SilentServer(out var endpoint);
        using var client = TestClients.Create(endpoint, new ImContacts.Auth.OAuth.AccessTokenAuthenticator(TestClients.Secure("t")));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, cancel.Token));
    }

    /// <summary>A loopback port that accepts connections and never answers.</summary>
    private static TcpListener SilentServer(out Uri endpoint)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/EWS/Exchange.asmx");
        return listener;
    }
}
