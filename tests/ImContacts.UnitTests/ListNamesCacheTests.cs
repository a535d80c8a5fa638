using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Tab completion's names: read in the background, never waited for beyond the patience, kept briefly.</summary>
public sealed class ListNamesCacheTests : SimulatorClientTest
{
    [Fact]
    public async Task A_read_the_server_holds_gives_nothing_within_the_patience_and_its_names_on_the_next_tab()
    {
        Simulator.Store.SeedGroup("ana@contoso.com", "Help Desk");
        var cache = new ListNamesCache(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(200));
        Simulator.Gate.Close();
        try
        {
            Assert.Null(cache.Get(Client, "c1", Mailboxes.For("ana@contoso.com")));
            await Simulator.Gate.ArrivedAsync(1).WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            Simulator.Gate.Open();
        }

        ListNames? names = null;
        for (var tries = 0; names is null && tries < 100; tries++)
        {
            names = cache.Get(Client, "c1", Mailboxes.For("ana@contoso.com"));
        }

        Assert.Contains(names!.Groups, g => g.DisplayName == "Help Desk");
        Assert.Single(Simulator.Requests, r => r.Operation == "GetImItemList");
    }

    [Fact]
    public void Names_are_read_once_while_fresh_and_again_when_stale_per_mailbox_and_connection()
    {
        var now = DateTimeOffset.UtcNow;
        var cache = new ListNamesCache(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30), () => now);
        Assert.NotNull(cache.Get(Client, "c1", Mailboxes.For("ana@contoso.com")));
        Assert.NotNull(cache.Get(Client, "c1", Mailboxes.For("ANA@contoso.com")));
        Assert.NotNull(cache.Get(Client, "c1", Mailboxes.For("ben@contoso.com")));
        Assert.NotNull(cache.Get(Client, "c2", Mailboxes.For("ana@contoso.com")));
        Assert.Equal(3, Simulator.Requests.Count);

        now += TimeSpan.FromMinutes(3);
        Assert.NotNull(cache.Get(Client, "c1", Mailboxes.For("ana@contoso.com")));
        Assert.Equal(4, Simulator.Requests.Count);
    }

    [Fact]
    public void A_failed_read_offers_nothing_and_is_not_repeated_at_every_tab()
    {
        var cache = new ListNamesCache(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));
        Assert.Null(cache.Get(Client, "c1", Mailboxes.For("nobody@contoso.com")));
        Assert.Null(cache.Get(Client, "c1", Mailboxes.For("nobody@contoso.com")));
        Assert.Single(Simulator.Requests);
    }
}
