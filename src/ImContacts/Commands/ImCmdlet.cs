using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ImContacts.Bulk;
using ImContacts.Connection;
using ImContacts.Ews;
using ImContacts.Model;
using ImContacts.Resolution;

namespace ImContacts.Commands
{
    /// <summary>
    /// The base of the cmdlets that call EWS: -Connection and -Mailbox, and each input queued as a row that works on a
    /// mailbox's IM list (read once per mailbox per pipeline) on a worker thread. Every input ends in one outcome, written
    /// in input order: its output, a warning for a change already made, or one error record. The parts are services of
    /// their own: MailboxBinding (whose list), ReportingEwsCaller (requests), CmdletStreams (lines that never prompt).
    /// </summary>
    public abstract class ImCmdlet : PSCmdlet, IDisposable
    {
        // The one cancellation source of an invocation: Ctrl+C, or the pipeline ending early.
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private CmdletStreams? streams;
        private InputColumns? columns;
        private MailboxBinding? mailboxes;
        private ImServiceConnection? activeConnection;
        private ReportingEwsCaller? calls;
        private RowQueue? rows;

        /// <summary>The connection to use instead of the session's current one (Connect-ImService -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public ImServiceConnection? Connection { get; set; }

        /// <summary>The SMTP address of the mailbox to act on through impersonation; omit for the connected account's own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Mailbox { get; set; }

        /// <summary>How long, in seconds, one request may wait in all between attempts after throttling or a transient fault; 0 never retries.</summary>
        [Parameter]
        [ValidateRange(0, 86400)]
        public int MaxRetryWait { get; set; } = (int)RetryPolicy.DefaultMaxRetryWait.TotalSeconds;

        /// <summary>The whole pipeline input, kept so that an error record names the row it belongs to.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected ImServiceConnection ActiveConnection => activeConnection!;

        internal ImListCache Lists { get; } = new ImListCache();

        /// <summary>
        /// True when rows run concurrently: then no ShouldProcess can ask or answer no (-WhatIf and possible prompts run one
        /// row at a time), so a row need not wait for the pipeline thread to hear the answer.
        /// </summary>
        internal bool AnswersAreCertain { get; private set; }

        /// <summary>Whether rows' verbose lines are kept for writing (see CmdletStreams.VerboseShown); decided when the first row is queued.</summary>
        internal bool VerboseLines { get; private set; }

        private protected CmdletStreams Streams => streams ??= new CmdletStreams(this);

        private InputColumns Columns => columns ??= new InputColumns(MyInvocation.MyCommand);

        /// <summary>Whose list each input works on; one validator for every mailbox this cmdlet is given.</summary>
        private protected MailboxBinding Mailboxes => mailboxes!;

        /// <summary>Rows worked on, and requests in flight, at once: 1 unless the cmdlet takes -ThrottleLimit.</summary>
        private protected virtual int RowsAtOnce => 1;

