using System;

namespace ImContacts.Connection
{
    /// <summary>How a failure to connect is classed, for the error record the command ends with.</summary>
    internal enum ConnectFailureKind
    {
        /// <summary>The parameters cannot work (a URL refused before anything is sent, a bad mailbox, a certificate without a key).</summary>
        InvalidArgument,

        /// <summary>Autodiscover found no EWS endpoint.</summary>
        ResourceUnavailable,

        /// <summary>The Entra ID sign-in failed.</summary>
        AuthenticationError,

        /// <summary>The connection test failed: the cause is an EwsException, whose code is the error id.</summary>
        ConnectionTest,
    }

    /// <summary>
    /// Connect-ImService cannot connect: the error it ends with (its id, kind and target), the cause as the inner
    /// exception, and for a failed connection test the whole explanation (cause, Kerberos's view, what to do).
    /// </summary>
    internal sealed class ConnectFailure : Exception
    {
        public ConnectFailure(string? errorId, ConnectFailureKind kind, object? target, Exception cause, string? details = null)
            : base(cause.Message, cause)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
            Details = details;
        }

        /// <summary>The FullyQualifiedErrorId; null for a failed connection test, whose cause names its own.</summary>
        public string? ErrorId { get; }

        public ConnectFailureKind Kind { get; }

        public object? Target { get; }

        /// <summary>The error's full explanation, when it says more than the cause's message.</summary>
        public string? Details { get; }

        /// <summary>Parameters that cannot work: <paramref name="message"/> names the parameter and the value.</summary>
        public static ConnectFailure InvalidArgument(string errorId, string message, object? target) =>
            new ConnectFailure(errorId, ConnectFailureKind.InvalidArgument, target, new ArgumentException(message));
    }
}
