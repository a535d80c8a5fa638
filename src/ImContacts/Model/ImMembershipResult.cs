using System;

namespace ImContacts.Model
{
    public enum ImMembershipStatus
    {
        /// <summary>The server accepted the addition (it also answers so when the contact already was a member).</summary>
        Added,
    }

    /// <summary>The outcome of one membership change, written by -PassThru.</summary>
    public sealed class ImMembershipResult
    {
        public ImMembershipResult(string? mailbox, ItemId contactId, ItemId? groupId, ImMembershipStatus status, string responseCode, TimeSpan duration)
        {
            Mailbox = mailbox;
            ContactId = contactId;
            GroupId = groupId;
            Status = status;
            ResponseCode = responseCode;
            Duration = duration;
        }

        public string? Mailbox { get; }

        public ItemId ContactId { get; }

        /// <summary>The group; empty when none was given, in which case the server uses "Other Contacts".</summary>
        public ItemId? GroupId { get; }

        public ImMembershipStatus Status { get; }

        public string ResponseCode { get; }

        public TimeSpan Duration { get; }
    }
}
