using System;
using System.Threading;
using ImContacts.Auth;
using ImContacts.Auth.Loading;
using ImContacts.Auth.OAuth;
using ImContacts.Discovery;
using ImContacts.Model;

namespace ImContacts.Connection
{
    /// <summary>
    /// Connect-ImService's work, without PowerShell: sign in (Entra ID through MSAL, loaded on first use), find the URL
    /// (-Autodiscover), build the connection and test it with one cheap request, so that a wrong URL or password fails
    /// here, at once. Whatever fails ends in a ConnectFailure, and no password outlives a connect that connected nothing.
    /// </summary>
    internal sealed class ConnectionOpener
    {
        private readonly IConnectHost host;
        private readonly CancellationToken cancellation;

        public ConnectionOpener(IConnectHost host, CancellationToken cancellation)
        {
            this.host = host;
            this.cancellation = cancellation;
        }

        /// <summary>
        /// Opens the connection: signs in with the Entra ID sign-in <paramref name="oauth"/> makes (null for the sign-ins
        /// that need no MSAL), or else with the authenticator <paramref name="credentials"/> makes; the connection returned
        /// owns the authenticator.
        /// </summary>
        public ImServiceConnection Open(ConnectRequest request, Func<OAuthSignIn?> oauth, Func<IEwsAuthenticator> credentials)
        {
            // A URL that will be refused anyway must not cost the user a sign-in prompt first.
            if (request.Url is not null && EndpointPolicy.Check(request.Url, request.AllowUnencryptedAuthentication) is { } refused)
            {
                throw ConnectFailure.InvalidArgument("InvalidUrl", refused, request.Url);
            }

            var signIn = oauth();
            var authenticator = signIn is null ? credentials() : SignIn(signIn, request.SignInName);
            ImServiceConnection connection;
            try
            {
                connection = Build(request, signIn, authenticator);
            }
            catch
            {
                authenticator.Dispose();
                throw;
            }

            if (request.SkipCertificateCheck)
            {
                host.Warning($"-SkipCertificateCheck: the server certificate of {connection.Url.Host} is not validated. Anyone between you and the server can read the credentials and the mailboxes' data.");
            }

            if (!request.SkipConnectionTest)
            {
                Test(connection, request);
            }

            return connection;
        }

        /// <summary>Signs in now, so a wrong secret or a declined prompt fails here, not on the first row.</summary>
        private IEwsAuthenticator SignIn(OAuthSignIn signIn, string name)
        {
            signIn.Show = host.Show;
            signIn.Warn = host.Warning;
            try
            {
                var source = IdentityAssemblyLoader.GetFactory().Create(signIn);
                host.Verbose($"Signing in ({name}) for {signIn.Scope} with Microsoft.Identity.Client.");
                host.Wait(async () =>
                {
                    await source.SignInAsync(cancellation).ConfigureAwait(false);
                    return true;
                });
                return new OAuthAuthenticator(source, signIn.Method, signIn.IsAppOnly);
            }
            catch (SignInException ex)
            {
                throw new ConnectFailure("SignInFailed", ConnectFailureKind.AuthenticationError, signIn.ClientId, ex);
            }
        }

        private ImServiceConnection Build(ConnectRequest request, OAuthSignIn? signIn, IEwsAuthenticator authenticator)
        {
            var url = request.Autodiscover ? Discover(request, authenticator) : request.Url ?? (signIn is null ? null : ConnectRequest.ExchangeOnlineUrl);
            if (url is null)
            {
                throw ConnectFailure.InvalidArgument("NoUrl", "Give the EWS endpoint with -Url, or find it with -Autodiscover -Mailbox user@domain.", null);
            }

            var settings = new ImServiceConnectionSettings(url)
            {
                ServerVersion = request.ServerVersion,
                Culture = request.Culture,
                Timeout = request.Timeout,
                SkipCertificateCheck = request.SkipCertificateCheck,
                AllowUnencryptedAuthentication = request.AllowUnencryptedAuthentication,
                TraceFile = request.TraceFile,
            };

            try
            {
                return ImServiceConnection.Create(settings, authenticator);
            }
            catch (ArgumentException ex)
            {
                throw ConnectFailure.InvalidArgument("Invalid" + (ex.ParamName ?? "Argument"), ArgumentMessage.Of(ex), ex.ParamName == "TraceFile" ? request.TraceFileAsGiven : url);
            }
        }

