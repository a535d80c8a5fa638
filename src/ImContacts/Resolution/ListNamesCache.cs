using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// The group names and IM addresses of a mailbox's list, for tab completion: read once in the background and kept
    /// briefly, so that pressing Tab never waits on the server for longer than <see cref="Patience"/>. A read that takes
    /// longer still finishes, and the next Tab has its names.
    /// </summary>
    internal sealed class ListNamesCache
    {
        private readonly ConcurrentDictionary<string, Entry> entries = new ConcurrentDictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        private readonly Func<DateTimeOffset> now;

        public ListNamesCache(TimeSpan freshFor, TimeSpan patience, Func<DateTimeOffset>? now = null)
        {
            FreshFor = freshFor;
            Patience = patience;
            this.now = now ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The session's cache: names stay two minutes; Tab waits at most a second.</summary>
        public static ListNamesCache Shared { get; } = new ListNamesCache(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(1));

        /// <summary>How long a list read serves completions before it is read again.</summary>
        public TimeSpan FreshFor { get; }

        /// <summary>How long a completion waits for a read under way.</summary>
        public TimeSpan Patience { get; }

        /// <summary>
        /// The names of <paramref name="mailbox"/>'s list on <paramref name="client"/>;
        /// null when they are not at hand within <see cref="Patience"/> or the read failed.
        /// </summary>
        public ListNames? Get(EwsClient client, string connectionKey, MailboxTarget mailbox)
        {
            var key = connectionKey + "|" + mailbox.Key;
            var at = now();
            var entry = entries.AddOrUpdate(
                key,
                _ => Start(client, mailbox, at),
                (_, old) => old.IsStale(at, FreshFor) ? Start(client, mailbox, at) : old);
            try
            {
                return entry.Read.Wait(Patience) && entry.Read.Status == TaskStatus.RanToCompletion ? entry.Read.Result : null;
            }
            catch (AggregateException)
            {
                // A failed read completes nothing; it is tried again once stale.
                return null;
            }
        }

        private static Entry Start(EwsClient client, MailboxTarget mailbox, DateTimeOffset at)
        {
            var read = Task.Run(async () =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var list = await client.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), mailbox, timeout.Token).ConfigureAwait(false);
                return new ListNames(list.Value);
            });
            return new Entry(read, at);
        }

        private sealed class Entry
        {
            // A failed read is tried again after this, not at every Tab.
            private static readonly TimeSpan RetryFailedAfter = TimeSpan.FromSeconds(10);

            public Entry(Task<ListNames> read, DateTimeOffset startedAt)
            {
                Read = read;
                StartedAt = startedAt;
            }

            public Task<ListNames> Read { get; }

            public DateTimeOffset StartedAt { get; }

            public bool IsStale(DateTimeOffset at, TimeSpan freshFor) =>
                Read.IsCompleted && at - StartedAt >= (Read.Status == TaskStatus.RanToCompletion ? freshFor : RetryFailedAfter);
        }
    }

    /// <summary>What tab completion offers from one list: its groups and its contacts.</summary>
    internal sealed class ListNames
    {
        public ListNames(ImItemList list)
        {
            Groups = list.Groups;
            Contacts = list.Personas.Where(p => !string.IsNullOrEmpty(p.ImAddress)).ToList();
        }

        public IReadOnlyList<ImGroup> Groups { get; }

        public IReadOnlyList<Persona> Contacts { get; }
    }
}
