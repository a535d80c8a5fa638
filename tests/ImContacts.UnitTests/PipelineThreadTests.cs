using ImContacts.Bulk;
using Xunit;

namespace ImContacts.UnitTests;

/// <summary>The one way work reaches the pipeline thread: posted, or asked and answered there.</summary>
public sealed class PipelineThreadTests
{
    [Fact]
    public async Task A_question_from_another_thread_is_answered_on_the_pipeline_thread()
    {
        var pipeline = new PipelineThread();
        var here = Environment.CurrentManagedThreadId;
        var asked = OnAnotherThread(() => pipeline.Ask(() => Environment.CurrentManagedThreadId, CancellationToken.None));

        for (var i = 0; i < 100 && !asked.IsCompleted; i++)
        {
            pipeline.RunNext(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        Assert.Equal(here, pipeline.Ask(() => Environment.CurrentManagedThreadId, CancellationToken.None));
        Assert.Equal(here, await asked);
    }

    [Fact]
    public async Task The_questions_exception_reaches_the_asker_as_it_was()
    {
        var pipeline = new PipelineThread();
        var asked = OnAnotherThread(() => pipeline.Ask<int>(() => throw new ArgumentException("-Name 'x' is not a name."), CancellationToken.None));

        for (var i = 0; i < 100 && !asked.IsCompleted; i++)
        {
            try
            {
                pipeline.RunNext(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            }
            catch (ArgumentException)
            {
                // Thrown on the pipeline thread as well, as a failing WriteObject would be.
            }
        }

        var error = await Assert.ThrowsAsync<ArgumentException>(() => asked);
        Assert.Equal("-Name 'x' is not a name.", error.Message);
    }

    [Fact]
    public async Task A_cancelled_wait_for_an_answer_ends_without_one()
    {
        var pipeline = new PipelineThread();
        using var cancellation = new CancellationTokenSource();
        var asked = OnAnotherThread(() => pipeline.Ask(() => 1, cancellation.Token));
        cancellation.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => asked);
    }

    // A thread of its own: a pool thread could be the test's own, which is the pipeline thread.
    private static Task<T> OnAnotherThread<T>(Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        new Thread(() =>
        {
            try
            {
                done.SetResult(work());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        }) { IsBackground = true }.Start();
        return done.Task;
    }

    [Fact]
    public void RunUntil_writes_what_the_work_posted_in_order_and_refuses_what_comes_after()
    {
        var pipeline = new PipelineThread();
        var written = new List<(string Text, int Thread)>();
        var result = pipeline.RunUntil(Task.Run(async () =>
        {
            for (var i = 0; i < 5; i++)
            {
                var text = "line " + i;
                pipeline.Post(() => written.Add((text, Environment.CurrentManagedThreadId)));
                await Task.Yield();
            }

            return 42;
        }));

        Assert.Equal(42, result);
        Assert.Equal(Enumerable.Range(0, 5).Select(i => "line " + i), written.Select(w => w.Text));
        Assert.All(written, w => Assert.Equal(Environment.CurrentManagedThreadId, w.Thread));
        Assert.False(pipeline.Post(() => written.Add(("late", 0))));
    }

    [Fact]
    public void RunUntil_throws_the_works_own_exception()
    {
        var pipeline = new PipelineThread();

        var error = Assert.Throws<InvalidOperationException>(() => pipeline.RunUntil(Task.FromException<int>(new InvalidOperationException("refused"))));

        Assert.Equal("refused", error.Message);
    }
}
