using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using ImContacts.Ews;

namespace ImContacts.Commands.Completion
{
    /// <summary>Connect-ImService -ServerVersion: the versions that know the IM-list operations.</summary>
    public sealed class ServerVersionCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(
                ExchangeVersions.Supported.Select(v => (v, v == ExchangeVersions.Default ? v + " (default; the only version the server validates requests for)" : v)),
                wordToComplete);
    }

    /// <summary>Connect-ImService -Culture: the cultures .NET knows (en-US, de-DE, ...), with their names.</summary>
    public sealed class CultureCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters) =>
            CompletionValues.Matching(
                CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(c => (c.Name, $"{c.Name}: {c.EnglishName}")),
                wordToComplete);
    }
}
