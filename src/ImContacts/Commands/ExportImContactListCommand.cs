using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Xml;
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
        private string? folder;
        private string? file;
        private FileStream? stream;
        private XmlDictionaryWriter? writer;
        private int written;
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
                    if (isFolder)
                    {
                        folder = Directory.CreateDirectory(full).FullName;
                    }
                    else
                    {
                        file = full;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "InvalidPath", ErrorCategory.WriteError, Path));
                }
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord() => ForCurrentInput(row =>
        {
            var read = row.Invoke(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), row.Mailbox);
            var snapshot = Snapshots.From(read.Value, row.Mailbox, DateTimeOffset.Now, read.ServerVersion?.ToString() ?? ActiveConnection.ServerBuild, out var unnamed);
            if (unnamed > 0)
            {
                row.Warning($"{unnamed} contact(s) of {row.Mailbox} have no IM address (telephone contacts) and are not in the snapshot.");
            }

            row.Deliver(() => Deliver(snapshot));
        }, new[] { "list" });

        protected override void EndProcessing()
        {
            base.EndProcessing();
            if (file is not null && writer is null && delivered == 0 && ShouldProcess(file, "Write an empty snapshot file (no mailbox was read)"))
            {
                Open();
            }

            Close();
            if (file is not null)
            {
                WriteVerbose($"{written} snapshot(s) written to {file}.");
            }
        }

        protected override void Dispose(bool disposing)
        {
            Close();
            base.Dispose(disposing);
        }

        private void Deliver(ImContactListSnapshot snapshot)
        {
            delivered++;
            if (folder is not null)
            {
                var target = System.IO.Path.Combine(folder, FileName(snapshot.Mailbox ?? ActiveConnection.OwnMailbox ?? "own-mailbox") + ".json");
                if (ShouldProcess(target, $"Write the IM list of {snapshot.Mailbox}"))
                {
                    Write(target, snapshot);
                }
            }
            else if (file is not null)
            {
                if (ShouldProcess(file, $"Write the IM list of {snapshot.Mailbox}"))
                {
                    if (writer is null)
                    {
                        Open();
                    }

                    SnapshotJson.Write(writer!, snapshot, "item");
                    writer!.Flush();
                    written++;
                }
            }

            if (Path is null || PassThru)
            {
                WriteObject(snapshot);
            }
        }

        private void Write(string target, ImContactListSnapshot snapshot)
        {
            try
            {
                using var output = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.None);
                using var json = SnapshotJson.CreateWriter(output);
                SnapshotJson.Write(json, snapshot);
                json.Flush();
                written++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(ex, "SnapshotNotWritten", ErrorCategory.WriteError, target));
            }
        }

        private void Open()
        {
            try
            {
                stream = new FileStream(file!, FileMode.Create, FileAccess.Write, FileShare.Read);
                writer = SnapshotJson.CreateWriter(stream);
                writer.WriteStartElement("root");
                writer.WriteAttributeString("type", "array");
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SnapshotNotWritten", ErrorCategory.WriteError, file));
            }
        }

        private void Close()
        {
            if (writer is not null)
            {
                writer.WriteEndElement();
                writer.Flush();
                writer.Dispose();
                writer = null;
            }

            stream?.Dispose();
            stream = null;
        }

        /// <summary>A mailbox address as a file name: characters a file system may refuse become _.</summary>
        private static string FileName(string mailbox) =>
            new string(mailbox.Select(c => char.IsLetterOrDigit(c) || c is '@' or '.' or '-' or '_' or '+' ? c : '_').ToArray());
    }
}
