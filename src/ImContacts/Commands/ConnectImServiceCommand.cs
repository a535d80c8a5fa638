using System;
using System.Management.Automation;
using System.Security;
using ImContacts.Auth;
using ImContacts.Connection;

namespace ImContacts.Commands
{
    /// <summary>
    /// Connect-ImService: sets up the session's connection to an EWS endpoint, one parameter set per way of signing in.
    /// Nothing is sent to the server until the first operation.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ImService", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(ImServiceConnection))]
    public sealed class ConnectImServiceCommand : PSCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string DefaultCredentialsSet = "DefaultCredentials";
        private const string AccessTokenSet = "AccessToken";

        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNull]
        public Uri Url { get; set; } = null!;

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

        protected override void ProcessRecord()
        {
            var settings = new ImServiceConnectionSettings(Url)
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
                connection = ImServiceConnection.Create(settings, CreateAuthenticator());
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("Invalid" + (ex.ParamName ?? "Argument"), ex.Message.Split('\n')[0].Trim(), Url));
                return;
            }

            if (SkipCertificateCheck)
            {
                WriteWarning($"-SkipCertificateCheck: the server certificate of {Url.Host} is not validated. Anyone between you and the server can read the credentials and the mailboxes' data.");
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

        private IEwsAuthenticator CreateAuthenticator() => ParameterSetName switch
        {
            DefaultCredentialsSet => new DefaultCredentialsAuthenticator(),
            AccessTokenSet => new AccessTokenAuthenticator(AccessToken),
            _ => new WindowsCredentialAuthenticator(Credential.GetNetworkCredential()),
        };
    }
}
