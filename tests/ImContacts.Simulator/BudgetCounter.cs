namespace ImContacts.Simulator;

/// <summary>
/// EWS requests in flight per throttling budget: an impersonated request is charged to its target mailbox's budget,
/// any other to the signed-in account's (Microsoft's "EWS throttling in Exchange", impersonation). What the tests of
/// -MailboxThrottleLimit count, and what MailboxConcurrencyLimit refuses beyond.
/// </summary>
public sealed class BudgetCounter
{
    private readonly object sync = new();
    private readonly Dictionary<string, int> inFlight = new(StringComparer.OrdinalIgnoreCase);
    private int max;

    /// <summary>The most requests in flight at once on one budget since the start or the last reset.</summary>
    public int MaxInFlight
    {
        get
        {
            lock (sync)
            {
                return max;
            }
        }
    }

    public void Reset()
    {
        lock (sync)
        {
            max = 0;
        }
    }

    /// <summary>Counts a request in on <paramref name="budget"/>; returns the requests in flight on it now, this one included.</summary>
    public int Enter(string budget)
    {
        lock (sync)
        {
            inFlight.TryGetValue(budget, out var count);
            inFlight[budget] = ++count;
            max = Math.Max(max, count);
            return count;
        }
    }

    public void Leave(string budget)
    {
        lock (sync)
        {
            var count = inFlight[budget] - 1;
            if (count == 0)
            {
                inFlight.Remove(budget);
            }
            else
            {
                inFlight[budget] = count;
            }
        }
    }
}
