using System;
using System.IO;
using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Export-ImContactList: one GetImItemList per mailbox and a portable snapshot of it (groups, contacts, memberships
    /// by names and addresses), written as versioned JSON (one file per mailbox into a folder, or all into one file) and,
    /// with -PassThru or without -Path, emitted for Import-ImContactList. Snapshots are written as they come: memory stays flat.
    /// </summary>
    [Cmdlet(VerbsData.Export, "ImContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(ImContactListSnapshot))]
    public sealed class ExportImContactListCommand : ImWriteCmdlet
    {
        private SnapshotWriter? snapshots;
        private int delivered;

        /// <summary>A folder (existing, or ending in a path separator) for one file per mailbox, or a file for all snapshots.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>With -Path, also writes the snapshots to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            if (Path is not null)
            {
                var full = GetUnresolvedProviderPathFromPSPath(Path);
                var isFolder = Directory.Exists(full) || Path.EndsWith("/", StringComparison.Ordinal) || Path.EndsWith("\\", StringComparison.Ordinal);
                try
                {
                    snapshots = isFolder ? SnapshotWriter.IntoFolder(full) : SnapshotWriter.IntoFile(full);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "InvalidPath", ErrorCategory.WriteError, Path));
                }
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord() => ForCurrentInput(async row =>
        {
            var read = await row.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), row.Mailbox).ConfigureAwait(false);
            var snapshot = Snapshots.From(read.Value, row.Mailbox.Name, DateTimeOffset.Now, read.ServerVersion?.ToString() ?? ActiveConnection.ServerBuild, out var unnamed);
            if (unnamed > 0)
            {
                row.Warning($"{unnamed} contact(s) of {row.Mailbox} have no IM address and are not in the snapshot.");
            }

            row.Deliver(() => Deliver(snapshot));
        }, new[] { "list" });

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (snapshots is { FileUnwritten: true } && delivered == 0 && ShouldProcess(snapshots.File, "Write an empty snapshot file (no mailbox was read)"))
            {
                Save(() => snapshots.WriteEmptyFile(), snapshots.File!);
            }

            snapshots?.Dispose();
            if (snapshots?.File is { } file)
            {
                WriteVerbose($"{snapshots.Written} snapshot(s) written to {file}.");
            }
        }

        protected override void Dispose(bool disposing)
        {
            snapshots?.Dispose();
            base.Dispose(disposing);
        }

        private void Deliver(ImContactListSnapshot snapshot)
        {
            delivered++;
            if (snapshots?.TargetOf(snapshot, ActiveConnection.OwnMailbox) is { } target && ShouldProcess(target, $"Write the IM list of {snapshot.Mailbox}"))
            {
                Save(() => snapshots.Write(snapshot, ActiveConnection.OwnMailbox), target);
            }

            if (Path is null || PassThru)
            {
                WriteObject(snapshot);
            }
        }

        /// <summary>A file of its own that fails is that mailbox's error; the one file of all snapshots failing ends the run.</summary>
        private void Save(Action write, string target)
        {
            try
            {
                write();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                var record = new ErrorRecord(ex, "SnapshotNotWritten", ErrorCategory.WriteError, target);
                if (snapshots!.File is not null)
                {
                    ThrowTerminatingError(record);
                }

                WriteError(record);
            }
        }
    }
}
