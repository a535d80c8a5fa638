using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// The one way other threads reach the pipeline thread, which alone may write a cmdlet's streams: they post work, or
    /// ask a question and wait for its answer, and the pipeline thread runs what they posted while it waits (for rows,
    /// OrderedRowRunner; for Connect-ImService's sign-in, <see cref="RunUntil"/>). Made on the pipeline thread.
    /// </summary>
    internal sealed class PipelineThread
    {
        private readonly int thread = Environment.CurrentManagedThreadId;
        private readonly BlockingFifo<Action> inbox = new BlockingFifo<Action>();

        /// <summary>Whether the caller is the pipeline thread.</summary>
        public bool IsCurrent => Environment.CurrentManagedThreadId == thread;

        /// <summary>Queues <paramref name="work"/> for the pipeline thread; false once it no longer waits (after RunUntil).</summary>
        public bool Post(Action work) => inbox.TryAdd(work);

        /// <summary>Wakes the pipeline thread's wait with nothing to run, so that it looks again at what it waits for.</summary>
        public void Nudge() => inbox.TryAdd(() => { });

        /// <summary>Wakes the pipeline thread's wait so that it sees its cancellation.</summary>
        public void Wake() => inbox.Wake();

        /// <summary>
        /// <paramref name="question"/>'s answer, asked on the pipeline thread: at once when called there, else posted and
        /// waited for until <paramref name="cancellation"/> ends the wait. The question's exception is thrown here too.
        /// </summary>
        public T Ask<T>(Func<T> question, CancellationToken cancellation)
        {
            if (IsCurrent)
            {
                return question();
            }

            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            Post(() =>
            {
                try
                {
                    answer.SetResult(question());
                }
                catch (Exception ex)
                {
                    answer.SetException(ex);
                    throw;
                }
            });
            try
            {
                answer.Task.Wait(cancellation);
            }
            catch (AggregateException ex) when (ex.InnerExceptions.Count == 1)
            {
                ExceptionDispatchInfo.Capture(ex.InnerException!).Throw();
            }

            return answer.Task.Result;
        }

        /// <summary>On the pipeline thread: runs the next posted work, waiting up to <paramref name="timeout"/>; false when none came.</summary>
        public bool RunNext(TimeSpan timeout, CancellationToken cancellation)
        {
            if (!inbox.TryTake(out var work, timeout, cancellation))
            {
                return false;
            }

            work();
            return true;
        }

        /// <summary>
        /// On the pipeline thread: runs posted work until <paramref name="task"/> ends, and what it posted before then;
        /// later posts are refused. Returns the task's result or throws its exception.
        /// </summary>
        public T RunUntil<T>(Task<T> task)
        {
            task.ContinueWith(_ => inbox.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            while (inbox.TryTake(out var work, Timeout.InfiniteTimeSpan, CancellationToken.None))
            {
                work();
            }

            return task.GetAwaiter().GetResult();
        }
    }
}
