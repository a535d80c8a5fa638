using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ImContacts.Connection;
using ImContacts.Ews;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Shared plumbing of the cmdlets that call EWS: -Connection and -Mailbox, cancellation on Ctrl+C, calling the
    /// EWS client from the pipeline thread, and turning failures into per-input error records.
    /// </summary>
    public abstract class ImCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private ImServiceConnection? activeConnection;

        /// <summary>The connection to use instead of the session's current one (Connect-ImService -PassThru).</summary>
        [Parameter]
        [ValidateNotNull]
        public ImServiceConnection? Connection { get; set; }

        /// <summary>The SMTP address of the mailbox to act on through impersonation; omit for the connected account's own.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Mailbox { get; set; }

        /// <summary>The whole pipeline input, kept so that an error record names the row it belongs to.</summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        protected ImServiceConnection ActiveConnection => activeConnection!;

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
        }

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        /// <summary>The current input for error records: the pipeline object, or the bound parameters of a direct call.</summary>
        protected object CurrentInput() =>
            InputObject ?? (object)MyInvocation.BoundParameters
                .Where(p => p.Key != nameof(Connection))
                .ToDictionary(p => p.Key, p => p.Value);

        /// <summary>Validates -Mailbox for this input; on failure writes the error and returns false.</summary>
        protected bool TryGetMailbox(object target, out string? mailbox)
        {
            mailbox = null;
            if (Mailbox is null)
            {
                if (ActiveConnection.RequiresMailbox)
                {
                    WriteError(ErrorRecords.InvalidArgument("MailboxRequired",
                        $"The connection signs in app-only ({ActiveConnection.AuthenticationMethod}), which has no mailbox of its own: give -Mailbox, the mailbox to act on.",
                        target));
                    return false;
                }

                return true;
            }

            try
            {
                mailbox = MailboxAddress.Normalize(Mailbox, nameof(Mailbox));
                return true;
            }
            catch (ArgumentException ex)
            {
                WriteError(ErrorRecords.InvalidArgument("InvalidMailbox", ex.Message, target));
                return false;
            }
        }

        /// <summary>Runs one operation on the pipeline thread and reports it on the verbose stream.</summary>
        internal EwsCallResult<T> Invoke<T>(EwsOperation<T> operation, string? mailbox)
        {
            WriteVerbose($"{operation.Name} {Describe(mailbox)} → {ActiveConnection.Url}");
            EwsCallResult<T> result;
            try
            {
                result = ActiveConnection.Client.InvokeAsync(operation, mailbox, cancellation.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            WriteVerbose($"{operation.Name} {Describe(mailbox)}: {result.Response.ResponseCode} in {result.Duration.TotalMilliseconds:0} ms"
                + $" (server {result.ServerVersion?.ToString() ?? "version unknown"}; client-request-id {result.Context.ClientRequestId})");
            if (result.Response.ResponseClass == "Warning")
            {
                WriteWarning($"{operation.Name} {Describe(mailbox)}: {result.Response.ResponseCode}: {result.Response.MessageText}");
            }

            return result;
        }

        /// <summary>Writes one error record for a failed input; the pipeline goes on with the next.</summary>
        protected void WriteFailure(Exception exception, object target)
        {
            if (exception is EwsException ews)
            {
                WriteVerbose($"{ews.Operation} {Describe(ews.Mailbox)} failed: {ews.ErrorId} (client-request-id {ews.ClientRequestId})");
            }

            WriteError(ErrorRecords.FromException(exception, target));
        }

        protected static string Describe(string? mailbox) => mailbox is null ? "(own mailbox)" : $"for {mailbox}";
    }
}
