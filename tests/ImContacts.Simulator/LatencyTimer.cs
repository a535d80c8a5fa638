using System.Diagnostics;

namespace ImContacts.Simulator;

/// <summary>
/// Ends each request's injected latency on time under load. Task.Delay fires from the thread pool's timer, whose
/// callbacks wait behind other work items: with 27 requests in flight on two cores they fired 1 to 2 ms late on
/// average, which the benchmarks then counted as the client's. One thread here sleeps until the next due time and
/// resumes the request on itself; it never ends a wait early.
/// </summary>
internal sealed class LatencyTimer
{
    private readonly object sync = new();
    private readonly PriorityQueue<TaskCompletionSource, long> due = new();
    private Thread? thread;

    public static LatencyTimer Shared { get; } = new();

    /// <summary>Completes once <paramref name="until"/> (a Stopwatch timestamp) has passed, or is cancelled.</summary>
    public Task WaitUntilAsync(long until, CancellationToken cancellation)
    {
        if (Stopwatch.GetTimestamp() >= until)
        {
            return Task.CompletedTask;
        }

        // Continuations run on this timer's thread: a request resumes without waiting for a pool thread.
        var done = new TaskCompletionSource();
        lock (sync)
        {
            due.Enqueue(done, until);
            if (thread is null)
            {
                thread = new Thread(Run) { IsBackground = true, Name = "Simulator latency" };
                thread.Start();
            }

            Monitor.Pulse(sync);
        }

        if (cancellation.CanBeCanceled)
        {
            var registration = cancellation.Register(() => done.TrySetCanceled(cancellation));
            done.Task.ContinueWith(_ => registration.Dispose(), TaskContinuationOptions.ExecuteSynchronously);
        }

        return done.Task;
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource? next = null;
            var fraction = TimeSpan.Zero;
            lock (sync)
            {
                if (!due.TryPeek(out _, out var until))
                {
                    Monitor.Wait(sync);
                    continue;
                }

                var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), until);
                if (left <= TimeSpan.Zero)
                {
                    next = due.Dequeue();
                }
                else if (left.TotalMilliseconds >= 1 || !PreciseSleep.Available)
                {
                    // Whole milliseconds; rounded up where no finer sleep exists: late by less than 1 ms, never early.
                    Monitor.Wait(sync, PreciseSleep.Available ? (int)left.TotalMilliseconds : (int)Math.Ceiling(left.TotalMilliseconds));
                    continue;
                }
                else
                {
                    fraction = left;
                }
            }

            if (next is null)
            {
                // The last fraction of a millisecond, which Monitor.Wait cannot express: 2.5% of a 20 ms latency on average.
                PreciseSleep.For(fraction);
                continue;
            }

            next.TrySetResult();
        }
    }
}
