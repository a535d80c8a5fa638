using System;
using System.Management.Automation;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Connection;
using ImContacts.Discovery;

namespace ImContacts.Commands
{
    /// <summary>
    /// Connect-ImService: sets up the session's connection to an EWS endpoint, one parameter set per way of signing in.
    /// Nothing is sent to the server until the first operation.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ImService", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(ImServiceConnection))]
    public sealed class ConnectImServiceCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();

        private const string CredentialSet = "Credential";
        private const string DefaultCredentialsSet = "DefaultCredentials";
        private const string AccessTokenSet = "AccessToken";

        /// <summary>The EWS endpoint; or use -Autodiscover with -Mailbox.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNull]
        public Uri? Url { get; set; }

        /// <summary>Finds the EWS endpoint of -Mailbox with Autodiscover instead of -Url.</summary>
        [Parameter]
        public SwitchParameter Autodiscover { get; set; }

        /// <summary>The mailbox whose EWS endpoint -Autodiscover finds.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Mailbox { get; set; }

        /// <summary>Lets Autodiscover follow a redirect to another domain (as Exchange Online's hosted domains need).</summary>
        [Parameter]
        public SwitchParameter AllowRedirect { get; set; }

        /// <summary>User name and password for Negotiate, NTLM or (over TLS or loopback only) Basic.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = null!;

        [Parameter(Mandatory = true, ParameterSetName = DefaultCredentialsSet)]
        public SwitchParameter UseDefaultCredentials { get; set; }

        /// <summary>An OAuth access token obtained elsewhere, sent as a Bearer token.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString AccessToken { get; set; } = null!;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ServerVersion { get; set; } = Ews.ExchangeVersions.Default;

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Culture { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)ImServiceConnectionSettings.DefaultTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void StopProcessing() => cancellation.Cancel();

        public void Dispose() => cancellation.Dispose();

        protected override void ProcessRecord()
        {
            if (!Autodiscover && (Mailbox is not null || AllowRedirect))
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidAutodiscover",
                    "-Mailbox and -AllowRedirect belong to -Autodiscover. To work on another mailbox, give -Mailbox to the other cmdlets.", Mailbox));
            }

            var authenticator = CreateAuthenticator();
            var url = Autodiscover ? Discover(authenticator) : Url;
            if (url is null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("NoUrl", "Give the EWS endpoint with -Url, or find it with -Autodiscover -Mailbox user@domain.", null));
                return;
            }

            var settings = new ImServiceConnectionSettings(url)
            {
                ServerVersion = ServerVersion,
                Culture = Culture,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
            };

            ImServiceConnection connection;
            try
            {
                connection = ImServiceConnection.Create(settings, authenticator);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("Invalid" + (ex.ParamName ?? "Argument"), ex.Message.Split('\n')[0].Trim(), url));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning($"-SkipCertificateCheck: the server certificate of {url.Host} is not validated. Anyone between you and the server can read the credentials and the mailboxes' data.");
            }

            var previous = ConnectionStore.Set(connection);
            if (previous is not null && !previous.IsHandedOut)
            {
                previous.Dispose();
            }

            WriteVerbose($"Connected to {connection.Url} with {connection.AuthenticationMethod}; requests declare {connection.ServerVersion}.");
            if (PassThru)
            {
                connection.IsHandedOut = true;
                WriteObject(connection);
            }
        }

        /// <summary>The EWS URL Autodiscover finds for -Mailbox; stops the command with a clear error when it finds none.</summary>
        private Uri Discover(IEwsAuthenticator authenticator)
        {
            if (Url is not null || Mailbox is null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidAutodiscover",
                    Url is not null ? "Give either -Url or -Autodiscover, not both." : "-Autodiscover needs -Mailbox, the address whose EWS endpoint to find.", Mailbox));
            }

            // The client runs on the thread pool, where PowerShell streams cannot be written: its steps are written afterwards.
            var steps = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var http = new AutodiscoverHttp(authenticator, SkipCertificateCheck);
            var client = new AutodiscoverClient(http, AllowRedirect, TimeSpan.FromSeconds(TimeoutSec), AutodiscoverCache.Shared, steps.Enqueue);
            Uri? found = null;
            Exception? failure = null;
            try
            {
                found = Task.Run(() => client.DiscoverAsync(Mailbox!, cancellation.Token)).GetAwaiter().GetResult();
            }
            catch (Exception ex) when (ex is AutodiscoverException or ArgumentException)
            {
                failure = ex;
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            while (steps.TryDequeue(out var step))
            {
                WriteVerbose(step);
            }

            switch (failure)
            {
                case AutodiscoverException ex:
                    ThrowTerminatingError(new ErrorRecord(ex, ex.RedirectRefused ? "AutodiscoverRedirectRefused" : "AutodiscoverFailed", ErrorCategory.ResourceUnavailable, Mailbox));
                    break;
                case ArgumentException ex:
                    ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidMailbox", ex.Message, Mailbox));
                    break;
            }

            return found!;
        }

        private IEwsAuthenticator CreateAuthenticator() => ParameterSetName switch
        {
            DefaultCredentialsSet => new DefaultCredentialsAuthenticator(),
            AccessTokenSet => new AccessTokenAuthenticator(AccessToken),
            _ => new WindowsCredentialAuthenticator(Credential.GetNetworkCredential()),
        };
    }
}
