namespace ImContacts.Ews
{
    /// <summary>How messages name the mailbox a request is for: null is the connected account's own, never impersonated.</summary>
    internal static class MailboxLabel
    {
        /// <summary>The connected account's own mailbox when its address is not known.</summary>
        public const string Own = "(own mailbox)";

        /// <summary>"(own mailbox)", or "for ana@contoso.com".</summary>
        public static string For(string? mailbox) => mailbox is null ? Own : "for " + mailbox;
    }
}
