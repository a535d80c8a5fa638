using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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
        /// Sends one operation and waits for its result on the calling thread (the pipeline thread's own requests), telling
        /// <paramref name="verbose"/> about it and its retries, <paramref name="warning"/> about a Warning response and
        /// <paramref name="debug"/> each exchange (under -Debug). Ctrl+C ends the wait as a stopped pipeline.
        /// </summary>
        public EwsCallResult<T> Call<T>(EwsOperation<T> operation, MailboxTarget mailbox, Action<string> verbose, Action<string> warning, Action<string> debug)
        {
            var call = Start(operation, mailbox, verbose);
            EwsCallResult<T> result;
            try
            {
                result = PipelineStop.When(cancellation, () => BlockingWait.Result(call.Send(Caller, operation, mailbox, cancellation)));
            }
            finally
            {
                call.WriteNotes(verbose, debug);
            }

            return Finish(operation, mailbox, result, verbose, warning);
        }

        /// <summary>
        /// As <see cref="Call{T}"/>, for a row: the request is awaited, holding no thread; <paramref name="whileWaiting"/>
        /// brackets the wait (the row lets go of the lists' lock). The reports must be safe to make from any thread.
        /// </summary>
        public async Task<EwsCallResult<T>> CallAsync<T>(
            EwsOperation<T> operation, MailboxTarget mailbox, Action<string> verbose, Action<string> warning, Action<string> debug, Func<Func<Task<EwsCallResult<T>>>, Task<EwsCallResult<T>>> whileWaiting)
        {
            var call = Start(operation, mailbox, verbose);
            EwsCallResult<T> result;
            try
            {
                result = await whileWaiting(() => call.Send(Caller, operation, mailbox, cancellation)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                call.WriteNotes(verbose, debug);
            }

            return Finish(operation, mailbox, result, verbose, warning);
        }

        private Notes Start<T>(EwsOperation<T> operation, MailboxTarget mailbox, Action<string> verbose)
        {
            if (verboseLines)
            {
                verbose($"{operation.Name} {mailbox.Label} → {endpoint}");
            }

            return verboseLines || debugging ? new Notes(verboseLines, debugging) : Notes.None;
        }

        private EwsCallResult<T> Finish<T>(EwsOperation<T> operation, MailboxTarget mailbox, EwsCallResult<T> result, Action<string> verbose, Action<string> warning)
        {
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

        /// <summary>
        /// Retries and exchanges are reported from other threads; they are kept here and written in order once the call is
        /// over. Lines nobody would see are not made: at hundreds of requests a second they were a tenth of what a request
        /// allocated.
        /// </summary>
        private sealed class Notes
        {
            /// <summary>For a call nobody hears about: it keeps nothing, so one serves every call.</summary>
            public static readonly Notes None = new Notes(false, false);

            private readonly ConcurrentQueue<(bool IsTrace, string Text)>? queue;
            private readonly Action<string>? explain;
            private readonly Action<string>? trace;

            public Notes(bool verboseLines, bool debugging)
            {
                queue = verboseLines || debugging ? new ConcurrentQueue<(bool IsTrace, string Text)>() : null;
                explain = verboseLines ? text => queue!.Enqueue((false, text)) : null;
                trace = debugging ? text => queue!.Enqueue((true, text)) : null;
            }

            public Task<EwsCallResult<T>> Send<T>(ThrottledEwsCaller caller, EwsOperation<T> operation, MailboxTarget mailbox, CancellationToken cancellation) =>
                caller.InvokeAsync(operation, mailbox, explain, cancellation, trace);

            public void WriteNotes(Action<string> verbose, Action<string> debug)
            {
                while (queue is not null && queue.TryDequeue(out var note))
                {
                    (note.IsTrace ? debug : verbose)(note.Text);
                }
            }
        }
    }
}
