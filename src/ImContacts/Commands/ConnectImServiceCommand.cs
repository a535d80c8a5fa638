using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using ImContacts.Auth;
using ImContacts.Auth.Loading;
using ImContacts.Auth.OAuth;
using ImContacts.Auth.Windows;
using ImContacts.Bulk;
using ImContacts.Connection;
using ImContacts.Discovery;
using ImContacts.Ews;

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

        /// <summary>Exchange Online's EWS endpoint: where the OAuth flows connect when no -Url is given.</summary>
        internal static readonly Uri ExchangeOnlineUrl = new Uri("https://outlook.office365.com/EWS/Exchange.asmx");

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

            // A URL that will be refused anyway must not cost the user a sign-in prompt first.
            if (Url is not null && EndpointPolicy.Check(Url, AllowUnencryptedAuthentication) is { } refused)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidUrl", refused, Url));
            }

            var signIn = OAuthSettings();
            var authenticator = signIn is null ? CreateAuthenticator() : SignIn(signIn);
            var connection = Open(signIn, authenticator);
            if (SkipCertificateCheck)
            {
                Streams.Warning($"-SkipCertificateCheck: the server certificate of {connection.Url.Host} is not validated. Anyone between you and the server can read the credentials and the mailboxes' data.");
            }

            if (!SkipConnectionTest)
            {
                Test(connection, connection.RequiresMailbox);
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

        /// <summary>
        /// Sends the connection test; a failure disposes the connection and stops the command with the cause and the fix
        /// (the session's previous connection stays current).
        /// </summary>
        private void Test(ImServiceConnection connection, bool appOnly)
        {
            // An app-only sign-in tests on the mailbox Autodiscover was asked about, which proves impersonation as well.
            var mailbox = appOnly && Autodiscover ? Mailbox : null;
            Streams.Verbose($"Testing the connection to {connection.Url}: GetImItems without ids {MailboxLabel.For(mailbox)}.");
            ConnectionCheck check;
            try
            {
                check = PipelineStop.When(cancellation.Token, () => BlockingWait.Result(ConnectionCheck.RunAsync(connection.Client, mailbox, appOnly, cancellation.Token)));
            }
            catch (PipelineStoppedException)
            {
                connection.Dispose();
                throw;
            }

            if (check.Failure is { } failure)
            {
                // Kerberos is asked while the connection still holds the credential; closing it clears the password.
                var kerberos = ConnectionCheck.AsksKerberos(failure) ? connection.Client.ProbeKerberos() : null;
                connection.Dispose();
                var record = ErrorRecords.FromException(failure, connection.Url);
                var advice = kerberos?.Cause is not null ? null : ConnectionCheck.Advice(failure, connection.SignInMethod);
                record.ErrorDetails = new ErrorDetails($"The connection test failed: {failure.Message}"
                    + (kerberos is null ? string.Empty : " " + kerberos.Message)
                    + (advice is null ? string.Empty : " " + advice)
                    + " (-SkipConnectionTest connects without testing.)");
                ThrowTerminatingError(record);
            }

            if (check.Warning is not null)
            {
                Streams.Warning(check.Warning);
            }

            connection.ServerBuild = check.Server?.ToString();
            var signedIn = connection.Client.LastSignIn;
            if (signedIn.IsKnown && Streams.VerboseShown())
            {
                // Only asked for the verbose line: it costs a round trip to the domain controller.
                var why = signedIn.FellBackToNtlm ? connection.Client.ProbeKerberos() : null;
                Streams.Verbose($"Signed in with {signedIn}."
                    + (!signedIn.FellBackToNtlm ? string.Empty
                        : why is not null ? " Negotiate fell back from Kerberos. " + why.Message
                        : $" Negotiate fell back from Kerberos: no ticket was had for HTTP/{connection.Url.Host} (setspn -Q HTTP/{connection.Url.Host} shows whether an account has it)."));
            }
        }

        /// <summary>
        /// Finds the URL and builds the connection, which then owns the authenticator; when that fails, the authenticator
        /// is let go of here, so that no password outlives a Connect-ImService that connected nothing.
        /// </summary>
        private ImServiceConnection Open(OAuthSignIn? signIn, IEwsAuthenticator authenticator)
        {
            try
            {
                return Build(signIn, authenticator);
            }
            catch
            {
                authenticator.Dispose();
                throw;
            }
        }

        private ImServiceConnection Build(OAuthSignIn? signIn, IEwsAuthenticator authenticator)
        {
            var url = Autodiscover ? Discover(authenticator) : Url ?? (signIn is null ? null : ExchangeOnlineUrl);
            if (url is null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("NoUrl", "Give the EWS endpoint with -Url, or find it with -Autodiscover -Mailbox user@domain.", null));
                throw new InvalidOperationException(); // not reached: ThrowTerminatingError throws
            }

            var settings = new ImServiceConnectionSettings(url)
            {
                ServerVersion = ServerVersion,
                Culture = Culture,
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
                SkipCertificateCheck = SkipCertificateCheck,
                AllowUnencryptedAuthentication = AllowUnencryptedAuthentication,
                TraceFile = TraceFile is null ? null : GetUnresolvedProviderPathFromPSPath(TraceFile),
            };

            try
            {
                return ImServiceConnection.Create(settings, authenticator);
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("Invalid" + (ex.ParamName ?? "Argument"), FirstLine(ex), ex.ParamName == "TraceFile" ? TraceFile : url));
                throw; // not reached: ThrowTerminatingError throws
            }
        }

        /// <summary>An ArgumentException's message without the "(Parameter 'x')" line .NET adds.</summary>
        private static string FirstLine(ArgumentException ex) =>
            ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty).Split('\n')[0].Trim();

        /// <summary>The EWS URL Autodiscover finds for -Mailbox; stops the command with a clear error when it finds none.</summary>
        private Uri Discover(IEwsAuthenticator authenticator)
        {
            if (Url is not null || Mailbox is null)
            {
                ThrowTerminatingError(ErrorRecords.InvalidArgument("InvalidAutodiscover",
                    Url is not null ? "Give either -Url or -Autodiscover, not both." : "-Autodiscover needs -Mailbox, the address whose EWS endpoint to find.", Mailbox));
            }

            var messages = new PipelineMessages(cancellation.Token);
            using var http = new AutodiscoverHttp(authenticator, SkipCertificateCheck);
            var client = new AutodiscoverClient(http, AllowRedirect, TimeSpan.FromSeconds(TimeoutSec), AutodiscoverCache.Shared,
                step => messages.Post(() => Streams.Verbose(step)));
            Uri? found = null;
            Exception? failure = null;
            try
            {
                found = messages.Run(() => client.DiscoverAsync(Mailbox!, cancellation.Token));
            }
            catch (Exception ex) when (ex is AutodiscoverException or ArgumentException)
            {
                failure = ex;
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
                ThrowTerminatingError(ErrorRecords.InvalidArgument("Invalid" + ex.ParamName, ex.Message.Split('\n')[0].Trim(), ex.ParamName switch
                {
                    "CertificateThumbprint" => CertificateThumbprint,
                    "CertificatePath" => CertificatePath,
                    _ => Certificate,
                }));
            }

            return signIn;
        }

        /// <summary>Loads MSAL (first use only) and signs in now, so a wrong secret or a declined prompt fails here, not on the first row.</summary>
        private IEwsAuthenticator SignIn(OAuthSignIn signIn)
        {
            var messages = new PipelineMessages(cancellation.Token);
            signIn.Show = text => messages.Post(() => WriteInformation(new HostInformationMessage { Message = text }, new[] { "PSHOST" }));
            signIn.Warn = text => messages.Post(() => Streams.Warning(text));
            try
            {
                var source = IdentityAssemblyLoader.GetFactory().Create(signIn);
                Streams.Verbose($"Signing in ({ParameterSetName}) for {signIn.Scope} with Microsoft.Identity.Client.");
                messages.Run(async () =>
                {
                    await source.SignInAsync(cancellation.Token).ConfigureAwait(false);
                    return true;
                });
                return new OAuthAuthenticator(source, signIn.Method, signIn.IsAppOnly);
            }
            catch (SignInException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "SignInFailed", ErrorCategory.AuthenticationError, ClientId));
                throw;
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
