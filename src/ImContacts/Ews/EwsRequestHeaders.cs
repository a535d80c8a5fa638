namespace ImContacts.Ews
{
    /// <summary>What goes into the SOAP header of one request.</summary>
    internal sealed class EwsRequestHeaders
    {
        public EwsRequestHeaders(string serverVersion, string? mailboxCulture, string? impersonatedSmtpAddress)
        {
            ServerVersion = serverVersion;
            MailboxCulture = mailboxCulture;
            ImpersonatedSmtpAddress = impersonatedSmtpAddress;
        }

        public string ServerVersion { get; }

        public string? MailboxCulture { get; }

        public string? ImpersonatedSmtpAddress { get; }
    }
}
