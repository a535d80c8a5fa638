using System;
using System.Collections.Generic;

namespace ImContacts.Ews
{
    /// <summary>What came back over HTTP, before any EWS interpretation.</summary>
    internal sealed class EwsHttpResponse
    {
        public EwsHttpResponse(int statusCode, string? reasonPhrase, string? contentType, byte[] body, TimeSpan? retryAfter, IReadOnlyList<string> authenticationSchemes)
        {
            StatusCode = statusCode;
            ReasonPhrase = reasonPhrase;
            ContentType = contentType;
            Body = body;
            RetryAfter = retryAfter;
            AuthenticationSchemes = authenticationSchemes;
        }

        public int StatusCode { get; }

        public string? ReasonPhrase { get; }

        public string? ContentType { get; }

        public byte[] Body { get; }

        public TimeSpan? RetryAfter { get; }

        public IReadOnlyList<string> AuthenticationSchemes { get; }
    }
}
