using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ImContacts.Lists;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Sync-ImContactList: makes IM lists as a desired state says (rows of Mailbox, GroupName, ImAddress[, DisplayName],
    /// from -Path or the pipeline): per mailbox one read, a plan, and only the changes sent. -Mirror also removes what
    /// the state does not list for the groups it names (-AllGroups: for every user group); -Partition k/n takes part k of n.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ImContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(ImListChange))]
    public sealed class SyncImContactListCommand : ImWriteCmdlet, IRemovingCmdlet
    {
        private const string RowsSet = "Rows";
        private const string PathSet = "Path";

        private DesiredStateRows rows = null!;

        /// <summary>A CSV file with the columns Mailbox, GroupName, ImAddress and, optionally, DisplayName; read as a stream.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = null!;

        /// <summary>The group the row's contact should be in; empty is Other Contacts.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RowsSet)]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(Completion.GroupNameCompleter))]
        public string? GroupName { get; set; }

        /// <summary>The contact's IM address; an empty one fails its row (and keeps -Mirror from removing in that mailbox).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = RowsSet)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(Completion.ImAddressCompleter))]
        public string ImAddress { get; set; } = null!;

        /// <summary>The display name of a contact that has to be created.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = RowsSet)]
        public string? DisplayName { get; set; }

        /// <summary>Also removes memberships of the groups the state names that it does not list (a contact left in no group leaves the list).</summary>
        [Parameter]
        public SwitchParameter Mirror { get; set; }

        /// <summary>With -Mirror: mirrors every user group, not only those the state names.</summary>
        [Parameter]
        public SwitchParameter AllGroups { get; set; }

        /// <summary>k/n: only the mailboxes in part k of n (by a stable hash of the address), so n jobs share one file.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Partition { get; set; }

        /// <summary>Writes one ImListChange per change and a Summary per mailbox.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override bool Removes => Mirror;

        private MirrorScope Scope => !Mirror ? MirrorScope.None : AllGroups ? MirrorScope.UserGroups : MirrorScope.NamedGroups;

        protected override void BeginProcessing()
        {
            if (ParameterSetName == PathSet && MyInvocation.BoundParameters.ContainsKey(nameof(Mailbox)))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", "-Mailbox does not go with -Path: the file's Mailbox column names each row's mailbox.", Mailbox));
            }

            if (AllGroups && !Mirror)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidAllGroups", "-AllGroups extends -Mirror to every user group: give it with -Mirror.", null));
            }

            try
            {
                rows = new DesiredStateRows(Partition is null ? null : MailboxPartition.Parse(Partition));
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidPartition", ArgumentMessage.Of(ex), Partition));
            }

            base.BeginProcessing();
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == PathSet)
            {
                return;
            }

            var input = CurrentInput();
            if (CheckMailbox(input, out var mailbox) is { } invalid)
            {
                WriteError(invalid);
                return;
            }

            var blank = InputColumns.BlankGroup(InputObject, null, GroupName) is { } why ? ("GroupName", why) : ((string, string)?)null;
            if (rows.InPart(mailbox!) && rows.For(mailbox!).TakeRow(GroupName, ImAddress, DisplayName, blank) is { } problem)
            {
                WriteError(ErrorRecords.InvalidArgument("Invalid" + problem.Parameter, problem.Problem, input));
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == PathSet)
            {
                SyncFile();
            }

            rows.InOrder.ToList().ForEach(Sync);

            if (rows.OtherParts > 0)
            {
                WriteVerbose($"{rows.OtherParts} row(s) belong to mailboxes outside part {rows.Partition} and were left to the other parts' runs.");
            }

            base.EndProcessing();
        }

        private void Sync(DesiredList desired) => MakeAsDesired(desired, Scope, desired.Mailbox.ToString(), PassThru);

        /// <summary>-Path: grouped by mailbox, each mailbox is synced as soon as its rows are read; else they are gathered in rows (DesiredStateFile).</summary>
        private void SyncFile()
        {
            DesiredStateFile file = null!;
            try
            {
                file = DesiredStateFile.Open(GetUnresolvedProviderPathFromPSPath(Path), Path);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(ex is FileNotFoundException
                    ? new ErrorRecord(ex, "PathNotFound", ErrorCategory.ObjectNotFound, Path) : new ErrorRecord(ex, "InvalidCsv", ErrorCategory.InvalidData, Path));
            }

            WriteVerbose($"{Path}: rows {(file.Grouped ? "grouped by mailbox: each mailbox is synced once its rows end" : "not grouped by mailbox: all rows are gathered before syncing")}.");
            file.Read(rows, mailbox => Mailboxes.Resolve(mailbox, "Mailbox"), (row, errorId, message) => WriteError(ErrorRecords.InvalidArgument(errorId, message, row)), Sync);
        }
    }
}
