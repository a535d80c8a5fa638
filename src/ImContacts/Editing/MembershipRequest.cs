using System;
using ImContacts.Model;

namespace ImContacts.Editing
{
    /// <summary>
    /// One row of Add-ImContactToGroup or Remove-ImContactFromGroup as it was bound: a contact and a group, each by id
    /// or by name, and whether the row reports its result (-PassThru).
    /// </summary>
    internal sealed class MembershipRequest
    {
        public MembershipRequest(ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName, bool passThru)
        {
            ContactId = contactId;
            ImAddress = imAddress;
            GroupId = groupId;
            GroupName = groupName;
            PassThru = passThru;
        }

        public ItemId? ContactId { get; }

        public string? ImAddress { get; }

        public ItemId? GroupId { get; }

        public string? GroupName { get; }

        public bool PassThru { get; }

        /// <summary>With -PassThru, the row's result.</summary>
        public void Report(
            IListRow row, ItemId? contactId, string? imAddress, ItemId? groupId, string? groupName, ImMembershipStatus status, string? code, TimeSpan duration, int attempts,
            bool groupCreated = false)
        {
            if (PassThru)
            {
                row.Output(new ImMembershipResult(row.Mailbox.Name, contactId, imAddress, groupId, groupName, status, code, duration, attempts, groupCreated, row.BackupFile));
            }
        }

        /// <summary>The result of a row that ended without one: Failed with its cause, or Skipped (-WhatIf, -Confirm).</summary>
        public ImMembershipResult Unreported(string? mailbox, Exception? failure, string? failureId, int failedAttempts, string? backupFile) =>
            new ImMembershipResult(mailbox, ContactId, InputText.Given(ImAddress), GroupId, InputText.Given(GroupName),
                failure is null ? ImMembershipStatus.Skipped : ImMembershipStatus.Failed, failureId, TimeSpan.Zero, failedAttempts, backupFile: backupFile);
    }
}
