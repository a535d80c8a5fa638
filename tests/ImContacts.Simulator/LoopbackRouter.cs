namespace ImContacts.Simulator;

/// <summary>
/// Sends every request to a loopback port, keeping the intended host in the Host header: lets real clients (MSAL,
/// Autodiscover) talk to login.microsoftonline.com or 169.254.169.254 while only 127.0.0.1 is ever reached.
/// </summary>
public sealed class LoopbackRouter : DelegatingHandler
{
    private readonly int port;

    public LoopbackRouter(int port, HttpMessageHandler? inner = null)
    {
        this.port = port;
        InnerHandler = inner ?? new HttpClientHandler { AllowAutoRedirect = false };
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var intended = request.RequestUri!;
        request.Headers.Host = intended.Host;
        request.RequestUri = new UriBuilder(intended) { Scheme = Uri.UriSchemeHttp, Host = "127.0.0.1", Port = port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
