using System;
using System.Collections.Generic;

namespace ImContacts.Model
{
    public enum EwsTransportFailure
    {
        /// <summary>An HTTP status without an EWS body (401, 403, 404, 503, a redirect...).</summary>
        HttpStatus,

        /// <summary>No answer within the connection's timeout.</summary>
        Timeout,

        /// <summary>The connection could not be made or was dropped (transient: sent again within -MaxRetryWait).</summary>
        ConnectionFailed,

        /// <summary>Nothing listens at the URL's host and port: a wrong -Url, not worth waiting for.</summary>
        ConnectionRefused,

        /// <summary>DNS does not know the URL's host name.</summary>
        HostNotFound,

        /// <summary>The server's TLS certificate was not trusted (untrusted issuer, another name, expired).</summary>
        CertificateRejected,

        /// <summary>No access token could be acquired or renewed (OAuth sign-ins).</summary>
        SignInFailed,

        /// <summary>
        /// The server, or a load balancer or reverse proxy before it, closed the connection in the middle of a Negotiate or
        /// NTLM handshake, whose legs must share one connection: every attempt would end the same way.
        /// </summary>
        SignInConnectionClosed,

        /// <summary>Exchange Online refuses EWS to this app or tenant (HTTP 403 with X-EWS-Policy-Reason): nothing in the run can succeed.</summary>
        BlockedByPolicy,
    }

    /// <summary>The request did not get an EWS answer at all.</summary>
    public sealed class EwsTransportException : EwsException
    {
        public EwsTransportException(
            EwsCallContext context,
            EwsTransportFailure failure,
            string message,
            int? httpStatusCode = null,
            TimeSpan? retryAfter = null,
            IReadOnlyList<string>? authenticationSchemes = null,
            Exception? innerException = null)
            : base($"{Prefix(context)}: {message}", context, innerException)
        {
            Failure = failure;
            HttpStatusCode = httpStatusCode;
            RetryAfter = retryAfter;
            AuthenticationSchemes = authenticationSchemes ?? Array.Empty<string>();
        }

        public EwsTransportFailure Failure { get; }

        public int? HttpStatusCode { get; }

        /// <summary>The server's Retry-After, when it sent one.</summary>
        public TimeSpan? RetryAfter { get; }

        /// <summary>The schemes a 401 offered (Negotiate, NTLM, Basic, Bearer), names only.</summary>
        public IReadOnlyList<string> AuthenticationSchemes { get; }

        /// <summary>For a 401: how the refused request had signed in, when its token showed it.</summary>
        internal Auth.Diagnosis.SignInEvidence? RefusedSignIn { get; set; }

        public override string ErrorId => Failure switch
        {
            EwsTransportFailure.HttpStatus => "Http" + HttpStatusCode,
            EwsTransportFailure.Timeout => "Timeout",
            EwsTransportFailure.SignInFailed => "SignInFailed",
            EwsTransportFailure.BlockedByPolicy => "EwsBlockedByPolicy",
            EwsTransportFailure.ConnectionRefused => "ConnectionRefused",
            EwsTransportFailure.HostNotFound => "HostNotFound",
            EwsTransportFailure.CertificateRejected => "CertificateRejected",
            EwsTransportFailure.SignInConnectionClosed => "SignInConnectionClosed",
            _ => "ConnectionFailed",
        };

        public override bool IsTransient => Failure switch
        {
            EwsTransportFailure.HttpStatus => HttpStatusCode is 503 or 429 or 502 or 504 or 302,
            EwsTransportFailure.SignInFailed => (InnerException as Auth.SignInException)?.IsTransient == true,
            EwsTransportFailure.BlockedByPolicy or EwsTransportFailure.ConnectionRefused or EwsTransportFailure.HostNotFound
                or EwsTransportFailure.CertificateRejected or EwsTransportFailure.SignInConnectionClosed => false,
            _ => true,
        };
    }
}
