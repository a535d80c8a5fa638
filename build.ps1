<#
.SYNOPSIS
    Builds ImContacts and lays out the publishable module in out/ImContacts; -Test runs the tests, -Demo the demo.
.EXAMPLE
    ./build.ps1                 # build (Release) and lay out out/ImContacts
.EXAMPLE
    ./build.ps1 -Demo           # ... then run docs/demo.ps1 against a local EWS simulator
.EXAMPLE
    ./build.ps1 -Test           # ... then run dotnet test and the Pester tests in a fresh process
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Demo,
    # Lay out and run what an earlier build produced.
    [switch] $NoBuild,
    [string] $OutputPath = [System.IO.Path]::Combine($PSScriptRoot, 'out')
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = [System.IO.Path]::Combine($root, 'ImContacts.sln')
$powershell = [System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

if (-not $NoBuild) {
    Invoke-Native 'dotnet' @('build', $solution, '-c', $Configuration)
}

# Lay out out/ImContacts from an explicit list: a missing file fails the build, and nothing unlisted ships
# (PowerShellStandard.Library's reference System.Management.Automation.dll never does).
$module = [System.IO.Path]::Combine($OutputPath, 'ImContacts')
if ([System.IO.Directory]::Exists($module)) { [System.IO.Directory]::Delete($module, $true) }
$null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($module, 'en-US'))
foreach ($file in @('ImContacts.dll', 'ImContacts.pdb', 'ImContacts.Format.ps1xml', 'en-US/ImContacts.dll-Help.xml', 'en-US/about_ImContacts.help.txt')) {
    $source = [System.IO.Path]::Combine($root, 'bin', $file)
    if (-not [System.IO.File]::Exists($source)) { throw "The build output '$source' is missing." }
    [System.IO.File]::Copy($source, [System.IO.Path]::Combine($module, $file), $true)
}
# MSAL and what it needs on Windows PowerShell 5.1, loaded on the first OAuth sign-in from dependencies/
# (into a private load context on PowerShell 7; see src/ImContacts/Auth/IdentityAssemblyLoader.cs).
$dependencies = @(
    'ImContacts.Identity.dll'
    'ImContacts.Identity.pdb'
    'Microsoft.Identity.Client.dll'
    'Microsoft.Identity.Client.Extensions.Msal.dll'
    'Microsoft.IdentityModel.Abstractions.dll'
    'Microsoft.Bcl.AsyncInterfaces.dll'
    'System.Buffers.dll'
    'System.Diagnostics.DiagnosticSource.dll'
    'System.Formats.Asn1.dll'
    'System.IO.FileSystem.AccessControl.dll'
    'System.Memory.dll'
    'System.Numerics.Vectors.dll'
    'System.Runtime.CompilerServices.Unsafe.dll'
    'System.Security.AccessControl.dll'
    'System.Security.Cryptography.Cng.dll'
    'System.Security.Cryptography.ProtectedData.dll'
    'System.Security.Principal.Windows.dll'
    'System.Text.Encodings.Web.dll'
    'System.Text.Json.dll'
    'System.Threading.Tasks.Extensions.dll'
)
$null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($module, 'dependencies'))
foreach ($file in $dependencies) {
    $source = [System.IO.Path]::Combine($root, 'bin', 'dependencies', $file)
    if (-not [System.IO.File]::Exists($source)) { throw "The build output '$source' is missing." }
    [System.IO.File]::Copy($source, [System.IO.Path]::Combine($module, 'dependencies', $file), $true)
}
$unlisted = [System.IO.Directory]::GetFiles([System.IO.Path]::Combine($root, 'bin', 'dependencies'), '*.dll') |
    ForEach-Object { [System.IO.Path]::GetFileName($_) } | Where-Object { $dependencies -notcontains $_ }
if ($unlisted) { throw "bin/dependencies has assemblies build.ps1 does not list (add them or drop the package): $($unlisted -join ', ')." }

$manifest = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'ImContacts.psd1')).Replace("'bin/", "'")
[System.IO.File]::WriteAllText([System.IO.Path]::Combine($module, 'ImContacts.psd1'), $manifest)
"ImContacts laid out in $module"

if ($Test) {
    Invoke-Native 'dotnet' @('test', $solution, '-c', $Configuration, '--no-build')
    # Pester runs in a fresh process so this session never holds the module assembly.
    $pester = "Import-Module Pester -MinimumVersion 5.0; `$r = Invoke-Pester -Path '$root/tests' -Output Detailed -PassThru; exit `$r.FailedCount"
    Invoke-Native $powershell @('-NoProfile', '-Command', $pester)
}

if ($Demo) {
    $simulatorDll = [System.IO.Path]::Combine($root, 'tests', 'ImContacts.Simulator', 'bin', $Configuration, 'net10.0', 'ImContacts.Simulator.dll')
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', "`"$simulatorDll`" --port 0")
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $simulator = [System.Diagnostics.Process]::Start($start)
    try {
        $banner = $simulator.StandardOutput.ReadLine()
        if ($banner -notmatch '(http://\S+)') { throw "The simulator did not start: '$banner'." }
        $url = $Matches[1]
        "Simulator: $url"
        $demoScript = [System.IO.Path]::Combine($root, 'docs', 'demo.ps1')
        Invoke-Native $powershell @('-NoProfile', '-File', $demoScript, '-Url', $url, '-ModulePath', [System.IO.Path]::Combine($module, 'ImContacts.psd1'))
    }
    finally {
        if (-not $simulator.HasExited) { $simulator.Kill() }
        $simulator.Dispose()
    }
}
