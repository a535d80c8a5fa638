using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Bounds the requests in flight on one connection. The bound starts at -ThrottleLimit and only goes down: each
    /// ErrorExceededConnectionCount takes one slot away for the rest of the run. A slot given back goes straight to the
    /// longest waiter, whose request is then sent on the thread that gave it back: a hop through the thread pool (as
    /// SemaphoreSlim makes) left a slot idle for a fraction of a millisecond per request, a few percent at 20 ms.
    /// </summary>
    internal sealed class ThrottleGate
    {
        private readonly object sync = new object();
        private readonly LinkedList<TaskCompletionSource<IDisposable>> waiters = new LinkedList<TaskCompletionSource<IDisposable>>();
        private int free;
        private int limit;
        private int toWithhold;
        private int inFlight;
        private int maxInFlight;

        public ThrottleGate(int limit)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one request must be allowed in flight.");
            }

            this.limit = limit;
            free = limit;
        }

        /// <summary>Requests allowed in flight now.</summary>
        public int Limit => Volatile.Read(ref limit);

        public int InFlight => Volatile.Read(ref inFlight);

        /// <summary>The most requests that were ever in flight at once.</summary>
        public int MaxInFlight => Volatile.Read(ref maxInFlight);

        public Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Canceled(cancellationToken);
            }

            LinkedListNode<TaskCompletionSource<IDisposable>> node;
            lock (sync)
            {
                if (free > 0)
                {
                    free--;
                    return Task.FromResult<IDisposable>(Taken());
                }

                // Completed synchronously by the thread that frees a slot: the waiter's request goes out from there.
                node = waiters.AddLast(new TaskCompletionSource<IDisposable>());
            }

            if (cancellationToken.CanBeCanceled)
            {
                var registration = cancellationToken.Register(() =>
                {
                    bool removed;
                    lock (sync)
                    {
                        removed = node.List is not null;
                        if (removed)
                        {
                            waiters.Remove(node);
                        }
                    }

                    if (removed)
                    {
                        node.Value.TrySetCanceled(cancellationToken);
                    }
                });
                node.Value.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return node.Value.Task;
        }

        /// <summary>Takes one slot away for good, down to one; false when only one is left.</summary>
        public bool Lower()
        {
            lock (sync)
            {
                if (limit <= 1)
                {
                    return false;
                }

                limit--;
                if (free > 0)
                {
                    free--;
                }
                else
                {
                    toWithhold++;
                }

                return true;
            }
        }

        private static Task<IDisposable> Canceled(CancellationToken cancellationToken)
        {
            var canceled = new TaskCompletionSource<IDisposable>();
            canceled.TrySetCanceled(cancellationToken);
            return canceled.Task;
        }

        private Slot Taken()
        {
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            return new Slot(this);
        }

        private void Exit()
        {
            Interlocked.Decrement(ref inFlight);
            TaskCompletionSource<IDisposable> next;
            lock (sync)
            {
                if (toWithhold > 0)
                {
                    // The slot being given back is the one Lower took away.
                    toWithhold--;
                    return;
                }

                if (waiters.First is not { } first)
                {
                    free++;
                    return;
                }

                waiters.RemoveFirst();
                next = first.Value;
            }

            var slot = Taken();
            if (!next.TrySetResult(slot))
            {
                slot.Dispose();
            }
        }

        private sealed class Slot : IDisposable
        {
            private ThrottleGate? gate;

            public Slot(ThrottleGate gate)
            {
                this.gate = gate;
            }

            public void Dispose() => Interlocked.Exchange(ref gate, null)?.Exit();
        }
    }
}
