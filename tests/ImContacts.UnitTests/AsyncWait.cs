namespace ImContacts.UnitTests;

/// <summary>Waits of the tests' rows: awaited, as a row's requests are, so that a waiting row holds no thread.</summary>
internal static class AsyncWait
{
    /// <summary>True when <paramref name="task"/> ended within <paramref name="timeout"/> (a row that waits for another: false fails the test).</summary>
    public static async Task<bool> Within(this Task task, TimeSpan timeout) => await Task.WhenAny(task, Task.Delay(timeout)).ConfigureAwait(false) == task;

    /// <summary>A signal that wakes its waiters on other threads, not inline in the signalling row.</summary>
    public static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
