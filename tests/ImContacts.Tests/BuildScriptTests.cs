using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>build.ps1 lays out a publishable module folder from the build output (its dotnet build step is the README's).</summary>
public sealed class BuildScriptTests : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "imcontacts-out-" + Guid.NewGuid().ToString("N"));
    private readonly PowerShellSession shell = new(importModule: false);

    [Fact]
    public void Layout_has_the_module_its_help_and_a_manifest_that_points_next_to_it()
    {
        var script = Path.Combine(SharedFiles.RepositoryRoot, "build.ps1");
        var result = shell.Run("& $script -NoBuild -OutputPath $out", new Dictionary<string, object?> { ["script"] = script, ["out"] = output });
        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText());

        var module = Path.Combine(output, "ImContacts");
        Assert.Equal(
            new[] { "ImContacts.dll", "ImContacts.pdb", "ImContacts.psd1", Path.Combine("en-US", "ImContacts.dll-Help.xml") }.Order(StringComparer.Ordinal),
            Directory.GetFiles(module, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(module, f)).Order(StringComparer.Ordinal));
        var manifest = File.ReadAllText(Path.Combine(module, "ImContacts.psd1"));
        Assert.Contains("NestedModules        = @('ImContacts.dll')", manifest);
        Assert.DoesNotContain("'bin/", manifest);

        var test = shell.Run("Test-ModuleManifest -Path $m | ForEach-Object { $_.ExportedCmdlets.Count }", new Dictionary<string, object?> { ["m"] = Path.Combine(module, "ImContacts.psd1") });
        Assert.Empty(test.Errors);
        Assert.Equal("5", test.Output.Single().ToString());
    }

    public void Dispose()
    {
        shell.Dispose();
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }
}
