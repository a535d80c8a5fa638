using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ImContacts.TestSupport;

/// <summary>
/// An HTTP proxy on 127.0.0.1 that takes named hosts (mail.contoso.test, autodiscover.contoso.test) to loopback
/// servers, so the module's own HttpClientHandler talks to them by name: the Host header, the Kerberos SPN
/// (HTTP/name) and the http-or-loopback rules all see the name, not 127.0.0.1. http requests (absolute-form) go to
/// one server, https tunnels (CONNECT) to another; a scheme without a server is not proxied. While <see cref="Use"/> is
/// in force, HttpClient.DefaultProxy sends only those hosts here; every other address is bypassed, so tests running
/// alongside are not touched. (Through a proxy, .NET does Negotiate and NTLM to the server only inside a CONNECT tunnel.)
/// </summary>
public sealed class LoopbackProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<string> requests = new();
    private readonly HashSet<string> hosts;
    private readonly int? httpPort;
    private readonly int? httpsPort;
    private readonly Task acceptLoop;

    public LoopbackProxy(IEnumerable<string> hosts, int? httpPort, int? httpsPort)
    {
        this.hosts = new HashSet<string>(hosts, StringComparer.OrdinalIgnoreCase);
        this.httpPort = httpPort;
        this.httpsPort = httpsPort;
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        acceptLoop = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Each connection's first request line: "CONNECT host:443", or "POST http://host/path" (later requests on it are relayed unread).</summary>
    public IReadOnlyList<string> Requests => requests.ToArray();

    /// <summary>Makes this the default proxy for the named hosts until the result is disposed.</summary>
    public IDisposable Use()
    {
        var previous = System.Net.Http.HttpClient.DefaultProxy;
        System.Net.Http.HttpClient.DefaultProxy = new NamedHostsProxy(Address, uri => hosts.Contains(uri.Host) && (uri.Scheme == Uri.UriSchemeHttps ? httpsPort : httpPort) is not null);
        return new Restore(() => System.Net.Http.HttpClient.DefaultProxy = previous);
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stop.Token).ConfigureAwait(false);
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            var inbound = client.GetStream();
            var head = await ReadHeadAsync(inbound).ConfigureAwait(false);
            if (head is null)
            {
                return;
            }

            var line = Encoding.ASCII.GetString(head, 0, Array.IndexOf(head, (byte)'\r'));
            var parts = line.Split(' ');
            requests.Enqueue(parts[0] + " " + parts[1]);
            var tunnel = parts[0] == "CONNECT";
            var port = tunnel ? httpsPort : httpPort;
            if (port is null)
            {
                await inbound.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"), stop.Token).ConfigureAwait(false);
                return;
            }

            await server.ConnectAsync(IPAddress.Loopback, port.Value, stop.Token).ConfigureAwait(false);
            var outbound = server.GetStream();
            if (tunnel)
            {
                await inbound.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 200 Connection established\r\n\r\n"), stop.Token).ConfigureAwait(false);
            }
            else
            {
                // The absolute-form request goes on as it came; Kestrel takes it, with its Host header.
                await outbound.WriteAsync(head, stop.Token).ConfigureAwait(false);
            }

            var up = inbound.CopyToAsync(outbound, stop.Token);
            var down = outbound.CopyToAsync(inbound, stop.Token);
            await Task.WhenAny(up, down).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    /// <summary>The request's head, up to and with the blank line; null when the client closed first. At most 64 KB.</summary>
    private async Task<byte[]?> ReadHeadAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 65536)
        {
            if (await stream.ReadAsync(one, stop.Token).ConfigureAwait(false) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            var n = head.Count;
            if (n >= 4 && head[n - 4] == '\r' && head[n - 3] == '\n' && head[n - 2] == '\r' && head[n - 1] == '\n')
            {
                return head.ToArray();
            }
        }

        return null;
    }

    private sealed class NamedHostsProxy(Uri address, Func<Uri, bool> proxied) : IWebProxy
    {
        public ICredentials? Credentials { get; set; }

        public Uri GetProxy(Uri destination) => address;

        public bool IsBypassed(Uri host) => !proxied(host);
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
