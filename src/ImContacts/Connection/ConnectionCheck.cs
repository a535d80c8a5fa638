using System;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Ews;
using ImContacts.Ews.Operations;
using ImContacts.Model;

namespace ImContacts.Connection
{
    /// <summary>
    /// What Connect-ImService learns from one cheap request (GetImItems without ids): whether the URL is EWS and the
    /// sign-in is accepted. Any EWS answer proves both, an error response or a busy server included; only answers that
    /// are not EWS, refusals of the sign-in and unreachable servers fail the check.
    /// </summary>
    internal sealed class ConnectionCheck
    {
        private ConnectionCheck(ServerVersionInfo? server, string? warning, EwsException? failure)
        {
            Server = server;
            Warning = warning;
            Failure = failure;
        }

        /// <summary>The server's build, when it said (a successful answer).</summary>
        public ServerVersionInfo? Server { get; }

        /// <summary>Something the admin should know although the connection works; null when nothing.</summary>
        public string? Warning { get; }

        /// <summary>Why the connection cannot work; null when it can. Its message names the cause and the fix.</summary>
        public EwsException? Failure { get; }

        public static async Task<ConnectionCheck> RunAsync(EwsClient client, MailboxTarget mailbox, bool appOnly, CancellationToken cancellationToken)
        {
            var operation = new GetImItemsOperation(Array.Empty<ItemId>(), Array.Empty<ItemId>(), Array.Empty<ExtendedPropertyPath>());
            try
            {
                var result = await client.InvokeAsync(operation, mailbox, cancellationToken).ConfigureAwait(false);
                return new ConnectionCheck(result.ServerVersion, null, null);
            }
            catch (EwsServerBusyException busy)
            {
                return new ConnectionCheck(null, $"The server is busy ({busy.ErrorId}); the connection works, and cmdlets wait and retry as the server asks.", null);
            }
            catch (EwsResponseException response)
            {
                // An app-only sign-in has no mailbox of its own: the server refusing a request without one is the expected answer.
                return appOnly && mailbox.IsOwn
                    ? new ConnectionCheck(null, null, null)
                    : new ConnectionCheck(null, $"The server answered the connection test with {response.ResponseCode}: {response.MessageText} Cmdlets that act on {(mailbox.IsOwn ? "the connected account's own mailbox" : mailbox.Name)} may fail the same way.", null);
            }
            catch (EwsException ex) when (ex.IsTransient && ex is not EwsTransportException { Failure: EwsTransportFailure.Timeout })
            {
                return new ConnectionCheck(null, $"The connection test did not get through ({ex.Message}) This looks transient; cmdlets retry it within -MaxRetryWait.", null);
            }
            catch (EwsException ex)
            {
                return new ConnectionCheck(null, null, ex);
            }
        }

        /// <summary>
        /// Whether Kerberos should be asked why it gave no ticket: the refused request carried nothing, or NTLM in place of
        /// Kerberos inside Negotiate. (A Kerberos ticket the server refused is the server's side: the clocks, the SPN's owner.)
        /// </summary>
        public static bool AsksKerberos(EwsException failure) =>
            failure is EwsTransportException { HttpStatusCode: 401, RefusedSignIn: { } sent }
            && (sent.Protocol == Auth.Diagnosis.SignInProtocol.None || sent.FellBackToNtlm);

        /// <summary>What to do about a failed check, beyond what the failure itself says; null when it says enough.</summary>
        public static string? Advice(EwsException failure, SignInMethod method) => failure switch
        {
            EwsTransportException { HttpStatusCode: 404 } =>
                "Exchange Online's is https://outlook.office365.com/EWS/Exchange.asmx; or find it with -Autodiscover -Mailbox.",
            EwsProtocolException { HttpStatusCode: < 500 } =>
                "Check that -Url is the EWS endpoint (https://<server>/EWS/Exchange.asmx), not a web page, Outlook on the web or a sign-in page in front of it.",
            // A Kerberos ticket the server refused is not a wrong password: the failure already names the clock and the SPN.
            EwsTransportException { HttpStatusCode: 401, RefusedSignIn.Protocol: Auth.Diagnosis.SignInProtocol.Kerberos } => null,
            EwsTransportException { HttpStatusCode: 401, RefusedSignIn.Protocol: Auth.Diagnosis.SignInProtocol.None } when method == SignInMethod.DefaultCredentials =>
                "Sign in to the domain (or kinit) first, or use -Credential.",
            EwsTransportException { HttpStatusCode: 401 } => method switch
            {
                SignInMethod.Credential => "Check the user name and password: DOMAIN\\user or user@domain, as Get-Credential takes them.",
                SignInMethod.DefaultCredentials => "The account this PowerShell runs as was refused: run it as an account with a mailbox, or use -Credential.",
                _ => "Check that the token is for https://outlook.office365.com (or your server), carries EWS.AccessAsUser.All or full_access_as_app, and has not expired.",
            },
            _ => null,
        };
    }
}
