using System;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Bulk
{
    /// <summary>
    /// Sends operations through one connection's client with a bound on the requests in flight, and sends a request again
    /// after throttling and transient faults as the retry policy allows. A change that is not harmless to repeat is sent
    /// again after an unanswered attempt only when a fresh read of the list shows it was not made.
    /// </summary>
    internal sealed class ThrottledEwsCaller
    {
        private static readonly ExtendedPropertyPath[] NoProperties = Array.Empty<ExtendedPropertyPath>();

        private readonly EwsClient client;
        private readonly RetryPolicy policy;
        private readonly IRetryClock clock;
        private long lastAnswerTicks;
        private BackOff? currentBackOff;

        public ThrottledEwsCaller(EwsClient client, ThrottleGate gate, RetryPolicy policy, IRetryClock? clock = null)
        {
            this.client = client;
            this.policy = policy;
            this.clock = clock ?? new SystemRetryClock();
            Gate = gate;
        }

        public ThrottleGate Gate { get; }

        /// <summary>The back-off that ends last among those running now, for progress; null when none is.</summary>
        public BackOff? CurrentBackOff => currentBackOff is { } b && b.Until > clock.Elapsed ? b : null;

        /// <summary>
        /// Sends <paramref name="operation"/> until it succeeds or may not be retried; <paramref name="explain"/> hears of
        /// each retry, <paramref name="trace"/> of each exchange (for -Debug). A final failure carries the number of attempts
        /// and why it was not retried further.
        /// </summary>
        public async Task<EwsCallResult<T>> InvokeAsync<T>(EwsOperation<T> operation, MailboxTarget mailbox, Action<string>? explain, CancellationToken cancellationToken, Action<string>? trace = null)
        {
            var started = clock.Elapsed;
            var waited = TimeSpan.Zero;
            Func<CancellationToken, Task<IDisposable>>? slot = null;
            for (var attempt = 1; ; attempt++)
            {
                EwsException failure;
                try
                {
                    // The slot is held while the server has the request, not while it is written or its answer read.
                    var result = await client.InvokeAsync(operation, mailbox, cancellationToken, trace, slot ??= token => Gate.EnterAsync(mailbox.Key, token)).ConfigureAwait(false);
                    Interlocked.Exchange(ref lastAnswerTicks, clock.Elapsed.Ticks);
                    return result.After(attempt, clock.Elapsed - started);
                }
                catch (EwsException ex)
                {
                    failure = ex;
                }

                var kind = RetryPolicy.Classify(failure);
                if (kind is not (FailureKind.Ambiguous or FailureKind.TimedOut))
                {
                    // Throttling and refusals are answers too: the server is there.
                    Interlocked.Exchange(ref lastAnswerTicks, clock.Elapsed.Ticks);
                }

                if (kind == FailureKind.ConnectionLimit && Gate.Lower(mailbox.Key) is { } lowered)
                {
                    explain?.Invoke(lowered == GateLowering.PerMailbox
                        ? $"{failure.ErrorId}: the server allows fewer concurrent requests for one mailbox; at most {Gate.MailboxLimit} in flight for each mailbox from now on."
                        : $"{failure.ErrorId}: the server allows fewer concurrent requests; at most {Gate.Limit} in flight from now on.");
                }

                var delay = policy.NextDelay(failure, attempt, waited);
                var silentFor = clock.Elapsed - TimeSpan.FromTicks(Interlocked.Read(ref lastAnswerTicks));
                if (delay is null || (kind == FailureKind.Ambiguous && silentFor > policy.MaxRetryWait))
                {
                    failure.RecordRetries(attempt, kind switch
                    {
                        FailureKind.Permanent => null,
                        FailureKind.TimedOut => attempt > 1 ? "a request that got no answer within -TimeoutSec is not sent again" : null,
                        FailureKind.Conflict when attempt >= RetryPolicy.MaxConflictAttempts => "another client kept changing the same group meanwhile; run the row again later",
                        _ => WhyNotAgain(failure, waited, delay is null),
                    });
                    throw failure;
                }

                explain?.Invoke($"{operation.Name} {mailbox.Label}: attempt {attempt} failed with {failure.ErrorId}; sending it again in {delay.Value.TotalSeconds:0.0#} s.");
                NoteBackOff(delay.Value, failure.ErrorId);
                await clock.Delay(delay.Value, cancellationToken).ConfigureAwait(false);
                waited += delay.Value;

                // The change may be in place anyway: an unanswered attempt may have run, and after a conflict another client
                // may have made it. A fresh read of the list decides.
                if (kind is FailureKind.Ambiguous or FailureKind.Conflict && operation is EwsChangeOperation change)
                {
                    var list = await InvokeAsync(new GetImItemListOperation(NoProperties), mailbox, explain, cancellationToken, trace).ConfigureAwait(false);
                    if (change.IsAppliedIn(list.Value))
                    {
                        var why = kind == FailureKind.Conflict ? $"met {failure.ErrorId} (another request changed the group)" : "got no answer";
                        explain?.Invoke($"{operation.Name} {mailbox.Label}: attempt {attempt} {why}, but the IM list shows the change made; not sending it again.");
                        var response = new EwsResponse("Success", "NoError", kind == FailureKind.Conflict
                            ? "Another request changed the group first; the IM list read afterwards shows the change made."
                            : "No answer came; the IM list read afterwards shows the change made.",
                            null, new System.Collections.Generic.Dictionary<string, string>(), null, null, null);
                        var verified = new EwsCallResult<EwsResponse>(response, failure.Context, response, list.ServerVersion, TimeSpan.Zero);
                        return (EwsCallResult<T>)(object)verified.After(attempt, clock.Elapsed - started, verified: true);
                    }
                }
            }
        }

        private string WhyNotAgain(EwsException failure, TimeSpan waited, bool overBudget)
        {
            if (!overBudget)
            {
                return $"no request on this connection was answered for more than {policy.MaxRetryWait.TotalSeconds:0} s (-MaxRetryWait)";
            }

            var hint = RetryPolicy.Hint(failure);
            return hint is { } asked && waited + asked > policy.MaxRetryWait
                ? $"the server asked to wait {asked.TotalSeconds:0.#} s, beyond what is left of the {policy.MaxRetryWait.TotalSeconds:0} s retry budget (-MaxRetryWait)"
                : $"the {policy.MaxRetryWait.TotalSeconds:0} s retry budget (-MaxRetryWait) is spent after waiting {waited.TotalSeconds:0.#} s";
        }

        private void NoteBackOff(TimeSpan delay, string cause)
        {
            var until = clock.Elapsed + delay;
            var current = currentBackOff;
            if (current is null || current.Until < until || current.Until < clock.Elapsed)
            {
                currentBackOff = new BackOff(until, delay, cause);
            }
        }


        /// <summary>A wait before a retry: when it ends (on the caller's clock), how long it is, and the failure that caused it.</summary>
        internal sealed class BackOff
        {
            public BackOff(TimeSpan until, TimeSpan length, string cause)
            {
                Until = until;
                Length = length;
                Cause = cause;
            }

            public TimeSpan Until { get; }

            public TimeSpan Length { get; }

            public string Cause { get; }
        }
    }
}
