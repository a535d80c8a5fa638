namespace ImContacts.Bulk
{
    /// <summary>Which bound an ErrorExceededConnectionCount lowered.</summary>
    internal enum GateLowering
    {
        /// <summary>The requests in flight in all.</summary>
        InAll,

        /// <summary>The requests in flight for any one mailbox.</summary>
        PerMailbox,
    }
}
