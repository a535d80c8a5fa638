using System.Diagnostics;
using System.Net;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;
using ImContacts.TestSupport;
using Xunit;
using Xunit.Abstractions;

namespace ImContacts.UnitTests.Fuzzing;

/// <summary>
/// Mutated answers through the whole client (status, content type, parser, result): each gives a result or one of the
/// module's typed errors, nothing else. CI runs a few thousand cases; IMCONTACTS_FUZZ_CASES sets more (the README's
/// dedicated run), IMCONTACTS_FUZZ_SEED another seed.
/// </summary>
public sealed class ResponseFuzzTests(ITestOutputHelper output)
{
    public const string CasesVariable = "IMCONTACTS_FUZZ_CASES";
    public const string SeedVariable = "IMCONTACTS_FUZZ_SEED";
    private const int CiCases = 3000;

    private static readonly int[] OddStatuses = { 200, 500, 302, 401, 404, 413, 503 };
    private static readonly string[] OddContentTypes = { "text/xml; charset=utf-8", "text/html", string.Empty, "application/json", "text/xml; charset=bogus", "application/soap+xml" };

    [Fact]
    [Trait("Category", "Fuzz")]
    public async Task Mutated_answers_give_a_result_or_a_typed_error()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out var n) && n > 0 ? n : CiCases;
        var seed = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var s) ? s : 20261123;
        var corpus = await FuzzCorpus.LoadAsync();
        Assert.Contains(corpus, c => c.Source.StartsWith("simulator", StringComparison.Ordinal));
        Assert.Equal(SharedFiles.HasSamples, corpus.Any(c => c.Source.StartsWith("sample", StringComparison.Ordinal)));
        if (SharedFiles.MissingSamplesReason is { } missing)
        {
            output.WriteLine($"Fuzzing the simulator's answers only. {missing}");
        }

        var handler = new SwitchableHandler();
        using var client = TestClients.Create(handler);
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        long bytes = 0;
        for (var i = 0; i < cases; i++)
        {
            // One generator per case, so any case can be replayed from the seed and its number alone.
            var random = new Random(HashCode.Combine(seed, i));
            var original = corpus[random.Next(corpus.Count)];
            var applied = new List<string>();
            handler.Body = ResponseMutator.Mutate(original.Body, random, applied);
            handler.Status = random.Next(8) == 0 ? OddStatuses[random.Next(OddStatuses.Length)] : original.Status;
            handler.ContentType = random.Next(8) == 0 ? OddContentTypes[random.Next(OddContentTypes.Length)] : "text/xml; charset=utf-8";
            bytes += handler.Body.Length;

            string outcome;
            try
            {
                await client.InvokeAsync(OperationFor(original.Operation), Mailboxes.For("ana@contoso.com"), CancellationToken.None);
                outcome = "result";
            }
            catch (EwsException ex)
            {
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                outcome = ex.GetType().Name;
            }
            catch (Exception ex)
            {
                Assert.Fail($"Case {i} (seed {seed}: {original.Source}, status {handler.Status}, '{handler.ContentType}', mutations {string.Join(" + ", applied)}) "
                    + $"threw {ex.GetType().FullName}, not a module error: {ex}");
                throw;
            }

            outcomes[outcome] = outcomes.TryGetValue(outcome, out var c) ? c + 1 : 1;
        }

        clock.Stop();
        output.WriteLine($"{cases} cases (seed {seed}) from {corpus.Count} valid answers, {bytes / 1024.0 / 1024.0:0.#} MB in all, "
            + $"in {clock.Elapsed.TotalSeconds:0.0} s ({cases / clock.Elapsed.TotalSeconds:0} cases/s): "
            + string.Join(", ", outcomes.OrderByDescending(o => o.Value).Select(o => $"{o.Key} {o.Value}")));
        Assert.True(outcomes.GetValueOrDefault("EwsProtocolException") > 0);
        Assert.True(outcomes.Count >= 3, "the mutations should reach results and several kinds of error");
    }

    /// <summary>The real operation for a recorded answer, so that reading its result is fuzzed too.</summary>
    private static EwsOperation<object> OperationFor(string name)
    {
        var id = new ItemId("AAMkAGI2");
        var none = Array.Empty<ExtendedPropertyPath>();
        return name switch
        {
            "GetImItemList" => Boxed(new GetImItemListOperation(none)),
            "GetImItems" => Boxed(new GetImItemsOperation(new[] { id }, new[] { id }, none)),
            "AddImGroup" => Boxed(new AddImGroupOperation("Group")),
            "SetImGroup" => Boxed(new SetImGroupOperation(id, "Group")),
            "RemoveImGroup" => Boxed(new RemoveImGroupOperation(id)),
            "AddImContactToGroup" => Boxed(new AddImContactToGroupOperation(id, id)),
            "AddNewImContactToGroup" => Boxed(new AddNewImContactToGroupOperation("sip:a@contoso.com", "A", id)),
            "AddNewTelUriContactToGroup" => Boxed(new AddNewTelUriContactToGroupOperation("tel:+1", "sip:+1@contoso.com", "+1", id)),
            "RemoveImContactFromGroup" => Boxed(new RemoveImContactFromGroupOperation(id, id)),
            "RemoveContactFromImList" => Boxed(new RemoveContactFromImListOperation(id)),
            "AddDistributionGroupToImList" => Boxed(new AddDistributionGroupToImListOperation("sales@contoso.com", "Sales")),
            "RemoveDistributionGroupFromImList" => Boxed(new RemoveDistributionGroupFromImListOperation(id)),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "no operation of that name"),
        };
    }

    private static EwsOperation<object> Boxed<T>(EwsOperation<T> operation) => new BoxedOperation<T>(operation);

    private sealed class BoxedOperation<T>(EwsOperation<T> inner) : EwsOperation<object>
    {
        public override string Name => inner.Name;

        public override void WriteBody(System.Xml.XmlWriter writer) => inner.WriteBody(writer);

        public override object GetResult(EwsResponse response, MailboxTarget mailbox) => inner.GetResult(response, mailbox)!;
    }

    /// <summary>Answers every request with whatever the current case set.</summary>
    private sealed class SwitchableHandler : HttpMessageHandler
    {
        public byte[] Body { get; set; } = Array.Empty<byte>();

        public int Status { get; set; } = 200;

        public string ContentType { get; set; } = "text/xml";

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new ByteArrayContent(Body);
            if (ContentType.Length > 0)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)Status) { Content = content });
        }
    }
}
