using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace ImContacts.Bulk
{
    /// <summary>
    /// One pipeline input on its way through the runner: its work, the keys it must not share with an unfinished earlier
    /// row, and the writes it leaves for the pipeline thread, kept in the order it made them. Its work may run more than
    /// once: a run that finds the groups its change saves, or the list it needs, claimed by another row parks and starts
    /// over later.
    /// </summary>
    internal sealed class BulkRow
    {
        // Posted by the row's work, one step after another, and run by the pipeline thread once the row is finished. A
        // list under a lock: a ConcurrentQueue's first segment was most of what a row itself allocated.
        private readonly List<Action> writes = new List<Action>();
        private readonly ManualResetEventSlim finished = new ManualResetEventSlim(false);

        /// <param name="keys">See <see cref="Keys"/>.</param>
        /// <param name="work">The row's work; it may run more than once (see Claim).</param>
        /// <param name="mailbox">The Key of the mailbox whose list the row works on (its requests' budget); null for none.</param>
        public BulkRow(IReadOnlyCollection<string> keys, Func<BulkRow, Task> work, string? mailbox = null)
        {
            Keys = keys;
            Work = work;
            Mailbox = mailbox;
        }

        /// <summary>The mailbox the row's requests go to (a MailboxTarget's Key): rows running for one mailbox are bounded.</summary>
        public string? Mailbox { get; }

        /// <summary>What the row touches (a mailbox's contact or group): rows sharing a key run one after the other, in input order.</summary>
        public IReadOnlyCollection<string> Keys { get; }

        /// <summary>The row's work: it awaits its requests, holding no thread meanwhile.</summary>
        public Func<BulkRow, Task> Work { get; }

        /// <summary>True once the row wrote an error record.</summary>
        public bool Failed { get; set; }

        public bool IsFinished => finished.IsSet;

        /// <summary>An exception the work did not handle: rethrown on the pipeline thread when the row's turn comes.</summary>
        public Exception? Crash { get; private set; }

        /// <summary>Later rows sharing a key with this one, queued once it is done (guarded by the runner).</summary>
        internal List<BulkRow> Dependents { get; } = new List<BulkRow>();

        /// <summary>Earlier rows sharing a key that are not done yet (guarded by the runner); the row is queued at 0.</summary>
        internal int Pending { get; set; }

        /// <summary>Whether the row's work ran to its end (guarded by the runner, unlike IsFinished).</summary>
        internal bool Done { get; set; }

        /// <summary>The claims of the run this row belongs to; set when it is submitted.</summary>
        internal WriteClaims? Claims { get; set; }

        /// <summary>The key the last run parked on; null when it did not park.</summary>
        internal string? ParkedOn { get; set; }

        /// <summary>Keys whose release woke this row and that it has not claimed since.</summary>
        internal HashSet<string> WokenFor { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Answers already given for this row (ShouldProcess), so that a run started over does not ask again.</summary>
        internal Dictionary<string, bool> Answers { get; } = new Dictionary<string, bool>(StringComparer.Ordinal);

        /// <summary>
        /// Claims the groups the row's next request saves, or its list read (all or none), or parks the row: its work
        /// unwinds and runs again once they are free. Claims last until the run ends.
        /// </summary>
        public void Claim(IReadOnlyCollection<string> keys)
        {
            if (Claims is null || keys.Count == 0)
            {
                return;
            }

            if (!Claims.TryClaim(this, keys, out var busy))
            {
                throw new RowParkedException(busy!);
            }

            WokenFor.ExceptWith(keys);
        }

        /// <summary>Queues a write for the pipeline thread; it runs when every earlier row's writes have run.</summary>
        public void Post(Action write)
        {
            lock (writes)
            {
                writes.Add(write);
            }
        }

        internal async Task RunAsync(CancellationToken cancellationToken)
        {
            ParkedOn = null;
            try
            {
                cancellationToken.ThrowIfCancellationRequested();
                await Work(this).ConfigureAwait(false);
            }
            catch (RowParkedException parked)
            {
                ParkedOn = parked.BusyKey;
            }
            catch (Exception ex)
            {
                Crash = ex;
            }
            finally
            {
                if (ParkedOn is null)
                {
                    finished.Set();
                }
            }
        }

        internal void Flush()
        {
            // By index, under the lock each time: a write may post another, which runs after it.
            for (var next = 0; ; next++)
            {
                Action write;
                lock (writes)
                {
                    if (next == writes.Count)
                    {
                        writes.Clear();
                        break;
                    }

                    write = writes[next];
                }

                write();
            }

            finished.Dispose();
        }
    }
}
