using System;
using System.Collections.Generic;
using System.Management.Automation;
using ImContacts.Connection;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// Whose list one input works on, decided when it is bound: -Mailbox, a piped string, or another module's mailbox
    /// column; without any, the connected account's own, named, and never for a CSV row that merely lacks the value.
    /// </summary>
    internal sealed class MailboxBinding
    {
        private const int MaxCheckedMailboxes = 10000;

        private readonly ImServiceConnection connection;
        private readonly InputColumns columns;
        private readonly Action<string> warn;

        // Mailboxes already found valid in this pipeline, by the text given (trimmed); only the pipeline thread uses it.
        private readonly Dictionary<string, MailboxTarget> checkedMailboxes = new Dictionary<string, MailboxTarget>(StringComparer.Ordinal);

        public MailboxBinding(ImServiceConnection connection, InputColumns columns, Action<string> warn)
        {
            this.connection = connection;
            this.columns = columns;
            this.warn = warn;
        }

        /// <summary>The column the last input's mailbox came from (or was refused from) when it had no Mailbox.</summary>
        public string? Column { get; private set; }

        /// <summary>The mailbox the last input named, as given (trimmed), valid or not; null when it named none.</summary>
        public string? Given { get; private set; }

        /// <summary>
        /// The mailbox of <paramref name="input"/>, given <paramref name="given"/> (its -Mailbox); null when valid, else the
        /// error record to write, with <paramref name="target"/> as its TargetObject. A CSV row's columns that no parameter
        /// takes are a warning (InputColumns), once per column; for a cmdlet that takes only the mailbox from a row, only
        /// when the row names none (a misspelt Mailbox column).
        /// </summary>
        public ErrorRecord? Bind(string? given, PSObject? input, object target, out MailboxTarget? mailbox)
        {
            var error = Check(given, input, target, out mailbox);
            if (!(Given is not null && columns.TakesOnlyMailbox) && columns.UnknownColumnsWarning(input, Column) is { } warning)
            {
                warn(warning);
            }

            return error;
        }

        private ErrorRecord? Check(string? given, PSObject? input, object target, out MailboxTarget? mailbox)
        {
            mailbox = null;
            Column = null;
            Given = InputText.Given(given);
            var parameter = "Mailbox";
            if (given is null && input?.BaseObject is string text)
            {
                // A piped string names a mailbox, as it does for Get-Mailbox; it never means the connected account's own.
                given = text;
                Given = InputText.Given(text);
                parameter = "Mailbox (the piped string)";
            }

            if (given is null && input is { } row && row.Properties["Mailbox"] is null
                && MailboxColumns.Find(name => columns.Value(input, name)) is { } found)
            {
                // Another module's object (Get-Mailbox, Get-User, Get-ADUser, ...) or a CSV without a Mailbox column.
                Column = found.Column;
                Given = found.Value.Trim();
                if (!found.Usable)
                {
                    return ErrorRecords.InvalidArgument("MailboxNotGiven",
                        $"-Mailbox: this row has no Mailbox, but it has {found.Column} {InputText.Show(found.Value.Trim())}, which is not taken as a mailbox (it need not be one's SMTP address). "
                        + "Give the mailbox's SMTP address in a Mailbox column or with -Mailbox (objects from Get-Mailbox, Get-User or Get-ADUser -Properties mail bind by themselves); a row that names a user never runs on the connected account's own mailbox.",
                        target);
                }

                given = found.Value;
                parameter = $"Mailbox (the row's {found.Column})";
            }

            if (given is null && input is { } csvRow && csvRow.Properties["Mailbox"] is null && columns.UnboundAddress(csvRow) is { } address)
            {
                // An address in a column no parameter takes names someone: the row is not the connected account's own.
                Column = address.Column;
                Given = address.Value;
                return ErrorRecords.InvalidArgument("MailboxNotGiven",
                    $"-Mailbox: this row has no Mailbox, but its {address.Column} column holds the address {InputText.Show(address.Value)}, which no parameter takes. "
                    + "If it is the mailbox whose list to change, rename the column to Mailbox (or give -Mailbox); for the connected account's own list, leave such columns out. A row that names someone never runs on the connected account's own mailbox.",
                    target);
            }

            if (given is null && InputColumns.MissingValue(input, "Mailbox"))
            {
                // A short CSV row must not fall back to the connected account's own mailbox.
                return ErrorRecords.InvalidArgument("InvalidMailbox",
                    "-Mailbox: this row has no Mailbox value (a row shorter than the CSV header?). Give the mailbox's SMTP address; to work on the connected account's own mailbox, leave the Mailbox column out.",
                    target);
            }

            try
            {
                mailbox = Resolve(given, parameter);
                return null;
            }
            catch (MissingInputException ex)
            {
                return ErrorRecords.InvalidArgument(ex.ErrorId, ex.Message, target);
            }
            catch (ArgumentException ex)
            {
                return ErrorRecords.InvalidArgument("InvalidMailbox", ArgumentMessage.Of(ex), target);
            }
        }

        /// <summary>
        /// The mailbox <paramref name="given"/> names (ImServiceConnection.Target): the own mailbox or an address to
        /// impersonate. Throws ArgumentException naming <paramref name="parameter"/> for an invalid address, and
        /// MissingInputException when an app-only connection, which has no mailbox, is given none.
        /// </summary>
        public MailboxTarget Resolve(string? given, string parameter)
        {
            // The rows of a CSV name the same mailboxes again and again, and checking an address is dear (MailAddress).
            var trimmed = given?.Trim();
            if (trimmed is not null && checkedMailboxes.TryGetValue(trimmed, out var known))
            {
                return known;
            }

            var target = connection.Target(given, parameter);
            if (trimmed is not null)
            {
                if (checkedMailboxes.Count >= MaxCheckedMailboxes)
                {
                    checkedMailboxes.Clear();
                }

                checkedMailboxes[trimmed] = target;
            }

            return target;
        }
    }
}
