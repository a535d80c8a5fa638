<#
.SYNOPSIS
    Builds ImContacts and lays out the publishable module in out/ImContacts; -Test runs every test, -Demo the demo.
.DESCRIPTION
    Needs only the .NET SDK 10: `dotnet tool restore` brings PowerShell 7.6.9 as a local tool (`dotnet pwsh`), and the
    build restores Pester 5.9.1 from NuGet. Runs under Windows PowerShell 5.1, a native pwsh 7.4+, or PowerShell as a
    global or local .NET tool; child processes are started with the same PowerShell, found under $PSHOME.
.EXAMPLE
    dotnet pwsh ./build.ps1             # build (Release) and lay out out/ImContacts
.EXAMPLE
    dotnet pwsh ./build.ps1 -Demo       # ... then run docs/demo.ps1 against a local EWS simulator
.EXAMPLE
    dotnet pwsh ./build.ps1 -Package    # ... then publish it into out/repository, for Install-PSResource
.EXAMPLE
    dotnet pwsh ./build.ps1 -Test       # ... package it, then run the xunit suites and the Pester suite in a fresh process
#>
[CmdletBinding()]
param(
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [switch] $Test,
    [switch] $Demo,
    # Also publish the laid-out module into a local repository folder (out/repository) as ImContacts.<version>.nupkg.
    [switch] $Package,
    # Lay out and run what an earlier build produced.
    [switch] $NoBuild,
    [string] $OutputPath = [System.IO.Path]::Combine($PSScriptRoot, 'out')
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = [System.IO.Path]::Combine($root, 'ImContacts.sln')
$pesterVersion = '5.9.1'

function Invoke-Native([string] $File, [string[]] $Arguments) {
    & $File @Arguments
    if ($LASTEXITCODE -ne 0) { throw "'$File $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

# The PowerShell that runs this script, as a command line for a child process. The process path is no guide: under the
# .NET tool it is dotnet itself.
function Get-ChildPowerShell {
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        return @([System.IO.Path]::Combine($PSHOME, 'powershell.exe'))
    }
    $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
    $apphost = [System.IO.Path]::Combine($PSHOME, $name)
    if ([System.IO.File]::Exists($apphost)) { return @($apphost) }
    # No app host beside the engine (a framework-dependent layout): the dotnet running us runs pwsh.dll.
    return @([System.Diagnostics.Process]::GetCurrentProcess().MainModule.FileName, [System.IO.Path]::Combine($PSHOME, 'pwsh.dll'))
}

function Invoke-ChildPowerShell([string[]] $Arguments) {
    $command = @(Get-ChildPowerShell)
    $prefix = @($command | Select-Object -Skip 1)
    Invoke-Native $command[0] ($prefix + @('-NoProfile', '-NonInteractive') + $Arguments)
}

# Pester as restored by the build (tests/ImContacts.Tests/ImContacts.Tests.csproj downloads it), whatever is installed.
function Get-PesterManifest {
    $packages = $env:NUGET_PACKAGES
    if (-not $packages) {
        $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
        $packages = ($line -replace '^\s*global-packages:\s*', '').Trim()
    }
    $manifest = [System.IO.Path]::Combine($packages, 'pester', $pesterVersion, 'tools', 'Pester.psd1')
    if (-not [System.IO.File]::Exists($manifest)) { throw "Pester $pesterVersion is not restored at '$manifest': run without -NoBuild (dotnet build restores it)." }
    return $manifest
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

[System.IO.File]::Copy([System.IO.Path]::Combine($root, 'LICENSE'), [System.IO.Path]::Combine($module, 'LICENSE'), $true)
$manifest = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'ImContacts.psd1')).Replace("'bin/", "'")
# ReleaseNotes: the first section of CHANGELOG.md, which must be this version's.
$version = [regex]::Match($manifest, "ModuleVersion\s*=\s*'([^']+)'").Groups[1].Value
$changelog = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($root, 'CHANGELOG.md'))
$section = [regex]::Match($changelog, '(?ms)^## (\S+)\s*$(.*?)(?=^## |\z)')
if (-not $section.Success -or $section.Groups[1].Value -ne $version) {
    throw "CHANGELOG.md must begin with a section '## $version' (the manifest's ModuleVersion); its first is '$($section.Groups[1].Value)'."
}
$notes = $section.Groups[2].Value.Trim().Replace("'", "''")
$manifest = $manifest.Replace("ReleaseNotes = 'See CHANGELOG.md.'", "ReleaseNotes = '$notes'")
$laidOut = [System.IO.Path]::Combine($module, 'ImContacts.psd1')
[System.IO.File]::WriteAllText($laidOut, $manifest)
"ImContacts $version laid out in $module"

if ($Package -or $Test) {
    # Publish-PSResource packs the laid-out folder, exactly, into a local file repository registered for the moment.
    $repository = [System.IO.Path]::Combine($OutputPath, 'repository')
    $null = [System.IO.Directory]::CreateDirectory($repository)
    $nupkg = [System.IO.Path]::Combine($repository, "ImContacts.$version.nupkg")
    if ([System.IO.File]::Exists($nupkg)) { [System.IO.File]::Delete($nupkg) }
    if (-not (Get-Command Microsoft.PowerShell.PSResourceGet\Publish-PSResource -ErrorAction SilentlyContinue)) {
        throw 'Packaging needs PSResourceGet: it ships with PowerShell 7.4 and later (dotnet pwsh); on Windows PowerShell 5.1, Install-Module Microsoft.PowerShell.PSResourceGet first.'
    }
    $name = "ImContactsBuild-$([guid]::NewGuid().ToString('N'))"
    Microsoft.PowerShell.PSResourceGet\Register-PSResourceRepository -Name $name -Uri $repository -Trusted
    try { Microsoft.PowerShell.PSResourceGet\Publish-PSResource -Path $module -Repository $name }
    finally { Microsoft.PowerShell.PSResourceGet\Unregister-PSResourceRepository -Name $name }
    "Packaged $nupkg ($([math]::Round((Get-Item $nupkg).Length / 1KB)) KB)"
}

