using System;
using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Bulk
{
    /// <summary>One GetImItems request's worth of ids for one mailbox.</summary>
    internal sealed class ImItemRequest
    {
        public ImItemRequest(MailboxTarget mailbox, IReadOnlyList<ItemId> contactIds, IReadOnlyList<ItemId> groupIds)
        {
            Mailbox = mailbox;
            ContactIds = contactIds;
            GroupIds = groupIds;
        }

        public MailboxTarget Mailbox { get; }

        public IReadOnlyList<ItemId> ContactIds { get; }

        public IReadOnlyList<ItemId> GroupIds { get; }
    }

    /// <summary>
    /// Gathers ids from a whole pipeline so they go out as one GetImItems per mailbox (split into chunks when very many),
    /// not one request per id. Ids are de-duplicated by Id; mailboxes and ids keep their first-seen order.
    /// </summary>
    internal sealed class ImItemRequestBatcher
    {
        /// <summary>Ids per request: a full IM list (1,000 contacts, 67 groups) takes three requests.</summary>
        public const int DefaultMaxIdsPerRequest = 500;

        private readonly int maxIdsPerRequest;
        private readonly List<MailboxIds> mailboxes = new List<MailboxIds>();
        private readonly Dictionary<string, MailboxIds> byMailbox = new Dictionary<string, MailboxIds>(StringComparer.Ordinal);

        public ImItemRequestBatcher(int maxIdsPerRequest = DefaultMaxIdsPerRequest)
        {
            if (maxIdsPerRequest < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(maxIdsPerRequest));
            }

            this.maxIdsPerRequest = maxIdsPerRequest;
        }

        public bool IsEmpty => mailboxes.Count == 0;

        public void Add(MailboxTarget mailbox, IEnumerable<ItemId> contactIds, IEnumerable<ItemId> groupIds)
        {
            var key = mailbox.Key;
            if (!byMailbox.TryGetValue(key, out var ids))
            {
                ids = new MailboxIds(mailbox);
                byMailbox.Add(key, ids);
                mailboxes.Add(ids);
            }

            ids.Contacts.AddRange(contactIds);
            ids.Groups.AddRange(groupIds);
        }

        public IEnumerable<ImItemRequest> Requests()
        {
            foreach (var ids in mailboxes)
            {
                var contacts = ids.Contacts.Distinct().ToList();
                var groups = ids.Groups.Distinct().ToList();
                for (var start = 0; start < contacts.Count + groups.Count; start += maxIdsPerRequest)
                {
                    var end = Math.Min(start + maxIdsPerRequest, contacts.Count + groups.Count);
                    yield return new ImItemRequest(
                        ids.Mailbox,
                        Slice(contacts, start, end),
                        Slice(groups, start - contacts.Count, end - contacts.Count));
                }
            }
        }

        // Ids are numbered contacts first, then groups; a chunk is the range [start, end) of that numbering.
        private static IReadOnlyList<ItemId> Slice(List<ItemId> ids, int start, int end)
        {
            start = Math.Max(start, 0);
            end = Math.Min(end, ids.Count);
            return end > start ? ids.GetRange(start, end - start) : (IReadOnlyList<ItemId>)Array.Empty<ItemId>();
        }

        private sealed class MailboxIds
        {
            public MailboxIds(MailboxTarget mailbox)
            {
                Mailbox = mailbox;
            }

            public MailboxTarget Mailbox { get; }

            public List<ItemId> Contacts { get; } = new List<ItemId>();

            public List<ItemId> Groups { get; } = new List<ItemId>();
        }
    }
}
