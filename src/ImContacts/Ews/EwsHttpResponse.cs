using System;
using System.Collections.Generic;

namespace ImContacts.Ews
{
    /// <summary>What came back over HTTP, before any EWS interpretation.</summary>
    internal sealed class EwsHttpResponse
    {
        public EwsHttpResponse(int statusCode, string? reasonPhrase, string? contentType, byte[] body, TimeSpan? retryAfter, IReadOnlyList<string> authenticationSchemes, Uri? redirectTarget = null, string? policyReason = null)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            ContentType = contentType;
            Body = body;
            RetryAfter = retryAfter;
            AuthenticationSchemes = authenticationSchemes;
            RedirectTarget = redirectTarget;
            PolicyReason = policyReason;
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        public string? ContentType { get; }

        public byte[] Body { get; }

        public TimeSpan? RetryAfter { get; }

        public IReadOnlyList<string> AuthenticationSchemes { get; }

        /// <summary>Where a 3xx answer points (path only).</summary>
        public Uri? RedirectTarget { get; }

        /// <summary>How the request signed in, as its last Authorization header shows (nothing secret).</summary>
        public Auth.Diagnosis.SignInEvidence SignIn { get; set; } = Auth.Diagnosis.SignInEvidence.None;

        /// <summary>The server's clock (its Date header) minus this computer's, when it sent one; to the second.</summary>
        public TimeSpan? ServerClockOffset { get; set; }

        /// <summary>X-EWS-Policy-Reason: why Exchange Online refused EWS to this app (protocol reference §9).</summary>
        public string? PolicyReason { get; }
    }
}
