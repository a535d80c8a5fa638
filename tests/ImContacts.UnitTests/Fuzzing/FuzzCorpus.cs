using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.UnitTests.Fuzzing;

/// <summary>A valid answer to mutate: where it came from, the operation it answers and its HTTP status.</summary>
internal sealed record FuzzSeed(string Source, string Operation, int Status, byte[] Body);

/// <summary>
/// The answers the fuzzer starts from: every documented sample (when ../shared is present), and what the simulator
/// answers to each IM operation (successes, errors and a throttling fault), recorded off the wire.
/// </summary>
internal static class FuzzCorpus
{
    /// <summary>The documented samples when ../shared is present, then the simulator's answers (always).</summary>
    public static async Task<IReadOnlyList<FuzzSeed>> LoadAsync()
    {
        var seeds = new List<FuzzSeed>();
        var samples = SharedFiles.HasSamples
            ? Directory.EnumerateFiles(SharedFiles.SamplesDirectory, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        foreach (var file in samples)
        {
            var name = Path.GetFileName(file);
            if (name.Contains(".request.", StringComparison.Ordinal))
            {
                continue;
            }

            var operation = name.StartsWith("ErrorServerBusy", StringComparison.Ordinal) ? "GetImItemList" : name.Split('.')[0];
            seeds.Add(new FuzzSeed("sample " + name, operation, name.Contains(".fault.", StringComparison.Ordinal) ? 500 : 200, File.ReadAllBytes(file)));
        }

        seeds.AddRange(await RecordSimulatorAsync());
        return seeds;
    }

    private static async Task<IReadOnlyList<FuzzSeed>> RecordSimulatorAsync()
    {
        await using var simulator = await EwsSimulator.StartAsync(new SimulatorOptions { ValidateRequests = false });
        DemoData.Seed(simulator.Store);
        var unicodeGroup = simulator.Store.SeedGroup("ana@contoso.com", "Unicode \u00e9\u4e2d & <more>");
        simulator.Store.SeedContact("ana@contoso.com", "sip:linked@contoso.com", "Linked \"quoted\"", linkedOutlookContact: true, unicodeGroup);
        simulator.Store.SeedDistributionGroup("ana@contoso.com", "support@contoso.com", "Support");
        var recorder = new RecordingHandler(new HttpClientHandler());
        var token = new System.Net.NetworkCredential(string.Empty, SimulatorAccounts.Admin.BearerToken).SecurePassword;
        using var client = new EwsClient(new EwsTransport(simulator.Url, new AccessTokenAuthenticator(token), TimeSpan.FromSeconds(30), false, recorder),
            ExchangeVersions.Default, null);
        const string mailbox = "ana@contoso.com";
        var none = Array.Empty<ExtendedPropertyPath>();

        async Task<T?> Send<T>(EwsOperation<T> operation)
            where T : class
        {
            try
            {
                return (await client.InvokeAsync(operation, Mailboxes.Of(mailbox), CancellationToken.None)).Value;
            }
            catch (EwsException)
            {
                return null;
            }
        }

        var list = (await Send(new GetImItemListOperation(none)))!;
        var contacts = list.Personas.Where(p => p.ContactId is not null).Select(p => p.ContactId!).ToList();
        await Send(new GetImItemsOperation(contacts, list.Groups.Select(g => g.GroupId!).ToList(), none));
        var group = (await Send(new AddImGroupOperation("Fuzz & <seed>")))!;
        var persona = (await Send(new AddNewImContactToGroupOperation("sip:fuzz@contoso.com", "Fuzz", group.GroupId)))!;
        await Send(new AddImContactToGroupOperation(contacts[0], group.GroupId));
        await Send(new AddNewTelUriContactToGroupOperation("tel:+14255550100", "sip:+14255550100@contoso.com;user=phone", "+1 425 555 0100", group.GroupId));
        await Send(new AddDistributionGroupToImListOperation("sales@contoso.com", "Sales"));
        await Send(new SetImGroupOperation(group.GroupId!, "Fuzz renamed"));
        await Send(new GetImItemListOperation(new[] { new ExtendedPropertyPath("0x3001:String") }));
        await Send(new RemoveImContactFromGroupOperation(contacts[0], group.GroupId!));
        await Send(new RemoveContactFromImListOperation(persona.ContactId!));
        await Send(new RemoveImGroupOperation(group.GroupId!));
        await Send(new RemoveImGroupOperation(group.GroupId!));
        await Send(new AddImGroupOperation("Project X"));
        simulator.Faults.Enqueue(new InjectedFault(InjectedFaultKind.ServerBusy, BackOffMilliseconds: 250));
        await Send(new GetImItemListOperation(none));
        return recorder.Answers;
    }

    /// <summary>Keeps every answer's status and body as it came off the wire.</summary>
    private sealed class RecordingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        public List<FuzzSeed> Answers { get; } = new();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var operation = request.Headers.GetValues("SOAPAction").Single().Trim('"').Split('/').Last();
            Answers.Add(new FuzzSeed($"simulator {operation} #{Answers.Count}", operation, (int)response.StatusCode, body));
            var copy = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
            return response;
        }
    }
}
