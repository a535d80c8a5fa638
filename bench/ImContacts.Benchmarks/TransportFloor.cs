using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace ImContacts.Benchmarks;

/// <summary>
/// What the simulator and loopback HTTP allow on this machine, without the module: R GetImItemList requests for R
/// different mailboxes sent by C concurrent loops over one HttpClient, each answer read whole. Its ratio to R·L/C is
/// the part of a shape's ratio that the module cannot remove.
/// </summary>
internal static class TransportFloor
{
    private const string Envelope = """
        <?xml version="1.0" encoding="utf-8"?>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types" xmlns:m="http://schemas.microsoft.com/exchange/services/2006/messages">
          <soap:Header>
            <t:RequestServerVersion Version="Exchange2013" />
            <t:ExchangeImpersonation><t:ConnectingSID><t:SmtpAddress>{0}</t:SmtpAddress></t:ConnectingSID></t:ExchangeImpersonation>
          </soap:Header>
          <soap:Body><m:GetImItemList /></soap:Body>
        </soap:Envelope>
        """;

    /// <summary>The floor's run, with this process's CPU time and allocations over it (per request: what a request costs a client at least).</summary>
    public static MeasuredRun Measure(int limit, int latency, int mailboxes)
    {
        // As many mailboxes again for the warm-up (see ShapesHarness).
        using var simulator = SimulatorProcess.Start(2 * mailboxes, 1, latency, 0, concurrencyModel: true);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Math.Max(64, limit) });
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{SimulatorProcess.AdminUser}:{SimulatorProcess.AdminPassword}")));
        Send(http, simulator.Url, limit, mailboxes, Math.Min(1000, mailboxes));
        var before = simulator.Stats();
        var measure = MeasuredRun.Begin();
        var clock = Stopwatch.StartNew();
        Send(http, simulator.Url, limit, 0, mailboxes);
        var wall = clock.Elapsed;
        var requests = simulator.Stats()["requests"] - before["requests"];
        return measure(wall, requests);
    }

    private static void Send(HttpClient http, Uri endpoint, int limit, int first, int count)
    {
        var next = first - 1;
        var loops = Enumerable.Range(0, limit).Select(_ => Task.Run(async () =>
        {
            for (var m = Interlocked.Increment(ref next); m < first + count; m = Interlocked.Increment(ref next))
            {
                using var content = new StringContent(string.Format(Envelope, $"m{m}@contoso.com"), Encoding.UTF8, "text/xml");
                content.Headers.Add("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/GetImItemList\"");
                using var answer = await http.PostAsync(endpoint, content).ConfigureAwait(false);
                var body = await answer.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                if (!answer.IsSuccessStatusCode || body.Length == 0)
                {
                    throw new InvalidOperationException($"GetImItemList for m{m}: HTTP {(int)answer.StatusCode}");
                }
            }
        })).ToArray();
        Task.WaitAll(loops);
    }
}