if ($Test) {
    # A run that removes keeps before-images in the user's data folder by default: the tests' go to a folder of their
    # own (XDG_DATA_HOME is where .NET finds that folder outside Windows), taken away at the end.
    $testData = $null
    if (-not $IsWindows) {
        $testData = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "imcontacts-test-data-$([guid]::NewGuid().ToString('N'))")
        $env:XDG_DATA_HOME = $testData
    }

    # xunit: the unit tests and the engine tests (PowerShell 7.6 hosted in-process). Each assembly prints one line
    # "Passed!  - Failed: N, Passed: N, Skipped: N, ..." that the summary below adds up.
    $xunit = @{ Passed = 0; Failed = 0; Skipped = 0; Assemblies = 0 }
    # The names of failed tests are said again at the end, where a log cut to its tail still shows them.
    $failedTests = [System.Collections.Generic.List[string]]::new()
    & dotnet test $solution -c $Configuration --no-build | ForEach-Object {
        $line = "$_"
        if ($line -match '^\s+Failed\s+(\S+)') { $failedTests.Add("xunit failed: $($Matches[1])") }
        if ($line -match '^(Passed|Failed)!\s*-\s*Failed:\s*(\d+),\s*Passed:\s*(\d+),\s*Skipped:\s*(\d+)') {
            $xunit.Failed += [int]$Matches[2]; $xunit.Passed += [int]$Matches[3]; $xunit.Skipped += [int]$Matches[4]; $xunit.Assemblies++
        }
        $line
    }
    $xunitExit = $LASTEXITCODE

    # Pester in a fresh process of this same PowerShell, against the laid-out module, so this session never holds
    # the module assembly. The child prints one line "Pester: N passed, N failed, N skipped".
    $env:IMCONTACTS_MODULE = $laidOut
    $env:IMCONTACTS_CONFIGURATION = $Configuration
    $pester = "Import-Module '$(Get-PesterManifest)'; " +
        "`$c = New-PesterConfiguration; `$c.Run.Path = '$root/tests'; `$c.Run.PassThru = `$true; `$c.Output.Verbosity = 'Detailed'; " +
        "`$r = Invoke-Pester -Configuration `$c; " +
        "foreach (`$t in `$r.Failed) { 'Pester failed: ' + `$t.ExpandedPath }; " +
        "'Pester: {0} passed, {1} failed, {2} skipped' -f `$r.PassedCount, `$r.FailedCount, `$r.SkippedCount; exit `$r.FailedCount"
    $pesterLine = $null
    $command = @(Get-ChildPowerShell)
    $prefix = @($command | Select-Object -Skip 1)
    & $command[0] @($prefix + @('-NoProfile', '-NonInteractive', '-Command', $pester)) | ForEach-Object {
        $line = "$_"
        if ($line -match '^Pester: (\d+) passed, (\d+) failed, (\d+) skipped$') { $pesterLine = $Matches }
        if ($line -like 'Pester failed: *') { $failedTests.Add($line) }
        $line
    }
    $pesterExit = $LASTEXITCODE

    $pesterPassed = if ($pesterLine) { [int]$pesterLine[1] } else { 0 }
    $pesterFailed = if ($pesterLine) { [int]$pesterLine[2] } else { 0 }
    $failedTests
    "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped ($($xunit.Assemblies) assemblies)"
    "Pester: $pesterPassed passed, $pesterFailed failed"
    $problems = @()
    if ($xunitExit -ne 0) { $problems += "dotnet test exited with $xunitExit" }
    if ($xunit.Assemblies -ne 2 -or $xunit.Passed -eq 0) { $problems += "xunit ran no tests in some assembly ($($xunit.Assemblies) of 2 reported)" }
    if ($pesterExit -ne 0) { $problems += "Pester exited with $pesterExit" }
    if (-not $pesterLine -or $pesterPassed -eq 0) { $problems += 'Pester ran no tests' }
    "$($xunit.Passed + $pesterPassed) passed, $($xunit.Failed + $pesterFailed) failed"
    if ($testData -and [System.IO.Directory]::Exists($testData)) { [System.IO.Directory]::Delete($testData, $true) }
    if ($problems) { throw "Tests failed: $($problems -join '; ')." }
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
        $report = [System.IO.Path]::Combine($OutputPath, 'demo-report.csv')
        # The demo's tables come back through this script's output, so the child cannot see whether they end in a
        # terminal: when they do not (a log file, CI), it is told to write plain text, as PowerShell itself would.
        $color = $env:NO_COLOR
        if ([Console]::IsOutputRedirected) { $env:NO_COLOR = '1' }
        try { Invoke-ChildPowerShell @('-File', $demoScript, '-Url', $url, '-ModulePath', $laidOut, '-ReportPath', $report) }
        finally { $env:NO_COLOR = $color }
    }
    finally {
        if (-not $simulator.HasExited) { $simulator.Kill() }
        $simulator.Dispose()
    }
}
