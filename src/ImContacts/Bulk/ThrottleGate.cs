using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Bounds the requests in flight on one connection twice: in all (-ThrottleLimit) and per target mailbox
    /// (-MailboxThrottleLimit), since Exchange charges an impersonated request to the target mailbox's own budget
    /// (EWSMaxConcurrency, 27 by default) and the connected account's own mailbox is one budget too. Both bounds start
    /// at what the run was given and only go down: an ErrorExceededConnectionCount takes a slot away for the rest of the
    /// run (see Lower). A slot given back goes straight to the longest waiter that may have it, whose request is then
    /// sent on the thread that gave it back: a hop through the thread pool (as SemaphoreSlim makes) left a slot idle for
    /// a fraction of a millisecond per request, a few percent at 20 ms.
    /// </summary>
    internal sealed class ThrottleGate
    {
        private readonly object sync = new object();
        private readonly LinkedList<Waiter> waiters = new LinkedList<Waiter>();
        private readonly Dictionary<string, int> perMailbox = new Dictionary<string, int>(StringComparer.Ordinal);
        private int free;
        private int limit;
        private int mailboxLimit;
        private int toWithhold;
        private int inFlight;
        private int maxInFlight;
        private int maxForOneMailbox;

        /// <param name="limit">Requests in flight in all.</param>
        /// <param name="mailboxLimit">Requests in flight for any one mailbox; above <paramref name="limit"/> it binds nothing.</param>
        public ThrottleGate(int limit, int mailboxLimit)
        {
            if (limit < 1 || mailboxLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), $"{limit} in all, {mailboxLimit} per mailbox: at least one request must be allowed in flight.");
            }

            this.limit = limit;
            this.mailboxLimit = mailboxLimit;
            free = limit;
        }

        /// <summary>Requests allowed in flight in all now.</summary>
        public int Limit => Volatile.Read(ref limit);

        /// <summary>Requests allowed in flight for one mailbox now.</summary>
        public int MailboxLimit => Volatile.Read(ref mailboxLimit);

        public int InFlight => Volatile.Read(ref inFlight);

        /// <summary>The most requests that were ever in flight at once.</summary>
        public int MaxInFlight => Volatile.Read(ref maxInFlight);

        /// <summary>The most requests that were ever in flight at once for one mailbox.</summary>
        public int MaxInFlightForOneMailbox => Volatile.Read(ref maxForOneMailbox);

        /// <summary>Requests in flight for <paramref name="mailbox"/> (a MailboxTarget's Key) now.</summary>
        public int InFlightFor(string mailbox)
        {
            lock (sync)
            {
                return perMailbox.TryGetValue(mailbox, out var count) ? count : 0;
            }
        }

        /// <summary>A slot for one request to <paramref name="mailbox"/> (a MailboxTarget's Key); disposing it gives it back.</summary>
        public Task<IDisposable> EnterAsync(string mailbox, CancellationToken cancellationToken)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                return Canceled(cancellationToken);
            }

            LinkedListNode<Waiter> node;
            lock (sync)
            {
                // No waiter may go while a slot is free (Release hands each on), so this one takes no one's turn.
                if (free > 0 && MayEnter(mailbox))
                {
                    return Task.FromResult<IDisposable>(Take(mailbox));
                }

                // Completed synchronously by the thread that frees a slot: the waiter's request goes out from there.
                node = waiters.AddLast(new Waiter(mailbox));
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
                        node.Value.Slot.TrySetCanceled(cancellationToken);
                    }
                });
                node.Value.Slot.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            return node.Value.Slot.Task;
        }

        /// <summary>
        /// After ErrorExceededConnectionCount for <paramref name="mailbox"/>: when other requests for that mailbox were in
        /// flight, its budget is what refused, and each mailbox may have one fewer than were in flight for it; when none
        /// were, the server counts more than one mailbox's requests, and one slot goes from the bound in all. Neither goes
        /// below one. Returns what was lowered, or null when both are at one already.
        /// </summary>
        public GateLowering? Lower(string mailbox)
        {
            lock (sync)
            {
                var others = perMailbox.TryGetValue(mailbox, out var count) ? count : 0;
                if (others > 0 && mailboxLimit > 1)
                {
                    mailboxLimit = Math.Min(mailboxLimit - 1, others);
                    return GateLowering.PerMailbox;
                }

                if (limit <= 1)
                {
                    return null;
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

                return GateLowering.InAll;
            }
        }

        private static Task<IDisposable> Canceled(CancellationToken cancellationToken)
        {
            var canceled = new TaskCompletionSource<IDisposable>();
            canceled.TrySetCanceled(cancellationToken);
            return canceled.Task;
        }

        private bool MayEnter(string mailbox) => !perMailbox.TryGetValue(mailbox, out var count) || count < mailboxLimit;

        /// <summary>Counts one request in; under the lock.</summary>
        private Slot Take(string mailbox)
        {
            free--;
            perMailbox.TryGetValue(mailbox, out var count);
            perMailbox[mailbox] = ++count;
            if (count > maxForOneMailbox)
            {
                maxForOneMailbox = count;
            }

            var now = ++inFlight;
            if (now > maxInFlight)
            {
                maxInFlight = now;
            }

            return new Slot(this, mailbox);
        }

        /// <summary>
        /// Gives a slot of <paramref name="mailbox"/> back, then lets in the waiters that may go now, oldest first (after
        /// every change under the lock no waiter may go); their slots are handed over outside the lock.
        /// </summary>
        private void Release(string mailbox)
        {
            List<(TaskCompletionSource<IDisposable> Waiter, Slot Slot)>? granted = null;
            lock (sync)
            {
                inFlight--;
                var count = perMailbox[mailbox] - 1;
                if (count == 0)
                {
                    perMailbox.Remove(mailbox);
                }
                else
                {
                    perMailbox[mailbox] = count;
                }

                if (toWithhold > 0)
                {
                    // The slot being given back is the one Lower took away.
                    toWithhold--;
                }
                else
                {
                    free++;
                }

                for (var node = waiters.First; node is not null && free > 0;)
                {
                    var next = node.Next;
                    if (MayEnter(node.Value.Mailbox))
                    {
                        waiters.Remove(node);
                        (granted ??= new List<(TaskCompletionSource<IDisposable>, Slot)>()).Add((node.Value.Slot, Take(node.Value.Mailbox)));
                    }

                    node = next;
                }
            }

            if (granted is null)
            {
                return;
            }

            foreach (var (waiter, slot) in granted)
            {
                if (!waiter.TrySetResult(slot))
                {
                    slot.Dispose();
                }
            }
        }

        private sealed class Waiter
        {
            public Waiter(string mailbox)
            {
                Mailbox = mailbox;
            }

            public string Mailbox { get; }

            public TaskCompletionSource<IDisposable> Slot { get; } = new TaskCompletionSource<IDisposable>();
        }

        private sealed class Slot : IDisposable
        {
            private readonly string mailbox;
            private ThrottleGate? gate;

            public Slot(ThrottleGate gate, string mailbox)
            {
                this.gate = gate;
                this.mailbox = mailbox;
            }

            public void Dispose() => Interlocked.Exchange(ref gate, null)?.Release(mailbox);
        }
    }
}
