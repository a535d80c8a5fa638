namespace ImContacts.Model
{
    /// <summary>Which call an outcome belongs to.</summary>
    public sealed class EwsCallContext
    {
        public EwsCallContext(string operation, string? mailbox, string clientRequestId, bool impersonates = true)
        {
            Operation = operation;
            Mailbox = mailbox;
            ClientRequestId = clientRequestId;
            Impersonates = impersonates && mailbox is not null;
        }

        public string Operation { get; }

        /// <summary>The mailbox acted on, as the admin knows it (the connected account's own included); null: own, name unknown.</summary>
        public string? Mailbox { get; }

        /// <summary>Whether the request impersonates <see cref="Mailbox"/>; false for the connected account's own mailbox.</summary>
        public bool Impersonates { get; }

        public string ClientRequestId { get; }
    }
}
