using System.Collections.Generic;
using System.Linq;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Lists
{
    /// <summary>
    /// What stands between a wrong input and emptied lists: a run removes at most MaxRemovals items in all, and no
    /// mailbox loses more than half of its list (at least 10 items) in one run, unless the run says -Force. An item is
    /// a membership, a user group or a distribution-group entry. Rows of several mailboxes ask at once: the budget goes
    /// to them in the order their plans are made, which with -ThrottleLimit above 1 need not be the input's.
    /// </summary>
    internal sealed class RemovalGuard
    {
        public const int DefaultMaxRemovals = 500;

        /// <summary>Below this many removals in a mailbox, the half-of-its-list rule does not apply (a list of 6 may lose 4).</summary>
        public const int HalfRuleMinimum = 10;

        private readonly object sync = new object();
        private readonly Dictionary<string, (int Size, int Removed)> mailboxes = new Dictionary<string, (int, int)>();

        public RemovalGuard(int maxRemovals, bool force)
        {
            MaxRemovals = maxRemovals;
            Force = force;
        }

        public int MaxRemovals { get; }

        public bool Force { get; }

        /// <summary>Items this run was let remove.</summary>
        public int Admitted { get; private set; }

        /// <summary>Removals held back because the run reached MaxRemovals, and the mailboxes they were in.</summary>
        public int HeldBack { get; private set; }

        public int MailboxesHeldBack { get; private set; }

        /// <summary>The items of a list that removals count against: memberships (Tagged aside), user groups, distribution-group entries.</summary>
        public static int Size(ImListState list) =>
            list.Groups.Where(g => !g.IsTagged).Sum(g => g.Members.Count) + list.Groups.Count(g => g.IsUserGroup || g.IsDistributionGroup);

        /// <summary>The items a plan removes: a removed group counts with its memberships.</summary>
        public static int Removals(ImListState list, IEnumerable<PlannedChange> plan) => plan.Sum(change => change.Action switch
        {
            ListChangeAction.RemoveMember => 1,
            ListChangeAction.RemoveGroup => 1 + (list.FindGroup(change.GroupName!)?.Members.Count ?? 0),
            ListChangeAction.RemoveDistributionGroup => 1,
            _ => 0,
        });

        /// <summary>
        /// Lets <paramref name="removals"/> items go from <paramref name="list"/>, or says why not: an ImListException
        /// (TooManyRemovalsInList: over half the list, which must not change at all without -Force; MaxRemovalsReached:
        /// the run's budget is spent). Nothing is counted for a refusal.
        /// </summary>
        public ImListException? Admit(ImListState list, int removals)
        {
            if (removals <= 0 || Force)
            {
                lock (sync)
                {
                    Admitted += removals;
                }

                return null;
            }

            lock (sync)
            {
                // The first time a mailbox removes, its size as read then is what "half" means for the whole run.
                var known = mailboxes.TryGetValue(list.Mailbox.Key, out var seen) ? seen : (Size(list), 0);
                var inMailbox = known.Item2 + removals;
                if (inMailbox >= HalfRuleMinimum && inMailbox * 2 > known.Item1)
                {
                    return new ImListException(ImListErrorKind.LimitReached, "TooManyRemovalsInList",
                        $"{list.Owner} would lose {inMailbox} of its {known.Item1} items (memberships, user groups and distribution groups) in this run, more than half of it; nothing was removed from it. "
                        + "A desired state missing most of a list is more often a truncated or filtered file than an intent: check the input, or give -Force to remove all the same.", list.Mailbox);
                }

                if (Admitted + removals > MaxRemovals)
                {
                    HeldBack += removals;
                    MailboxesHeldBack++;
                    return new ImListException(ImListErrorKind.LimitReached, "MaxRemovalsReached",
                        $"{list.Owner}: {removals} removal(s) held back: this run has removed {Admitted} item(s) and -MaxRemovals is {MaxRemovals}. Nothing was removed from it. "
                        + "To go on, run again with a higher -MaxRemovals, or with -Force.", list.Mailbox);
                }

                Admitted += removals;
                mailboxes[list.Mailbox.Key] = (known.Item1, inMailbox);
                return null;
            }
        }
    }
}
