using System;
using System.Net.Http;
using ImContacts.Auth;
using ImContacts.Ews;

namespace ImContacts.Connection
{
    /// <summary>
    /// A connection to one EWS endpoint: one HttpClient, one way of signing in. Returned by
    /// Connect-ImService -PassThru and accepted by every cmdlet's -Connection. Holds no readable secret.
    /// </summary>
    public sealed class ImServiceConnection : IDisposable
    {
        private readonly EwsClient client;
        private volatile bool disconnected;

        private ImServiceConnection(EwsClient client, IEwsAuthenticator authenticator, TimeSpan timeout, bool skipCertificateCheck)
        {
            this.client = client;
            AuthenticationMethod = authenticator.Method;
            RequiresMailbox = authenticator.RequiresMailbox;
            Account = (authenticator as OAuthAuthenticator)?.Account;
            Timeout = timeout;
            SkipCertificateCheck = skipCertificateCheck;
            ConnectedAt = DateTimeOffset.Now;
        }

        public Guid Id { get; } = Guid.NewGuid();

        public Uri Url => client.Endpoint;

        public string AuthenticationMethod { get; }

        /// <summary>Who signed in with OAuth: the user, the application id or the managed identity; empty otherwise.</summary>
        public string? Account { get; }

        /// <summary>True for app-only sign-ins: they have no mailbox of their own, so every cmdlet needs -Mailbox.</summary>
        public bool RequiresMailbox { get; }

        public string ServerVersion => client.ServerVersion;

        public string? Culture => client.MailboxCulture;

        public TimeSpan Timeout { get; }

        public bool SkipCertificateCheck { get; }

        public DateTimeOffset ConnectedAt { get; }

        public bool IsDisconnected => disconnected;

        /// <summary>Set once the object was given to the caller, who may still use it after a newer Connect-ImService.</summary>
        internal bool IsHandedOut { get; set; }

        internal EwsClient Client => disconnected
            ? throw new ObjectDisposedException(nameof(ImServiceConnection), $"The connection to {Url} was closed by Disconnect-ImService.")
            : client;

        /// <summary>Validates the settings and builds the connection; nothing is sent until the first operation.</summary>
        internal static ImServiceConnection Create(ImServiceConnectionSettings settings, IEwsAuthenticator authenticator, HttpMessageHandler? handler = null)
        {
            settings.Validate();
            var transport = new EwsTransport(settings.Url, authenticator, settings.Timeout, settings.SkipCertificateCheck, handler);
            var ewsClient = new EwsClient(transport, ExchangeVersions.Canonical(settings.ServerVersion)!, settings.Culture);
            return new ImServiceConnection(ewsClient, authenticator, settings.Timeout, settings.SkipCertificateCheck);
        }

        public void Dispose()
        {
            if (!disconnected)
            {
                disconnected = true;
                client.Dispose();
            }
        }

        public override string ToString() => $"{Url} ({AuthenticationMethod})";
    }
}
