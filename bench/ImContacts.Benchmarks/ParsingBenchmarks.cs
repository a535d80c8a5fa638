using System.Reflection;
using System.Xml;
using System.Xml.Linq;
using BenchmarkDotNet.Attributes;
using ImContacts.Simulator;

namespace ImContacts.Benchmarks;

/// <summary>
/// A GetImItemList answer at the list limits (1,000 contacts, 64 user groups besides the 3 system groups), parsed
/// into the module's output objects, against a bare XmlReader pass over the same bytes that reads every node's value.
/// The module is loaded from the repository's bin folder, as Import-Module loads it.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private const string Mailbox = "ana@contoso.com";
    private byte[] response = Array.Empty<byte>();
    private Func<byte[], string, string?, object> parse = null!;

    /// <summary>"limits": 1,000 contacts in 64 groups; "scale": the organisation-scale shapes' list of one contact.</summary>
    [Params("limits", "scale")]
    public string List { get; set; } = "limits";

    [GlobalSetup]
    public void Setup()
    {
        var store = new SimulatorStore();
        store.AddMailbox(Mailbox);
        if (List == "scale")
        {
            store.SeedContact(Mailbox, "sip:c0@contoso.com", "Contact 0", false, store.SeedGroup(Mailbox, "Everyone"));
            store.SeedGroup(Mailbox, "Colleagues");
        }
        else
        {
            var groups = Enumerable.Range(0, 64).Select(g => store.SeedGroup(Mailbox, $"Group {g}")).ToArray();
            for (var c = 0; c < 1000; c++)
            {
                store.SeedContact(Mailbox, $"sip:contact{c}@contoso.com", $"Contact Number {c}", linkedOutlookContact: c % 3 == 0, groups[c % 64]);
            }
        }

        var request = new XElement(XName.Get("GetImItemList", "http://schemas.microsoft.com/exchange/services/2006/messages"));
        response = SoapResponseWriter.Response("GetImItemList", null, new ImListOperations(store).Execute("GetImItemList", request, store.Get(Mailbox), null));

        var module = Assembly.LoadFrom(Path.Combine(Paths.Root, "bin", "ImContacts.dll"));
        var method = module.GetType("ImContacts.Ews.EwsResponseParser", throwOnError: true)!.GetMethod("Parse", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)!;
        parse = (Func<byte[], string, string?, object>)method.CreateDelegate(typeof(Func<byte[], string, string?, object>));

        var envelope = ParseToObjects();
        var parsed = envelope.GetType().GetProperty("Response")!.GetValue(envelope)!;
        var list = parsed.GetType().GetProperty("ImItemList")!.GetValue(parsed)!;
        int Count(string items) => ((System.Collections.ICollection)list.GetType().GetProperty(items)!.GetValue(list)!).Count;
        Console.WriteLine($"// GetImItemList answer ({List}): {response.Length / 1024.0:0.0} KB ({Count("Groups")} groups, {Count("Personas")} personas parsed)");
    }

    [Benchmark(Baseline = true)]
    public int BareXmlReader()
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true };
        using var reader = XmlReader.Create(new MemoryStream(response, writable: false), settings);
        var length = 0;
        while (reader.Read())
        {
            if (reader.MoveToFirstAttribute())
            {
                do
                {
                    length += reader.Value.Length;
                }
                while (reader.MoveToNextAttribute());
                reader.MoveToElement();
            }

            if (reader.NodeType == XmlNodeType.Text)
            {
                length += reader.Value.Length;
            }
        }

        return length;
    }

    [Benchmark]
    public object ParseToObjects() => parse(response, "GetImItemList", null);
}
