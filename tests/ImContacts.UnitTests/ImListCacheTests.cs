using ImContacts.Model;
using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>One list read per mailbox per pipeline, and a bound on what is kept.</summary>
public sealed class ImListCacheTests
{
    [Fact]
    public void Rows_interleaved_across_hundreds_of_small_lists_read_each_list_once()
    {
        var cache = new ImListCache();
        TestRow.Held(cache, () =>
        {
            for (var pass = 0; pass < 3; pass++)
            {
                for (var m = 0; m < 300; m++)
                {
                    Get(cache, Mailboxes.For($"m{m}@contoso.com"), () => List(groups: 5));
                }
            }
            return Task.CompletedTask;
        });

        Assert.Equal(300, cache.Reads);
    }

    [Fact]
    public void Large_lists_beyond_the_most_recent_64_are_forgotten_and_read_again()
    {
        var cache = new ImListCache();
        TestRow.Held(cache, () =>
        {
            for (var m = 0; m < 200; m++)
            {
                Get(cache, Mailboxes.For($"m{m}@contoso.com"), () => List(groups: 1000));
            }

            // 200 lists of 1,000 items exceed the item budget: the oldest are gone, the most recent 64 are kept.
            for (var m = 136; m < 200; m++)
            {
                Get(cache, Mailboxes.For($"m{m}@contoso.com"), () => throw new InvalidOperationException("read again"));
            }

            Get(cache, Mailboxes.For("m0@contoso.com"), () => List(groups: 1));
            return Task.CompletedTask;
        });

        Assert.Equal(201, cache.Reads);
    }

    [Fact]
    public void A_list_used_under_another_spelling_of_its_mailbox_keeps_one_place_in_the_recency_order()
    {
        var cache = new ImListCache();
        TestRow.Held(cache, () =>
        {
            Get(cache, Mailboxes.For("m0@contoso.com"), () => List(groups: 1000));
            for (var m = 1; m < 200; m++)
            {
                Get(cache, Mailboxes.For($"m{m}@contoso.com"), () => List(groups: 1000));

                // m0 is used throughout, under two spellings: it stays among the most recent and is never read again.
                Get(cache, Mailboxes.For(m % 2 == 0 ? "M0@Contoso.com" : "m0@contoso.com"), () => throw new InvalidOperationException("m0 read again"));
            }

            Assert.True(cache.Holds(Mailboxes.For("M0@CONTOSO.COM")));
            Assert.False(cache.Holds(Mailboxes.For("m1@contoso.com")));
            return Task.CompletedTask;
        });

        Assert.Equal(200, cache.Reads);
    }

    private static ImItemList List(int groups) =>
        new(Enumerable.Range(0, groups).Select(g => new ImGroup($"G{g}", ImGroupTypes.UserGroup, new ItemId($"R3{g}"), Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyValue>(), null, null)).ToArray(),
            Array.Empty<Persona>(), null);

    private static void Get(ImListCache cache, MailboxTarget mailbox, Func<ImItemList> read) =>
        cache.GetAsync(mailbox, () => Task.FromResult(read())).GetAwaiter().GetResult();
}
