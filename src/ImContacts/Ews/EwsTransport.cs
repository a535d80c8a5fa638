using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using ImContacts.Auth;
using ImContacts.Auth.Diagnosis;
using ImContacts.Auth.Kerberos;
using ImContacts.Auth.Windows;
using ImContacts.Model;

namespace ImContacts.Ews
{
    /// <summary>
    /// Posts SOAP envelopes to one EWS endpoint over one HttpClient, reused for every call of a connection.
    /// Turns timeouts and network failures into EwsTransportException; leaves HTTP statuses to the client.
    /// </summary>
    internal sealed class EwsTransport : IDisposable
    {
        /// <summary>Answers larger than this are refused rather than buffered (a full IM list is well under 5 MB).</summary>
        public const int DefaultMaxResponseBytes = 64 * 1024 * 1024;

        /// <summary>How much of a refused oversized body is read, to show how it begins.</summary>
        private const int OversizedStartBytes = 1024;

        private static readonly string UserAgent =
            "ImContacts/" + (typeof(EwsTransport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0");

        private readonly HttpClient client;
        private readonly IEwsAuthenticator authenticator;

        // The last certificate the platform refused, "subject: why", for the error that follows (see ConnectionFailure).
        private string? rejectedCertificate;

        public EwsTransport(Uri endpoint, IEwsAuthenticator authenticator, TimeSpan timeout, bool skipCertificateCheck, HttpMessageHandler? handler = null)
        {
            Endpoint = endpoint;
            Timeout = timeout;
            this.authenticator = authenticator;
            if (handler is null)
            {
                var httpHandler = new HttpClientHandler
                {
                    // EWS does not redirect; a 302 is IIS sending us to an error page, and credentials must not follow it.
                    AllowAutoRedirect = false,
                    AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                    UseCookies = true,
                    CookieContainer = new CookieContainer(),
                };
                try
                {
                    // One connection per request in flight, up to the most -ThrottleLimit allows (Windows PowerShell's default is 2).
                    httpHandler.MaxConnectionsPerServer = 256;
                }
                catch (PlatformNotSupportedException)
                {
                }

                if (skipCertificateCheck)
                {
                    httpHandler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
                }
                else
                {
                    try
                    {
                        // The platform's own verdict, kept so that a refusal can name the certificate and what is wrong with it.
                        httpHandler.ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                        {
                            if (errors != SslPolicyErrors.None)
                            {
                                rejectedCertificate = $"{certificate?.Subject ?? "(no certificate)"}: {CertificateProblem(errors)}";
                            }

                            return errors == SslPolicyErrors.None;
                        };
                    }
                    catch (PlatformNotSupportedException)
                    {
                        // Older .NET Framework: the refusal is reported without the certificate's name.
                    }
                }

                authenticator.ConfigureHandler(httpHandler, endpoint);
                handler = httpHandler;
            }

            client = new HttpClient(handler, disposeHandler: true) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        }

        public Uri Endpoint { get; }

        public TimeSpan Timeout { get; }

        /// <summary>The sign-in method alone: Credential, DefaultCredentials, AccessToken, ...</summary>
        public SignInMethod Method => authenticator.Method;

        /// <summary>How this connection signs in, for a 401's message: the method and the account, never a secret.</summary>
        public string SignIn => authenticator.Method + (string.IsNullOrEmpty(authenticator.Account) ? string.Empty : $" as {authenticator.Account}");

        /// <summary>
        /// The scheme the handler answered a challenge with, of those the server offered: Negotiate before NTLM before
        /// Basic for a password or the logon's credentials (Basic only where it may be sent), Bearer for a token.
        /// </summary>
        public string? TriedScheme(System.Collections.Generic.IReadOnlyList<string> offered)
        {
            return authenticator.Schemes(Endpoint).FirstOrDefault(s => offered.Contains(s, StringComparer.OrdinalIgnoreCase));
        }

        /// <summary>How the last request the server accepted had signed in (Kerberos, NTLM, ...); None before any.</summary>
        public SignInEvidence LastSignIn { get; private set; } = SignInEvidence.None;

        /// <summary>Where every exchange is also written (Connect-ImService -TraceFile); null for none.</summary>
        public EwsTraceFile? TraceFile { get; set; }

        /// <summary>The largest answer buffered; larger ones fail with EwsProtocolException.</summary>
        public int MaxResponseBytes { get; set; } = DefaultMaxResponseBytes;

        /// <summary>Sends the envelope; <paramref name="trace"/> (for -Debug) and the trace file get every exchange, secrets redacted.</summary>
        public async Task<EwsHttpResponse> PostAsync(EwsCallContext context, byte[] envelope, CancellationToken cancellationToken, Action<string>? trace = null)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            var tracing = trace is not null || TraceFile is not null;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            HttpRequestMessage? sent = null;
            HttpResponseMessage? received = null;
            try
            {
                // A 401 gets one renewal of the credentials and one resend (an OAuth token revoked or expired early).
                for (var renewed = false; ; renewed = true)
                {
                    using var request = CreateRequest(context, envelope);
                    await authenticator.AuthorizeAsync(request, timeout.Token).ConfigureAwait(false);
                    (sent, received) = (request, null);
                    clock.Restart();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    received = response;
                    if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed
                        && await authenticator.RenewAfterRejectionAsync(timeout.Token).ConfigureAwait(false))
                    {
                        Trace(tracing, trace, context, request, envelope, response, Array.Empty<byte>(), clock.Elapsed, "renewing the credentials and sending again");
                        continue;
                    }

                    var body = await ReadBodyAsync(context, response, timeout.Token).ConfigureAwait(false);
                    Trace(tracing, trace, context, request, envelope, response, body, clock.Elapsed, null);
                    (sent, received) = (null, null);
                    // The handler answers challenges on this very request object: its last Authorization shows how it signed in.
                    var signedIn = SignInEvidence.Observable
                        ? SignInEvidence.FromAuthorization(request.Headers.Authorization?.Scheme, request.Headers.Authorization?.Parameter)
                        : SignInEvidence.Unknown;
                    if (signedIn.IsKnown && (int)response.StatusCode < 300)
                    {
                        LastSignIn = signedIn;
                    }

                    // The headers that explain a failure are parsed only for an answer without an EWS body (neither 200
                    // nor 500): parsing each typed header costs every request, and nothing reads them otherwise.
                    var status = (int)response.StatusCode;
                    var explain = status != 200 && status != 500;
                    return new EwsHttpResponse(
                        status,
                        response.ReasonPhrase,
                        response.Content.Headers.ContentType?.ToString(),
                        body,
                        explain ? RetryAfter(response) : null,
                        explain ? response.Headers.WwwAuthenticate.Select(h => h.Scheme).Distinct(StringComparer.OrdinalIgnoreCase).ToArray() : Array.Empty<string>(),
                        explain ? RedirectTarget(response) : null,
                        explain && response.Headers.TryGetValues("X-EWS-Policy-Reason", out var reasons) ? string.Join(", ", reasons) : null)
                    {
                        SignIn = signedIn,
                        ServerClockOffset = explain && response.Headers.Date is { } serverNow ? serverNow - DateTimeOffset.UtcNow : null,
                    };
                }
            }
            catch (Exception ex) when (TraceFailure(tracing && sent is not null, trace, context, sent, envelope, received, clock.Elapsed, ex))
            {
                // Never reached: the filter only traces.
                throw;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new EwsTransportException(context, EwsTransportFailure.Timeout,
                    $"no answer from {Endpoint.Host} within {Timeout.TotalSeconds:0.#} seconds (Connect-ImService -TimeoutSec); the request was abandoned and is not sent again.");
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                throw ConnectionFailure(context, ex);
            }
            catch (SignInException ex)
            {
                throw new EwsTransportException(context, EwsTransportFailure.SignInFailed, ex.Message, innerException: ex);
            }
        }

