using System;

namespace ImContacts.Model
{
    /// <summary>
    /// One mailbox's IM list in numbers, and what a move to Teams would leave behind (Measure-ImContactList). Flat, so
    /// that it exports to CSV as it is; the counts are empty (null) for a list that could not be read.
    /// </summary>
    public sealed class ImContactListReport
    {
        /// <summary>The contacts Teams' contact migration takes at most.</summary>
        public const int TeamsContactLimit = 1000;

        /// <summary>The groups Teams' contact migration takes at most.</summary>
        public const int TeamsGroupLimit = 64;

        public string? Mailbox { get; internal set; }

        public ImListReadiness Verdict { get; internal set; }

        /// <summary>Why the verdict is what it is, in words, "; " between reasons; empty for a list with nothing to say.</summary>
        public string Reasons { get; internal set; } = string.Empty;

        /// <summary>Contacts in the list, telephone contacts included.</summary>
        public int? Contacts { get; internal set; }

        public int? UserGroups { get; internal set; }

        public int? DistributionGroups { get; internal set; }

        public int? TelephoneContacts { get; internal set; }

        /// <summary>Contacts in no user group (only in Favorites, Other Contacts or a distribution group's entry).</summary>
        public int? UngroupedContacts { get; internal set; }

        /// <summary>User groups with no contact in them.</summary>
        public int? EmptyGroups { get; internal set; }

        /// <summary>Contacts Exchange still lets the list take (1,000 in all).</summary>
        public int? ContactHeadroom { get; internal set; }

        /// <summary>Groups Exchange still lets the list take (64 user groups and distribution groups in all).</summary>
        public int? GroupHeadroom { get; internal set; }

        /// <summary>IM contacts whose domain is not one of -InternalDomain (federated or external); null without -InternalDomain.</summary>
        public int? ExternalContacts { get; internal set; }

        /// <summary>What a move to Teams would not take: distribution groups, telephone contacts, and contacts and groups beyond its limits.</summary>
        public int? LeftBehind { get; internal set; }

        /// <summary>IM contacts beyond the 1,000 that Teams' contact migration takes.</summary>
        public int? ContactsBeyondLimit { get; internal set; }

        /// <summary>User groups beyond the 64 that Teams' contact migration takes.</summary>
        public int? GroupsBeyondLimit { get; internal set; }

        /// <summary>When the list was read: now, or when the snapshot was taken.</summary>
        public DateTimeOffset? TakenAt { get; internal set; }

        /// <summary>Why the list could not be read (Verdict Failed).</summary>
        public string? Error { get; internal set; }

        /// <summary>The failure's code: the EWS ResponseCode, or the module's error id (InvalidMailbox, say).</summary>
        public string? ErrorCode { get; internal set; }

        public override string ToString() => $"{Mailbox}: {Verdict}" + (Reasons.Length > 0 ? $" ({Reasons})" : string.Empty);
    }
}
