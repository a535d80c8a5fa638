using System;

namespace ImContacts.Model
{
    /// <summary>The outcome of one membership change, written by -PassThru: one per input row.</summary>
    public sealed class ImMembershipResult
    {
        public ImMembershipResult(
            string? mailbox, ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName,
            ImMembershipStatus status, string? responseCode, TimeSpan duration, int attempts, bool groupCreated = false, string? backupFile = null)
        {
            BackupFile = backupFile;
            GroupCreated = groupCreated;
            Mailbox = mailbox;
            ContactId = contactId;
            ImAddress = imAddress;
            GroupId = groupId;
            GroupName = groupName;
            Status = status;
            ResponseCode = responseCode;
            Duration = duration;
            Attempts = attempts;
        }

        /// <summary>The mailbox acted on; for the connected account's own, its name (the connection's OwnMailbox).</summary>
        public string? Mailbox { get; }

        public ItemId? ContactId { get; }

        public string? ImAddress { get; }

        /// <summary>The group; empty when none was given and the server used "Other Contacts".</summary>
        public ItemId? GroupId { get; }

        public string? GroupName { get; }

        /// <summary>True when this row created the group (Add-ImContactToGroup -CreateGroup): a mistyped name shows here.</summary>
        public bool GroupCreated { get; }

        public ImMembershipStatus Status { get; }

        /// <summary>The server's ResponseCode (NoError); for a failed row, the error id of the last cause; empty when nothing was sent.</summary>
        public string? ResponseCode { get; }

        /// <summary>Time spent on the server call(s) for this row; zero when nothing was sent.</summary>
        public TimeSpan Duration { get; }

        /// <summary>How many times the change was sent: 1 normally, more after retries, 0 when nothing was sent.</summary>
        public int Attempts { get; }

        /// <summary>The before-image of the mailbox's list this run wrote before changing it (its backup folder); null when none was needed.</summary>
        public string? BackupFile { get; }
    }
}
