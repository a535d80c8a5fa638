using System;
using ImContacts.Model;

namespace ImContacts.Bulk
{
    /// <summary>What a failed attempt says about sending the same request again.</summary>
    internal enum FailureKind
    {
        /// <summary>Sending it again fails the same way.</summary>
        Permanent,

        /// <summary>ErrorServerBusy: the account's budget is spent; wait the server's hint.</summary>
        Throttled,

        /// <summary>ErrorExceededConnectionCount: too many requests in flight for this account.</summary>
        ConnectionLimit,

        /// <summary>Refused before it ran (HTTP 503, 429, a transient sign-in failure): safe to send again.</summary>
        NotRun,

        /// <summary>No usable answer (dropped connection, proxy error): the request may have run.</summary>
        Ambiguous,

        /// <summary>No answer within -TimeoutSec: not sent again, since waiting longer is what the user's timeout rules out.</summary>
        TimedOut,

        /// <summary>
        /// Another request saved the group first (ErrorIrresolvableConflict, ErrorUnableToRemoveImContactFromGroup): nothing
        /// was saved, and a fresh request binds the new version (protocol reference §12).
        /// </summary>
        Conflict,
    }

    /// <summary>
    /// When to send a failed request again and after how long: the server's hint (BackOffMilliseconds, Retry-After) where
    /// it gives one, else exponential back-off with jitter; never beyond the wait budget.
    /// </summary>
    internal sealed class RetryPolicy
    {
        public static readonly TimeSpan DefaultMaxRetryWait = TimeSpan.FromMinutes(5);

        /// <summary>Attempts a request gets when each one meets a conflict: a group changing that often is not settling.</summary>
        public const int MaxConflictAttempts = 5;

        private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
        private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

        private readonly Random random;
        private readonly object sync = new object();

        public RetryPolicy(TimeSpan maxRetryWait, int? seed = null)
        {
            if (maxRetryWait < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(maxRetryWait), maxRetryWait, "The retry budget cannot be negative.");
            }

            MaxRetryWait = maxRetryWait;
            random = seed is { } s ? new Random(s) : new Random();
        }

        /// <summary>How long one request may spend waiting between its attempts, in all.</summary>
        public TimeSpan MaxRetryWait { get; }

        public static FailureKind Classify(EwsException failure) => failure switch
        {
            EwsServerBusyException => FailureKind.Throttled,
            EwsTransportException { Failure: EwsTransportFailure.Timeout } => FailureKind.TimedOut,
            EwsResponseException { ResponseCode: "ErrorExceededConnectionCount" } => FailureKind.ConnectionLimit,
            EwsResponseException { ResponseCode: "ErrorIrresolvableConflict" or "ErrorUnableToRemoveImContactFromGroup" } => FailureKind.Conflict,

            // ErrorInternalServerTransientError, ErrorMailboxStoreUnavailable...: the store may have been half-way through.
            EwsResponseException response when response.IsTransient => FailureKind.Ambiguous,
            EwsTransportException { Failure: EwsTransportFailure.HttpStatus, HttpStatusCode: 503 or 429 } => FailureKind.NotRun,
            EwsTransportException { Failure: EwsTransportFailure.SignInFailed } signIn when signIn.IsTransient => FailureKind.NotRun,
            _ when failure.IsTransient => FailureKind.Ambiguous,
            _ => FailureKind.Permanent,
        };

        /// <summary>
        /// The wait before the next attempt after <paramref name="failedAttempts"/> failed ones that already waited
        /// <paramref name="waited"/>; null when the failure is permanent or the wait would exceed the budget.
        /// </summary>
        public TimeSpan? NextDelay(EwsException failure, int failedAttempts, TimeSpan waited)
        {
            var kind = Classify(failure);
            if (kind is FailureKind.Permanent or FailureKind.TimedOut || (kind == FailureKind.Conflict && failedAttempts >= MaxConflictAttempts))
            {
                return null;
            }

            var delay = Hint(failure) ?? Exponential(failedAttempts);
            return waited + delay > MaxRetryWait ? null : delay;
        }

        /// <summary>The wait the server asked for; null when it gave none (or 0, which is no advice).</summary>
        public static TimeSpan? Hint(EwsException failure) => failure switch
        {
            EwsServerBusyException { BackOff: { } backOff } when backOff > TimeSpan.Zero => backOff,
            EwsTransportException { RetryAfter: { } retryAfter } when retryAfter > TimeSpan.Zero => retryAfter,
            _ => null,
        };

        private TimeSpan Exponential(int failedAttempts)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 16)));
            double share;
            lock (sync)
            {
                share = 0.5 + (random.NextDouble() / 2);
            }

            // Jitter keeps rows that failed together from coming back together.
            return TimeSpan.FromMilliseconds(ceiling * share);
        }
    }
}
