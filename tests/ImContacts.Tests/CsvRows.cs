using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>Rows as Import-Csv gives them (PSCustomObjects with note properties), and addresses compared without sip:.</summary>
internal static class CsvRows
{
    public static PSObject[] From(IEnumerable<Dictionary<string, object?>> rows) =>
        rows.Select(r =>
        {
            var row = new PSObject();
            foreach (var (name, value) in r)
            {
                row.Properties.Add(new PSNoteProperty(name, value));
            }

            return row;
        }).ToArray();

    public static string Bare(object? address) => address?.ToString()?.Replace("sip:", string.Empty, StringComparison.OrdinalIgnoreCase) ?? string.Empty;
}
