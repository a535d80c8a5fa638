using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>The manifest, the import from the repository root, and help for every cmdlet.</summary>
public sealed class ModuleTests : IDisposable
{
    private static readonly string[] Cmdlets = { "Add-ImContactToGroup", "Connect-ImService", "Disconnect-ImService", "Get-ImItem", "Get-ImItemList" };
    private static readonly string[] CommonParameters =
    {
        "Verbose", "Debug", "ErrorAction", "WarningAction", "InformationAction", "ProgressAction", "ErrorVariable", "WarningVariable",
        "InformationVariable", "OutVariable", "OutBuffer", "PipelineVariable", "WhatIf", "Confirm",
    };

    private readonly PowerShellSession shell = new();

    [Fact]
    public void Manifest_passes_Test_ModuleManifest_and_exports_an_explicit_list()
    {
        var result = shell.Run($"Test-ModuleManifest -Path '{PowerShellSession.ManifestPath}' -ErrorAction Stop");
        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        var manifest = result.Output.Single();
        Assert.Equal("5.1", manifest.Properties["PowerShellVersion"].Value.ToString());
        Assert.Equal(new[] { "Core", "Desktop" }, ((IEnumerable<string>)manifest.Properties["CompatiblePSEditions"].Value).ToArray());

        var text = File.ReadAllText(PowerShellSession.ManifestPath);
        Assert.DoesNotContain("*", text.Substring(text.IndexOf("CmdletsToExport", StringComparison.Ordinal)));
    }

    [Fact]
    public void Import_from_the_repository_root_exposes_exactly_the_exported_cmdlets()
    {
        var names = shell.Run("Get-Command -Module ImContacts | ForEach-Object Name").Output.Select(o => o.ToString()).Order().ToArray();
        Assert.Equal(Cmdlets, names);
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Help_has_a_synopsis_an_example_and_every_parameter(string cmdlet)
    {
        var help = shell.Run($"Get-Help {cmdlet} -Full").Output.Single();
        var synopsis = help.Properties["Synopsis"].Value?.ToString()?.Trim();
        Assert.False(string.IsNullOrEmpty(synopsis));
        Assert.False(synopsis!.StartsWith(cmdlet, StringComparison.Ordinal), $"{cmdlet} has no help: Get-Help shows its syntax as synopsis.");

        var examples = shell.Run($"(Get-Help {cmdlet} -Examples).examples.example | ForEach-Object {{ $_.code }}").Output;
        Assert.NotEmpty(examples);
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e.ToString())));

        var parameters = shell.Run($"(Get-Command {cmdlet}).Parameters.Values | Where-Object {{ -not $_.Attributes.DontShow }} | ForEach-Object Name").Output
            .Select(o => o.ToString()).Where(p => !CommonParameters.Contains(p) || p is "WhatIf" or "Confirm" && cmdlet.StartsWith("Add")).ToList();
        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            var description = shell.Run($"(Get-Help {cmdlet} -Parameter {parameter}).description | ForEach-Object Text").Output;
            Assert.True(description.Any(d => !string.IsNullOrWhiteSpace(d?.ToString())), $"{cmdlet} -{parameter} has no help text.");
        }
    }

    public static TheoryData<string> CmdletNames()
    {
        var data = new TheoryData<string>();
        foreach (var cmdlet in Cmdlets)
        {
            data.Add(cmdlet);
        }

        return data;
    }

    [Fact]
    public void State_changing_cmdlets_support_WhatIf_and_Confirm()
    {
        var result = shell.Run("(Get-Command Add-ImContactToGroup).Parameters.Keys");
        Assert.Contains("WhatIf", result.Output.Select(o => o.ToString()));
        Assert.Contains("Confirm", result.Output.Select(o => o.ToString()));
    }

    [Fact]
    public void Connect_has_one_parameter_set_per_sign_in_flow()
    {
        var sets = shell.Run("(Get-Command Connect-ImService).ParameterSets | ForEach-Object Name").Output.Select(o => o.ToString()).Order();
        Assert.Equal(new[] { "AccessToken", "Credential", "DefaultCredentials" }, sets);
    }

    [Fact]
    public void Cmdlets_need_a_connection()
    {
        var result = shell.Run("Get-ImItemList");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("NotConnected,", error.FullyQualifiedErrorId);
        Assert.Contains("Connect-ImService", error.Exception.Message);
    }

    public void Dispose() => shell.Dispose();
}
