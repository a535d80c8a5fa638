using System;
using System.Management.Automation;
using System.Threading;
using ImContacts.Bulk;

namespace ImContacts.Commands
{
    /// <summary>
    /// One invocation's rows: run on worker threads (OrderedRowRunner) and written in input order, with the run's
    /// progress bar; Ctrl+C ends every wait as a stopped pipeline. Only the pipeline thread calls it, Ask aside.
    /// </summary>
    internal sealed class RowQueue : IDisposable
    {
        private readonly OrderedRowRunner runner;
        private readonly RowProgress progress;
        private readonly CancellationToken cancellation;

        /// <summary>
        /// Rows for <paramref name="requests"/> requests in flight at once: one at a time for 1, else twice as many rows as
        /// requests, so that rows waiting out a back-off leave their request slots to others.
        /// </summary>
        public RowQueue(PSCmdlet cmdlet, int requests, ThrottledEwsCaller caller, CancellationToken cancellation)
        {
            this.cancellation = cancellation;
            runner = requests == 1
                ? new OrderedRowRunner(1, 1, cancellation)
                : new OrderedRowRunner(2 * requests, Math.Max(256, 32 * requests), cancellation);
            progress = new RowProgress(cmdlet, cmdlet.MyInvocation.MyCommand.Name, runner, caller);
            runner.Tick = progress.Tick;
        }

        /// <summary>Queues a row, writing finished rows until there is room for it.</summary>
        public void Submit(BulkRow row) => PipelineStop.When(cancellation, () => runner.Submit(row));

        /// <summary>Waits for every row and writes it; ends the progress bar.</summary>
        public void Complete()
        {
            PipelineStop.When(cancellation, runner.Complete);
            progress.Complete();
        }

        /// <summary>Runs <paramref name="question"/> on the pipeline thread, from a row's worker thread.</summary>
        public T Ask<T>(Func<T> question) => runner.Ask(question);

        public void Dispose() => runner.Dispose();
    }
}
