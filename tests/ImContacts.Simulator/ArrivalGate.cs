namespace ImContacts.Simulator;

/// <summary>
/// Holds requests after they arrive (and have bound the groups they will save) until a test lets them go, so that
/// writes overlap, or save in a chosen order, for certain rather than by the timing of a loaded machine.
/// Open unless closed; <see cref="Open"/> lets every held request go and stops holding.
/// </summary>
public sealed class ArrivalGate
{
    private readonly object sync = new();
    private readonly List<TaskCompletionSource> held = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> watchers = new();
    private bool closed;
    private int arrived;

    /// <summary>Holds every request that arrives from now on; the count of arrivals starts again at zero.</summary>
    public void Close()
    {
        lock (sync)
        {
            closed = true;
            arrived = 0;
        }
    }

    /// <summary>Lets the request that arrived first among those held go on.</summary>
    public void ReleaseNext()
    {
        TaskCompletionSource next;
        lock (sync)
        {
            next = held.Count > 0 ? held[0] : throw new InvalidOperationException("No request is held.");
            held.RemoveAt(0);
        }

        next.TrySetResult();
    }

    /// <summary>Lets every held request go on and holds no more.</summary>
    public void Open()
    {
        TaskCompletionSource[] all;
        lock (sync)
        {
            closed = false;
            all = held.ToArray();
            held.Clear();
        }

        foreach (var request in all)
        {
            request.TrySetResult();
        }
    }

    /// <summary>Completes once <paramref name="count"/> requests have arrived since <see cref="Close"/>.</summary>
    public Task ArrivedAsync(int count)
    {
        lock (sync)
        {
            if (arrived >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            watchers.Add((count, reached));
            return reached.Task;
        }
    }

    /// <summary>
    /// Called by the server for each request once it has bound its groups: returns when the request may go on. A request
    /// whose client gives up leaves the held ones (it still counts as arrived), so the next release reaches a live one.
    /// </summary>
    internal async Task PassAsync(CancellationToken aborted)
    {
        TaskCompletionSource pass;
        List<TaskCompletionSource> reached;
        lock (sync)
        {
            if (!closed)
            {
                return;
            }

            pass = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            held.Add(pass);
            arrived++;
            reached = watchers.Where(w => w.Count <= arrived).Select(w => w.Reached).ToList();
            watchers.RemoveAll(w => w.Count <= arrived);
        }

        foreach (var watcher in reached)
        {
            watcher.TrySetResult();
        }

        using var leave = aborted.Register(() =>
        {
            lock (sync)
            {
                held.Remove(pass);
            }
        });
        await pass.Task.WaitAsync(aborted).ConfigureAwait(false);
    }
}
