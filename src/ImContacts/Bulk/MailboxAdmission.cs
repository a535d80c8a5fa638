using System;
using System.Collections.Generic;

namespace ImContacts.Bulk
{
    /// <summary>
    /// The rows running for each mailbox, bounded by what the mailbox may have in flight (ThrottleGate.MailboxLimit):
    /// a row has one request at a time, so a mailbox's rows past its bound would only block workers on the gate. A row
    /// past the bound waits here, in input order for its mailbox, and is admitted when one of the mailbox's runs ends.
    /// </summary>
    internal sealed class MailboxAdmission
    {
        private readonly object sync = new object();
        private readonly Func<int>? limit;
        private readonly Dictionary<string, int> running = new Dictionary<string, int>(StringComparer.Ordinal);
        private readonly Dictionary<string, Queue<BulkRow>> waiting = new Dictionary<string, Queue<BulkRow>>(StringComparer.Ordinal);

        /// <param name="limit">Rows that may run at once for one mailbox, asked each time; null: no bound.</param>
        public MailboxAdmission(Func<int>? limit)
        {
            this.limit = limit;
        }

        /// <summary>
        /// True, counting it in, when <paramref name="row"/> may run now; else it waits for its mailbox. Always true for a
        /// row that runs alone (the bound is one at least).
        /// </summary>
        public bool TryEnter(BulkRow row)
        {
            if (limit is null || row.Mailbox is not { } mailbox)
            {
                return true;
            }

            lock (sync)
            {
                var now = Running(mailbox);
                if (now < Math.Max(1, limit()) && !waiting.ContainsKey(mailbox))
                {
                    running[mailbox] = now + 1;
                    return true;
                }

                if (!waiting.TryGetValue(mailbox, out var queue))
                {
                    waiting[mailbox] = queue = new Queue<BulkRow>();
                }

                queue.Enqueue(row);
                return false;
            }
        }

        /// <summary>A run of <paramref name="row"/> ended (done or parked): the next row waiting for its mailbox, counted in, or null.</summary>
        public BulkRow? Leave(BulkRow row)
        {
            if (limit is null || row.Mailbox is not { } mailbox)
            {
                return null;
            }

            lock (sync)
            {
                var now = Running(mailbox) - 1;
                if (waiting.TryGetValue(mailbox, out var queue) && now < Math.Max(1, limit()))
                {
                    var next = queue.Dequeue();
                    if (queue.Count == 0)
                    {
                        waiting.Remove(mailbox);
                    }

                    running[mailbox] = now + 1;
                    return next;
                }

                if (now == 0)
                {
                    running.Remove(mailbox);
                }
                else
                {
                    running[mailbox] = now;
                }

                return null;
            }
        }

        private int Running(string mailbox) => running.TryGetValue(mailbox, out var count) ? count : 0;
    }
}
