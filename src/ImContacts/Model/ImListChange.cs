using System;

namespace ImContacts.Model
{
    /// <summary>
    /// One change of Sync-ImContactList or Import-ImContactList (-PassThru), or a mailbox's summary line (Action
    /// Summary): the same columns for both, so that the report exports to one CSV.
    /// </summary>
    public sealed class ImListChange
    {
        public ImListChange(
            string? mailbox, ListChangeAction action, string? group, string? contact, ListChangeStatus status,
            string? responseCode, int attempts, TimeSpan duration, string? detail = null, string? backupFile = null)
        {
            BackupFile = backupFile;
            Mailbox = mailbox;
            Action = action;
            Group = group;
            Contact = contact;
            Status = status;
            ResponseCode = responseCode;
            Attempts = attempts;
            Duration = duration;
            Detail = detail;
        }

        public string? Mailbox { get; }

        public ListChangeAction Action { get; }

        /// <summary>The group's display name (a distribution-group entry's address follows it in brackets).</summary>
        public string? Group { get; }

        /// <summary>The contact's IM address.</summary>
        public string? Contact { get; }

        public ListChangeStatus Status { get; }

        /// <summary>The server's ResponseCode, or the error id of a failure; empty when nothing was sent.</summary>
        public string? ResponseCode { get; }

        /// <summary>How many times the request was sent; for a summary, the requests the mailbox took in all.</summary>
        public int Attempts { get; }

        public TimeSpan Duration { get; }

        /// <summary>For a summary, the counts; for a failure, its cause in short.</summary>
        public string? Detail { get; }

        /// <summary>The before-image of the mailbox's list this run wrote before changing it (its backup folder); null when none was needed.</summary>
        public string? BackupFile { get; }
    }
}
