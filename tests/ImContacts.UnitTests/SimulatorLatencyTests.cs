using System.Diagnostics;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>
/// The simulator's injected latency is the server's time per request from arrival: never shorter, whatever the
/// machine's load, and given up when the client gives up. The benchmarks' ratios rest on it.
/// </summary>
public sealed class SimulatorLatencyTests : SimulatorClientTest
{
    private const string Mailbox = "ana@contoso.com";
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task Concurrent_requests_each_take_at_least_the_latency()
    {
        Simulator.Faults.Latency = Latency;
        var times = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            var start = Stopwatch.GetTimestamp();
            await Client.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), Mailboxes.Of(Mailbox), CancellationToken.None);
            return Stopwatch.GetElapsedTime(start);
        }));

        Assert.All(times, time => Assert.True(time >= Latency, $"A request took {time.TotalMilliseconds:0.00} ms, less than the latency."));
        Assert.Equal(30, Simulator.Requests.Count(r => r.Operation == "GetImItemList"));
    }

    [Fact]
    public async Task A_request_the_client_gives_up_during_its_latency_leaves_the_server()
    {
        Simulator.Faults.Latency = TimeSpan.FromMinutes(10);
        using var giveUp = new CancellationTokenSource();
        var call = Client.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), Mailboxes.Of(Mailbox), giveUp.Token);
        for (var i = 0; i < 300 && Simulator.InFlight == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, Simulator.InFlight);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        for (var i = 0; i < 300 && Simulator.InFlight > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, Simulator.InFlight);
    }
}
