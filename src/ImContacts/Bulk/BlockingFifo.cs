using System;
using System.Collections.Generic;
using System.Threading;

namespace ImContacts.Bulk
{
    /// <summary>
    /// A first-in first-out queue whose takers sleep without spinning. BlockingCollection's takers spin before they
    /// block; with dozens of idle workers and a pipeline thread woken for every finished row, that spinning took the CPU
    /// that the rows in flight and, on a small machine, the server itself needed.
    /// </summary>
    internal sealed class BlockingFifo<T>
    {
        private readonly Queue<T> items = new Queue<T>();
        private readonly object sync = new object();
        private bool completed;

        /// <summary>Adds an item; false once the queue is completed.</summary>
        public bool TryAdd(T item)
        {
            lock (sync)
            {
                if (completed)
                {
                    return false;
                }

                items.Enqueue(item);
                Monitor.Pulse(sync);
                return true;
            }
        }

        /// <summary>
        /// Takes the oldest item, waiting up to <paramref name="timeout"/> for one; false when none came, the queue was
        /// completed and is empty, or <paramref name="cancellationToken"/> was cancelled (which wakes the wait only once
        /// <see cref="Wake"/> is called, as the runner does on cancellation).
        /// </summary>
        public bool TryTake(out T item, TimeSpan timeout, CancellationToken cancellationToken)
        {
            var infinite = timeout == Timeout.InfiniteTimeSpan;
            var deadline = infinite ? DateTime.MaxValue : DateTime.UtcNow + timeout;
            lock (sync)
            {
                while (true)
                {
                    if (!cancellationToken.IsCancellationRequested && items.Count > 0)
                    {
                        item = items.Dequeue();
                        return true;
                    }

                    var left = infinite ? Timeout.InfiniteTimeSpan : deadline - DateTime.UtcNow;
                    if (cancellationToken.IsCancellationRequested || completed || (!infinite && left <= TimeSpan.Zero))
                    {
                        item = default!;
                        return false;
                    }

                    Monitor.Wait(sync, left);
                }
            }
        }

        /// <summary>No more items: waiting takers return once the queue is empty.</summary>
        public void Complete()
        {
            lock (sync)
            {
                completed = true;
                Monitor.PulseAll(sync);
            }
        }

        /// <summary>Wakes every waiting taker so it looks at its cancellation token.</summary>
        public void Wake()
        {
            lock (sync)
            {
                Monitor.PulseAll(sync);
            }
        }
    }
}