        protected override void BeginProcessing()
        {
            activeConnection = Connection ?? ConnectionStore.Get();
            if (activeConnection is null)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException("There is no connection to Exchange. Run Connect-ImService first, or pass -Connection."),
                    "NotConnected", ErrorCategory.ConnectionError, null));
            }

            if (activeConnection!.IsDisconnected)
            {
                ThrowTerminatingError(new ErrorRecord(
                    new InvalidOperationException($"The connection to {activeConnection.Url} was closed by Disconnect-ImService. Connect again."),
                    "ConnectionClosed", ErrorCategory.ConnectionError, activeConnection));
            }

            var debugging = Streams.DebugBound
                || GetVariableValue("DebugPreference") is ActionPreference.Continue or ActionPreference.Inquire or ActionPreference.Stop;
            var caller = new ThrottledEwsCaller(activeConnection.Client, new ThrottleGate(RowsAtOnce), new RetryPolicy(TimeSpan.FromSeconds(MaxRetryWait)));
            calls = new ReportingEwsCaller(caller, activeConnection.Url, debugging, cancellation.Token);
            mailboxes = new MailboxBinding(activeConnection, Columns);
        }

        protected override void EndProcessing()
        {
            rows?.Complete();
        }

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose()
        {
            // Also when the pipeline ends early (an error with -ErrorAction Stop): requests still in flight are abandoned.
            cancellation.Cancel();
            Dispose(true);
            cancellation.Dispose();
        }

        protected virtual void Dispose(bool disposing)
        {
            rows?.Dispose();
        }

        /// <summary>Writes a verbose line; under -Debug without -Verbose, shown without a prompt.</summary>
        public new void WriteVerbose(string text) => Streams.Verbose(text);

        /// <summary>Writes a warning; under -Debug without -WarningAction, as $WarningPreference says and without a prompt.</summary>
        public new void WriteWarning(string text) => Streams.Warning(text);

        /// <summary>Writes a debug line; under -Debug shown without a prompt, otherwise as $DebugPreference says.</summary>
        public new void WriteDebug(string text) => Streams.Debug(text);

        /// <summary>The current input for error records: the pipeline object, or the bound parameters of a direct call.</summary>
        protected object CurrentInput() =>
            InputObject ?? (object)MyInvocation.BoundParameters
                .Where(p => p.Key != nameof(Connection))
                .ToDictionary(p => p.Key, p => p.Value);

        /// <summary>Validates the mailbox of the current input (MailboxBinding); null when valid, else the error record to write.</summary>
        private protected ErrorRecord? CheckMailbox(object target, out MailboxTarget? mailbox) => mailboxes!.Bind(Mailbox, InputObject, target, out mailbox);

        /// <summary>
        /// What is wrong with this input's values, found before anything is sent: the parameter and why (null: nothing).
        /// Evaluated while the input is bound; the first problem fails the row.
        /// </summary>
        private protected virtual IEnumerable<(string Parameter, string? Problem)> InputProblems() => Array.Empty<(string, string?)>();

        /// <summary>Runs one operation on the pipeline thread and reports it on the verbose stream.</summary>
        internal EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, MailboxTarget mailbox) => calls!.Call(operation, mailbox, WriteVerbose, WriteWarning, WriteDebug);

        /// <summary>Sends one operation for a row (see ReportingEwsCaller.Call).</summary>
        internal EwsCallResult<T> Call<T>(
            EwsOperation<T> operation, MailboxTarget mailbox, Action<string> verbose, Action<string> warning, Action<string> debug, Func<Func<EwsCallResult<T>>, EwsCallResult<T>> whileWaiting) =>
            calls!.Call(operation, mailbox, verbose, warning, debug, whileWaiting);

        /// <summary>Writes one error record for a failed input; the pipeline goes on with the next.</summary>
        protected void WriteFailure(Exception exception, object target)
        {
            if (ReportingEwsCaller.FailureNote(exception) is { } note)
            {
                WriteVerbose(note);
            }

            var record = ErrorRecords.FromException(exception, target);
            if (ReportingEwsCaller.EndsTheRun(exception))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
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
            var error = CheckMailbox(input, out var mailbox) ?? FirstProblem(input);
            if (Columns.UnknownColumnsWarning(InputObject, mailboxes!.Column) is { } warning)
            {
                WriteWarning(warning);
            }

            Submit(input, mailbox, error, body, keys, unreported);
        }

        /// <summary>
        /// Queues <paramref name="body"/> as a row of its own, for a mailbox already checked: what ForCurrentInput does
        /// for a pipeline input, for work gathered from several inputs (a mailbox's desired state) or from a file.
        /// <paramref name="error"/>, when given, is the row's outcome instead (and <paramref name="mailbox"/> may be null).
        /// </summary>
        internal void Submit(object input, MailboxTarget? mailbox, ErrorRecord? error, Action<PipelineRow> body, IEnumerable<string>? keys = null, Func<PipelineRow, object?>? unreported = null)
        {
            var mailboxKey = mailbox?.Key + "|";
            var rowKeys = (keys ?? Array.Empty<string>()).Select(key => mailboxKey + key).ToList();
            Rows().Submit(new BulkRow(rowKeys, bulk =>
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
            }));
        }

        /// <summary>ShouldProcess for one change of one row; on the pipeline thread.</summary>
        internal virtual bool ShouldChange(string target, string action) => ShouldProcess(target, action);

        /// <summary>Runs <paramref name="question"/> on the pipeline thread, from a row's worker thread.</summary>
        internal T Ask<T>(Func<T> question) => rows!.Ask(question);

        /// <summary>
        /// Why a CSV-like row's group is unusable when its group column has no value at all (a short row): without this
        /// check it would silently mean "Other Contacts". An empty cell still does. Null when a group is given.
        /// </summary>
        private protected string? BlankGroup(GroupIdParameter? groupId, string? groupName) =>
            (groupId is null || groupId.IsBlank) && InputText.Given(groupName) is null && (InputColumns.MissingValue(InputObject, "GroupName") || InputColumns.MissingValue(InputObject, "GroupId"))
                ? "-GroupName: this row has no GroupName value: a row shorter than the CSV header, or an empty last cell at the very end of a file without a final line break, which Import-Csv reads as missing. Give the group's name or id; for Other Contacts, leave the cell empty (end the file with a line break, or write \"\" in the cell)."
                : null;

        /// <summary>A key for what a row touches: the same contact or group named the same way gives the same key.</summary>
        internal static string Key(string kind, string? value) => kind + ":" + (value ?? string.Empty).Trim().ToLowerInvariant();

        private ErrorRecord? FirstProblem(object target)
        {
            foreach (var (parameter, problem) in InputProblems())
            {
                if (problem is not null)
                {
                    return ErrorRecords.InvalidArgument("Invalid" + parameter, problem, target);
                }
            }

            return null;
        }

        /// <summary>The rows, queued from the first one on (Get-ImItemList has none); on the pipeline thread, which RowsAtOnce needs.</summary>
        private RowQueue Rows()
        {
            if (rows is null)
            {
                var limit = RowsAtOnce;
                AnswersAreCertain = limit > 1;
                VerboseLines = Streams.VerboseShown();
                rows = new RowQueue(this, limit, calls!.Caller, cancellation.Token);
            }

            return rows;
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
    }
}
