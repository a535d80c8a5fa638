using System;
using System.IO;
using System.Net.Http;
using ImContacts.Auth;
using ImContacts.Ews;
using ImContacts.Model;

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

        private readonly EwsTraceFile? traceFile;

        private ImServiceConnection(EwsClient client, IEwsAuthenticator authenticator, TimeSpan timeout, bool skipCertificateCheck, EwsTraceFile? traceFile)
        {
            this.client = client;
            this.traceFile = traceFile;
            SignInMethod = authenticator.Method;
            AuthenticationMethod = SignInMethod.ToString();
            RequiresMailbox = authenticator.RequiresMailbox;
            Account = authenticator.Account;
            OwnMailbox = client.OwnMailbox;
            Timeout = timeout;
            SkipCertificateCheck = skipCertificateCheck;
            ConnectedAt = DateTimeOffset.Now;
        }

        /// <summary>The own mailbox's name when the sign-in does not say who it is (a token whose claims name no user).</summary>
        internal const string UnnamedOwnMailbox = MailboxTarget.UnnamedOwnLabel;

        public Guid Id { get; } = Guid.NewGuid();

        public Uri Url => client.Endpoint;

        public string AuthenticationMethod { get; }

        /// <summary>AuthenticationMethod as the code compares it.</summary>
        internal SignInMethod SignInMethod { get; }

        /// <summary>Who signs in: the user name given with -Credential, the process's account for -UseDefaultCredentials, the OAuth user, application id or managed identity; empty for -AccessToken.</summary>
        public string? Account { get; }

        /// <summary>
        /// What results and errors call the connected account's own mailbox (used when no -Mailbox is given): the
        /// account as it signed in, e.g. admin@contoso.com or CONTOSO\admin; null for app-only sign-ins, which have none.
        /// Given back as -Mailbox, it means the own mailbox again, without impersonation.
        /// </summary>
        public string? OwnMailbox { get; }

        /// <summary>True for app-only sign-ins: they have no mailbox of their own, so every cmdlet needs -Mailbox.</summary>
        public bool RequiresMailbox { get; }

        public string ServerVersion => client.ServerVersion;

        public string? Culture => client.MailboxCulture;

        public TimeSpan Timeout { get; }

        public bool SkipCertificateCheck { get; }

        public DateTimeOffset ConnectedAt { get; }

        /// <summary>The server's build and schema version, from Connect-ImService's test; null when it was skipped or the server did not say.</summary>
        public string? ServerBuild { get; internal set; }

        /// <summary>
        /// How the server last accepted this connection's sign-in, read from the token sent: "Kerberos (ticket for
        /// HTTP/mail.contoso.com@CONTOSO.COM)", "NTLM as CONTOSO\admin", Basic or Bearer; null before any request got through,
        /// and in Windows PowerShell 5.1, whose HTTP stack does not tell.
        /// </summary>
        public string? SignedInWith => client.LastSignIn.IsKnown ? client.LastSignIn.ToString() : null;

        /// <summary>The file every SOAP exchange is appended to (secrets redacted), or null.</summary>
        public string? TraceFile => traceFile?.Path;

        public bool IsDisconnected => disconnected;

        /// <summary>Set once the object was given to the caller, who may still use it after a newer Connect-ImService.</summary>
        internal bool IsHandedOut { get; set; }

        internal EwsClient Client => disconnected
            ? throw new ObjectDisposedException(nameof(ImServiceConnection), $"The connection to {Url} was closed by Disconnect-ImService.")
            : client;

        /// <summary>
        /// The one rule for whose list a given mailbox is: none, or the own mailbox's name from an earlier result
        /// (CONTOSO\admin is no SMTP address, and needs none), is the connected account's own; anything else must be an
        /// SMTP address, impersonated. Throws ArgumentException naming <paramref name="parameter"/> for an invalid address,
        /// and MissingInputException when an app-only connection, which has no mailbox, is given none.
        /// </summary>
        internal MailboxTarget Target(string? given, string parameter)
        {
            if (given is null)
            {
                return RequiresMailbox
                    ? throw new MissingInputException("MailboxRequired", $"The connection signs in app-only ({AuthenticationMethod}), which has no mailbox of its own: give -Mailbox, the mailbox to act on.")
                    : Client.Own;
            }

            return Client.NamesOwn(given.Trim()) ? Client.Own : MailboxTarget.Impersonated(MailboxAddress.Normalize(given, parameter));
        }

        /// <summary>Validates the settings and builds the connection; nothing is sent here.</summary>
        internal static ImServiceConnection Create(ImServiceConnectionSettings settings, IEwsAuthenticator authenticator, HttpMessageHandler? handler = null)
        {
            settings.Validate();
            var traceFile = OpenTraceFile(settings, authenticator);
            var transport = new EwsTransport(settings.Url, authenticator, settings.Timeout, settings.SkipCertificateCheck, handler) { TraceFile = traceFile };
            var ownMailbox = authenticator.RequiresMailbox ? null : string.IsNullOrEmpty(authenticator.Account) ? UnnamedOwnMailbox : authenticator.Account;
            var ewsClient = new EwsClient(transport, ExchangeVersions.Canonical(settings.ServerVersion)!, settings.Culture, ownMailbox);
            return new ImServiceConnection(ewsClient, authenticator, settings.Timeout, settings.SkipCertificateCheck, traceFile);
        }

        /// <summary>Opens the trace file and notes what the connection is (never how it signs in beyond the method's name).</summary>
        private static EwsTraceFile? OpenTraceFile(ImServiceConnectionSettings settings, IEwsAuthenticator authenticator)
        {
            if (settings.TraceFile is null)
            {
                return null;
            }

            EwsTraceFile file;
            try
            {
                file = new EwsTraceFile(settings.TraceFile);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or System.Security.SecurityException)
            {
                throw new ArgumentException($"-TraceFile '{settings.TraceFile}' cannot be written: {ex.Message}", "TraceFile", ex);
            }

            var version = typeof(ImServiceConnection).Assembly.GetName().Version;
            file.Write($"### ImContacts {version} trace opened {DateTimeOffset.Now:O}: {settings.Url} with {authenticator.Method}, requests declare {settings.ServerVersion}"
                + (settings.SkipCertificateCheck ? ", certificate check SKIPPED" : string.Empty)
                + ". Authorization, cookies, tokens and passwords are redacted; give the client-request-id of a failed call to Microsoft support.");
            return file;
        }

        public void Dispose()
        {
            if (!disconnected)
            {
                disconnected = true;
                client.Dispose();
                traceFile?.Dispose();
            }
        }

        public override string ToString() => $"{Url} ({AuthenticationMethod})";
    }
}
