using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ImContacts.Auth;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Connection;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Connect-ImService: sets up the session's connection to an EWS endpoint, one parameter set per way of signing in,
    /// and tests it with one cheap request (unless -SkipConnectionTest), so a wrong URL or password fails here, at once.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "ImService", DefaultParameterSetName = CredentialSet)]
    [OutputType(typeof(ImServiceConnection))]
    public sealed class ConnectImServiceCommand : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();
        private CmdletStreams? streams;

        private const string CredentialSet = "Credential";
        private const string DefaultCredentialsSet = "DefaultCredentials";
        private const string AccessTokenSet = "AccessToken";
        private const string InteractiveSet = "Interactive";
        private const string DeviceCodeSet = "DeviceCode";
        private const string ClientSecretSet = "ClientSecret";
        private const string CertificateThumbprintSet = "CertificateThumbprint";
        private const string CertificatePathSet = "CertificatePath";
        private const string CertificateSet = "Certificate";
        private const string ManagedIdentitySet = "ManagedIdentity";

        private CmdletStreams Streams => streams ??= new CmdletStreams(this);

        /// <summary>The EWS endpoint; or use -Autodiscover with -Mailbox. The OAuth flows default to Exchange Online.</summary>
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

        /// <summary>The Microsoft Entra application (client) id; with -ManagedIdentity, a user-assigned identity's client id.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InteractiveSet)]
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = ManagedIdentitySet)]
        [ValidateNotNullOrEmpty]
        [Alias("AppId", "ApplicationId")]
        public string? ClientId { get; set; }

        /// <summary>The tenant (id or domain); delegated flows default to any work or school account's own tenant.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Tenant", "Organization")]
        public string? TenantId { get; set; }

        /// <summary>The account to sign in (delegated flows): preselected in the browser and picked from a persistent cache.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [ValidateNotNullOrEmpty]
        public string? UserPrincipalName { get; set; }

        /// <summary>Signs in with a code entered on another device: for consoles and remote sessions without a browser.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        public SwitchParameter DeviceCode { get; set; }

        /// <summary>Keeps the delegated sign-in in the OS's protected store, so the next session need not prompt.</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        public SwitchParameter PersistTokenCache { get; set; }

        /// <summary>The application's client secret, as a SecureString or a PSCredential whose password is the secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [SecretTransformation]
        [ValidateNotNull]
        public SecureString ClientSecret { get; set; } = null!;

        /// <summary>The thumbprint of a certificate with private key in Cert:\CurrentUser\My or Cert:\LocalMachine\My.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [ValidateNotNullOrEmpty]
        public string CertificateThumbprint { get; set; } = null!;

        /// <summary>A PFX file with the certificate and its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificatePathSet)]
        [ValidateNotNullOrEmpty]
        public string CertificatePath { get; set; } = null!;

        /// <summary>The PFX file's password.</summary>
        [Parameter(ParameterSetName = CertificatePathSet)]
        [SecretTransformation]
        public SecureString? CertificatePassword { get; set; }

        /// <summary>A certificate object with its private key, e.g. from Get-Item Cert:\CurrentUser\My\&lt;thumbprint&gt;.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [ValidateNotNull]
        public X509Certificate2 Certificate { get; set; } = null!;

        /// <summary>Signs in as the managed identity of the Azure Automation account or Azure VM this runs on.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ManagedIdentitySet)]
        public SwitchParameter ManagedIdentity { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.ServerVersionCompleter))]
        public string ServerVersion { get; set; } = Ews.ExchangeVersions.Default;

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(Completion.CultureCompleter))]
        public string? Culture { get; set; }

        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; } = (int)ImServiceConnectionSettings.DefaultTimeout.TotalSeconds;

        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        [Parameter]
        public SwitchParameter AllowUnencryptedAuthentication { get; set; }

        /// <summary>Appends every SOAP request and response of this connection to this file, secrets redacted, for Microsoft support.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? TraceFile { get; set; }

        /// <summary>Sets up the connection without sending anything (preparing offline); problems then show on the first cmdlet.</summary>
        [Parameter]
        public SwitchParameter SkipConnectionTest { get; set; }

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

            var request = new ConnectRequest
            {
                Url = Url,
                Autodiscover = Autodiscover,
                Mailbox = Mailbox,
                AllowRedirect = AllowRedirect,
                ServerVersion = ServerVersion,
                Culture = Culture,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                TraceFile = TraceFile is null ? null : GetUnresolvedProviderPathFromPSPath(TraceFile),
                TraceFileAsGiven = TraceFile,
                SkipConnectionTest = SkipConnectionTest,
                SignInName = ParameterSetName,
            };
            ImServiceConnection connection;
            try
            {
                connection = new ConnectionOpener(new ConnectHost(this, Streams, cancellation.Token), cancellation.Token).Open(request, OAuthSettings, CreateAuthenticator);
            }
            catch (ConnectFailure failure)
            {
                ThrowTerminatingError(ErrorRecords.FromConnectFailure(failure));
                throw;
            }

            var previous = ConnectionStore.Set(connection);
            if (previous is not null && !previous.IsHandedOut)
            {
                previous.Dispose();
            }

            if (connection.TraceFile is not null)
            {
                Streams.Verbose($"Every SOAP exchange is appended to {connection.TraceFile}, with credentials, cookies and tokens redacted.");
            }

            Streams.Verbose($"Connected to {connection.Url} with {connection.AuthenticationMethod}"
                + (connection.Account is null ? string.Empty : $" as {connection.Account}") + $"; requests declare {connection.ServerVersion}.");
            if (PassThru)
            {
                connection.IsHandedOut = true;
                WriteObject(connection);
            }
        }

        /// <summary>The OAuth sign-in the parameter set asks for; null for the sets that need no MSAL.</summary>
        private OAuthSignIn? OAuthSettings()
        {
            OAuthFlow flow;
            switch (ParameterSetName)
            {
                case InteractiveSet: flow = OAuthFlow.Interactive; break;
                case DeviceCodeSet: flow = OAuthFlow.DeviceCode; break;
                case ClientSecretSet: flow = OAuthFlow.ClientSecret; break;
                case CertificateThumbprintSet:
                case CertificatePathSet:
                case CertificateSet: flow = OAuthFlow.Certificate; break;
                case ManagedIdentitySet: flow = OAuthFlow.ManagedIdentity; break;
                default: return null;
            }

            var signIn = new OAuthSignIn(flow, OAuthResource.For(Url))
            {
                ClientId = ClientId,
                TenantId = TenantId,
                LoginHint = UserPrincipalName,
                ClientSecret = flow == OAuthFlow.ClientSecret ? ClientSecret : null,
                PersistTokenCache = PersistTokenCache,
                HttpHandler = OAuthTestHooks.HttpHandler,
                Browser = OAuthTestHooks.Browser,
            };
            try
            {
                signIn.Certificate = ParameterSetName switch
                {
                    CertificateThumbprintSet => CertificateLoader.FromThumbprint(CertificateThumbprint),
                    CertificatePathSet => CertificateLoader.FromFile(GetUnresolvedProviderPathFromPSPath(CertificatePath), CertificatePassword),
                    CertificateSet => CertificateLoader.RequirePrivateKey(Certificate, "-Certificate", "Certificate"),
                    _ => null,
                };
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("Invalid" + ex.ParamName, ArgumentMessage.Of(ex), ex.ParamName switch
                {
                    "CertificateThumbprint" => CertificateThumbprint,
                    "CertificatePath" => CertificatePath,
                    _ => Certificate,
                }));
            }

            return signIn;
        }

        private IEwsAuthenticator CreateAuthenticator() => ParameterSetName switch
        {
            DefaultCredentialsSet => new DefaultCredentialsAuthenticator(),
            AccessTokenSet => new AccessTokenAuthenticator(AccessToken),
            _ => new WindowsCredentialAuthenticator(Credential.GetNetworkCredential()),
        };
    }
}