        /// <summary>Traces the request that failed, with what came of it; an exception filter, so it never catches (returns false).</summary>
        private bool TraceFailure(bool tracing, Action<string>? trace, EwsCallContext context, HttpRequestMessage? request, byte[] envelope,
            HttpResponseMessage? response, TimeSpan elapsed, Exception failure)
        {
            try
            {
                Trace(tracing, trace, context, request!, envelope, response, null, elapsed,
                    failure is OperationCanceledException ? "abandoned (timeout or Ctrl+C)" : Innermost(failure).Message);
            }
            catch (ObjectDisposedException)
            {
            }

            return false;
        }

        private void Trace(bool tracing, Action<string>? trace, EwsCallContext context, HttpRequestMessage request, byte[] envelope,
            HttpResponseMessage? response, byte[]? body, TimeSpan elapsed, string? note)
        {
            if (!tracing)
            {
                return;
            }

            var entry = EwsTraceWriter.Render(context, request, envelope, response, body, elapsed, note);
            TraceFile?.Write(entry);
            trace?.Invoke(entry);
        }

        private HttpRequestMessage CreateRequest(EwsCallContext context, byte[] envelope)
        {
            // The module's own values, well-formed by construction: added as they are, as parsing each typed header anew
            // cost every request more than writing its envelope.
            var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new ByteArrayContent(envelope) };
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "text/xml; charset=utf-8");
            request.Headers.TryAddWithoutValidation("SOAPAction", "\"" + EwsNamespaces.SoapAction(context.Operation) + "\"");
            request.Headers.TryAddWithoutValidation("Accept", "text/xml");
            request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
            request.Headers.TryAddWithoutValidation("client-request-id", context.ClientRequestId);
            request.Headers.TryAddWithoutValidation("return-client-request-id", "true");
            if (context.Impersonates)
            {
                // Routes the request to the impersonated mailbox's server; required with impersonation in Exchange Online.
                request.Headers.TryAddWithoutValidation("X-AnchorMailbox", context.Mailbox);
            }

