using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
    public sealed class ImportImContactListCommand : ImWriteCmdlet, IRemovingCmdlet
    {
        private const string SnapshotSet = "Snapshot";
        private const string PathSet = "Path";
        private List<MailboxTarget>? targets;
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

        private protected override bool Removes => Mirror;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            targets = Mailbox?.Select(mailbox => Target(mailbox, "Mailbox")).ToList();
            declined = Mirror && !Confirmation.ConfirmedOnce("-Mirror removes from each list every membership, user group and distribution group the snapshot does not have, and contacts left in no group. Continue?", "Mirror IM lists");
        }

        protected override void ProcessRecord()
        {
            if (declined)
            {
                return;
            }

            if (ParameterSetName == PathSet)
            {
                foreach (var (read, file) in SnapshotInput.Read(this, Path, nameof(Path)))
                {
                    Put(read, file);
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

        /// <summary>Queues one row per target mailbox for <paramref name="snapshot"/>.</summary>
        private void Put(ImContactListSnapshot snapshot, object target)
        {
            IEnumerable<MailboxTarget> mailboxes = (IEnumerable<MailboxTarget>?)targets ?? new[] { Target(snapshot.Mailbox, "Mailbox (the snapshot's)") };

            foreach (var mailbox in mailboxes)
            {
                MakeAsDesired(Snapshots.Desired(snapshot, mailbox), Mirror ? MirrorScope.WholeList : MirrorScope.None, target, PassThru);
            }
        }

        /// <summary>A mailbox to import into, checked as every row's mailbox is (MailboxBinding); a bad one ends the run before anything is sent.</summary>
        private MailboxTarget Target(string? mailbox, string parameter)
        {
            try
            {
                return Mailboxes.Resolve(mailbox, parameter);
            }
            catch (MissingInputException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument(ex.ErrorId, ex.Message, mailbox));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", ArgumentMessage.Of(ex), mailbox));
            }

            throw new InvalidOperationException("ThrowTerminatingError returned.");
        }
    }
}
