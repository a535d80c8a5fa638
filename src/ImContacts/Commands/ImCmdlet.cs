using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ImContacts.Bulk;
using ImContacts.Connection;
using ImContacts.Ews;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Shared plumbing of the cmdlets that call EWS: -Connection and -Mailbox, cancellation on Ctrl+C, calling the
    /// EWS client from the pipeline thread, and turning failures into per-input error records.
    /// </summary>
    public abstract class ImCmdlet : ImStreamCmdlet, IDisposable
    {
        private const int MaxCheckedMailboxes = 10000;

        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();

        // Addresses already found valid in this pipeline, exactly as given (trimmed); only the pipeline thread uses it.
        private readonly HashSet<string> checkedMailboxes = new HashSet<string>(StringComparer.Ordinal);
        private ImServiceConnection? activeConnection;
        private HashSet<string>? parameterNames;

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

        /// <summary>Whether -Debug or $DebugPreference asks for debug output: only then are exchanges rendered for it.</summary>
        private protected bool Debugging { get; private set; }

        /// <summary>Sends this run's requests: its bound on requests in flight and its retries.</summary>
        private protected ThrottledEwsCaller Caller { get; private set; } = null!;

        private protected CancellationToken Cancellation => cancellation.Token;

        /// <summary>Requests this run may have in flight at once.</summary>
        private protected virtual int RequestLimit => 1;

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

            Debugging = DebugBound
                || GetVariableValue("DebugPreference") is ActionPreference.Continue or ActionPreference.Inquire or ActionPreference.Stop;
            Caller = new ThrottledEwsCaller(activeConnection.Client, new ThrottleGate(RequestLimit), new RetryPolicy(TimeSpan.FromSeconds(MaxRetryWait)));
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
        }

        /// <summary>The current input for error records: the pipeline object, or the bound parameters of a direct call.</summary>
        protected object CurrentInput() =>
            InputObject ?? (object)MyInvocation.BoundParameters
                .Where(p => p.Key != nameof(Connection))
                .ToDictionary(p => p.Key, p => p.Value);

        /// <summary>Validates -Mailbox for this input; null when valid, else the error record to write.</summary>
        protected ErrorRecord? CheckMailbox(object target, out string? mailbox)
        {
            mailbox = null;
            MailboxColumn = null;
            var given = Mailbox;
            var parameter = nameof(Mailbox);
            if (given is null && InputObject?.BaseObject is string text)
            {
                // A piped string names a mailbox, as it does for Get-Mailbox; it never means the connected account's own.
                given = text;
                parameter = "Mailbox (the piped string)";
            }

            if (given is null && InputObject is { } row && row.Properties[nameof(Mailbox)] is null
                && MailboxColumns.Find(ColumnValue) is { } found)
            {
                // Another module's object (Get-Mailbox, Get-User, Get-ADUser, ...) or a CSV without a Mailbox column.
                MailboxColumn = found.Column;
                if (!found.Usable)
                {
                    return ErrorRecords.InvalidArgument("MailboxNotGiven",
                        $"-Mailbox: this row has no Mailbox, but it has {found.Column} {InputText.Show(found.Value.Trim())}, which is not taken as a mailbox (it need not be one's SMTP address). "
                        + "Give the mailbox's SMTP address in a Mailbox column or with -Mailbox (objects from Get-Mailbox, Get-User or Get-ADUser -Properties mail bind by themselves); a row that names a user never runs on the connected account's own mailbox.",
                        target);
                }

                given = found.Value;
                parameter = $"Mailbox (the row's {found.Column})";
            }

            if (given is null && MissingValue(nameof(Mailbox)))
            {
                // A short CSV row must not fall back to the connected account's own mailbox.
                return ErrorRecords.InvalidArgument("InvalidMailbox",
                    "-Mailbox: this row has no Mailbox value (a row shorter than the CSV header?). Give the mailbox's SMTP address; to work on the connected account's own mailbox, leave the Mailbox column out.",
                    target);
            }

            if (given is null)
            {
                // Named, so that every result and error says whose list it is.
                mailbox = ActiveConnection.OwnMailbox;
                return ActiveConnection.RequiresMailbox
                    ? ErrorRecords.InvalidArgument("MailboxRequired",
                        $"The connection signs in app-only ({ActiveConnection.AuthenticationMethod}), which has no mailbox of its own: give -Mailbox, the mailbox to act on.",
                        target)
                    : null;
            }

            if (ActiveConnection.OwnMailbox is { } own && string.Equals(given.Trim(), own, StringComparison.OrdinalIgnoreCase))
            {
                // The own mailbox's name from an earlier result (CONTOSO\admin is no SMTP address, and needs none).
                mailbox = own;
                return null;
            }

            try
            {
                // The rows of a CSV name the same mailboxes again and again; checking an address is dear (MailAddress).
                var raw = given;
                given = given.Trim();
                if (!checkedMailboxes.Contains(given))
                {
                    given = MailboxAddress.Normalize(raw, parameter);
                    if (checkedMailboxes.Count >= MaxCheckedMailboxes)
                    {
                        checkedMailboxes.Clear();
                    }

                    checkedMailboxes.Add(given);
                }

                mailbox = given;
                return null;
            }
            catch (ArgumentException ex)
            {
                return ErrorRecords.InvalidArgument("InvalidMailbox", ex.Message, target);
            }
        }

        /// <summary>The column the current row's mailbox came from (or was refused from) when it has no Mailbox; see <see cref="CheckMailbox"/>.</summary>
        private protected string? MailboxColumn { get; private set; }

        /// <summary>Whether <paramref name="name"/> is one of this cmdlet's parameters or their aliases (input columns of that name bind to it).</summary>
        private protected bool BindsParameter(string name)
        {
            if (parameterNames is null)
            {
                parameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in MyInvocation.MyCommand.Parameters.Values)
                {
                    parameterNames.Add(parameter.Name);
                    parameterNames.UnionWith(parameter.Aliases);
                }
            }

            return parameterNames.Contains(name);
        }

        /// <summary>A column of the current input as text; null when it has none, or when a parameter of this cmdlet binds it.</summary>
        private string? ColumnValue(string name)
        {
            if (BindsParameter(name) || InputObject?.Properties[name]?.Value is not { } value)
            {
                return null;
            }

            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value is not string && value is System.Collections.IEnumerable many)
            {
                // A one-value AD attribute; several values name no single mailbox.
                var values = many.Cast<object?>().Take(2).ToList();
                return values.Count == 1 ? values[0]?.ToString() : null;
            }

            return value.ToString();
        }

        /// <summary>
        /// What is wrong with this input's values, found before anything is sent: the parameter and why (null: nothing).
        /// Evaluated while the input is bound; the first problem fails the row.
        /// </summary>
        private protected virtual IEnumerable<(string Parameter, string? Problem)> InputProblems() => Array.Empty<(string, string?)>();

        /// <summary>The error record for the first of this input's problems; null when it has none.</summary>
        private protected ErrorRecord? CheckInput(object target)
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

        /// <summary>
        /// Whether the input is a CSV-like row (Import-Csv, [pscustomobject]) that has <paramref name="column"/> without a
        /// value: Import-Csv gives $null for the columns a short row lacks, and "" for an empty cell, which counts as not given.
        /// </summary>
        private protected bool MissingValue(string column) =>
            InputObject?.BaseObject is PSCustomObject
            && InputObject.Properties[column] is { } property
            && property.Value is null;

        /// <summary>Runs one operation on the pipeline thread and reports it on the verbose stream.</summary>
        internal EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, string? mailbox) => Call(operation, mailbox, WriteVerbose, WriteWarning, WriteDebug);

        /// <summary>
        /// Sends one operation and waits for its result, telling <paramref name="verbose"/> about it and its retries,
        /// <paramref name="warning"/> about a Warning response and <paramref name="debug"/> each exchange (under -Debug);
        /// <paramref name="whileWaiting"/> brackets the wait.
        /// </summary>
        internal EwsCallResult<T> Call<T>(
            EwsOperation<T> operation, string? mailbox, Action<string> verbose, Action<string> warning, Action<string> debug, Func<Func<EwsCallResult<T>>, EwsCallResult<T>>? whileWaiting = null)
        {
            verbose($"{operation.Name} {Describe(mailbox)} → {ActiveConnection.Url}");

            // Retries and exchanges are reported from other threads; they are written here, in order, once the call is over.
            var notes = new ConcurrentQueue<(bool IsTrace, string Text)>();
            Action<string>? trace = Debugging ? text => notes.Enqueue((true, text)) : null;
            EwsCallResult<T> Send() => BlockingWait.Result(Caller.InvokeAsync(operation, mailbox, text => notes.Enqueue((false, text)), cancellation.Token, trace));
            EwsCallResult<T> result;
            try
            {
                result = whileWaiting is null ? Send() : whileWaiting(Send);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                while (notes.TryDequeue(out var note))
                {
                    (note.IsTrace ? debug : verbose)(note.Text);
                }
            }

            verbose($"{operation.Name} {Describe(mailbox)}: {result.Response.ResponseCode} in {result.Duration.TotalMilliseconds:0} ms"
                + (result.Attempts > 1 ? $" after {result.Attempts} attempts" : string.Empty)
                + $" (server {result.ServerVersion?.ToString() ?? "version unknown"}; client-request-id {result.Context.ClientRequestId})");
            if (result.Response.ResponseClass == "Warning")
            {
                warning($"{operation.Name} {Describe(mailbox)}: {result.Response.ResponseCode}: {result.Response.MessageText}");
            }

            return result;
        }

        /// <summary>Writes one error record for a failed input; the pipeline goes on with the next.</summary>
        protected void WriteFailure(Exception exception, object target)
        {
            if (FailureNote(exception) is { } note)
            {
                WriteVerbose(note);
            }

            var record = ErrorRecords.FromException(exception, target);
            if (EndsTheRun(exception))
            {
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }

        /// <summary>
        /// A failure no later input can escape, which ends the pipeline instead of failing one input: Exchange Online
        /// refusing EWS to the tenant or application.
        /// </summary>
        internal static bool EndsTheRun(Exception? exception) =>
            exception is EwsTransportException { Failure: EwsTransportFailure.BlockedByPolicy };

        /// <summary>The verbose line that goes with a failure: what failed and the id to give Microsoft support.</summary>
        internal static string? FailureNote(Exception exception) => exception is EwsException ews
            ? $"{ews.Operation} {Describe(ews.Mailbox)} failed: {ews.ErrorId}{(ews.Attempts > 1 ? $" after {ews.Attempts} attempts" : string.Empty)} (client-request-id {ews.ClientRequestId})"
            : null;

        internal static string Describe(string? mailbox) => mailbox is null ? "(own mailbox)" : $"for {mailbox}";
    }
}
