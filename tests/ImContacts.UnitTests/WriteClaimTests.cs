using System.Collections.Concurrent;
using ImContacts.Bulk;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>Rows claim the groups their change saves; a row whose group is claimed parks without a worker and runs again later.</summary>
public sealed class WriteClaimTests
{
    [Fact]
    public void A_claim_is_all_or_nothing_and_the_holder_may_claim_again()
    {
        var claims = new WriteClaims();
        var (a, b) = (Row(), Row());
        Assert.True(claims.TryClaim(a, new[] { "m|g1", "m|tagged" }, out _));
        Assert.True(claims.TryClaim(a, new[] { "m|g1" }, out _));
        Assert.False(claims.TryClaim(b, new[] { "m|g2", "m|TAGGED" }, out var busy));
        Assert.Equal("m|tagged", busy, StringComparer.OrdinalIgnoreCase);

        // Nothing of the failed claim is held: g2 is free for another row.
        Assert.True(claims.TryClaim(Row(), new[] { "m|g2" }, out _));
    }

    [Fact]
    public void A_release_wakes_the_first_waiter_only_and_a_waiter_that_does_not_take_the_key_passes_it_on()
    {
        var claims = new WriteClaims();
        var (holder, first, second) = (Row(), Row(), Row());
        claims.TryClaim(holder, new[] { "k" }, out _);
        Assert.True(claims.Park(first, "k"));
        Assert.True(claims.Park(second, "k"));

        Assert.Equal(new[] { first }, claims.Release(holder));

        // The first ran again and ended without a change (say, the contact was a member by then): the second gets its turn.
        Assert.Equal(new[] { second }, claims.PassOn(first.WokenFor));
        Assert.Empty(claims.PassOn(second.WokenFor.Where(_ => false)));

        // A key released before the row could park: it runs again at once.
        Assert.False(claims.Park(Row(), "k"));
    }

    [Fact]
    public void The_end_of_a_list_read_wakes_every_row_waiting_for_that_list()
    {
        var claims = new WriteClaims();
        var (reader, first, second, other) = (Row(), Row(), Row(), Row());
        var read = WriteClaims.ListRead(Mailboxes.For("m0@contoso.com"));
        Assert.True(claims.TryClaim(reader, new[] { read }, out _));
        Assert.False(claims.TryClaim(first, new[] { WriteClaims.ListRead(Mailboxes.For("M0@contoso.com")) }, out var busy));
        Assert.Equal(read, busy, StringComparer.OrdinalIgnoreCase);
        Assert.True(claims.Park(first, read));
        Assert.True(claims.Park(second, read));

        // Another mailbox's list is another key.
        Assert.True(claims.TryClaim(other, new[] { WriteClaims.ListRead(Mailboxes.For("m1@contoso.com")) }, out _));

        Assert.Equal(new[] { first, second }, claims.Release(reader));
        Assert.Empty(claims.PassOn(first.WokenFor));
    }

    [Fact]
    public void Rows_for_a_claimed_group_park_while_rows_for_other_groups_use_the_workers_and_output_stays_in_order()
    {
        var othersLeft = 10;
        var others = AsyncWait.Signal();
        var zeroClaimed = AsyncWait.Signal();
        var log = new ConcurrentQueue<string>();
        var written = new List<int>();
        var holdingG = 0;
        var maxHoldingG = 0;
        using var runner = new OrderedRowRunner(2, 64, CancellationToken.None);
        for (var i = 0; i < 12; i++)
        {
            var index = i;
            var key = index < 2 ? "m|g" : $"m|other{index}";
            runner.Submit(new BulkRow(new[] { $"contact{index}" }, async row =>
            {
                log.Enqueue($"run {index}");

                // Row 0 claims the group first.
                if (index == 1)
                {
                    Assert.True(await zeroClaimed.Task.Within(TimeSpan.FromSeconds(10)));
                }

                row.Claim(new[] { key });
                if (index == 0)
                {
                    zeroClaimed.TrySetResult();
                }

                if (key == "m|g")
                {
                    var now = Interlocked.Increment(ref holdingG);
                    InterlockedMax(ref maxHoldingG, now);

                    // Row 0 holds the group until every other group's row is done: with two workers, that is only
                    // possible when row 1 parked instead of keeping its worker.
                    if (index == 0)
                    {
                        Assert.True(await others.Task.Within(TimeSpan.FromSeconds(10)), "The rows for other groups did not run while row 1 waited for the group.");
                    }

                    Interlocked.Decrement(ref holdingG);
                }
                else if (Interlocked.Decrement(ref othersLeft) == 0)
                {
                    others.SetResult();
                }

                row.Post(() => written.Add(index));
            }));
        }

        runner.Complete();
        Assert.Equal(Enumerable.Range(0, 12), written);
        Assert.Equal(1, maxHoldingG);

        // Row 1 ran once to find the group claimed, and again once row 0 was done.
        Assert.Equal(2, log.Count(l => l == "run 1"));
        Assert.Equal(1, log.Count(l => l == "run 0"));
    }

    [Fact]
    public void A_row_that_waits_for_an_earlier_row_of_its_contact_holds_no_worker()
    {
        var release = AsyncWait.Signal();
        var written = new List<int>();
        using var runner = new OrderedRowRunner(2, 64, CancellationToken.None);
        for (var i = 0; i < 8; i++)
        {
            var index = i;

            // Rows 0, 2 and 4 share a contact; row 0 is slow until rows 5..7 are done.
            var key = index is 0 or 2 or 4 ? "m|contact:kim" : $"m|contact:{index}";
            runner.Submit(new BulkRow(new[] { key }, async row =>
            {
                if (index == 0)
                {
                    Assert.True(await release.Task.Within(TimeSpan.FromSeconds(10)), "Rows 5..7 did not run while rows 2 and 4 waited for row 0.");
                }

                if (index == 7)
                {
                    release.SetResult();
                }

                row.Post(() => written.Add(index));
            }));
        }

        runner.Complete();
        Assert.Equal(Enumerable.Range(0, 8), written);
    }

    private static BulkRow Row() => new(Array.Empty<string>(), _ => Task.CompletedTask);

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
