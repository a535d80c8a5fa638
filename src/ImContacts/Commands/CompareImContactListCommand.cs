using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Ews.Operations;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Compare-ImContactList: what snapshots (-ReferencePath) and the same mailboxes' lists now, or other snapshots of
    /// them (-DifferencePath), do not share: one ImListDifference per group, contact or membership on one side only,
    /// nothing for a mailbox whose lists match. For checking a rollback, a restore or a template copy.
    /// </summary>
    [Cmdlet(VerbsData.Compare, "ImContactList", DefaultParameterSetName = LiveSet)]
    [OutputType(typeof(ImListDifference))]
    public sealed class CompareImContactListCommand : ImCmdlet
    {
        private const string LiveSet = "Live";
        private const string SnapshotsSet = "Snapshots";

        /// <summary>Snapshot files, or folders of them (*.json): the reference, e.g. a run's backup folder.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string[] ReferencePath { get; set; } = null!;

        /// <summary>Snapshots to compare with instead of the live lists (no connection is needed then).</summary>
        [Parameter(Mandatory = true, Position = 1, ParameterSetName = SnapshotsSet)]
        [ValidateNotNullOrEmpty]
        public string[] DifferencePath { get; set; } = null!;

        /// <summary>Lists read at once from the server, 1 to 256.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Lists read at once from any one mailbox (its own EWS budget), 1 to 27.</summary>
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateRange(1, MaxMailboxThrottleLimit)]
        public int MailboxThrottleLimit { get; set; } = MaxMailboxThrottleLimit;

        private protected override int RowsAtOnce => ThrottleLimit;

        private protected override int MailboxRequestsAtOnce => MailboxThrottleLimit;

        protected override void BeginProcessing()
        {
            if (MyInvocation.BoundParameters.ContainsKey(nameof(Mailbox)))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", "-Mailbox does not go with Compare-ImContactList: each snapshot names its mailbox.", Mailbox));
            }

            // Two sets of snapshots need no server.
            if (ParameterSetName == LiveSet)
            {
                base.BeginProcessing();
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == SnapshotsSet)
            {
                CompareSnapshots();
                return;
            }

            foreach (var (snapshot, file) in SnapshotInput.Read(this, ReferencePath, nameof(ReferencePath)))
            {
                MailboxTarget mailbox;
                try
                {
                    mailbox = Mailboxes.Resolve(snapshot.Mailbox, "Mailbox (the snapshot's)");
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidArgument("InvalidMailbox", $"{file}: {ArgumentMessage.Of(ex)}", file));
                    continue;
                }

                Submit(file, mailbox, null, async row =>
                {
                    var read = await row.InvokeAsync(new GetImItemListOperation(Array.Empty<ExtendedPropertyPath>()), row.Mailbox).ConfigureAwait(false);
                    var live = ImContacts.Lists.Snapshots.From(read.Value, row.Mailbox.Name, DateTimeOffset.Now, read.ServerVersion?.ToString(), out _);
                    foreach (var difference in ListComparison.Compare(row.Mailbox.Name, snapshot, live))
                    {
                        row.Output(difference);
                    }
                }, new[] { "list" });
            }

            base.EndProcessing();
        }

        private void CompareSnapshots()
        {
            var others = new Dictionary<string, ImContactListSnapshot>(StringComparer.OrdinalIgnoreCase);
            foreach (var (snapshot, _) in SnapshotInput.Read(this, DifferencePath, nameof(DifferencePath)))
            {
                others[snapshot.Mailbox ?? string.Empty] = snapshot;
            }

            foreach (var (snapshot, _) in SnapshotInput.Read(this, ReferencePath, nameof(ReferencePath)))
            {
                var key = snapshot.Mailbox ?? string.Empty;
                if (!others.TryGetValue(key, out var other))
                {
                    WriteObject(new ImListDifference(snapshot.Mailbox, ImListSide.Reference, ImListItemKind.Mailbox, null, null));
                    continue;
                }

                others.Remove(key);
                WriteObject(ListComparison.Compare(snapshot.Mailbox, snapshot, other), enumerateCollection: true);
            }

            foreach (var other in others.Values)
            {
                WriteObject(new ImListDifference(other.Mailbox, ImListSide.Difference, ImListItemKind.Mailbox, null, null));
            }
        }
    }
}
