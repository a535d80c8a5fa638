using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ImContacts.Editing;
using ImContacts.Lists;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// Sync-ImContactList: makes IM lists as a desired state says (rows of Mailbox, GroupName, ImAddress[, DisplayName],
    /// from -Path or the pipeline): per mailbox one read, a plan, and only the changes sent. -Mirror also removes what
    /// the state does not list for the groups it names (-AllGroups: for every user group); -Partition k/n takes part k of n.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "ImContactList", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = RowsSet)]
    [OutputType(typeof(ImListChange))]
    public sealed class SyncImContactListCommand : ImWriteCmdlet
    {
        private const string RowsSet = "Rows";
        private const string PathSet = "Path";

        // The pipeline's rows, per mailbox, in the order mailboxes first appear.
        private readonly Dictionary<string, DesiredList> pending = new Dictionary<string, DesiredList>(StringComparer.OrdinalIgnoreCase);
        private readonly List<DesiredList> pendingOrder = new List<DesiredList>();
        private MailboxPartition? partition;
        private int otherParts;
        private ListChangeRunner changes = null!;

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
                partition = Partition is null ? null : MailboxPartition.Parse(Partition);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidPartition", ex.Message, Partition));
            }

            base.BeginProcessing();
            changes = new ListChangeRunner(PassThru, WhatIfRun);
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

            if (partition is not null && !partition.Contains(mailbox))
            {
                otherParts++;
                return;
            }

            var desired = Pending(mailbox);
            var problem = BlankGroup(null, GroupName) is { } blank ? ("GroupName", blank) : RowProblem(ImAddress, GroupName, DisplayName);
            if (problem is { } found)
            {
                desired.RejectedRows++;
                WriteError(ErrorRecords.InvalidArgument("Invalid" + found.Parameter, found.Problem, input));
                return;
            }

            desired.AddMember(GroupName, ImAddress, DisplayName);
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == PathSet)
            {
                SyncFile();
            }
            else
            {
                foreach (var desired in pendingOrder)
                {
                    Sync(desired);
                }
            }

            if (otherParts > 0)
            {
                WriteVerbose($"{otherParts} row(s) belong to mailboxes outside part {partition} and were left to the other parts' runs.");
            }

            base.EndProcessing();
        }

        private DesiredList Pending(string? mailbox)
        {
            var key = mailbox ?? string.Empty;
            if (!pending.TryGetValue(key, out var desired))
            {
                desired = new DesiredList(mailbox);
                pending.Add(key, desired);
                pendingOrder.Add(desired);
            }

            return desired;
        }

        private void Sync(DesiredList desired)
        {
            object target = desired.Mailbox ?? (object)"(own mailbox)";
            Submit(target, desired.Mailbox, null, row => changes.Run(row, desired, Scope, target, Lists), new[] { "list" });
        }

        private static (string Parameter, string Problem)? RowProblem(string? imAddress, string? groupName, string? displayName)
        {
            if (string.IsNullOrWhiteSpace(imAddress))
            {
                return ("ImAddress", "-ImAddress is empty: each row names a contact by its IM address.");
            }

            if (ImAddresses.Problem(imAddress, "ImAddress") is { } address)
            {
                return ("ImAddress", address);
            }

            if (InputText.NameProblem(Given(groupName), "GroupName") is { } group)
            {
                return ("GroupName", group);
            }

            return InputText.NameProblem(Given(displayName), "DisplayName") is { } name ? ("DisplayName", name) : null;
        }

        /// <summary>
        /// -Path: read twice as a stream. The first pass learns whether the rows come grouped by mailbox; if they do, the
        /// second syncs each mailbox as soon as its rows end (memory holds one mailbox); if not, it gathers them all first.
        /// </summary>
        private void SyncFile()
        {
            var path = GetUnresolvedProviderPathFromPSPath(Path);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"-Path '{Path}': there is no such file.", path), "PathNotFound", ErrorCategory.ObjectNotFound, Path));
            }

            Columns columns;
            bool grouped;
            try
            {
                (columns, grouped) = Survey(path);
            }
            catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "InvalidCsv", ErrorCategory.InvalidData, Path));
                return;
            }

            WriteVerbose($"{Path}: rows {(grouped ? "grouped by mailbox: each mailbox is synced once its rows end" : "not grouped by mailbox: all rows are gathered before syncing")}.");
            DesiredList? block = null;
            using var reader = CsvRecords.Open(path);
            foreach (var (line, fields) in CsvRecords.Read(reader).Skip(1))
            {
                string? Field(int index) => index >= 0 && index < fields.Count ? fields[index] : null;
                var row = new DesiredStateRow(path, line, Field(columns.Mailbox), Field(columns.GroupName), Field(columns.ImAddress), Field(columns.DisplayName));
                if (fields.Count < columns.Count)
                {
                    WriteError(ErrorRecords.InvalidArgument("InvalidCsvRow", $"{row}: the row has {fields.Count} field(s), the header {columns.Count}; a short row is not guessed at.", row));
                    continue;
                }

                string mailbox;
                try
                {
                    mailbox = MailboxAddress.Normalize(row.Mailbox ?? string.Empty, "Mailbox");
                }
                catch (ArgumentException ex)
                {
                    WriteError(ErrorRecords.InvalidArgument("InvalidMailbox", $"{row}: {ex.Message}", row));
                    continue;
                }

                if (partition is not null && !partition.Contains(mailbox))
                {
                    otherParts++;
                    continue;
                }

                DesiredList desired;
                if (grouped)
                {
                    if (block is not null && !string.Equals(block.Mailbox, mailbox, StringComparison.OrdinalIgnoreCase))
                    {
                        Sync(block);
                        block = null;
                    }

                    desired = block ??= new DesiredList(mailbox);
                }
                else
                {
                    desired = Pending(mailbox);
                }

                if (RowProblem(row.ImAddress, row.GroupName, row.DisplayName) is { } problem)
                {
                    desired.RejectedRows++;
                    WriteError(ErrorRecords.InvalidArgument("Invalid" + problem.Parameter, $"{row}: {problem.Problem}", row));
                    continue;
                }

                desired.AddMember(row.GroupName, row.ImAddress!, row.DisplayName);
            }

            if (block is not null)
            {
                Sync(block);
            }

            foreach (var desired in pendingOrder)
            {
                Sync(desired);
            }
        }

        private (Columns Columns, bool Grouped) Survey(string path)
        {
            using var reader = CsvRecords.Open(path);
            Columns? columns = null;
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            string? current = null;
            var grouped = true;
            foreach (var (_, fields) in CsvRecords.Read(reader))
            {
                if (columns is null)
                {
                    columns = Columns.Of(fields, Path);
                    continue;
                }

                var mailbox = (columns.Mailbox < fields.Count ? fields[columns.Mailbox] : string.Empty).Trim();
                if (grouped && !string.Equals(mailbox, current, StringComparison.OrdinalIgnoreCase))
                {
                    grouped = seen.Add(mailbox);
                    current = mailbox;
                }
            }

            return (columns ?? throw new InvalidDataException($"-Path '{Path}' is empty: it needs a header line Mailbox,GroupName,ImAddress[,DisplayName]."), grouped);
        }

        private sealed class Columns
        {
            public int Mailbox { get; private set; } = -1;

            public int GroupName { get; private set; } = -1;

            public int ImAddress { get; private set; } = -1;

            public int DisplayName { get; private set; } = -1;

            public int Count { get; private set; }

            public static Columns Of(IReadOnlyList<string> header, string path)
            {
                var columns = new Columns { Count = header.Count };
                for (var i = 0; i < header.Count; i++)
                {
                    switch (header[i].Trim().ToLowerInvariant())
                    {
                        case "mailbox": columns.Mailbox = i; break;
                        case "groupname": columns.GroupName = i; break;
                        case "imaddress": columns.ImAddress = i; break;
                        case "displayname": columns.DisplayName = i; break;
                    }
                }

                var missing = new[] { ("Mailbox", columns.Mailbox), ("GroupName", columns.GroupName), ("ImAddress", columns.ImAddress) }.Where(c => c.Item2 < 0).Select(c => c.Item1).ToList();
                if (missing.Count > 0)
                {
                    throw new InvalidDataException($"-Path '{path}': the header ({string.Join(",", header)}) lacks {string.Join(", ", missing)}; it needs Mailbox,GroupName,ImAddress and may have DisplayName.");
                }

                return columns;
            }
        }
    }
}
