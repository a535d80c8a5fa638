using System.Collections.Generic;
using ImContacts.Model;

namespace ImContacts.Lists
{
    /// <summary>
    /// Sync-ImContactList's desired-state rows, piped or from a file, gathered per mailbox in the order mailboxes first
    /// appear; with -Partition, only the mailboxes of this run's part (by the name results show).
    /// </summary>
    internal sealed class DesiredStateRows
    {
        private readonly Dictionary<MailboxTarget, DesiredList> lists = new Dictionary<MailboxTarget, DesiredList>();
        private readonly List<DesiredList> order = new List<DesiredList>();

        public DesiredStateRows(MailboxPartition? partition)
        {
            Partition = partition;
        }

        public MailboxPartition? Partition { get; }

        /// <summary>Rows left to the other parts' runs.</summary>
        public int OtherParts { get; private set; }

        /// <summary>The lists gathered so far, in the order their mailboxes first appeared.</summary>
        public IReadOnlyList<DesiredList> InOrder => order;

        /// <summary>Whether a row for <paramref name="mailbox"/> belongs to this run's part; the others are counted.</summary>
        public bool InPart(MailboxTarget mailbox)
        {
            if (Partition is null || Partition.Contains(mailbox.Name))
            {
                return true;
            }

            OtherParts++;
            return false;
        }

        /// <summary>The mailbox's desired list, begun now if none was.</summary>
        public DesiredList For(MailboxTarget mailbox)
        {
            if (!lists.TryGetValue(mailbox, out var desired))
            {
                desired = new DesiredList(mailbox);
                lists.Add(mailbox, desired);
                order.Add(desired);
            }

            return desired;
        }
    }
}
