using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>The README's names-only workflow (docs/demo.ps1) runs as written against the simulator's demo data.</summary>
public sealed class DemoTests : SimulatorTest
{
    [Fact]
    public void Demo_script_creates_fills_lists_renames_and_removes_a_group_by_names_only()
    {
        DemoData.Seed(Simulator.Store);
        var demo = Path.Combine(SharedFiles.RepositoryRoot, "docs", "demo.ps1");
        var result = Shell.Run("& $demo -Url $url", new Dictionary<string, object?> { ["demo"] = demo, ["url"] = Simulator.Url });
        Assert.True(result.Terminating is null && result.Errors.Count == 0 && result.Warnings.Count == 0, result.AllText());
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal(new[]
        {
            "ana@contoso.com has 4 groups and 3 contacts.",
            "Created 'Launch team'.",
            "Added    sip:kim@contoso.com",
            "Added    sip:lee@contoso.com",
            "Created  sam@fabrikam.com",
            "Members of 'Launch team':",
        }, lines.Take(6));

        // The rows were added concurrently; the server lists members in the order their requests arrived.
        Assert.Equal(new[] { "  Kim Akers <sip:kim@contoso.com>", "  Lee Gu <sip:lee@contoso.com>", "  Sam Taylor <sam@fabrikam.com>" }, lines.Skip(6).Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(new[]
        {
            "Renamed to 'Launch team (done)'.",
            "Removed 'Launch team (done)': Removed",
            "ana@contoso.com has 4 groups and 3 contacts.",
        }, lines.Skip(9));
        Assert.DoesNotContain("sam@fabrikam.com", Simulator.Store.ContactAddresses("ana@contoso.com"));
    }
}
