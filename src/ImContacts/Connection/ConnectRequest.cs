using System;

namespace ImContacts.Connection
{
    /// <summary>Connect-ImService's parameters, as ConnectionOpener takes them.</summary>
    internal sealed class ConnectRequest
    {
        /// <summary>Exchange Online's EWS endpoint: where the OAuth flows connect when no URL is given.</summary>
        public static readonly Uri ExchangeOnlineUrl = new Uri("https://outlook.office365.com/EWS/Exchange.asmx");

        public Uri? Url { get; set; }

        /// <summary>Find the URL with Autodiscover for <see cref="Mailbox"/>.</summary>
        public bool Autodiscover { get; set; }

        public string? Mailbox { get; set; }

        public bool AllowRedirect { get; set; }

        public string ServerVersion { get; set; } = Ews.ExchangeVersions.Default;

        public string? Culture { get; set; }

        public TimeSpan Timeout { get; set; } = ImServiceConnectionSettings.DefaultTimeout;

        public bool SkipCertificateCheck { get; set; }

        public bool AllowUnencryptedAuthentication { get; set; }

        /// <summary>The trace file's full path, and as the user gave it (for messages).</summary>
        public string? TraceFile { get; set; }

        public string? TraceFileAsGiven { get; set; }

        public bool SkipConnectionTest { get; set; }

        /// <summary>The sign-in's name in messages (the parameter set).</summary>
        public string SignInName { get; set; } = string.Empty;
    }
}
