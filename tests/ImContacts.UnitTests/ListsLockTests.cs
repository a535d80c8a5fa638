using ImContacts.Resolution;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The lists' lock: one holder, waiters in turn, each handed the lock by the thread that lets go of it.</summary>
public sealed class ListsLockTests
{
    [Fact]
    public async Task Exit_hands_the_lock_to_the_oldest_waiter_whose_work_goes_on_on_the_thread_that_let_go()
    {
        var sync = new ListsLock();
        await sync.EnterAsync();
        var order = new List<string>();
        var threads = new List<int>();

        async Task Waiter(string name)
        {
            await sync.EnterAsync();
            order.Add(name);
            threads.Add(Environment.CurrentManagedThreadId);
            sync.Exit();
        }

        var first = Waiter("first");
        var second = Waiter("second");
        Assert.True(sync.IsHeld);
        Assert.False(first.IsCompleted);

        var releasing = Environment.CurrentManagedThreadId;
        sync.Exit();

        // Both ran before Exit returned, in turn, on this thread: no thread-pool hop.
        Assert.True(first.IsCompleted && second.IsCompleted);
        Assert.Equal(new[] { "first", "second" }, order);
        Assert.All(threads, t => Assert.Equal(releasing, t));
        Assert.False(sync.IsHeld);
        await Task.WhenAll(first, second);
    }

    [Fact]
    public async Task A_long_queue_of_waiters_is_handed_on_without_growing_the_stack()
    {
        var sync = new ListsLock();
        await sync.EnterAsync();
        var ran = 0;
        var waiters = Enumerable.Range(0, 20_000).Select(async _ =>
        {
            await sync.EnterAsync();
            ran++;
            sync.Exit();
        }).ToList();

        // Each waiter lets go at once; handed on inline, one inside the other, this would overflow the stack.
        sync.Exit();
        await Task.WhenAll(waiters);
        Assert.Equal(20_000, ran);
        Assert.False(sync.IsHeld);
    }

    [Fact]
    public async Task A_blocking_enter_waits_for_the_holder_and_letting_go_unheld_is_a_bug()
    {
        var sync = new ListsLock();
        await sync.EnterAsync();
        var entered = Task.Run(() => { sync.Enter(); return Environment.CurrentManagedThreadId; });
        Assert.False(await entered.Within(TimeSpan.FromMilliseconds(50)));
        sync.Exit();
        Assert.True(await entered.WaitAsync(TimeSpan.FromSeconds(30)) > 0);
        Assert.True(sync.IsHeld);
        sync.Exit();
        Assert.Throws<InvalidOperationException>(sync.Exit);
    }
}
