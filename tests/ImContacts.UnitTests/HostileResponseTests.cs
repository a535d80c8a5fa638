using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Answers from misconfigured servers, proxies and attackers, over a real HttpClient where the handler matters.</summary>
public sealed class HostileResponseTests
{
    // A transport owns its authenticator and disposes it: each client gets its own.
    private static AccessTokenAuthenticator Token => new(TestClients.Secure("t"));

    [Fact]
    public async Task Valid_envelope_with_a_content_type_that_is_not_xml_is_refused()
    {
        using var client = TestClients.Create(new CannedHandler(200, OwnAnswers.GetImItemList, "text/html; charset=utf-8"));
        var error = await Assert.ThrowsAsync<EwsProtocolException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
        Assert.Contains("HTTP 200, text/html", error.Message);
        Assert.Contains("content type is not XML", error.Message);
        Assert.Contains("It begins: \"<s:Envelope", error.Message);
    }

    [Theory]
    [InlineData("text/xml; charset=utf-8")]
    [InlineData("application/xml")]
    [InlineData("application/soap+xml; charset=utf-8")]
    public void Xml_content_types_are_accepted(string contentType) => Assert.True(EwsClient.IsXml(contentType));

    [Fact]
    public async Task Redirect_is_reported_with_its_target_and_not_followed()
    {
        await using var server = new LoopbackHttpServer(request => request.Target.StartsWith("/EWS/", StringComparison.Ordinal)
            ? LoopbackHttpServer.Answer(302, "Found", "text/html", "<html><body>Object moved</body></html>", "Location: /owa/auth/errorFE.aspx?httpCode=500&state=opaque")
            : LoopbackHttpServer.Answer(200, "OK", "text/html", "<html>error page</html>"));
        using var client = TestClients.Create(server.Url, Token);
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));

        Assert.Equal("Http302", error.ErrorId);
        Assert.Contains($"HTTP 302 Found, redirecting to http://127.0.0.1:{server.Url.Port}/owa/auth/errorFE.aspx,", error.Message);
        Assert.Contains("not followed", error.Message);
        Assert.Contains("Object moved", error.Message);
        Assert.DoesNotContain("state=opaque", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task An_answer_shorter_than_its_Content_Length_is_a_cut_connection_not_a_short_envelope()
    {
        // The body is read straight into an array of the declared size: what is missing must not be left as zeros.
        const string Start = "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>";
        await using var server = new LoopbackHttpServer(_ => Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: 5000\r\nConnection: close\r\n\r\n{Start}"));
        using var client = TestClients.Create(server.Url, Token);
        var error = await Assert.ThrowsAsync<EwsTransportException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));

        Assert.Equal(EwsTransportFailure.ConnectionFailed, error.Failure);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Oversized_answer_is_cut_off_with_a_clear_error(bool declaresLength)
    {
        var handler = new StreamingHandler(8 * 1024 * 1024, declaresLength);
        using var transport = new EwsTransport(TestClients.Endpoint, Token, TimeSpan.FromSeconds(30), false, handler) { MaxResponseBytes = 1024 * 1024 };
        using var client = new EwsClient(transport, ExchangeVersions.Default, null);
        var error = await Assert.ThrowsAsync<EwsProtocolException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));

        Assert.Contains("larger than the 1 MB this module accepts", error.Message);
        Assert.Contains("HTTP 200", error.Message);
        Assert.StartsWith("<s:Envelope", error.BodyStart);
        Assert.True(handler.BytesServed <= 1024 * 1024 + 81920 * 2, $"{handler.BytesServed} bytes were read");
        Assert.Equal(64 * 1024 * 1024, EwsTransport.DefaultMaxResponseBytes);
    }

    [Theory]
    [InlineData("<!DOCTYPE s:Envelope SYSTEM \"{0}dtd\" [<!ENTITY x SYSTEM \"{0}x\">]>", "&x;")]
    [InlineData("<!DOCTYPE s:Envelope [<!ENTITY y \"expanded\">]>", "&y;")]
    public async Task Dtds_are_refused_and_no_entity_is_fetched_or_expanded(string doctype, string reference)
    {
        await using var evil = new LoopbackHttpServer(_ => LoopbackHttpServer.Answer(200, "OK", "text/plain", "stolen"));
        var body = "<?xml version=\"1.0\"?>" + string.Format(doctype, evil.Url)
            + $"<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body>{reference}</s:Body></s:Envelope>";
        using var client = TestClients.Create(new CannedHandler(200, body));
        var error = await Assert.ThrowsAsync<EwsProtocolException>(() => client.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));

        Assert.Contains("declares a DTD", error.Message);
        Assert.Equal(0, evil.Connections);
    }

    [Fact]
    public async Task Self_signed_certificate_is_refused_unless_the_check_is_skipped()
    {
        using var certificate = LoopbackHttpServer.SelfSignedCertificate();
        var answer = LoopbackHttpServer.Answer(200, "OK", "text/xml; charset=utf-8", OwnAnswers.GetImItemList);
        await using var server = new LoopbackHttpServer(_ => answer, certificate);

        using (var validating = TestClients.Create(server.Url, Token))
        {
            var error = await Assert.ThrowsAsync<EwsTransportException>(() => validating.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None));
            Assert.Equal("CertificateRejected", error.ErrorId);
            Assert.False(error.IsTransient);

            // The certificate by name, what is wrong with it, and the ways out.
            Assert.True(error.Message.Contains("is not trusted (CN=localhost: its issuer is not trusted here"), error.Message);
            Assert.Contains("-SkipCertificateCheck", error.Message);
            Assert.Empty(server.Requests);
        }

        using var skipping = new EwsClient(new EwsTransport(server.Url, Token, TimeSpan.FromSeconds(30), skipCertificateCheck: true), ExchangeVersions.Default, null);
        var result = await skipping.InvokeAsync(new SampleOperation("GetImItemList"), Mailboxes.Own, CancellationToken.None);
        Assert.Equal("NoError", result.Value.ResponseCode);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("http://mail.contoso.com/EWS/Exchange.asmx", false)]
    [InlineData("https://mail.contoso.com/EWS/Exchange.asmx", true)]
    [InlineData("http://127.0.0.1:8080/EWS/Exchange.asmx", true)]
    public void Basic_credentials_are_only_configured_where_they_cannot_be_read_on_the_wire(string url, bool basic)
    {
        using var handler = new HttpClientHandler();
        var endpoint = new Uri(url);
        new WindowsCredentialAuthenticator(new NetworkCredential("ana@contoso.com", "pw")).ConfigureHandler(handler, endpoint);
        Assert.Equal(basic, handler.Credentials!.GetCredential(endpoint, "Basic") is not null);
        Assert.NotNull(handler.Credentials!.GetCredential(endpoint, "NTLM"));
    }

    /// <summary>Serves an endless-looking body in chunks, counting what the client actually read.</summary>
    private sealed class StreamingHandler : HttpMessageHandler
    {
        private readonly long length;
        private readonly bool declaresLength;
        private long served;

        public StreamingHandler(long length, bool declaresLength)
        {
            this.length = length;
            this.declaresLength = declaresLength;
        }

        public long BytesServed => Interlocked.Read(ref served);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new CountingStream(this));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/xml; charset=utf-8");
            if (declaresLength)
            {
                content.Headers.ContentLength = length;
            }

            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }

        private sealed class CountingStream(StreamingHandler owner) : Stream
        {
            private static readonly byte[] Start = Encoding.UTF8.GetBytes("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><x a=\"");

            public override int Read(byte[] buffer, int offset, int count)
            {
                var position = Interlocked.Read(ref owner.served);
                var n = (int)Math.Min(count, owner.length - position);
                for (var i = 0; i < n; i++)
                {
                    buffer[offset + i] = position + i < Start.Length ? Start[position + i] : (byte)'A';
                }

                Interlocked.Add(ref owner.served, n);
                return n;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
