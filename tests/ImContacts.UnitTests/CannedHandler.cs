using System.Net;
using System.Net.Http.Headers;

namespace ImContacts.UnitTests;

/// <summary>Answers every request with one canned HTTP response and keeps the requests it saw.</summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private readonly Func<HttpResponseMessage> respond;

    public CannedHandler(int status, string body, string contentType = "text/xml; charset=utf-8", Action<HttpResponseMessage>? decorate = null)
    {
        respond = () =>
        {
            var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body) };
            response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            decorate?.Invoke(response);
            return response;
        };
    }

    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
        return respond();
    }
}
