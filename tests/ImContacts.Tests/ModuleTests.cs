using System.Management.Automation;

namespace ImContacts.Tests;

/// <summary>The manifest, the import from the repository root, and help for every cmdlet.</summary>
public sealed class ModuleTests : IDisposable
{
    private static readonly string[] Cmdlets =
    {
        "Add-ImContactToGroup", "Add-ImDistributionGroup", "Compare-ImContactList", "Connect-ImService", "Disconnect-ImService", "Export-ImContactList", "Get-ImItem", "Get-ImItemList", "Import-ImContactList",
        "Measure-ImContactList", "New-ImContact", "New-ImGroup", "Remove-ImContact", "Remove-ImContactFromGroup", "Remove-ImDistributionGroup", "Remove-ImGroup",
        "Rename-ImGroup", "Sync-ImContactList",
    };

    private static readonly string[] StateChanging = Cmdlets.Where(c => c.Split('-')[0] is "Add" or "New" or "Remove" or "Rename" or "Sync" or "Import" or "Export").ToArray();
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

        var about = shell.Run($"(Get-Help {cmdlet}).description | ForEach-Object Text").Output;
        Assert.True(about.Any(d => d?.ToString()?.Length > 40), $"{cmdlet} has no description.");

        var examples = shell.Run($"(Get-Help {cmdlet} -Examples).examples.example | ForEach-Object {{ $_.code }}").Output.Select(e => e.ToString()).ToList();
        Assert.True(examples.Count >= 2, $"{cmdlet} has {examples.Count} example(s); at least two are needed.");
        Assert.All(examples, e => Assert.False(string.IsNullOrWhiteSpace(e)));
        Assert.True(examples.Any(e => e.Contains(cmdlet, StringComparison.Ordinal) && e.Contains('|')), $"{cmdlet} has no pipeline example.");

