using ImContacts.Ews;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The client-request-id of each request: a version-4 GUID, never the same twice.</summary>
public sealed class ClientRequestIdsTests
{
    [Fact]
    public void Each_id_is_a_random_form_GUID_and_none_repeats()
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 100_000; i++)
        {
            var id = ClientRequestIds.Next();
            Assert.True(seen.Add(id), $"{id} came twice");
            var bytes = Guid.Parse(id).ToByteArray();
            Assert.Equal(4, bytes[7] >> 4);
            Assert.Equal(2, bytes[8] >> 6);
        }
    }

    [Fact]
    public async Task Ids_made_on_many_threads_at_once_do_not_repeat()
    {
        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => Enumerable.Range(0, 20_000).Select(_ => ClientRequestIds.Next()).ToList())));
        Assert.Equal(160_000, batches.SelectMany(b => b).Distinct().Count());
    }
}
