using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>docs/demo.ps1, the README's demo, runs as written against the simulator's demo data and shows the module's tables.</summary>
public sealed class DemoTests : SimulatorTest
{
    [Fact]
    public void Demo_pipes_the_CSV_shows_tables_writes_a_report_and_finds_everything_in_place_on_the_second_run()
    {
        DemoData.Seed(Simulator.Store);
        var demo = Path.Combine(SharedFiles.RepositoryRoot, "docs", "demo.ps1");
        var report = Path.Combine(Path.GetTempPath(), "imcontacts-demo-" + Guid.NewGuid().ToString("N") + ".csv");
        try
        {
            var result = Shell.Run("& $demo -Url $url -ReportPath $report | Out-String -Width 80", new Dictionary<string, object?> { ["demo"] = demo, ["url"] = Simulator.Url, ["report"] = report });
            Assert.True(result.Terminating is null && result.Errors.Count == 0 && result.Warnings.Count == 0, result.AllText());
            var lines = result.Output.Single().ToString().Split('\n').Select(l => l.TrimEnd('\r', ' ')).ToList();
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"over 80 columns: {l}"));

            // Both runs as tables with Status first; the first run adds or creates, the second finds every row done.
            var first = Section(lines, "== Import-Csv demo-contacts.csv");
            Assert.Matches(@"^Status\s+Mailbox\s+Contact\s+Group", first[0]);
            Assert.Equal(new[] { "Added", "Added", "Created", "Created", "Created" }, Rows(first).Select(r => r.Split(' ')[0]));
            Assert.Contains(Rows(first), r => r.Contains("sam@fabrikam.com", StringComparison.Ordinal) && r.Contains("Launch team", StringComparison.Ordinal));
            var again = Section(lines, "== The same job again");
            Assert.Equal(Enumerable.Repeat("AlreadyMember", 5), Rows(again).Select(r => r.Split(' ')[0]));

            var members = Section(lines, "== Members of 'Launch team'");
            Assert.Matches(@"^DisplayName\s+ImAddress\s+Mailbox", members[0]);
            Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Sam Taylor" }, Rows(members).Select(r => r[..24].Trim()));

            var before = Section(lines, "== The IM lists before");
            var after = Section(lines, "== The IM lists after");
            Assert.Matches(@"^ana@contoso\.com\s+4\s+3 ", Rows(before)[0]);
            Assert.Matches(@"^ben@contoso\.com\s+3\s+0 ", Rows(before)[1]);
            Assert.Matches(@"^ana@contoso\.com\s+5\s+4 ", Rows(after)[0]);
            Assert.Matches(@"^ben@contoso\.com\s+4\s+2 ", Rows(after)[1]);

            // One report row per input row, with the outcome an admin files.
            var csv = File.ReadAllLines(report);
            Assert.Equal("\"Mailbox\",\"ImAddress\",\"GroupName\",\"Status\",\"ResponseCode\"", csv[0]);
            Assert.Equal(6, csv.Length);
            Assert.Contains(lines, l => l.StartsWith("Report: ", StringComparison.Ordinal) && l.EndsWith("(5 rows)", StringComparison.Ordinal));
            Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Sam Taylor" }, Simulator.Store.MembersOf("ana@contoso.com", "Launch team").Order(StringComparer.Ordinal));
            Assert.Equal(2, Simulator.Store.MembersOf("ben@contoso.com", "Launch team").Count);
        }
        finally
        {
            File.Delete(report);
        }
    }

    /// <summary>The table under a heading: header line first, then its rows, up to the next blank line after the rows.</summary>
    private static List<string> Section(List<string> lines, string heading)
    {
        var start = lines.FindIndex(l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no section '{heading}' in:\n{string.Join("\n", lines)}");
        return lines.Skip(start + 1).SkipWhile(l => l.Length == 0).TakeWhile(l => l.Length > 0).ToList();
    }

    private static List<string> Rows(List<string> table) => table.Skip(2).ToList();
}
