using ImContacts.Bulk;

namespace ImContacts.UnitTests;

/// <summary>A clock that stands still until the caller waits on it; each wait is recorded and moves the clock by exactly that much.</summary>
internal sealed class ManualRetryClock : IRetryClock
{
    private readonly object sync = new();
    private readonly List<TimeSpan> waits = new();
    private TimeSpan now;

    public TimeSpan Elapsed
    {
        get
        {
            lock (sync)
            {
                return now;
            }
        }
    }

    /// <summary>The waits asked for, in order.</summary>
    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (sync)
            {
                return waits.ToList();
            }
        }
    }

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (sync)
        {
            waits.Add(delay);
            now += delay;
        }

        return Task.CompletedTask;
    }
}
