using System;
using ImContacts.Model;

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

        /// <summary>
        /// Why <paramref name="address"/> cannot be an IM (SIP) address, user@domain with or without sip:, naming the
        /// parameter and the value; null when it can (or is not given). The server stores whatever it is sent, so a
        /// typo such as a space would otherwise become a contact nobody can reach.
        /// </summary>
        public static string? Problem(string? address, string parameter)
        {
            if (address is null || address.Trim().Length == 0)
            {
                return null;
            }

            var bare = Bare(address);
            var at = bare.IndexOf('@');
            string? why = null;
            foreach (var c in bare)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"' or ',' or ';')
                {
                    why = char.IsWhiteSpace(c) ? "it contains a space" : $"it contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'";
                    break;
                }
            }

            why ??= at <= 0 || at != bare.LastIndexOf('@') || at == bare.Length - 1
                ? "it is not of the form user@domain"
                : !IsHostName(bare.Substring(at + 1)) ? "its domain is not a host name" : null;
            return why is null ? null : $"-{parameter} {InputText.Show(address.Trim())} is not an IM address such as sip:kim@contoso.com: {why}.";
        }

        /// <summary>Whether <paramref name="domain"/> is a host name: dot-separated labels of letters, digits and inner hyphens.</summary>
        public static bool IsHostName(string domain)
        {
            foreach (var label in domain.Split('.'))
            {
                if (label.Length == 0 || label[0] == '-' || label[label.Length - 1] == '-')
                {
                    return false;
                }

                foreach (var c in label)
                {
                    if (!char.IsLetterOrDigit(c) && c != '-')
                    {
                        return false;
                    }
                }
            }

            return true;
        }
    }
}
