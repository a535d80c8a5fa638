using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>Monotonic time and real timers.</summary>
    internal sealed class SystemRetryClock : IRetryClock
    {
        private readonly Stopwatch stopwatch = Stopwatch.StartNew();

        public TimeSpan Elapsed => stopwatch.Elapsed;

        public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, cancellationToken);
    }
}
