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
public sealed class SimulatorLatencyTests : IAsyncLifetime
{
    private const string Mailbox = "ana@contoso.com";
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(40);
    private EwsSimulator simulator = null!;
    private EwsClient client = null!;

    public async Task InitializeAsync()
    {
        simulator = await EwsSimulator.StartAsync(new SimulatorOptions { ValidateRequests = false });
        simulator.Faults.Latency = Latency;
        client = TestClients.ForSimulator(simulator);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await simulator.DisposeAsync();
    }

    [Fact]
    public async Task Concurrent_requests_each_take_at_least_the_latency()
    {
        var times = await Task.WhenAll(Enumerable.Range(0, 30).Select(async _ =>
        {
            var start = Stopwatch.GetTimestamp();
            await client.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), Mailbox, CancellationToken.None);
            return Stopwatch.GetElapsedTime(start);
        }));

        Assert.All(times, time => Assert.True(time >= Latency, $"A request took {time.TotalMilliseconds:0.00} ms, less than the latency."));
        Assert.Equal(30, simulator.Requests.Count(r => r.Operation == "GetImItemList"));
    }

    [Fact]
    public async Task A_request_the_client_gives_up_during_its_latency_leaves_the_server()
    {
        simulator.Faults.Latency = TimeSpan.FromMinutes(10);
        using var giveUp = new CancellationTokenSource();
        var call = client.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), Mailbox, giveUp.Token);
        for (var i = 0; i < 300 && simulator.InFlight == 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(1, simulator.InFlight);
        giveUp.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        for (var i = 0; i < 300 && simulator.InFlight > 0; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(0, simulator.InFlight);
    }
}