            return request;
        }

        /// <summary>After a refused Negotiate sign-in: what Kerberos says about a ticket for this server; null when it cannot say.</summary>
        public KerberosProbeResult? ProbeKerberos() => (authenticator as IKerberosSignIn)?.ProbeKerberos(Endpoint.Host);

        /// <summary>Closes the connections and lets go of the credentials: the authenticator belongs to this transport.</summary>
        public void Dispose()
        {
            client.Dispose();
            authenticator.Dispose();
        }

        private async Task<byte[]> ReadBodyAsync(EwsCallContext context, HttpResponseMessage response, CancellationToken cancellationToken)
        {
            // Content-Length is only a claim: the count below is what bounds memory, also for chunked and decompressed bodies.
            var declaredTooLarge = response.Content.Headers.ContentLength > MaxResponseBytes;
            int read;
            using var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
            var declared = response.Content.Headers.ContentLength;
            if (declared is > 0 and <= 1024 * 1024 && !declaredTooLarge && response.Content.Headers.ContentEncoding.Count == 0)
            {
                // The usual answer: its length is known, so it is read straight into an array of that size, with no chunk
                // and no copy (they were a third of what a request allocated). A body shorter than it claimed is a cut
                // connection, as HttpClient reports it; one longer is read no further than its length.
                var exact = new byte[(int)declared.Value];
                var filled = 0;
                while (filled < exact.Length && (read = await stream.ReadAsync(exact, filled, exact.Length - filled, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    filled += read;
                }

                if (filled < exact.Length)
                {
                    throw new IOException($"The response ended prematurely: {filled} of the {exact.Length} bytes its Content-Length declared came.");
                }

                return exact;
            }

            // Sized for a typical answer (a few KB): an 80 KB chunk per request was more than everything else a request allocates.
            using var buffer = new MemoryStream(declared is > 0 and <= 1024 * 1024 && !declaredTooLarge ? (int)declared.Value : 0);
            var chunk = new byte[8192];
            while ((read = await stream.ReadAsync(chunk, 0, declaredTooLarge ? OversizedStartBytes : chunk.Length, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (declaredTooLarge || buffer.Length + read > MaxResponseBytes)
                {
                    buffer.Write(chunk, 0, (int)Math.Min(read, Math.Max(0, OversizedStartBytes - buffer.Length)));
                    throw TooLarge(context, response, buffer.ToArray());
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        private EwsProtocolException TooLarge(EwsCallContext context, HttpResponseMessage response, byte[] start) =>
            new EwsProtocolException(context, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(),
                $"it is larger than the {MaxResponseBytes / 1024.0 / 1024.0:0.##} MB this module accepts"
                + (response.Content.Headers.ContentLength is { } length ? $" (Content-Length {length})" : string.Empty)
                + "; reading stopped there",
                EwsClient.BodyStart(start));

        /// <summary>Where a redirect points, without its query (which may carry a sign-in state); null for other answers.</summary>
        private Uri? RedirectTarget(HttpResponseMessage response)
        {
            var location = response.Headers.Location;
            if (location is null || (int)response.StatusCode < 300 || (int)response.StatusCode > 399)
            {
                return null;
            }

            var absolute = location.IsAbsoluteUri ? location : new Uri(Endpoint, location);
            return new Uri(absolute.GetLeftPart(UriPartial.Path));
        }

        private static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var retry = response.Headers.RetryAfter;
            if (retry?.Delta is { } delta)
            {
                return delta;
            }

            if (retry?.Date is { } date)
            {
                var wait = date - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }

            return null;
        }

        /// <summary>
        /// Why no connection was made, and what to do: a refused port, an unknown host and an untrusted certificate are
        /// not retried (waiting does not fix a wrong -Url); anything else (a dropped connection, a reset) is transient.
        /// </summary>
        private EwsTransportException ConnectionFailure(EwsCallContext context, Exception ex)
        {
            var cause = Innermost(ex);
            var at = $"{Endpoint.Host}:{Endpoint.Port}";
            if (cause is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                return new EwsTransportException(context, EwsTransportFailure.ConnectionRefused,
                    $"nothing answers at {at} (connection refused). Check the host and port in Connect-ImService -Url; if the server is restarting, run again once it is up.",
                    innerException: ex);
            }

            if (cause is SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData })
            {
                return new EwsTransportException(context, EwsTransportFailure.HostNotFound,
                    $"the host name {Endpoint.Host} is not known to DNS. Check Connect-ImService -Url (Exchange Online: https://outlook.office365.com/EWS/Exchange.asmx), or use -Autodiscover.",
                    innerException: ex);
            }

            if (ClosedMidHandshake(ex))
            {
                return new EwsTransportException(context, EwsTransportFailure.SignInConnectionClosed,
                    $"{Endpoint.Host} closed the connection in the middle of the Negotiate or NTLM sign-in ({cause.Message.TrimEnd('.')}): these need one connection for "
                    + "all their legs, and something between here and Exchange (a load balancer or reverse proxy) does not keep it. Sending again would end the same way. "
                    + "Fix it on that side (keep the client's connection to one server open between the legs: NTLM or Negotiate pass-through, connection persistence), "
                    + "or sign in with Kerberos, which needs one leg: -Credential as user@dns.domain, or -UseDefaultCredentials with a ticket (kinit).",
                    innerException: ex);
            }

            if (FindInChain<System.Security.Authentication.AuthenticationException>(ex) is not null)
            {
                var certificate = Interlocked.Exchange(ref rejectedCertificate, null);
                return new EwsTransportException(context, EwsTransportFailure.CertificateRejected,
                    $"the TLS certificate of {Endpoint.Host} is not trusted ({certificate ?? cause.Message}). Trust its issuer on this machine (install the CA certificate), "
                    + "connect with the host name the certificate is issued to, or, deliberately and only for a test server, use Connect-ImService -SkipCertificateCheck.",
                    innerException: ex);
            }

            return new EwsTransportException(context, EwsTransportFailure.ConnectionFailed, $"the connection to {Endpoint.Host} failed: {cause.Message}", innerException: ex);
        }

        /// <summary>
        /// .NET's "Authentication failed because the connection could not be reused": a leg of Negotiate or NTLM met a
        /// connection the other side had closed. Known by .NET's words (its HttpRequestError, UserAuthenticationError,
        /// covers other sign-in failures too, and netstandard2.0 cannot see it).
        /// </summary>
        private static bool ClosedMidHandshake(Exception ex) =>
            FindInChain<HttpRequestException>(ex) is { } http && http.Message.IndexOf("connection could not be reused", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string CertificateProblem(SslPolicyErrors errors)
        {
            var problems = new System.Collections.Generic.List<string>();
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                problems.Add("it is issued to another name");
            }

            if ((errors & SslPolicyErrors.RemoteCertificateChainErrors) != 0)
            {
                problems.Add("its issuer is not trusted here, or it has expired or been revoked");
            }

            if ((errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
            {
                problems.Add("the server sent none");
            }

            return string.Join("; ", problems);
        }

        private static T? FindInChain<T>(Exception ex)
            where T : Exception
        {
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                if (e is T found)
                {
                    return found;
                }
            }

            return null;
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException is not null)
            {
                ex = ex.InnerException;
            }

            return ex;
        }
    }
}
