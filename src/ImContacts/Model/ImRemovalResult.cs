using System;

namespace ImContacts.Model
{
    /// <summary>The outcome of removing one contact, group or distribution-group entry, written by -PassThru.</summary>
    public sealed class ImRemovalResult
    {
        public ImRemovalResult(string? mailbox, string itemType, ItemId? id, string? name, ImRemovalStatus status, string? responseCode, TimeSpan duration, int attempts, string? backupFile = null)
        {
            BackupFile = backupFile;
            Mailbox = mailbox;
            ItemType = itemType;
            Id = id;
            Name = name;
            Status = status;
            ResponseCode = responseCode;
            Duration = duration;
            Attempts = attempts;
        }

        /// <summary>The impersonated mailbox; empty for the connected account's own mailbox.</summary>
        public string? Mailbox { get; }

        /// <summary>Contact, Group or DistributionGroup.</summary>
        public string ItemType { get; }

        public ItemId? Id { get; }

        /// <summary>The IM address, group name or distribution-group address the input named.</summary>
        public string? Name { get; }

        public ImRemovalStatus Status { get; }

        /// <summary>The server's ResponseCode of the last call; for a failed row, the error id of the last cause; empty when nothing was sent.</summary>
        public string? ResponseCode { get; }

        public TimeSpan Duration { get; }

        /// <summary>How many times the change was sent: 1 normally, more after retries, 0 when nothing was sent.</summary>
        public int Attempts { get; }

        /// <summary>The before-image of the mailbox's list this run wrote before changing it (its backup folder); null when none was needed.</summary>
        public string? BackupFile { get; }
    }
}
