using ImContacts.Simulator;
using ImContacts.TestSupport;

namespace ImContacts.Tests;

/// <summary>
/// Another module's Microsoft.Identity.Client (4.61.3, as ExchangeOnlineManagement loads it) and ours (4.92.0) in one
/// PowerShell process, in either order. Each case runs in a fresh process, because loaded assemblies never unload.
/// The sign-in is -ManagedIdentity through the App Service / Azure Automation identity endpoint that MSAL finds from
/// the environment, so nothing is routed by a test hook.
/// </summary>
public sealed class IsolationTests : SimulatorTest
{
    private static string OtherMsal => Path.Combine(FreshPowerShell.HostDirectory, "other-msal");

    private const string Report = """
        [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' } |
            ForEach-Object { 'msal ' + $_.GetName().Version + ' in ' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
        """;

    private const string LoadOther = """
        $null = [System.Reflection.Assembly]::LoadFrom([IO.Path]::Combine($env:OTHER_MSAL, 'Microsoft.IdentityModel.Abstractions.dll'))
        $null = [System.Reflection.Assembly]::LoadFrom([IO.Path]::Combine($env:OTHER_MSAL, 'Microsoft.Identity.Client.dll'))
        $other = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create('11111111-1111-1111-1111-111111111111').WithClientSecret('x').Build()
        'other works ' + $other.GetType().Assembly.GetName().Version

        """;

    private const string UseOurs = """
        Connect-ImService -ManagedIdentity -Url $env:SIM_URL -ErrorAction Stop
        'groups ' + (Get-ImItemList -Mailbox ana@contoso.com).Groups.Count

        """;

    [Fact]
    public void Another_msal_loaded_first_then_imcontacts_signs_in_with_its_own()
    {
        var output = RunFresh(LoadOther + "Import-Module $env:IMCONTACTS_PSD1 -ErrorAction Stop\n" + UseOurs + LoadOther + Report);

        Assert.Equal(new[] { "other works 4.61.3.0", "groups 3", "other works 4.61.3.0" }, output.Take(3));
        AssertBothCopiesLoaded(output.Skip(3));
    }

    [Fact]
    public void Imcontacts_signed_in_first_then_another_msal_loads_and_both_keep_working()
    {
        var output = RunFresh("Import-Module $env:IMCONTACTS_PSD1 -ErrorAction Stop\n" + UseOurs + LoadOther + UseOurs + Report);

        Assert.Equal(new[] { "groups 3", "other works 4.61.3.0", "groups 3" }, output.Take(3));
        AssertBothCopiesLoaded(output.Skip(3));
    }

    [Fact]
    public void Import_alone_loads_no_msal()
    {
        var output = RunFresh("Import-Module $env:IMCONTACTS_PSD1 -ErrorAction Stop\ntry { Get-ImItemList -ErrorAction Stop } catch { 'not connected' }\n" + Report);

        Assert.Equal(new[] { "not connected" }, output);
    }

    [Fact]
    public void The_module_laid_out_by_build_ps1_signs_in_from_its_dependencies_folder()
    {
        var output = Path.Combine(Path.GetTempPath(), "imcontacts-out-" + Guid.NewGuid().ToString("N"));
        try
        {
            var lines = RunFresh($$"""
                $null = & '{{Path.Combine(SharedFiles.RepositoryRoot, "build.ps1")}}' -NoBuild -OutputPath '{{output}}'
                Import-Module '{{Path.Combine(output, "ImContacts", "ImContacts.psd1")}}' -ErrorAction Stop
                {{UseOurs}}
                [System.IO.Path]::GetDirectoryName(([AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Microsoft.Identity.Client' }).Location)
                """);

            Assert.Equal(new[] { "groups 3", Path.Combine(output, "ImContacts", "dependencies") }, lines);
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    /// <summary>The other module's copy in the default context, ours in the private one.</summary>
    private static void AssertBothCopiesLoaded(IEnumerable<string> report) =>
        Assert.Equal(new[] { "msal 4.61.3.0 in Default", "msal 4.92.0.0 in ImContacts.Identity" }, report.Order(StringComparer.Ordinal));

    private IReadOnlyList<string> RunFresh(string script) => FreshPowerShell.Run(script, new Dictionary<string, string>
    {
        ["IMCONTACTS_PSD1"] = PowerShellSession.ManifestPath,
        ["OTHER_MSAL"] = OtherMsal,
        ["SIM_URL"] = Simulator.Url.ToString(),
        ["IDENTITY_ENDPOINT"] = new Uri(Simulator.Url, "/msi/token").ToString(),
        ["IDENTITY_HEADER"] = IdentityResponder.IdentityHeader,
    });
}
