using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The IM lists one pipeline works on: each mailbox's list is read once, on first need, and reused by every later row.
    /// A permanent failure to read it (no such mailbox, no impersonation right) is remembered, so the rows of that mailbox
    /// each fail with it without another request; a transient one is tried again by the next row.
    /// </summary>
    /// <remarks>
    /// Rows running at once share the lists under one lock, <see cref="Sync"/>, which they hold while they work on a
    /// list and let go of while a request is in flight; every member is called with it held.
    /// </remarks>
    internal sealed class ImListCache
    {
        /// <summary>Lists always kept, however large: the most recently used.</summary>
        public const int MaxLists = 64;

        /// <summary>
        /// Groups and contacts kept in all beyond those 64 lists: a run over 50,000 mailboxes must not keep 50,000 lists,
        /// but rows interleaved across a few hundred mailboxes must not read each list again for every row either.
        /// </summary>
        public const int MaxItems = 25000;

        private readonly Dictionary<string, ImListState> lists = new Dictionary<string, ImListState>(StringComparer.Ordinal);
        private readonly LinkedList<string> recency = new LinkedList<string>();

        // Each list's place in the recency order, so that marking it used costs the same with 50,000 lists as with one.
        private readonly Dictionary<string, LinkedListNode<string>> places = new Dictionary<string, LinkedListNode<string>>(StringComparer.Ordinal);
        private readonly Dictionary<string, ExceptionDispatchInfo> failures = new Dictionary<string, ExceptionDispatchInfo>(StringComparer.Ordinal);

        // What one row is making (a list read, a group created), and how the others wanting it hear that it is done.
        private readonly Dictionary<string, TaskCompletionSource<bool>> busy = new Dictionary<string, TaskCompletionSource<bool>>(StringComparer.OrdinalIgnoreCase);

        private readonly Dictionary<string, int> sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        private int items;

        public ListsLock Sync { get; } = new ListsLock();

        /// <summary>How many lists were read from the server.</summary>
        public int Reads { get; private set; }

        /// <summary>Whether the mailbox's list is kept (read, and not forgotten since).</summary>
        public bool Holds(MailboxTarget mailbox)
        {
            CheckHeld();
            return lists.ContainsKey(mailbox.Key);
        }

        /// <summary>The mailbox's list; <paramref name="read"/> reads it when no row has yet, and other rows wait for that read.</summary>
        public async Task<ImListState> GetAsync(MailboxTarget mailbox, Func<Task<ImItemList>> read)
        {
            var key = mailbox.Key;
            var state = (await OnceAsync<ImListState>("list:" + key, () => lists.TryGetValue(key, out var known) ? known : null, async () =>
            {
                if (failures.TryGetValue(key, out var failure))
                {
                    failure.Throw();
                }

                try
                {
                    Reads++;
                    var fresh = new ImListState(await read().ConfigureAwait(false), mailbox);
                    lists[key] = fresh;

                    // Counted as read: rows change the list afterwards, and eviction takes off what was added.
                    sizes[key] = Size(fresh);
                    items += sizes[key];
                    return fresh;
                }
                catch (EwsException ex) when (!ex.IsTransient)
                {
                    failures[key] = ExceptionDispatchInfo.Capture(ex);
                    throw;
                }
            }).ConfigureAwait(false))!;
            Touch(key);
            return state;
        }

        /// <summary>
        /// Forgets the mailbox's list (Sync- and Import-ImContactList: one row per mailbox, which is done with it), so that
        /// a run over thousands of mailboxes keeps only the lists being worked on. Call holding <see cref="Sync"/>.
        /// </summary>
        public void Forget(MailboxTarget mailbox)
        {
            var key = mailbox.Key;
            if (lists.Remove(key) && sizes.TryGetValue(key, out var size))
            {
                items -= size;
                sizes.Remove(key);
            }

            if (places.TryGetValue(key, out var place))
            {
                recency.Remove(place);
                places.Remove(key);
            }
        }

        /// <summary>
        /// Marks the list as just used and, beyond <see cref="MaxLists"/> lists and <see cref="MaxItems"/> groups and
        /// contacts, forgets the least recently used: a mailbox that comes back after that reads its list again, as it is on
        /// the server then.
        /// </summary>
        private void Touch(string key)
        {
            if (places.TryGetValue(key, out var place))
            {
                if (place == recency.First)
                {
                    return;
                }

                recency.Remove(place);
                recency.AddFirst(place);
            }
            else
            {
                places[key] = recency.AddFirst(key);
            }

            while (recency.Count > MaxLists && items > MaxItems)
            {
                var oldest = recency.Last!.Value;
                if (lists.Remove(oldest) && sizes.TryGetValue(oldest, out var size))
                {
                    items -= size;
                    sizes.Remove(oldest);
                }

                places.Remove(oldest);
                recency.RemoveLast();
            }
        }

        private static int Size(ImListState list) => list.Groups.Count + list.ContactCount;

        /// <summary>
        /// <paramref name="find"/>'s answer, or else <paramref name="make"/>'s, made by one row while the others with the same
        /// key wait (letting go of the lock) and then look again: one read per list, one request per group created. Null
        /// when make declined.
        /// </summary>
        public async Task<T?> OnceAsync<T>(string key, Func<T?> find, Func<Task<T?>> make)
            where T : class
        {
            CheckHeld();
            while (true)
            {
                if (find() is { } found)
                {
                    return found;
                }

                if (!busy.TryGetValue(key, out var making))
                {
                    break;
                }

                Sync.Exit();
                try
                {
                    await making.Task.ConfigureAwait(false);
                }
                finally
                {
                    await Sync.EnterAsync().ConfigureAwait(false);
                }
            }

            var made = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            busy.Add(key, made);
            try
            {
                return await make().ConfigureAwait(false);
            }
            finally
            {
                busy.Remove(key);
                made.SetResult(true);
            }
        }

        private void CheckHeld()
        {
            if (!Sync.IsHeld)
            {
                throw new InvalidOperationException("The IM lists are used without holding their lock.");
            }
        }
    }
}
