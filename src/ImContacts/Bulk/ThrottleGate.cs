using System;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Bounds the requests in flight on one connection. The bound starts at -ThrottleLimit and only goes down: each
    /// ErrorExceededConnectionCount takes one slot away for the rest of the run.
    /// </summary>
    internal sealed class ThrottleGate : IDisposable
    {
        private readonly SemaphoreSlim slots;
        private readonly object sync = new object();
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
            slots = new SemaphoreSlim(limit, limit);
        }

        /// <summary>Requests allowed in flight now.</summary>
        public int Limit => Volatile.Read(ref limit);

        public int InFlight => Volatile.Read(ref inFlight);

        /// <summary>The most requests that were ever in flight at once.</summary>
        public int MaxInFlight => Volatile.Read(ref maxInFlight);

        public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            var now = Interlocked.Increment(ref inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref maxInFlight)) && Interlocked.CompareExchange(ref maxInFlight, now, seen) != seen)
            {
            }

            return new Slot(this);
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
                toWithhold++;
                return true;
            }
        }

        public void Dispose() => slots.Dispose();

        private void Exit()
        {
            Interlocked.Decrement(ref inFlight);
            lock (sync)
            {
                if (toWithhold > 0)
                {
                    // The slot being given back is the one Lower took away.
                    toWithhold--;
                    return;
                }
            }

            slots.Release();
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
