using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Bulk;
using ImContacts.Connection;
using ImContacts.Ews;
using ImContacts.Lists;
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

        /// <summary>The run's before-images (a run that removes; see RemovalParameters); null for none.</summary>
        internal RunBackup? Backup { get; private protected set; }

        internal RemovalGuard? Removals { get; private protected set; }

        internal CmdletStreams Streams => streams ??= new CmdletStreams(this);

        private InputColumns Columns => columns ??= new InputColumns(MyInvocation.MyCommand);

        /// <summary>Whose list each input works on; one validator for every mailbox this cmdlet is given.</summary>
        private protected MailboxBinding Mailboxes => mailboxes!;

        /// <summary>
        /// The most -ThrottleLimit allows: requests in flight in all. Under impersonation each target mailbox has a budget
        /// of its own, so a run over many mailboxes may have more in flight than one budget allows.
        /// </summary>
        public const int MaxThrottleLimit = 256;

        /// <summary>EWS's default limit on concurrent requests per budget (EWSMaxConcurrency): the most -MailboxThrottleLimit allows.</summary>
        public const int MaxMailboxThrottleLimit = 27;

        /// <summary>Rows worked on, and requests in flight, at once: 1 unless the cmdlet takes -ThrottleLimit.</summary>
        private protected virtual int RowsAtOnce => 1;

        /// <summary>Requests in flight at once for one mailbox: -MailboxThrottleLimit where the cmdlet takes it.</summary>
        private protected virtual int MailboxRequestsAtOnce => MaxMailboxThrottleLimit;

        protected override void BeginProcessing()
        {
            activeConnection = ConnectionStore.Active(Connection, out var notConnected);
            if (notConnected is not null)
            {
                ThrowTerminatingError(notConnected);
            }

            var caller = new ThrottledEwsCaller(activeConnection!.Client, new ThrottleGate(RowsAtOnce, MailboxRequestsAtOnce), new RetryPolicy(TimeSpan.FromSeconds(MaxRetryWait)));
            calls = new ReportingEwsCaller(caller, activeConnection.Url, Streams.VerboseShown(), Streams.DebugShown, cancellation.Token);
            mailboxes = new MailboxBinding(activeConnection, Columns, WriteWarning);
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

        /// <summary>Validates the mailbox of the current input (MailboxBinding, which warns of CSV columns no parameter takes); null when valid, else the error record to write.</summary>
        private protected ErrorRecord? CheckMailbox(object target, out MailboxTarget? mailbox) => mailboxes!.Bind(Mailbox, InputObject, target, out mailbox);

        /// <summary>What is wrong with this input's values (parameter, why; null: nothing), before anything is sent; the first fails the row.</summary>
        private protected virtual IEnumerable<(string Parameter, string? Problem)> InputProblems() => Array.Empty<(string, string?)>();

        /// <summary>Runs one operation on the pipeline thread and reports it on the verbose stream.</summary>
        internal EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, MailboxTarget mailbox) => calls!.Call(operation, mailbox, WriteVerbose, WriteWarning, WriteDebug);

        /// <summary>The invocation's requests, reported (see ReportingEwsCaller.Call).</summary>
        internal ReportingEwsCaller Calls => calls!;

        /// <summary>Queues <paramref name="body"/> as the current input's row, with its validated mailbox (see RowQueue.Submit).</summary>
        internal void ForCurrentInput(Func<PipelineRow, Task> body, IEnumerable<string>? keys = null, Func<PipelineRow, object?>? unreported = null)
        {
            var input = CurrentInput();
            var error = CheckMailbox(input, out var mailbox) ?? ErrorRecords.FirstProblem(InputProblems(), input);
            Submit(input, mailbox, error, body, keys, unreported);
        }

        /// <summary>Queues a row for a mailbox already checked: work gathered from several inputs, or from a file.</summary>
        internal void Submit(object input, MailboxTarget? mailbox, ErrorRecord? error, Func<PipelineRow, Task> body, IEnumerable<string>? keys = null, Func<PipelineRow, object?>? unreported = null) =>
            Rows().Submit(input, mailbox, error, body, keys, unreported);

        /// <summary>ShouldProcess for one change of one row; on the pipeline thread.</summary>
        internal virtual bool ShouldChange(string target, string action) => ShouldProcess(target, action);

        /// <summary>The rows, queued from the first one on (Get-ImItemList has none); on the pipeline thread, which RowsAtOnce needs.</summary>
        private RowQueue Rows() => rows ??= new RowQueue(this, RowsAtOnce, Streams.VerboseShown(), calls!.Caller, cancellation.Token);
    }
}
