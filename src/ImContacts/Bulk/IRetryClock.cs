using System;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// The time the retrying caller measures and waits on. The module runs on <see cref="SystemRetryClock"/>; tests use a
    /// clock that moves only when waited on, so they can check the waits asked for without sleeping.
    /// </summary>
    internal interface IRetryClock
    {
        /// <summary>Time since the clock started; only differences are meaningful.</summary>
        TimeSpan Elapsed { get; }

        /// <summary>Completes once <paramref name="delay"/> has passed on this clock, or is cancelled.</summary>
        Task Delay(TimeSpan delay, CancellationToken cancellationToken);
    }
}
