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
            new[]
            {
                "ImContacts.dll", "ImContacts.pdb", "ImContacts.psd1", "ImContacts.Format.ps1xml", "LICENSE",
                Path.Combine("en-US", "ImContacts.dll-Help.xml"), Path.Combine("en-US", "about_ImContacts.help.txt"),
            }.Concat(Directory.GetFiles(Path.Combine(SharedFiles.RepositoryRoot, "bin", "dependencies"))
                    .Select(f => Path.GetFileName(f)).Where(f => f.EndsWith(".dll") || f == "ImContacts.Identity.pdb")
                    .Select(f => Path.Combine("dependencies", f)))
                .Order(StringComparer.Ordinal),
            Directory.GetFiles(module, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(module, f)).Order(StringComparer.Ordinal));
        var manifest = File.ReadAllText(Path.Combine(module, "ImContacts.psd1"));
        Assert.Contains("NestedModules        = @('ImContacts.dll')", manifest);
        Assert.Contains("FormatsToProcess     = @('ImContacts.Format.ps1xml')", manifest);
        Assert.DoesNotContain("'bin/", manifest);
        Assert.Contains("MIT License", manifest);
        Assert.StartsWith("MIT License", File.ReadAllText(Path.Combine(module, "LICENSE")));

        // In a fresh process: importing out/ImContacts here would leave its ImContacts.dll loaded for every later test.
        var exported = FreshPowerShell.Run("(Test-ModuleManifest -Path $env:LAID_OUT).ExportedCmdlets.Count",
            new Dictionary<string, string> { ["LAID_OUT"] = Path.Combine(module, "ImContacts.psd1") });
        Assert.Equal("18", exported.Single());
    }

    [Fact]
    public void Published_module_has_the_about_topic_and_views_and_the_topic_fits_80_columns()
    {
        var script = Path.Combine(SharedFiles.RepositoryRoot, "build.ps1");
        var result = shell.Run("$null = & $script -NoBuild -OutputPath $out", new Dictionary<string, object?> { ["script"] = script, ["out"] = output });
        Assert.True(result.Terminating is null && result.Errors.Count == 0, result.AllText());
        var laidOut = Path.Combine(output, "ImContacts", "ImContacts.psd1");
        var lines = FreshPowerShell.Run("""
            Import-Module $env:LAID_OUT -ErrorAction Stop
            (Get-Module ImContacts).ExportedFormatFiles
            "$(Get-Help about_ImContacts)"
            """, new Dictionary<string, string> { ["LAID_OUT"] = laidOut });
        Assert.Equal(Path.Combine(output, "ImContacts", "ImContacts.Format.ps1xml"), lines[0]);
        var topic = string.Join("\n", lines.Skip(1));
        Assert.Contains("NAMES INSTEAD OF IDS", topic);
        Assert.Contains("RE-RUNNING A JOB", topic);
        Assert.All(lines.Skip(1), line => Assert.True(line.Length <= 80, $"about_ImContacts has a line over 80 columns: {line}"));
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
