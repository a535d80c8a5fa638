using System;
using System.Globalization;
using System.Text;

namespace ImContacts.Model
{
    /// <summary>
    /// Checks on text typed or read from a CSV before it goes into a request: EWS ids and the display names the server
    /// stores. Each check returns a message naming the parameter and showing the value, or null when the text is usable.
    /// </summary>
    public static class InputText
    {
        /// <summary>Far above any EWS id (a few hundred characters, even with an SMTP address inside), far below a runaway cell.</summary>
        public const int MaxIdLength = 2048;

        /// <summary>
        /// The schema sets no upper bound (NonEmptyStringType) and the server checks none; 256 is Active Directory's bound for
        /// display names, and more than any IM client shows.
        /// </summary>
        public const int MaxNameLength = 256;

        private const int ShownLength = 60;

        /// <summary>A name or address given as an empty string (an empty CSV cell) counts as not given; otherwise trimmed.</summary>
        public static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

        public static string? IdProblem(string? text, string parameter)
        {
            var id = text?.Trim() ?? string.Empty;
            if (id.Length == 0)
            {
                return $"-{parameter} is empty. Give the id as Get-ImItemList or Get-ImItem show it.";
            }

            if (id.Length > MaxIdLength)
            {
                return $"-{parameter} is {id.Length:N0} characters long, beginning {Show(id)}; EWS ids are a few hundred characters at most. Is the right column mapped to {parameter}?";
            }

            if (!IsBase64(id))
            {
                var hint = id.IndexOf('@') >= 0 ? $" To name it by address, use -ImAddress{(parameter == "GroupId" ? " or -GroupName" : string.Empty)}."
                    : id.IndexOf('-') >= 0 || id.IndexOf('_') >= 0 ? " It looks like a REST or Microsoft Graph id, which EWS does not take."
                    : string.Empty;
                return $"-{parameter} {Show(id)} is not an EWS id: EWS ids are base64 (letters, digits, '+', '/', and '=' at the end).{hint}";
            }

            return null;
        }

        /// <summary>For names sent to the server (new groups and contacts, renames); lookups by name need no check.</summary>
        public static string? NameProblem(string? text, string parameter)
        {
            if (text is null)
            {
                return null;
            }

            if (text.Length > MaxNameLength)
            {
                return $"-{parameter} is {text.Length:N0} characters long, beginning {Show(text)}; names are limited to {MaxNameLength} characters.";
            }

            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                var unpaired = char.IsHighSurrogate(c) ? i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]) : char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
                if (char.IsControl(c) || unpaired || c == '\uFFFE' || c == '\uFFFF')
                {
                    return $"-{parameter} {Show(text)} contains U+{(int)c:X4} at position {i + 1}, a character a display name cannot hold (XML cannot carry it). Remove it; a CSV edited by hand may hold stray control characters.";
                }
            }

            return null;
        }

        /// <summary>The value quoted for a message: at most 60 characters, with characters that do not print shown as U+XXXX.</summary>
        public static string Show(string text)
        {
            var shown = new StringBuilder("'");
            foreach (var c in text.Length > ShownLength ? text.Substring(0, ShownLength) : text)
            {
                if (char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFE' || c == '\uFFFF')
                {
                    shown.Append("U+").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                }
                else
                {
                    shown.Append(c);
                }
            }

            return shown.Append(text.Length > ShownLength ? "…'" : "'").ToString();
        }

        private static bool IsBase64(string id)
        {
            if (id.Length % 4 != 0)
            {
                return false;
            }

            var padding = id.EndsWith("==", StringComparison.Ordinal) ? 2 : id.EndsWith("=", StringComparison.Ordinal) ? 1 : 0;
            for (var i = 0; i < id.Length - padding; i++)
            {
                var c = id[i];
                if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
