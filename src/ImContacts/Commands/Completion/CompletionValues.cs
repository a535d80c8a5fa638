using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ImContacts.Commands.Completion
{
    /// <summary>Turns candidate values into completions for what has been typed: prefix matches first, then the rest that contain it.</summary>
    internal static class CompletionValues
    {
        // Characters PowerShell parses anywhere in an argument; @ and # only at its start.
        private const string NeedQuotes = " \t'\"`$;,(){}[]&|<>";

        public static IEnumerable<CompletionResult> Matching(IEnumerable<(string Value, string ToolTip)> candidates, string? wordToComplete)
        {
            var typed = (wordToComplete ?? string.Empty).Trim().Trim('\'', '"');
            var distinct = candidates
                .Where(c => !string.IsNullOrEmpty(c.Value))
                .GroupBy(c => c.Value, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.First())
                .ToList();
            var starting = distinct.Where(c => c.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase)).OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase);
            var containing = distinct.Where(c => !c.Value.StartsWith(typed, StringComparison.OrdinalIgnoreCase) && c.Value.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
                .OrderBy(c => c.Value, StringComparer.OrdinalIgnoreCase);
            return starting.Concat(containing)
                .Select(c => new CompletionResult(Quote(c.Value), c.Value, CompletionResultType.ParameterValue, string.IsNullOrEmpty(c.ToolTip) ? c.Value : c.ToolTip))
                .ToList();
        }

        /// <summary>The value as the command line needs it: in single quotes (with ' doubled) when it holds anything PowerShell would parse.</summary>
        internal static string Quote(string value) =>
            value.IndexOfAny(NeedQuotes.ToCharArray()) >= 0 || value[0] is '-' or '@' or '#' || value.Any(c => c is '\u2018' or '\u2019' or '\u201A' or '\u201B')
                ? "'" + value.Replace("'", "''").Replace("\u2018", "\u2018\u2018").Replace("\u2019", "\u2019\u2019").Replace("\u201A", "\u201A\u201A").Replace("\u201B", "\u201B\u201B") + "'"
                : value;
    }
}
