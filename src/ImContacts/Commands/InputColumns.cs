using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ImContacts.Model;

namespace ImContacts.Commands
{
    /// <summary>
    /// The columns of a pipeline input (a CSV row, another module's object) as one cmdlet sees them: which bind to its
    /// parameters, their values, and those it ignores.
    /// </summary>
    internal sealed class InputColumns
    {
        // The rows of a CSV share their columns, so only the first rows are looked at: listing a row's properties is
        // among the dearest things done per row.
        private const int ColumnCheckRows = 64;

        private readonly CommandInfo command;
        private readonly HashSet<string> unknownColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private HashSet<string>? parameterNames;
        private bool? takesOnlyMailbox;
        private int columnChecks;

        public InputColumns(CommandInfo command)
        {
            this.command = command;
        }

        /// <summary>Whether <paramref name="name"/> is one of the cmdlet's parameters or their aliases (input columns of that name bind to it).</summary>
        public bool BindsParameter(string name)
        {
            if (parameterNames is null)
            {
                parameterNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in command.Parameters.Values)
                {
                    parameterNames.Add(parameter.Name);
                    parameterNames.UnionWith(parameter.Aliases);
                }
            }

            return parameterNames.Contains(name);
        }

        /// <summary>
        /// Whether no pipeline column but the mailbox binds to a parameter (Export-, Measure-ImContactList, Get-ImItemList):
        /// then a row's other columns (a users CSV, a Get-Mailbox export) are its data, not parameters misspelt.
        /// </summary>
        public bool TakesOnlyMailbox => takesOnlyMailbox ??= command.Parameters.Values.All(p =>
            p.Name is "Mailbox" or "InputObject" || !p.ParameterSets.Values.Any(s => s.ValueFromPipelineByPropertyName));

        /// <summary>A column of <paramref name="input"/> as text; null when it has none, or when a parameter of the cmdlet binds it.</summary>
        public string? Value(PSObject? input, string name)
        {
            if (BindsParameter(name) || input?.Properties[name]?.Value is not { } value)
            {
                return null;
            }

            value = value is PSObject wrapped ? wrapped.BaseObject : value;
            if (value is not string && value is System.Collections.IEnumerable many)
            {
                // A one-value AD attribute; several values name no single mailbox.
                var values = many.Cast<object?>().Take(2).ToList();
                return values.Count == 1 ? values[0]?.ToString() : null;
            }

            return value.ToString();
        }

        /// <summary>
        /// The first column of a CSV-like row (Import-Csv, [pscustomobject]) that no parameter binds and whose value is an
        /// SMTP address and nothing else (an E-mail, SMTP or UserMailAddress column of an HR or Excel export); null when none.
        /// </summary>
        public (string Column, string Value)? UnboundAddress(PSObject? input)
        {
            if (input?.BaseObject is not PSCustomObject)
            {
                return null;
            }

            foreach (var property in input.Properties)
            {
                // Cheap tests first: most cells are no address, and MailAddress throws for those.
                if (!BindsParameter(property.Name) && Value(input, property.Name)?.Trim() is { } text
                    && text.IndexOf('@') > 0 && !text.Any(char.IsWhiteSpace) && MailboxAddress.IsBareAddress(text))
                {
                    return (property.Name, text);
                }
            }

            return null;
        }

        /// <summary>
        /// Whether the input is a CSV-like row (Import-Csv, [pscustomobject]) that has <paramref name="column"/> without a
        /// value: Import-Csv gives $null for the columns a short row lacks, and "" for an empty cell, which counts as not given.
        /// </summary>
        public static bool MissingValue(PSObject? input, string column) =>
            input?.BaseObject is PSCustomObject
            && input.Properties[column] is { } property
            && property.Value is null;

        /// <summary>
        /// Why a CSV-like row's group is unusable when its group column has no value at all (a short row): without this
        /// check it would silently mean "Other Contacts". An empty cell still does. Null when a group is given.
        /// </summary>
        public static string? BlankGroup(PSObject? input, GroupIdParameter? groupId, string? groupName) =>
            (groupId is null || groupId.IsBlank) && InputText.Given(groupName) is null && (MissingValue(input, "GroupName") || MissingValue(input, "GroupId"))
                ? "-GroupName: this row has no GroupName value: a row shorter than the CSV header, or an empty last cell at the very end of a file without a final line break, which Import-Csv reads as missing. Give the group's name or id; for Other Contacts, leave the cell empty (end the file with a line break, or write \"\" in the cell)."
                : null;

        /// <summary>
        /// Once per column and run: CSV-like input columns that bind to no parameter (a typo such as "Group Name" in the
        /// header, or a notes column) are ignored by PowerShell, so the warning to write says so; null when there are none
        /// new. <paramref name="usedColumn"/> is taken all the same (the column a row's mailbox came from).
        /// </summary>
        public string? UnknownColumnsWarning(PSObject? input, string? usedColumn)
        {
            if (input?.BaseObject is not PSCustomObject || columnChecks >= ColumnCheckRows)
            {
                return null;
            }

            columnChecks++;
            var unknown = new List<string>();
            foreach (var property in input.Properties)
            {
                if (!BindsParameter(property.Name) && !string.Equals(property.Name, usedColumn, StringComparison.OrdinalIgnoreCase)
                    && unknownColumns.Add(property.Name))
                {
                    unknown.Add($"'{property.Name}'");
                }
            }

            return unknown.Count == 0
                ? null
                : $"Input column(s) {string.Join(", ", unknown)} match no parameter of {command.Name} and are ignored. If one was meant as a parameter, correct the CSV header.";
        }
    }
}
