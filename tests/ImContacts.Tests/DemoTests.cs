using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>The README's demo script runs as written against the simulator's demo data.</summary>
public sealed class DemoTests : SimulatorTest
{
    [Fact]
    public void Demo_script_adds_the_contacts_and_lists_the_group()
    {
        DemoData.Seed(Simulator.Store);
        var demo = Path.Combine(SharedFiles.RepositoryRoot, "docs", "demo.ps1");
        var result = Shell.Run("& $demo -Url $url", new Dictionary<string, object?> { ["demo"] = demo, ["url"] = Simulator.Url });
        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText());
        var lines = result.Output.Select(o => o.ToString()).ToList();
        Assert.Equal("ana@contoso.com has 4 groups and 3 contacts.", lines[0]);
        Assert.Equal("'Project X' has 1 member(s).", lines[1]);
        Assert.Equal(2, lines.Count(l => l.StartsWith("Added ") && l.EndsWith(": Added")));
        Assert.Equal(new[] { "  Kim Akers <sip:kim@contoso.com>", "  Lee Gu <sip:lee@contoso.com>", "  Max Müller <sip:max@fabrikam.com>" }, lines.TakeLast(3));
        Assert.Equal(new[] { "Kim Akers", "Lee Gu", "Max Müller" }, Simulator.Store.MembersOf("ana@contoso.com", "Project X"));
    }
}
