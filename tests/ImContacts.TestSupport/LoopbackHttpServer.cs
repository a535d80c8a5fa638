using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ImContacts.TestSupport;

/// <summary>One HTTP request as the loopback server read it.</summary>
public sealed record LoopbackRequest(string Method, string Target, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 for answers no real EWS server gives: redirects, endless silence, self-signed TLS.
/// The responder returns the whole raw answer, or null to keep the connection open without answering until disposal.
/// </summary>
public sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Func<LoopbackRequest, byte[]?> respond;
    private readonly X509Certificate2? certificate;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<LoopbackRequest> requests = new();
    private readonly Task acceptLoop;
    private int connections;

    public LoopbackHttpServer(Func<LoopbackRequest, byte[]?> respond, X509Certificate2? certificate = null)
    {
        this.respond = respond;
        this.certificate = certificate;
        listener.Start();
        var scheme = certificate is null ? "http" : "https";
        Url = new Uri($"{scheme}://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/EWS/Exchange.asmx");
        acceptLoop = AcceptAsync();
    }

    public Uri Url { get; }

    public IReadOnlyList<LoopbackRequest> Requests => requests.ToArray();

    /// <summary>TCP connections accepted, including those whose request never completed (a refused TLS handshake).</summary>
    public int Connections => Volatile.Read(ref connections);

    /// <summary>A raw answer with Content-Length and Connection: close.</summary>
    public static byte[] Answer(int status, string reason, string contentType, string body, params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
        if (contentType.Length > 0)
        {
            head.Append($"Content-Type: {contentType}\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        head.Append($"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n");
        return Encoding.ASCII.GetBytes(head.ToString()).Concat(bytes).ToArray();
    }

    /// <summary>A self-signed server certificate for 127.0.0.1 and localhost, with its private key.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var handlers = new List<Task>();
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ObjectDisposedException or SocketException or OperationCanceledException)
            {
                break;
            }

            Interlocked.Increment(ref connections);
            handlers.Add(Task.Run(() => ServeAsync(client)));
        }

        await Task.WhenAll(handlers).ConfigureAwait(false);
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                Stream stream = client.GetStream();
                if (certificate is not null)
                {
                    var tls = new SslStream(stream);
                    await tls.AuthenticateAsServerAsync(new SslServerAuthenticationOptions { ServerCertificate = certificate }, stop.Token).ConfigureAwait(false);
                    stream = tls;
                }

                var request = await ReadRequestAsync(stream).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                requests.Enqueue(request);
                var answer = respond(request);
                if (answer is null)
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                    return;
                }

                await stream.WriteAsync(answer, stop.Token).ConfigureAwait(false);
                await stream.FlushAsync(stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or AuthenticationException or OperationCanceledException or ObjectDisposedException or SocketException)
            {
                // The client gave up (a refused certificate, a timeout) or the server is stopping.
            }
        }
    }

    private async Task<LoopbackRequest?> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!EndsWithBlankLine(head))
        {
            if (await stream.ReadAsync(one, stop.Token).ConfigureAwait(false) == 0 || head.Count > 64 * 1024)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))
            .ToList();
        var length = int.TryParse(headers.FirstOrDefault(h => h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Value, out var n) ? n : 0;
        var body = new byte[length];
        var read = 0;
        while (read < length)
        {
            var got = await stream.ReadAsync(body.AsMemory(read), stop.Token).ConfigureAwait(false);
            if (got == 0)
            {
                return null;
            }

            read += got;
        }

        return new LoopbackRequest(requestLine[0], requestLine.Length > 1 ? requestLine[1] : "/", headers, body);
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