        var parameters = shell.Run($"(Get-Command {cmdlet}).Parameters.Values | Where-Object {{ -not $_.Attributes.DontShow }} | ForEach-Object Name").Output
            .Select(o => o.ToString()).Where(p => !CommonParameters.Contains(p) || p is "WhatIf" or "Confirm" && StateChanging.Contains(cmdlet)).ToList();
        Assert.NotEmpty(parameters);
        foreach (var parameter in parameters)
        {
            var description = shell.Run($"(Get-Help {cmdlet} -Parameter {parameter}).description | ForEach-Object Text").Output;
            Assert.True(description.Any(d => !string.IsNullOrWhiteSpace(d?.ToString())), $"{cmdlet} -{parameter} has no help text.");
        }
    }

    [Theory]
    [MemberData(nameof(CmdletNames))]
    public void Help_documents_no_parameter_the_cmdlet_lacks_and_gives_the_real_positions(string cmdlet)
    {
        var drift = shell.Run($$"""
            $command = Get-Command {{cmdlet}}
            foreach ($documented in (Get-Help {{cmdlet}} -Full).parameters.parameter) {
                $actual = $command.Parameters[$documented.name]
                if (-not $actual) { "-$($documented.name) is documented but does not exist"; continue }
                $positions = @($actual.ParameterSets.Values | ForEach-Object { if ($_.Position -ge 0) { "$($_.Position)" } else { 'named' } })
                if ($positions -notcontains "$($documented.position)") { "-$($documented.name) is documented at position $($documented.position), but is $($positions -join '/')" }
            }
            """);
        Assert.True(drift.Errors.Count == 0, drift.AllText());
        Assert.Empty(drift.Output.Select(o => o.ToString()));
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
    public void State_changing_cmdlets_support_WhatIf_and_Confirm_and_the_others_do_not()
    {
        Assert.Equal(12, StateChanging.Length);
        foreach (var cmdlet in Cmdlets.Where(c => !c.EndsWith("ImService", StringComparison.Ordinal)))
        {
            var keys = shell.Run($"(Get-Command {cmdlet}).Parameters.Keys").Output.Select(o => o.ToString()).ToList();
            Assert.True(keys.Contains("WhatIf") == StateChanging.Contains(cmdlet), $"{cmdlet}: WhatIf support is wrong.");
            Assert.True(keys.Contains("Confirm") == StateChanging.Contains(cmdlet), $"{cmdlet}: Confirm support is wrong.");
        }

        var impact = shell.Run("(Get-Command Remove-ImGroup).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false).ConfirmImpact");
        Assert.Equal("High", impact.Output.Single().ToString());
    }

    [Fact]
    public void Views_file_is_loaded_with_the_module()
    {
        var result = shell.Run("(Get-Module ImContacts).ExportedFormatFiles");
        Assert.Empty(result.Errors);
        Assert.EndsWith("ImContacts.Format.ps1xml", Assert.Single(result.Output).ToString());
    }

    [Fact]
    public void Connect_has_one_parameter_set_per_sign_in_flow()
    {
        var sets = shell.Run("(Get-Command Connect-ImService).ParameterSets | ForEach-Object Name").Output.Select(o => o.ToString()).Order();
        Assert.Equal(
            new[]
            {
                "AccessToken", "Certificate", "CertificatePath", "CertificateThumbprint", "ClientSecret", "Credential", "DefaultCredentials",
                "DeviceCode", "Interactive", "ManagedIdentity",
            },
            sets);
    }

    [Fact]
    public void Connect_help_shows_every_flow_with_an_azure_automation_runbook_among_them()
    {
        var result = shell.Run("(Get-Help Connect-ImService).examples.example | ForEach-Object { $_.code }");
        var code = string.Join("\n", result.Output.Select(o => o.ToString()));
        foreach (var flow in new[] { "-Credential", "-UseDefaultCredentials", "-DeviceCode", "-ClientSecret", "-CertificateThumbprint", "-ManagedIdentity", "-UserPrincipalName" })
        {
            Assert.Contains(flow, code);
        }

        Assert.Contains("Get-AutomationVariable", code);
        var syntax = shell.Run("(Get-Help Connect-ImService).syntax.syntaxItem.Count");
        Assert.Equal("10", syntax.Output.Single().ToString());
    }

    [Theory]
    [InlineData("Credential", "Credential")]
    [InlineData("UseDefaultCredentials", "DefaultCredentials")]
    [InlineData("AccessToken", "AccessToken")]
    [InlineData("ClientId", "Interactive")]
    [InlineData("ClientId TenantId UserPrincipalName PersistTokenCache", "Interactive")]
    [InlineData("ClientId DeviceCode", "DeviceCode")]
    [InlineData("ClientId TenantId ClientSecret", "ClientSecret")]
    [InlineData("ClientId TenantId CertificateThumbprint", "CertificateThumbprint")]
    [InlineData("ClientId TenantId CertificatePath CertificatePassword", "CertificatePath")]
    [InlineData("ClientId TenantId Certificate", "Certificate")]
    [InlineData("ManagedIdentity", "ManagedIdentity")]
    [InlineData("ManagedIdentity ClientId Url", "ManagedIdentity")]
    public void Each_flow_binds_to_exactly_one_parameter_set(string names, string expected)
    {
        // The binder's rule for named arguments: a set is a candidate when it has every given parameter and is given
        // every parameter it makes mandatory. Exactly one candidate means the flow is unambiguous.
        var given = names.Split(' ');
        var sets = shell.Run("(Get-Command Connect-ImService).ParameterSets").Output.Select(o => (CommandParameterSetInfo)o.BaseObject);
        var candidates = sets.Where(set =>
                given.All(g => set.Parameters.Any(p => p.Name == g))
                && set.Parameters.Where(p => p.IsMandatory).All(p => given.Contains(p.Name)))
            .Select(set => set.Name)
            .ToList();
        Assert.Equal(new[] { expected }, candidates);
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
