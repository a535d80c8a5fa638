using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Commands
{
    /// <summary>
    /// Runs asynchronous work on the thread pool while the pipeline thread writes the messages the work posts, as they
    /// arrive: PowerShell streams may only be written from the pipeline thread, and a device code must show at once.
    /// </summary>
    internal sealed class PipelineMessages
    {
        private readonly BlockingCollection<Action> pending = new BlockingCollection<Action>();
        private readonly CancellationToken cancellation;

        /// <param name="cancellation">The invocation's: when it cancels the work, Run throws PipelineStoppedException.</param>
        public PipelineMessages(CancellationToken cancellation)
        {
            this.cancellation = cancellation;
        }

        /// <summary>Queues <paramref name="write"/> for the pipeline thread; callable from any thread.</summary>
        public void Post(Action write)
        {
            try
            {
                pending.Add(write);
            }
            catch (InvalidOperationException)
            {
                // The work has finished; a late message has no one to show it to.
            }
        }

        /// <summary>Runs <paramref name="work"/>, writing its messages meanwhile; returns its result or throws its exception.</summary>
        public T Run<T>(Func<Task<T>> work)
        {
            var task = Task.Run(work);
            task.ContinueWith(_ => pending.CompleteAdding(), TaskScheduler.Default);
            foreach (var write in pending.GetConsumingEnumerable())
            {
                write();
            }

            return PipelineStop.When(cancellation, () => task.GetAwaiter().GetResult());
        }
    }
}
