using System;
using System.Collections.Concurrent;
using System.Threading;
using ImContacts.Bulk;
using ImContacts.Ews;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// A cmdlet's requests, each sent through the run's throttled caller and waited for, and told about as PowerShell
    /// users expect: a verbose line before and after, its retries, a warning for a Warning response, the exchange under -Debug.
    /// </summary>
    internal sealed class ReportingEwsCaller
    {
        private readonly Uri endpoint;
        private readonly bool verboseLines;
        private readonly bool debugging;
        private readonly CancellationToken cancellation;

        /// <summary>
        /// A caller for one invocation; <paramref name="verboseLines"/> says whether verbose lines would be shown
        /// (CmdletStreams.VerboseShown): when not, none is made.
        /// </summary>
        public ReportingEwsCaller(ThrottledEwsCaller caller, Uri endpoint, bool verboseLines, bool debugging, CancellationToken cancellation)
        {
            Caller = caller;
            this.endpoint = endpoint;
            this.verboseLines = verboseLines;
            this.debugging = debugging;
            this.cancellation = cancellation;
        }

        /// <summary>The run's bound on requests in flight and its retries.</summary>
        public ThrottledEwsCaller Caller { get; }

        /// <summary>
        /// Sends one operation and waits for its result, telling <paramref name="verbose"/> about it and its retries,
        /// <paramref name="warning"/> about a Warning response and <paramref name="debug"/> each exchange (under -Debug);
        /// <paramref name="whileWaiting"/> brackets the wait. Ctrl+C ends the wait as a stopped pipeline.
        /// </summary>
        public EwsCallResult<T> Call<T>(
            EwsOperation<T> operation, MailboxTarget mailbox, Action<string> verbose, Action<string> warning, Action<string> debug, Func<Func<EwsCallResult<T>>, EwsCallResult<T>>? whileWaiting = null)
        {
            if (verboseLines)
            {
                verbose($"{operation.Name} {mailbox.Label} → {endpoint}");
            }

            // Retries and exchanges are reported from other threads; they are written here, in order, once the call is over.
            // Lines nobody would see are not made: at hundreds of requests a second they were a tenth of what a request allocated.
            var notes = verboseLines || debugging ? new ConcurrentQueue<(bool IsTrace, string Text)>() : null;
            Action<string>? explain = verboseLines ? text => notes!.Enqueue((false, text)) : null;
            Action<string>? trace = debugging ? text => notes!.Enqueue((true, text)) : null;
            EwsCallResult<T> Send() => BlockingWait.Result(Caller.InvokeAsync(operation, mailbox, explain, cancellation, trace));
            EwsCallResult<T> result;
            try
            {
                result = PipelineStop.When(cancellation, () => whileWaiting is null ? Send() : whileWaiting(Send));
            }
            finally
            {
                while (notes is not null && notes.TryDequeue(out var note))
                {
                    (note.IsTrace ? debug : verbose)(note.Text);
                }
            }

            if (verboseLines)
            {
                verbose($"{operation.Name} {mailbox.Label}: {result.Response.ResponseCode} in {result.Duration.TotalMilliseconds:0} ms"
                    + (result.Attempts > 1 ? $" after {result.Attempts} attempts" : string.Empty)
                    + $" (server {result.ServerVersion?.ToString() ?? "version unknown"}; client-request-id {result.Context.ClientRequestId})");
            }
            if (result.Response.ResponseClass == "Warning")
            {
                warning($"{operation.Name} {mailbox.Label}: {result.Response.ResponseCode}: {result.Response.MessageText}");
            }

            return result;
        }

        /// <summary>
        /// A failure no later input can escape, which ends the pipeline instead of failing one input: Exchange Online
        /// refusing EWS to the tenant or application.
        /// </summary>
        public static bool EndsTheRun(Exception? exception) =>
            exception is EwsTransportException { Failure: EwsTransportFailure.BlockedByPolicy };

        /// <summary>The verbose line that goes with a failure: what failed and the id to give Microsoft support.</summary>
        public static string? FailureNote(Exception exception) => exception is EwsException ews
            ? $"{ews.Operation} {ews.Context.Target.Label} failed: {ews.ErrorId}{(ews.Attempts > 1 ? $" after {ews.Attempts} attempts" : string.Empty)} (client-request-id {ews.ClientRequestId})"
            : null;
    }
}
