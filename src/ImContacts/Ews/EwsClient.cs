using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using ImContacts.Auth;
using ImContacts.Auth.Diagnosis;
using ImContacts.Auth.Kerberos;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// Sends one EWS operation and returns its result, or throws an EwsException subclass: envelope → transport → parser.
    /// Thread-safe; one instance per connection.
    /// </summary>
    internal sealed class EwsClient : IDisposable
    {
        private const int BodyStartLength = 200;

        private readonly EwsTransport transport;

        /// <summary>How the last request the server accepted had signed in; None before any.</summary>
        public SignInEvidence LastSignIn => transport.LastSignIn;

        /// <summary>What Kerberos says about a ticket for this server (after a refused sign-in); null when it cannot say.</summary>
        public KerberosProbeResult? ProbeKerberos() => transport.ProbeKerberos();

        public EwsClient(EwsTransport transport, string serverVersion, string? mailboxCulture, string? ownMailbox = null)
        {
            this.transport = transport;
            ServerVersion = serverVersion;
            MailboxCulture = mailboxCulture;
            OwnMailbox = ownMailbox;
        }

        /// <summary>What the connected account's own mailbox is called (see ImServiceConnection.OwnMailbox); never impersonated.</summary>
        public string? OwnMailbox { get; }

        /// <summary>The connected account's own mailbox, as requests and results name it.</summary>
        internal MailboxTarget Own => MailboxTarget.Own(OwnMailbox);

        /// <summary>Whether the text given as a mailbox is the own mailbox's name (from an earlier result); asked once, at binding.</summary>
        internal bool NamesOwn(string given) => string.Equals(given, OwnMailbox, StringComparison.OrdinalIgnoreCase);

        public string ServerVersion { get; }

        public string? MailboxCulture { get; }

        public Uri Endpoint => transport.Endpoint;

        /// <summary>
        /// Sends <paramref name="operation"/> for <paramref name="mailbox"/>, impersonating it unless it is the connected
        /// account's own; <paramref name="trace"/> gets the exchange as text, secrets redacted (for -Debug). A
        /// <paramref name="slot"/> is held for the exchange alone, from sending to the answer's last byte: the envelope
        /// is written before it and the answer parsed after, so that slots bound the requests the server is working on.
        /// </summary>
        public async Task<EwsCallResult<T>> InvokeAsync<T>(
            EwsOperation<T> operation, MailboxTarget mailbox, CancellationToken cancellationToken, Action<string>? trace = null, Func<CancellationToken, Task<IDisposable>>? slot = null)
        {
            // The account's own mailbox is named in results and errors, but never impersonated (that would need rights).
            var context = new EwsCallContext(operation.Name, mailbox, ClientRequestIds.Next());
            var envelope = SoapEnvelopeWriter.Write(new EwsRequestHeaders(ServerVersion, MailboxCulture, mailbox.ImpersonatedAddress), operation);
            Stopwatch clock;
            EwsHttpResponse http;
            using (slot is null ? null : await slot(cancellationToken).ConfigureAwait(false))
            {
                clock = Stopwatch.StartNew();
                http = await transport.PostAsync(context, envelope, cancellationToken, trace).ConfigureAwait(false);
                clock.Stop();
            }

            // 200 carries every schema response (errors included), 500 carries SOAP faults; anything else has no EWS body.
            if (http.StatusCode != 200 && http.StatusCode != 500)
            {
                throw HttpFailure(context, http, transport.Endpoint, transport.SignIn, transport.Method, transport.TriedScheme(http.AuthenticationSchemes));
            }

            if (!IsXml(http.ContentType))
            {
                // A proxy's or sign-in page's answer, even with status 200: never read as EWS.
                throw new EwsProtocolException(context, http.StatusCode, http.ContentType, "its content type is not XML", BodyStart(http.Body));
            }

            EwsEnvelope parsed;
            try
            {
                parsed = EwsResponseParser.Parse(http.Body, operation.Name, mailbox.Name);
            }
            catch (EwsFormatException ex)
            {
                var reason = ex.InnerException is XmlException && DeclaresDtd(http.Body)
                    ? "it declares a DTD (<!DOCTYPE>), which EWS never sends; it was refused unread, so no entity was expanded or fetched"
                    : ex.Message;
                throw new EwsProtocolException(context, http.StatusCode, http.ContentType, reason, BodyStart(http.Body));
            }

            if (parsed.Fault is { } fault)
            {
                throw ResponseFailure(context, "Error", fault.ResponseCode, fault.Message, null, fault.MessageXml, true, http.StatusCode);
            }

            var response = parsed.Response!;
            if (response.IsError)
            {
                throw ResponseFailure(context, response.ResponseClass, response.ResponseCode, response.MessageText,
                    response.DescriptiveLinkKey, response.MessageXml, false, http.StatusCode);
            }

            if (http.StatusCode != 200)
            {
                throw new EwsProtocolException(context, http.StatusCode, http.ContentType,
                    $"a {response.ResponseClass} response came with HTTP {http.StatusCode}", BodyStart(http.Body));
            }

            T value;
            try
            {
                value = operation.GetResult(response, mailbox);
            }
            catch (EwsFormatException ex)
            {
                throw new EwsProtocolException(context, http.StatusCode, http.ContentType, ex.Message, BodyStart(http.Body));
            }

            return new EwsCallResult<T>(value, context, response, parsed.ServerVersion, clock.Elapsed);
        }

        public void Dispose() => transport.Dispose();

        private static EwsException ResponseFailure(
            EwsCallContext context, string responseClass, string code, string? text, int? linkKey,
            IReadOnlyDictionary<string, string> details, bool isFault, int status)
        {
            // Throttling comes as a fault, or (docs) as an HTTP 200 ErrorInternalServerError with an inner ErrorServerBusy.
            var innerBusy = code == "ErrorInternalServerError"
                && (details.ContainsKey("BackOffMilliseconds") || details.Values.Any(v => v.Contains("ErrorServerBusy")));
            if (code == "ErrorServerBusy" || innerBusy)
            {
                TimeSpan? backOff = details.TryGetValue("BackOffMilliseconds", out var ms)
                    && long.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0
                        ? TimeSpan.FromMilliseconds(value)
                        : null;
                return new EwsServerBusyException(context, responseClass, text, details, isFault, status, backOff);
            }

            return new EwsResponseException(context, responseClass, code, text, linkKey, details, isFault, status);
        }

        private static EwsTransportException HttpFailure(EwsCallContext context, EwsHttpResponse http, Uri endpoint, string signIn, SignInMethod method, string? tried)
        {
            var status = $"HTTP {http.StatusCode}{(string.IsNullOrEmpty(http.ReasonPhrase) ? string.Empty : " " + http.ReasonPhrase)}";
            if (http.StatusCode == 403 && http.PolicyReason is { } reason && reason.Trim().Length > 0)
            {
                // Exchange Online's EWS retirement (protocol reference §9): the header does not say which list refused.
                return new EwsTransportException(context, EwsTransportFailure.BlockedByPolicy,
                    $"Exchange Online refuses EWS to this application ({status}, X-EWS-Policy-Reason: {reason.Trim()}). "
                    + "Since October 2026 EWS is off in Exchange Online unless the tenant allows it. A tenant admin checks "
                    + "Get-OrganizationConfig | Format-List EwsEnabled,EwsAllowedAppIDs,EwsApplicationAccessPolicy,EwsAllowList,EwsBlockList "
                    + "and Get-CASMailbox <mailbox> | Format-List EwsEnabled, and adds this application's id with "
                    + "Set-OrganizationConfig -EwsAllowedAppIDs (changes take up to 24 hours). EWS in Exchange Online ends for good on "
                    + "1 April 2027; Exchange Server on-premises is not affected.",
                    http.StatusCode);
            }

            var message = http.StatusCode switch
            {
                >= 300 and < 400 => $"the server answered {status}"
                       + (http.RedirectTarget is null ? string.Empty : $", redirecting to {http.RedirectTarget}")
                       + ", instead of an EWS response. EWS does not redirect: check -Url; a proxy or sign-in page may stand in front of EWS. The redirect was not followed.",
                401 => $"authentication failed ({status}): the server did not accept the {(tried is null ? string.Empty : tried + " ")}sign-in ({signIn})."
                       + (http.AuthenticationSchemes.Count > 0 ? $" The server offers: {string.Join(", ", http.AuthenticationSchemes)}." : string.Empty)
                       + (tried is null && http.AuthenticationSchemes.Count > 0 ? " None of them goes with this sign-in." : string.Empty)
                       + (tried is null && method == SignInMethod.Credential && http.AuthenticationSchemes.Contains("Basic", StringComparer.OrdinalIgnoreCase) && !EndpointPolicy.AllowsBasic(endpoint)
                           ? $" Basic is not sent over plain http to {endpoint.Host}: it would show the password to the network. Use https, or turn on Windows authentication (Negotiate) for the EWS virtual directory."
                           : string.Empty)
                       + SignInRefusal.Explain(tried, http.SignIn, endpoint.Host, method, http.ServerClockOffset),
                403 => $"access denied ({status}). EWS may be disabled for this account or application (EwsEnabled, EwsAllowedAppIDs).",
                404 => $"the server answered {status}: there is no EWS at {endpoint}. EWS is at https://<server>/EWS/Exchange.asmx.",
                _ => $"the server answered {status} without an EWS response.",
            };
            if (http.RetryAfter is { } wait)
            {
                message += $" It asks to retry after {wait.TotalSeconds:0.#} seconds.";
            }

            var start = BodyStart(http.Body);
            if (start.Length > 0 && http.StatusCode != 401)
            {
                message += $" The body begins: \"{start}\"";
            }

            return new EwsTransportException(context, EwsTransportFailure.HttpStatus, message, http.StatusCode, http.RetryAfter, http.AuthenticationSchemes)
            {
                RefusedSignIn = http.StatusCode == 401 ? http.SignIn : null,
            };
        }

        /// <summary>Whether a content type may carry SOAP 1.1 (text/xml, application/xml, */*+xml); a missing one is given the benefit of the doubt.</summary>
        internal static bool IsXml(string? contentType)
        {
            if (string.IsNullOrWhiteSpace(contentType))
            {
                return true;
            }

            var mediaType = contentType!.Split(';')[0].Trim();
            return mediaType.Equals("text/xml", StringComparison.OrdinalIgnoreCase)
                || mediaType.Equals("application/xml", StringComparison.OrdinalIgnoreCase)
                || mediaType.EndsWith("+xml", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>Whether a DOCTYPE stands before the root element (only to explain why the reader refused the body).</summary>
        private static bool DeclaresDtd(byte[] body)
        {
            var head = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096));
            var doctype = head.IndexOf("<!DOCTYPE", StringComparison.OrdinalIgnoreCase);
            if (doctype < 0)
            {
                return false;
            }

            for (var i = head.IndexOf('<'); i >= 0 && i < doctype; i = head.IndexOf('<', i + 1))
            {
                if (i + 1 < head.Length && head[i + 1] != '?' && head[i + 1] != '!')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The first characters of a body, as one printable line.</summary>
        internal static string BodyStart(byte[] body)
        {
            var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, BodyStartLength * 4));
            var line = new StringBuilder(BodyStartLength);
            var lastWasSpace = false;
            foreach (var c in text)
            {
                if (line.Length >= BodyStartLength)
                {
                    line.Append('…');
                    break;
                }

                var space = char.IsWhiteSpace(c) || char.IsControl(c);
                if (space && (lastWasSpace || line.Length == 0))
                {
                    continue;
                }

                line.Append(space ? ' ' : c);
                lastWasSpace = space;
            }

            return line.ToString().TrimEnd();
        }
    }
}
