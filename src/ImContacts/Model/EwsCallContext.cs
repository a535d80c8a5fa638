namespace ImContacts.Model
{
    /// <summary>Which call an outcome belongs to.</summary>
    public sealed class EwsCallContext
    {
        public EwsCallContext(string operation, string? mailbox, string clientRequestId)
        {
            Operation = operation;
            Mailbox = mailbox;
            ClientRequestId = clientRequestId;
        }

        public string Operation { get; }

        public string? Mailbox { get; }

        public string ClientRequestId { get; }
    }
}
