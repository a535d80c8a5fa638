using System;
using System.IO;
using System.Management.Automation;
using ImContacts.Lists;

namespace ImContacts.Commands
{
    /// <summary>
    /// -BackupPath, -NoBackup, -MaxRemovals and -Force, declared once: the dynamic parameters of every cmdlet that can
    /// remove (Sync- and Import-ImContactList, the Remove-* cmdlets). A run that removes keeps a before-image of each
    /// mailbox it changes, and removes at most -MaxRemovals items and at most half of any list, unless -Force.
    /// </summary>
    public sealed class RemovalParameters
    {
        /// <summary>The most items (memberships, user groups, distribution-group entries) the run may remove in all.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int MaxRemovals { get; set; } = RemovalGuard.DefaultMaxRemovals;

        /// <summary>Removes beyond -MaxRemovals, and more than half of a list in one mailbox, which a run otherwise refuses.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The folder that keeps this run's before-images, in a folder of the run's own; default: ImContacts\backups in the local application data folder.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BackupPath { get; set; }

        /// <summary>Keeps no before-image: what the run removes cannot then be put back from a backup.</summary>
        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>
        /// The run's backup folder, made now (so that a folder that cannot be made stops the run before anything is
        /// sent), or null under -NoBackup or -WhatIf; says where on the verbose stream.
        /// </summary>
        internal RunBackup? Open(ImWriteCmdlet cmdlet, bool whatIf, string? serverVersion)
        {
            if (NoBackup && BackupPath is not null)
            {
                cmdlet.ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidBackupPath", "-BackupPath and -NoBackup contradict each other: give one of them.", BackupPath));
            }

            if (NoBackup || whatIf)
            {
                cmdlet.WriteVerbose(NoBackup ? "-NoBackup: no before-image is kept; what this run removes cannot be put back from a backup." : "-WhatIf: nothing changes, so no before-image is written.");
                return null;
            }

            RunBackup backup = null!;
            try
            {
                var root = BackupPath is null ? RunBackup.DefaultRoot() : cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(BackupPath);
                backup = RunBackup.Create(root, DateTimeOffset.Now, cmdlet.MyInvocation.MyCommand.Name, serverVersion);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException or SessionStateException)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new IOException($"-BackupPath{(BackupPath is null ? string.Empty : $" '{BackupPath}'")}: the run's backup folder cannot be made there ({ex.Message}). Nothing was changed; give another -BackupPath, or -NoBackup to run without one.", ex),
                    "InvalidBackupPath", ErrorCategory.WriteError, BackupPath));
            }

            cmdlet.WriteVerbose($"Before-images of the lists this run changes go to {backup.Folder}.");
            return backup;
        }

        /// <summary>The run's limits on removals.</summary>
        internal RemovalGuard Guard() => new RemovalGuard(MaxRemovals, Force);

        /// <summary>
        /// After the run: one that held back removals at -MaxRemovals ends in a terminating error with the counts, so that a
        /// runbook fails visibly rather than report success for a run that did not finish.
        /// </summary>
        internal static void CheckHeldBack(ImWriteCmdlet cmdlet, RemovalGuard? guard, bool whatIf)
        {
            if (guard is { HeldBack: > 0 })
            {
                var message = whatIf
                    ? $"-MaxRemovals {guard.MaxRemovals}: this run would remove {guard.Admitted} item(s) and hold back {guard.HeldBack} removal(s) in {guard.MailboxesHeldBack} mailbox(es) (see their errors). "
                      + "If the input is right, give a higher -MaxRemovals, or -Force."
                    : $"-MaxRemovals {guard.MaxRemovals}: this run removed {guard.Admitted} item(s) and held back {guard.HeldBack} removal(s) in {guard.MailboxesHeldBack} mailbox(es), "
                      + "whose other changes were made (see their errors). If the input is right, run again with a higher -MaxRemovals, or with -Force; the removals already made are not repeated.";
                cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message), "MaxRemovalsReached", ErrorCategory.LimitsExceeded, guard.MaxRemovals));
            }
        }

        /// <summary>At the end of the run, where its before-images are and how to put the lists back (the information stream, shown like Write-Host).</summary>
        internal static void Close(ImWriteCmdlet cmdlet, RunBackup? backup)
        {
            backup?.Close();
            if (backup is not null && backup.Count > 0)
            {
                var message = $"Before-images of {backup.Count} mailbox(es) are in {backup.Folder}. To put those lists back as they were: Import-ImContactList -Path '{backup.Folder}' -Mirror";
                cmdlet.WriteInformation(new HostInformationMessage { Message = message }, new[] { "PSHOST", "ImContacts.Backup" });
            }
        }
    }
}
