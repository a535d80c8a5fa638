namespace ImContacts.Model
{
    /// <summary>Which call an outcome belongs to.</summary>
    public sealed class EwsCallContext
    {
        internal EwsCallContext(string operation, MailboxTarget target, string clientRequestId)
        {
            Operation = operation;
            Target = target;
            ClientRequestId = clientRequestId;
        }

        public string Operation { get; }

        /// <summary>The mailbox acted on, as the admin knows it (the connected account's own included); null: own, name unknown.</summary>
        public string? Mailbox => Target.Name;

        /// <summary>Whether the request impersonates <see cref="Mailbox"/>; false for the connected account's own mailbox.</summary>
        public bool Impersonates => !Target.IsOwn;

        public string ClientRequestId { get; }

        /// <summary>Whose list the call was for, as its input was bound.</summary>
        internal MailboxTarget Target { get; }
    }
}
