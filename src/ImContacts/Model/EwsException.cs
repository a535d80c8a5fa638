using System;

namespace ImContacts.Model
{
    /// <summary>Base of every error the EWS layer raises; carries the operation and the request's correlation id.</summary>
    public abstract class EwsException : Exception
    {
        protected EwsException(string message, EwsCallContext context, Exception? innerException = null)
            : base(message, innerException)
        {
            Context = context;
        }

        public EwsCallContext Context { get; }

        public string Operation => Context.Operation;

        public string? Mailbox => Context.Mailbox;

        /// <summary>The client-request-id sent with the call: give it to Microsoft support to find the request.</summary>
        public string ClientRequestId => Context.ClientRequestId;

        /// <summary>A short, stable identifier: the EWS ResponseCode where there is one.</summary>
        public abstract string ErrorId { get; }

        /// <summary>True when the same request may succeed if sent again later.</summary>
        public virtual bool IsTransient => false;

        /// <summary>How many times the request was sent before this failure was final.</summary>
        public int Attempts { get; private set; } = 1;

        /// <summary>Why no further attempt was made, when the failure was worth retrying; null otherwise.</summary>
        public string? GaveUpBecause { get; private set; }

        public override string Message => GaveUpBecause is null ? base.Message : $"{base.Message} Gave up after {Attempts} attempt(s): {GaveUpBecause}.";

        internal void RecordRetries(int attempts, string? gaveUpBecause)
        {
            Attempts = attempts;
            GaveUpBecause = gaveUpBecause;
        }

        protected static string Prefix(EwsCallContext context) =>
            context.Mailbox is null ? context.Operation : $"{context.Operation} for mailbox '{context.Mailbox}'";
    }
}
