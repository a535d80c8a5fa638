using System;
using System.Collections.Generic;
using System.Linq;

namespace ImContacts.Model
{
    /// <summary>
    /// Where other modules' objects carry a mailbox, for input rows that have no Mailbox property: Get-Mailbox and
    /// Get-Recipient (PrimarySmtpAddress), Get-User, Get-CsOnlineUser and Get-CsAdUser (WindowsEmailAddress), Get-ADUser
    /// (mail, EmailAddress). Other columns that name a user without being a mailbox's SMTP address (a UPN, a SIP address,
    /// an account name) fail the row: without this, such a row ran on the connected account's own mailbox.
    /// </summary>
    internal static class MailboxColumns
    {
        /// <summary>Taken as the row's mailbox, the first one with a value.</summary>
        public static readonly IReadOnlyList<string> Taken = new[] { "PrimarySmtpAddress", "WindowsEmailAddress", "mail", "EmailAddress" };

        /// <summary>Name a user, but not as an SMTP address the module can impersonate: never guessed from.</summary>
        public static readonly IReadOnlyList<string> NotTaken = new[]
        {
            "UserPrincipalName", "SipAddress", "SamAccountName", "Identity", "User", "UserName", "UserId", "Alias", "Email", "SmtpAddress",
        };

        /// <summary>
        /// The mailbox column of a row: the first of <see cref="Taken"/> with a value (Usable), else the first of
        /// <see cref="NotTaken"/> with one (not Usable); null when it has neither. <paramref name="valueOf"/> gives a
        /// column's value, or null when the row lacks it or the cmdlet binds it to a parameter of its own.
        /// </summary>
        public static (string Column, string Value, bool Usable)? Find(Func<string, string?> valueOf)
        {
            foreach (var (column, usable) in Taken.Select(c => (c, true)).Concat(NotTaken.Select(c => (c, false))))
            {
                if (valueOf(column) is { } value && value.Trim().Length > 0)
                {
                    return (column, value, usable);
                }
            }

            return null;
        }
    }
}
