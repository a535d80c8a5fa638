using System;
using System.Linq;
using ImContacts.Model;

namespace ImContacts.Resolution
{
    /// <summary>
    /// Checks the three strings of a telephone contact (AddNewTelUriContactToGroup) before they are sent: the server
    /// stores whatever it gets, and finds the contact again by its tel: URI, so a typo makes a contact nobody can call.
    /// </summary>
    internal static class TelUris
    {
        private const string VisualSeparators = "-.()";

        /// <summary>
        /// Whether an IM address, as the list shows it, is a telephone contact's, and then the tel: URI and number to
        /// create it again with (AddNewTelUriContactToGroup): sip:+14255550100@contoso.com;user=phone gives
        /// tel:+14255550100 and +14255550100; a tel: address gives itself and its number. Null for an IM contact.
        /// </summary>
        public static (string TelUri, string Number)? OfImAddress(string? imAddress)
        {
            var address = imAddress?.Trim() ?? string.Empty;
            if (address.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                var number = address.Substring(4).Split(';')[0];
                return number.Length == 0 ? null : (address, number);
            }

            if (address.IndexOf(";user=phone", StringComparison.OrdinalIgnoreCase) < 0)
            {
                return null;
            }

            var user = ImAddresses.Bare(address).Split(';')[0];
            var at = user.IndexOf('@');
            var phone = at > 0 ? user.Substring(0, at) : null;
            return phone is not null && TelUriProblem("tel:" + phone, "TelUri") is null ? ("tel:" + phone, phone) : null;
        }

        /// <summary>Why <paramref name="value"/> is no tel: URI (RFC 3966) such as tel:+14255550100; null when it is one.</summary>
        public static string? TelUriProblem(string? value, string parameter)
        {
            if (value is null || value.Trim().Length == 0)
            {
                return null;
            }

            var uri = value.Trim();
            string? why = null;
            if (!uri.StartsWith("tel:", StringComparison.OrdinalIgnoreCase))
            {
                why = "it does not start with tel:";
            }
            else
            {
                var parts = uri.Substring(4).Split(';');
                var number = parts[0];
                var parameters = parts.Skip(1).ToList();
                var global = number.StartsWith("+", StringComparison.Ordinal);
                var digits = global ? number.Substring(1) : number;
                if (digits.Any(c => !IsAsciiDigit(c) && VisualSeparators.IndexOf(c) < 0 && !(!global && (c is '*' or '#'))))
                {
                    why = digits.Any(char.IsWhiteSpace) ? "the number contains a space (tel: URIs use - or . between digits)" : "the number holds characters other than digits and - . ( )";
                }
                else if (!digits.Any(IsAsciiDigit))
                {
                    why = "it has no number";
                }
                else if (!global && !parameters.Any(p => p.StartsWith("phone-context=", StringComparison.OrdinalIgnoreCase)))
                {
                    why = "a number without + needs ;phone-context= (or give it in international form, +country code and number)";
                }
                else if (parameters.Any(p => p.Length == 0 || p.Any(char.IsWhiteSpace)))
                {
                    why = "a ;parameter is empty or contains a space";
                }
            }

            return why is null ? null : $"-{parameter} {InputText.Show(uri)} is not a telephone URI such as tel:+14255550100: {why}.";
        }

        /// <summary>Why <paramref name="value"/> is no SIP URI for the contact (user@domain, URI parameters allowed); null when it is one.</summary>
        public static string? SipUriProblem(string? value, string parameter)
        {
            if (value is null || value.Trim().Length == 0)
            {
                return null;
            }

            // sip:+14255550100@contoso.com;user=phone: the address is checked, its parameters are kept as given.
            var address = value.Trim().Split(';')[0];
            return ImAddresses.Problem(address, parameter) is null
                ? null
                : $"-{parameter} {InputText.Show(value.Trim())} is not a SIP URI such as sip:+14255550100@contoso.com;user=phone: it is not of the form sip:user@domain.";
        }

        /// <summary>Why <paramref name="value"/> is no telephone number as people write it (+1 425 555 0100 ext. 12); null when it is one.</summary>
        public static string? NumberProblem(string? value, string parameter)
        {
            if (value is null || value.Trim().Length == 0)
            {
                return null;
            }

            var number = value.Trim();
            var words = new string(number.Where(char.IsLetter).ToArray()).ToLowerInvariant();
            var allowed = number.All(c => IsAsciiDigit(c) || c == ' ' || "+-./()".IndexOf(c) >= 0 || char.IsLetter(c));
            return allowed && number.Any(IsAsciiDigit) && words is "" or "x" or "ext"
                ? null
                : $"-{parameter} {InputText.Show(number)} is not a telephone number such as +1 425 555 0100: it must hold digits, and only spaces, + - . / ( ) or an extension (x12, ext. 12) besides.";
        }

        private static bool IsAsciiDigit(char c) => c >= '0' && c <= '9';
    }
}
