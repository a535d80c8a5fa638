using System;
using System.Collections.Generic;
using ImContacts.Model;

namespace ImContacts.Bulk
{
    /// <summary>
    /// The group items (PDLs) that rows' requests in flight will save. The server saves a group with no conflict
    /// resolution, so two requests in flight that save the same group would see one refused (protocol reference §12): a
    /// row claims what its request saves before sending it, and a row whose claim is taken waits, parked, without a worker.
    /// A row reading a mailbox's list claims that read the same way (<see cref="ListRead"/>).
    /// </summary>
    internal sealed class WriteClaims
    {
        private const string ListReadPrefix = "list read: ";

        private readonly object sync = new object();
        private readonly Dictionary<string, BulkRow> held = new Dictionary<string, BulkRow>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, Queue<BulkRow>> waiting = new Dictionary<string, Queue<BulkRow>>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The key a row claims while it reads a mailbox's list, so that other rows needing that list park instead of
        /// holding a worker while they wait. Its release wakes every waiter: each only needed the list to be there.
        /// </summary>
        public static string ListRead(MailboxTarget mailbox) => ListReadPrefix + mailbox.Key;

        /// <summary>Claims every key for <paramref name="row"/>, or none; <paramref name="busy"/> is a key someone else holds.</summary>
        public bool TryClaim(BulkRow row, IReadOnlyCollection<string> keys, out string? busy)
        {
            lock (sync)
            {
                foreach (var key in keys)
                {
                    if (held.TryGetValue(key, out var holder) && !ReferenceEquals(holder, row))
                    {
                        busy = key;
                        return false;
                    }
                }

                foreach (var key in keys)
                {
                    held[key] = row;
                }

                busy = null;
                return true;
            }
        }

        /// <summary>
        /// Parks <paramref name="row"/> until <paramref name="key"/> is released; false when it already was, and the row
        /// may run again at once.
        /// </summary>
        public bool Park(BulkRow row, string key)
        {
            lock (sync)
            {
                if (!held.ContainsKey(key))
                {
                    return false;
                }

                if (!waiting.TryGetValue(key, out var queue))
                {
                    waiting[key] = queue = new Queue<BulkRow>();
                }

                queue.Enqueue(row);
                return true;
            }
        }

        /// <summary>Releases what <paramref name="row"/> holds; returns the rows to run again: the first waiter of each key, every waiter of a list read.</summary>
        public IReadOnlyList<BulkRow> Release(BulkRow row)
        {
            var woken = new List<BulkRow>();
            lock (sync)
            {
                var keys = new List<string>();
                foreach (var pair in held)
                {
                    if (ReferenceEquals(pair.Value, row))
                    {
                        keys.Add(pair.Key);
                    }
                }

                foreach (var key in keys)
                {
                    held.Remove(key);
                    Wake(key, woken);
                }
            }

            return woken;
        }

        /// <summary>
        /// For a row that ran again after a wake-up and ended or parked elsewhere without claiming the key it was woken for:
        /// the next waiter of each such key gets its turn, so no parked row is forgotten.
        /// </summary>
        public IReadOnlyList<BulkRow> PassOn(IEnumerable<string> wokenFor)
        {
            var woken = new List<BulkRow>();
            lock (sync)
            {
                foreach (var key in wokenFor)
                {
                    if (!held.ContainsKey(key))
                    {
                        Wake(key, woken);
                    }
                }
            }

            return woken;
        }

        private void Wake(string key, List<BulkRow> woken)
        {
            if (waiting.TryGetValue(key, out var queue))
            {
                var all = key.StartsWith(ListReadPrefix, StringComparison.Ordinal);
                do
                {
                    var next = queue.Dequeue();
                    next.WokenFor.Add(key);
                    woken.Add(next);
                }
                while (all && queue.Count > 0);

                if (queue.Count == 0)
                {
                    waiting.Remove(key);
                }
            }
        }
    }
}
