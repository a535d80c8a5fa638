using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Import-ImContactList: puts snapshots (from Export-ImContactList, piped or from -Path) into their own mailbox or
    /// into each -Mailbox: missing groups, distribution-group entries, contacts and memberships are created (a re-run
    /// changes nothing); -Mirror also removes what the snapshot lacks.
    /// </summary>
    [Cmdlet(VerbsData.Import, "ImContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = SnapshotSet)]
    [OutputType(typeof(ImListChange))]
    public sealed class ImportImContactListCommand : ImWriteCmdlet
    {
        private const string SnapshotSet = "Snapshot";
        private const string PathSet = "Path";
        private ListChangeRunner changes = null!;
        private List<string?>? targets;
        private bool declined;

        /// <summary>Snapshot files, or folders of them (*.json), as Export-ImContactList writes them.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = null!;

        /// <summary>The mailboxes to put each snapshot into; without it, each snapshot's own mailbox.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public new string[]? Mailbox { get; set; }

        /// <summary>Also removes what the snapshot lacks: memberships, user groups and distribution-group entries (contacts in no group leave the list).</summary>
        [Parameter]
        public SwitchParameter Mirror { get; set; }

        /// <summary>Writes one ImListChange per change and a Summary per mailbox.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            changes = new ListChangeRunner(PassThru, WhatIfRun);
            if (Mailbox is not null)
            {
                targets = new List<string?>();
                foreach (var mailbox in Mailbox)
                {
                    targets.Add(Target(mailbox, "Mailbox"));
                }
            }

            // -Mirror deletes: as a ConfirmImpact High action would, it asks once, unless -Confirm:$false or $ConfirmPreference None says not to.
            var confirmOff = MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && !LanguagePrimitives.IsTrue(confirm);
            var preference = GetVariableValue("ConfirmPreference");
            var preferenceOff = LanguagePrimitives.TryConvertTo(preference, out ConfirmImpact threshold) && threshold == ConfirmImpact.None;
            if (Mirror && !WhatIfRun && !confirmOff && !preferenceOff
                && !ShouldContinue("-Mirror removes from each list every membership, user group and distribution group the snapshot does not have, and contacts left in no group. Continue?", "Mirror IM lists"))
            {
                declined = true;
            }
        }

        protected override void ProcessRecord()
        {
            if (declined)
            {
                return;
            }

            if (ParameterSetName == PathSet)
            {
                foreach (var path in Path)
                {
                    ImportFrom(path);
                }

                return;
            }

            if (InputObject is null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("NoSnapshot",
                    "Give the snapshots to import: pipe the output of Export-ImContactList, or give snapshot files or folders with -Path.", null));
            }

            var input = CurrentInput();
            if (InputObject!.BaseObject is ImContactListSnapshot snapshot)
            {
                Put(snapshot, input);
            }
            else
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidSnapshot",
                    $"The input is a {InputObject.BaseObject?.GetType().Name ?? "null"}, not a snapshot: pipe the output of Export-ImContactList, or give snapshot files with -Path.", input));
            }
        }

        private void ImportFrom(string path)
        {
            IEnumerable<string> files;
            try
            {
                var full = GetUnresolvedProviderPathFromPSPath(path);
                files = Directory.Exists(full) ? Directory.EnumerateFiles(full, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToList()
                    : File.Exists(full) ? new[] { full }
                    : throw new FileNotFoundException($"-Path '{path}': there is no such file or folder.", full);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                WriteError(new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, path));
                return;
            }

            foreach (var file in files)
            {
                try
                {
                    using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
                    foreach (var snapshot in SnapshotJson.Read(stream, file))
                    {
                        Put(snapshot, file);
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Xml.XmlException or System.Runtime.Serialization.SerializationException)
                {
                    WriteError(new ErrorRecord(ex, "InvalidSnapshot", ErrorCategory.InvalidData, file));
                }
            }
        }

        /// <summary>Queues one row per target mailbox for <paramref name="snapshot"/>.</summary>
        private void Put(ImContactListSnapshot snapshot, object target)
        {
            IEnumerable<string?> mailboxes = (IEnumerable<string?>?)targets ?? new[] { Target(snapshot.Mailbox, "Mailbox (the snapshot's)") };

            foreach (var mailbox in mailboxes)
            {
                var desired = Snapshots.Desired(snapshot, mailbox);
                Submit(target, mailbox, null, row => changes.Run(row, desired, Mirror ? MirrorScope.WholeList : MirrorScope.None, target, Lists), new[] { "list" });
            }
        }

        /// <summary>A mailbox to import into: its SMTP address, or null for the connected account's own (by its name).</summary>
        private string? Target(string? mailbox, string parameter)
        {
            if (mailbox is null || ActiveConnection.Client.IsOwn(mailbox.Trim()))
            {
                if (ActiveConnection.RequiresMailbox)
                {
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("MailboxRequired",
                        $"The connection signs in app-only ({ActiveConnection.AuthenticationMethod}), which has no mailbox of its own: give -Mailbox.", mailbox));
                }

                return ActiveConnection.OwnMailbox;
            }

            try
            {
                return MailboxAddress.Normalize(mailbox, parameter);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", ex.Message, mailbox));
                return null;
            }
        }
    }
}