        /// <summary>The EWS URL Autodiscover finds for the request's mailbox.</summary>
        private Uri Discover(ConnectRequest request, IEwsAuthenticator authenticator)
        {
            if (request.Url is not null || request.Mailbox is null)
            {
                throw ConnectFailure.InvalidArgument("InvalidAutodiscover",
                    request.Url is not null ? "Give either -Url or -Autodiscover, not both." : "-Autodiscover needs -Mailbox, the address whose EWS endpoint to find.", request.Mailbox);
            }

            using var http = new AutodiscoverHttp(authenticator, request.SkipCertificateCheck);
            var client = new AutodiscoverClient(http, request.AllowRedirect, request.Timeout, AutodiscoverCache.Shared, host.Verbose);
            try
            {
                return host.Wait(() => client.DiscoverAsync(request.Mailbox, cancellation));
            }
            catch (AutodiscoverException ex)
            {
                throw new ConnectFailure(ex.RedirectRefused ? "AutodiscoverRedirectRefused" : "AutodiscoverFailed", ConnectFailureKind.ResourceUnavailable, request.Mailbox, ex);
            }
            catch (ArgumentException ex)
            {
                throw ConnectFailure.InvalidArgument("InvalidMailbox", ArgumentMessage.Of(ex), request.Mailbox);
            }
        }

        /// <summary>
        /// Sends the connection test; a failure closes the connection and ends in the cause and the fix (the session's
        /// previous connection stays current).
        /// </summary>
        private void Test(ImServiceConnection connection, ConnectRequest request)
        {
            // An app-only sign-in tests on the mailbox Autodiscover was asked about, which proves impersonation as well.
            var appOnly = connection.RequiresMailbox;
            var mailbox = appOnly && request.Autodiscover && request.Mailbox is { } address
                ? MailboxTarget.Impersonated(MailboxAddress.Normalize(address, "Mailbox"))
                : MailboxTarget.OwnUnnamed;
            host.Verbose($"Testing the connection to {connection.Url}: GetImItems without ids {mailbox.Label}.");
            ConnectionCheck check;
            try
            {
                check = host.Wait(() => ConnectionCheck.RunAsync(connection.Client, mailbox, appOnly, cancellation));
            }
            catch
            {
                connection.Dispose();
                throw;
            }

            if (check.Failure is { } failure)
            {
                // Kerberos is asked while the connection still holds the credential; closing it clears the password.
                var kerberos = ConnectionCheck.AsksKerberos(failure) ? connection.Client.ProbeKerberos() : null;
                connection.Dispose();
                var advice = kerberos?.Cause is not null ? null : ConnectionCheck.Advice(failure, connection.SignInMethod);
                throw new ConnectFailure(null, ConnectFailureKind.ConnectionTest, connection.Url, failure,
                    $"The connection test failed: {failure.Message}"
                    + (kerberos is null ? string.Empty : " " + kerberos.Message)
                    + (advice is null ? string.Empty : " " + advice)
                    + " (-SkipConnectionTest connects without testing.)");
            }

            if (check.Warning is not null)
            {
                host.Warning(check.Warning);
            }

            connection.ServerBuild = check.Server?.ToString();
            var signedIn = connection.Client.LastSignIn;
            if (signedIn.IsKnown && host.VerboseShown)
            {
                // Only asked for the verbose line: it costs a round trip to the domain controller.
                var why = signedIn.FellBackToNtlm ? connection.Client.ProbeKerberos() : null;
                host.Verbose($"Signed in with {signedIn}."
                    + (!signedIn.FellBackToNtlm ? string.Empty
                        : why is not null ? " Negotiate fell back from Kerberos. " + why.Message
                        : $" Negotiate fell back from Kerberos: no ticket was had for HTTP/{connection.Url.Host} (setspn -Q HTTP/{connection.Url.Host} shows whether an account has it)."));
            }
        }
    }
}
