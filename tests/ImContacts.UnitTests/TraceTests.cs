using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ImContacts.Ews;
using ImContacts.Model;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>What -Debug and -TraceFile show of an exchange: everything support needs, no credential.</summary>
public sealed class TraceTests
{
    private static readonly EwsCallContext Context = new("GetImItemList", Mailboxes.For("ana@contoso.com"), "5d7f0c1e-0000-4000-8000-000000000001");

    [Fact]
    public void Headers_that_carry_credentials_cookies_or_tokens_are_redacted_keeping_the_scheme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://mail.contoso.com/EWS/Exchange.asmx") { Content = new ByteArrayContent(Array.Empty<byte>()) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJ0eXAiOiJKV1Qi.secret-token");
        request.Headers.TryAddWithoutValidation("Cookie", "X-BackEndCookie=secret-cookie");
        request.Headers.TryAddWithoutValidation("X-Custom-Token", "secret-header");
        request.Headers.TryAddWithoutValidation("client-request-id", Context.ClientRequestId);
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized) { Content = new ByteArrayContent(Array.Empty<byte>()) };
        response.Headers.TryAddWithoutValidation("Set-Cookie", "exchangecookie=secret-set-cookie; path=/");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Negotiate secret-challenge-blob");
        response.Headers.TryAddWithoutValidation("request-id", "server-request-id-1");

        var text = EwsTraceWriter.Render(Context, request, Array.Empty<byte>(), response, Array.Empty<byte>(), TimeSpan.FromMilliseconds(12), null);

        Assert.DoesNotContain("secret", text);
        Assert.Contains("> Authorization: Bearer [redacted]", text);
        Assert.Contains("> Cookie: [redacted]", text);
        Assert.Contains("< Set-Cookie: [redacted]", text);
        Assert.Contains("< WWW-Authenticate: Negotiate [redacted]", text);
        Assert.Contains("< request-id: server-request-id-1", text);
        Assert.Contains("client-request-id: " + Context.ClientRequestId, text);
        Assert.Contains("GetImItemList for ana@contoso.com", text);
        Assert.Contains("< HTTP 401 Unauthorized in 12 ms", text);
    }

    [Fact]
    public void Xml_bodies_are_indented_with_secret_elements_and_attributes_redacted()
    {
        var body = Encoding.UTF8.GetBytes("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body><Creds Password=\"secret-attr\"><t:Password xmlns:t=\"urn:t\">secret-text</t:Password>"
            + "<AccessToken><Value>secret-nested</Value></AccessToken><DisplayName>R&amp;D &lt;EMEA&gt;</DisplayName></Creds></s:Body></s:Envelope>");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://mail.contoso.com/EWS/Exchange.asmx");

        var text = EwsTraceWriter.Render(Context, request, body, null, null, TimeSpan.FromSeconds(100), "no answer within 100 seconds");

        Assert.DoesNotContain("secret", text);
        Assert.Contains("Password=\"[redacted]\"", text);
        Assert.Contains("<t:Password xmlns:t=\"urn:t\">[redacted]</t:Password>", text);
        Assert.Contains("<DisplayName>R&amp;D &lt;EMEA&gt;</DisplayName>", text);
        Assert.Contains("\n      <DisplayName>", text.Replace("\r\n", "\n"));
        Assert.Contains("< no response after 100000 ms: no answer within 100 seconds", text);
    }

    [Fact]
    public void Bodies_that_are_not_xml_are_shown_as_received_without_credentials_and_never_expand_entities()
    {
        var html = Encoding.UTF8.GetBytes("<html><body>Authorization: Bearer secret-token-in-page <input name=\"password=secret-field\"> Sign in</body></html>");
        var dtd = Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY e \"secret-entity\">]><x>&e;</x>");
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://mail.contoso.com/EWS/Exchange.asmx");
        using var response = new HttpResponseMessage(HttpStatusCode.OK);

        var page = EwsTraceWriter.Render(Context, request, Array.Empty<byte>(), response, html, TimeSpan.Zero, null);
        Assert.Contains("(not well-formed XML; as received)", page);
        Assert.Contains("Sign in", page);
        Assert.DoesNotContain("secret-token", page);

        var entity = EwsTraceWriter.Render(Context, request, Array.Empty<byte>(), response, dtd, TimeSpan.Zero, null);
        Assert.Contains("(not well-formed XML; as received)", entity);
        Assert.DoesNotContain("<x>secret-entity</x>", entity);
    }
}
