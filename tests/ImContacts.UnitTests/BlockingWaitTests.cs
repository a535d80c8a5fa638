using ImContacts.Bulk;
using Xunit;

namespace ImContacts.UnitTests;

public sealed class BlockingWaitTests
{
    [Fact]
    public void Returns_the_result_of_a_task_that_completes_on_another_thread()
    {
        var answer = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var later = new Timer(_ => answer.SetResult(42), null, 50, Timeout.Infinite);
        Assert.Equal(42, BlockingWait.Result(answer.Task));
    }

    [Fact]
    public void Throws_the_task_s_own_exception_not_an_AggregateException()
    {
        var failing = Task.Run<int>(async () =>
        {
            await Task.Delay(20);
            throw new TimeoutException("no answer");
        });
        Assert.Equal("no answer", Assert.Throws<TimeoutException>(() => BlockingWait.Result(failing)).Message);
        Assert.ThrowsAny<OperationCanceledException>(() => BlockingWait.Result(Task.FromCanceled<int>(new CancellationToken(true))));
    }
}
