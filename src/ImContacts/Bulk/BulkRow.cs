using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;

namespace ImContacts.Bulk
{
    /// <summary>
    /// One pipeline input on its way through the runner: its work, the keys it must not share with an unfinished earlier
    /// row, and the writes it leaves for the pipeline thread, kept in the order it made them.
    /// </summary>
    internal sealed class BulkRow
    {
        private readonly ConcurrentQueue<Action> writes = new ConcurrentQueue<Action>();
        private readonly ManualResetEventSlim finished = new ManualResetEventSlim(false);

        public BulkRow(IReadOnlyCollection<string> keys, Action<BulkRow> work)
        {
            Keys = keys;
            Work = work;
        }

        /// <summary>What the row touches (a mailbox's contact or group): rows sharing a key run one after the other, in input order.</summary>
        public IReadOnlyCollection<string> Keys { get; }

        public Action<BulkRow> Work { get; }

        /// <summary>True once the row wrote an error record.</summary>
        public bool Failed { get; set; }

        public bool IsFinished => finished.IsSet;

        /// <summary>An exception the work did not handle: rethrown on the pipeline thread when the row's turn comes.</summary>
        public Exception? Crash { get; private set; }

        internal List<BulkRow> WaitsFor { get; } = new List<BulkRow>();

        /// <summary>Queues a write for the pipeline thread; it runs when every earlier row's writes have run.</summary>
        public void Post(Action write) => writes.Enqueue(write);

        internal void Run(CancellationToken cancellationToken)
        {
            try
            {
                foreach (var earlier in WaitsFor)
                {
                    earlier.finished.Wait(cancellationToken);
                }

                Work(this);
            }
            catch (Exception ex)
            {
                Crash = ex;
            }
            finally
            {
                WaitsFor.Clear();
                finished.Set();
            }
        }

        internal void Flush()
        {
            while (writes.TryDequeue(out var write))
            {
                write();
            }

            finished.Dispose();
        }
    }
}
