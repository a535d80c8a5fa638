using System;

namespace ImContacts.Resolution
{
    /// <summary>IM addresses compare without the sip: prefix and case-insensitively; servers store them either way.</summary>
    internal static class ImAddresses
    {
        private const string SipPrefix = "sip:";

        public static string Bare(string address)
        {
            var trimmed = address.Trim();
            return trimmed.StartsWith(SipPrefix, StringComparison.OrdinalIgnoreCase) ? trimmed.Substring(SipPrefix.Length).Trim() : trimmed;
        }

        public static bool SameAddress(string? a, string? b) =>
            a is not null && b is not null && string.Equals(Bare(a), Bare(b), StringComparison.OrdinalIgnoreCase);
    }
}
