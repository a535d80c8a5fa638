using System;

namespace ImContacts.Model
{
    /// <summary>The outcome of one membership change, written by -PassThru: one per input row.</summary>
    public sealed class ImMembershipResult
    {
        public ImMembershipResult(
            string? mailbox, ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName,
            ImMembershipStatus status, string? responseCode, TimeSpan duration)
        {
            Mailbox = mailbox;
            ContactId = contactId;
            ImAddress = imAddress;
            GroupId = groupId;
            GroupName = groupName;
            Status = status;
            ResponseCode = responseCode;
            Duration = duration;
        }

        /// <summary>The impersonated mailbox; empty for the connected account's own mailbox.</summary>
        public string? Mailbox { get; }

        public ItemId? ContactId { get; }

        public string? ImAddress { get; }

        /// <summary>The group; empty when none was given and the server used "Other Contacts".</summary>
        public ItemId? GroupId { get; }

        public string? GroupName { get; }

        public ImMembershipStatus Status { get; }

        /// <summary>The server's ResponseCode (NoError), or empty when nothing was sent.</summary>
        public string? ResponseCode { get; }

        /// <summary>Time spent on the server call(s) for this row; zero when nothing was sent.</summary>
        public TimeSpan Duration { get; }
    }
}
