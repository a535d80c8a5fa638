using System;
using System.Collections.Generic;

namespace ImContacts.Discovery
{
    /// <summary>Autodiscover found no EWS endpoint; Attempts says what was tried and why each failed.</summary>
    public sealed class AutodiscoverException : Exception
    {
        public AutodiscoverException(string emailAddress, IReadOnlyList<string> attempts, bool redirectRefused)
            : base($"Autodiscover found no EWS endpoint for {emailAddress}. Tried: {string.Join("; ", attempts)}."
                + (redirectRefused ? " A redirect to another domain was refused; add -AllowRedirect if you trust it." : " Give the EWS URL with -Url instead."))
        {
            EmailAddress = emailAddress;
            Attempts = attempts;
            RedirectRefused = redirectRefused;
        }

        public string EmailAddress { get; }

        public IReadOnlyList<string> Attempts { get; }

        /// <summary>Whether a redirect to another domain was refused (the user may allow it with -AllowRedirect).</summary>
        public bool RedirectRefused { get; }
    }
}
