using ImContacts.Ews;
using ImContacts.Simulator;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>A simulator of its own for each test (no schema validation), and an EwsClient signed in as its admin.</summary>
public abstract class SimulatorClientTest : IAsyncLifetime
{
    private protected EwsSimulator Simulator { get; private set; } = null!;

    private protected EwsClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Simulator = await EwsSimulator.StartAsync(new SimulatorOptions { ValidateRequests = false });
        Client = TestClients.ForSimulator(Simulator);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Simulator.DisposeAsync();
    }
}
