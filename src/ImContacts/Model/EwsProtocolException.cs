namespace ImContacts.Model
{
    /// <summary>The server's answer is not a readable EWS response (an HTML page, truncated XML, a DTD, non-SOAP XML...).</summary>
    public sealed class EwsProtocolException : EwsException
    {
        public EwsProtocolException(EwsCallContext context, int httpStatusCode, string? contentType, string reason, string bodyStart)
            : base(
                $"{Prefix(context)}: the answer (HTTP {httpStatusCode}, {(string.IsNullOrEmpty(contentType) ? "no content type" : contentType)}) is not an EWS response: {reason}."
                + (bodyStart.Length == 0 ? " The body is empty." : $" It begins: \"{bodyStart}\""),
                context)
        {
            HttpStatusCode = httpStatusCode;
            ContentType = contentType;
            Reason = reason;
            BodyStart = bodyStart;
        }

        public int HttpStatusCode { get; }

        public string? ContentType { get; }

        public string Reason { get; }

        /// <summary>The first characters of the body, for diagnosis.</summary>
        public string BodyStart { get; }

        public override string ErrorId => "InvalidResponse";

        // IIS answers 500 with an HTML "Server Error in '/EWS' Application" page on transient outages.
        public override bool IsTransient => HttpStatusCode >= 500;
    }
}
