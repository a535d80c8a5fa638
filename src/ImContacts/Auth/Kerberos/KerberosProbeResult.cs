namespace ImContacts.Auth.Kerberos
{
    /// <summary>What the Kerberos probe found: whether a ticket for the service could be had, and if not, why.</summary>
    internal sealed class KerberosProbeResult
    {
        public KerberosProbeResult(string service, bool succeeded, string? cause, string message)
        {
            Service = service;
            Succeeded = succeeded;
            Cause = cause;
            Message = message;
        }

        /// <summary>The service principal asked for, HTTP/host.</summary>
        public string Service { get; }

        public bool Succeeded { get; }

        /// <summary>"no ticket", "SPN not found", "bad password", "clock skew", "unknown user", ...; null when Kerberos gave no known reason.</summary>
        public string? Cause { get; }

        /// <summary>One sentence for the error: what Kerberos said, and what to do.</summary>
        public string Message { get; }
    }
}
