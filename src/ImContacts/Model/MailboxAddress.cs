using System;
using System.Net.Mail;

namespace ImContacts.Model
{
    /// <summary>Checks the SMTP addresses used as impersonation targets.</summary>
    public static class MailboxAddress
    {
        /// <summary>Returns the trimmed address, or throws ArgumentException naming the value.</summary>
        public static string Normalize(string value, string parameterName)
        {
            var trimmed = value?.Trim() ?? string.Empty;
            if (trimmed.Length == 0)
            {
                throw new ArgumentException(
                    $"-{parameterName} is empty. Give the mailbox's SMTP address, or leave -{parameterName} out to use the connected account's own mailbox.",
                    parameterName);
            }

            if (IsBareAddress(trimmed))
            {
                return trimmed;
            }

            throw new ArgumentException($"-{parameterName} '{value}' is not an SMTP address such as ana@contoso.com.", parameterName);
        }

        /// <summary>Whether the text is an SMTP address and nothing else (MailAddress also accepts "Name &lt;a@b&gt;").</summary>
        public static bool IsBareAddress(string text)
        {
            try
            {
                return text.Length > 0 && new MailAddress(text).Address == text;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
