using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;
using System.Threading;
using ImContacts.Bulk;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// The cmdlets that work against a mailbox's IM list as a whole: names resolve, and changes are decided, against the
    /// list read once per mailbox per pipeline. Rows run on worker threads (several at once for the write cmdlets), and
    /// each input ends in one outcome, written in input order: its output, a warning for a change already made, or one
    /// error record.
    /// </summary>
    public abstract class ImListCmdlet : ImCmdlet
    {
        private const int ProgressActivityId = 0x1C0;
        private static readonly TimeSpan ProgressAfter = TimeSpan.FromSeconds(1);
        private static readonly TimeSpan ProgressEvery = TimeSpan.FromMilliseconds(250);

        private readonly Stopwatch runClock = new Stopwatch();
        private readonly HashSet<string> unknownColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private const int ColumnCheckRows = 64;
        private int columnChecks;
        private ImListCache? lists;
        private OrderedRowRunner? runner;
        private TimeSpan lastProgress;
        private bool progressShown;

        internal ImListCache Lists => lists!;

        /// <summary>
        /// True when rows run concurrently: then no ShouldProcess can ask or answer no (-WhatIf and possible prompts run one
        /// row at a time), so a row need not wait for the pipeline thread to hear the answer.
        /// </summary>
        internal bool AnswersAreCertain { get; private set; }

        /// <summary>Whether rows' verbose lines are kept for writing (see VerboseShown); decided when the pipeline starts.</summary>
        internal bool VerboseLines { get; private set; }

        /// <summary>Rows worked on at once: 1 unless the cmdlet takes -ThrottleLimit.</summary>
        private protected virtual int RowsAtOnce => 1;

        private protected override int RequestLimit => RowsAtOnce;

        protected override void BeginProcessing()
        {
            base.BeginProcessing();
            lists = new ImListCache();

            // Twice as many rows as requests, so that rows waiting out a back-off leave their request slots to others.
            // Decided here, on the pipeline thread: RowsAtOnce reads session state, which workers must not touch.
            var rows = RowsAtOnce;
            AnswersAreCertain = rows > 1;
            VerboseLines = VerboseShown();
            runner = rows == 1
                ? new OrderedRowRunner(1, 1, Cancellation)
                : new OrderedRowRunner(2 * rows, Math.Max(256, 32 * rows), Cancellation);
            runner.Tick = WriteRunProgress;
            runClock.Start();
        }

        protected override void EndProcessing()
        {
            Pumping(runner!.Complete);
            if (progressShown)
            {
                WriteProgress(new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, Summary()) { RecordType = ProgressRecordType.Completed });
            }
        }

        protected override void Dispose(bool disposing)
        {
            runner?.Dispose();
        }

        /// <summary>
        /// Queues <paramref name="body"/> for the current input. It runs with the row's validated mailbox, holding the lists'
        /// lock; a failure becomes its error record. <paramref name="keys"/> name what it touches (rows sharing one run in
        /// input order). <paramref name="unreported"/> gives the -PassThru object for a row that ends without output:
        /// failed (row.Failure set) or skipped by -WhatIf or -Confirm.
        /// </summary>
        internal void ForCurrentInput(Action<PipelineRow> body, IEnumerable<string>? keys = null, Func<PipelineRow, object?>? unreported = null)
        {
            var input = CurrentInput();
            var error = CheckMailbox(input, out var mailbox) ?? CheckInput(input);
            WarnOfUnknownColumns();
            Submit(input, mailbox, error, body, keys, unreported);
        }

        /// <summary>
        /// Queues <paramref name="body"/> as a row of its own, for a mailbox already checked: what ForCurrentInput does
        /// for a pipeline input, for work gathered from several inputs (a mailbox's desired state) or from a file.
        /// <paramref name="error"/>, when given, is the row's outcome instead.
        /// </summary>
        internal void Submit(object input, string? mailbox, ErrorRecord? error, Action<PipelineRow> body, IEnumerable<string>? keys = null, Func<PipelineRow, object?>? unreported = null)
        {
            var mailboxKey = (mailbox ?? string.Empty) + "|";
            var rowKeys = new List<string>();
            foreach (var key in keys ?? Array.Empty<string>())
            {
                rowKeys.Add(mailboxKey + key);
            }

            Pumping(() => runner!.Submit(new BulkRow(rowKeys, bulk =>
            {
                var row = new PipelineRow(this, bulk, input, mailbox);
                if (error is not null)
                {
                    row.Fail(error);
                }
                else
                {
                    Run(row, body);
                }

                if (!row.HasOutput && unreported?.Invoke(row) is { } summary)
                {
                    row.Output(summary);
                }
            })));
        }

        /// <summary>
        /// Once per column and run: CSV-like input columns that bind to no parameter (a typo such as "Group Name" in the
        /// header, or a notes column) are ignored by PowerShell, so say so. The rows of a CSV share their columns, so only
        /// the first rows are looked at: listing a row's properties is among the dearest things done per row.
        /// </summary>
        private void WarnOfUnknownColumns()
        {
            if (InputObject?.BaseObject is not PSCustomObject || columnChecks >= ColumnCheckRows)
            {
                return;
            }

            columnChecks++;

            var unknown = new List<string>();
            foreach (var property in InputObject.Properties)
            {
                // The column the row's mailbox came from is not ignored (nor is one refused as a mailbox: its row fails).
                if (!BindsParameter(property.Name) && !string.Equals(property.Name, MailboxColumn, StringComparison.OrdinalIgnoreCase)
                    && unknownColumns.Add(property.Name))
                {
                    unknown.Add($"'{property.Name}'");
                }
            }

            if (unknown.Count > 0)
            {
                WriteWarning($"Input column(s) {string.Join(", ", unknown)} match no parameter of {MyInvocation.MyCommand.Name} and are ignored. If one was meant as a parameter, correct the CSV header.");
            }
        }

        /// <summary>ShouldProcess for one change of one row; on the pipeline thread.</summary>
        internal virtual bool ShouldChange(string target, string action) => ShouldProcess(target, action);

        /// <summary>Runs <paramref name="question"/> on the pipeline thread, from a row's worker thread.</summary>
        internal T Ask<T>(Func<T> question) => runner!.Ask(question);

        /// <summary>A name parameter given as an empty string (an empty CSV cell) counts as not given.</summary>
        internal static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        /// <summary>
        /// Why a CSV-like row's group is unusable when its group column has no value at all (a short row): without this
        /// check it would silently mean "Other Contacts". An empty cell still does. Null when a group is given.
        /// </summary>
        private protected string? BlankGroup(GroupIdParameter? groupId, string? groupName) =>
            (groupId is null || groupId.IsBlank) && Given(groupName) is null && (MissingValue("GroupName") || MissingValue("GroupId"))
                ? "-GroupName: this row has no GroupName value: a row shorter than the CSV header, or an empty last cell at the very end of a file without a final line break, which Import-Csv reads as missing. Give the group's name or id; for Other Contacts, leave the cell empty (end the file with a line break, or write \"\" in the cell)."
                : null;

        /// <summary>A key for what a row touches: the same contact or group named the same way gives the same key.</summary>
        internal static string Key(string kind, string? value) => kind + ":" + (value ?? string.Empty).Trim().ToLowerInvariant();

        /// <summary>The group named by -GroupId or -GroupName (an id wins when a piped object carries both); null when neither.</summary>
        internal static GroupTarget? ResolveGroup(ImListState list, ItemId? groupId, string? groupName)
        {
            if (groupId is not null)
            {
                var known = list.Group(groupId);
                return new GroupTarget(known?.Id ?? groupId, known);
            }

            return Given(groupName) is { } name ? GroupTarget.Of(list.RequireGroup(name)) : null;
        }

        /// <summary>The contact named by -ContactId or -ImAddress; Known is null for an id or address the list does not show.</summary>
        internal static ContactTarget ResolveContact(ImListState list, ItemId? contactId, string? imAddress)
        {
            if (contactId is not null)
            {
                var known = list.Contact(contactId);
                return new ContactTarget(known?.Id ?? contactId, known, Given(imAddress));
            }

            var address = Given(imAddress) ?? throw new MissingInputException("NoContact", "Give the contact with -ContactId or -ImAddress.");
            var found = list.FindContact(address);
            return new ContactTarget(found?.Id, found, address);
        }

        private void Run(PipelineRow row, Action<PipelineRow> body)
        {
            Monitor.Enter(Lists.Sync);
            try
            {
                body(row);
            }
            catch (Exception ex) when (ex is EwsException or ImListException or ArgumentException)
            {
                row.Fail(ex);
            }
            finally
            {
                Monitor.Exit(Lists.Sync);
            }
        }

        /// <summary>Runs a step that waits on the rows; Ctrl+C ends the wait as a stopped pipeline.</summary>
        private void Pumping(Action step)
        {
            try
            {
                step();
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        private void WriteRunProgress()
        {
            var now = runClock.Elapsed;
            if (now < ProgressAfter || now - lastProgress < ProgressEvery)
            {
                return;
            }

            lastProgress = now;
            progressShown = true;
            var record = new ProgressRecord(ProgressActivityId, MyInvocation.MyCommand.Name, Summary());
            if (Caller.CurrentBackOff is { } backOff)
            {
                record.CurrentOperation = $"Backing off {backOff.Length.TotalSeconds:0.#} s after {backOff.Cause}";
            }

            WriteProgress(record);
        }

        private string Summary() =>
            $"{runner!.Written} rows done, {runner.Failed} failed, {Caller.Gate.InFlight} requests in flight (at most {Caller.Gate.Limit}), {runClock.Elapsed.TotalSeconds:0} s";
    }
}
