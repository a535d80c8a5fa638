# Pester 5 tests of what only a real PowerShell host shows: CSV files through the pipeline, Select-Object, the table
# views at 80 and 120 columns, -WhatIf text, no prompt in an unattended run, help from the laid-out module, and fresh
# child processes. Run by `dotnet pwsh ./build.ps1 -Test` (against out/ImContacts); the xunit suites cover the rest.
# Every test sets up the IM list it needs in a mailbox of its own (m<N>@contoso.com), so tests run in any order.
BeforeAll {
    $script:root = Split-Path $PSScriptRoot -Parent
    $script:manifest = if ($env:IMCONTACTS_MODULE) { $env:IMCONTACTS_MODULE } else { Join-Path $root 'out/ImContacts/ImContacts.psd1' }
    if (-not (Test-Path $manifest)) { throw "No module at '$manifest': run ./build.ps1 first, or set IMCONTACTS_MODULE." }
    Import-Module $manifest -Force

    $configuration = if ($env:IMCONTACTS_CONFIGURATION) { $env:IMCONTACTS_CONFIGURATION } else { 'Release' }
    $script:simulatorDll = Join-Path $root "tests/ImContacts.Simulator/bin/$configuration/net10.0/ImContacts.Simulator.dll"
    if (-not (Test-Path $simulatorDll)) { throw "No simulator at '$simulatorDll': run ./build.ps1 first." }

    # A simulator process of our own; its first line names the endpoint.
    function Start-Simulator([string[]] $Arguments) {
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($a in @($simulatorDll, '--port', '0') + $Arguments) { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $process = [System.Diagnostics.Process]::Start($start)
        $banner = $process.StandardOutput.ReadLine()
        if ($banner -notmatch '(http://\S+)') { $process.Kill(); throw "The simulator did not start: '$banner'." }
        [pscustomobject]@{ Process = $process; Url = $Matches[1] }
    }

    # This same PowerShell as a child process: started from $PSHOME, since under the .NET tool this process is dotnet.
    function Invoke-ChildPowerShell([string] $Script) {
        $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
        $apphost = Join-Path $PSHOME $name
        $command = @(if (Test-Path $apphost) { $apphost } else { (Get-Process -Id $PID).Path; Join-Path $PSHOME 'pwsh.dll' })
        $file = Join-Path ([System.IO.Path]::GetTempPath()) "imcontacts-child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -LiteralPath $file -Value $Script
        try {
            $prefix = @($command | Select-Object -Skip 1)
            $output = & $command[0] @($prefix + @('-NoProfile', '-NonInteractive', '-File', $file)) 2>&1
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Lines = @($output | ForEach-Object { "$_" }) }
        }
        finally { Remove-Item -LiteralPath $file }
    }

    # A child PowerShell with a home of its own, so that nothing it registers or installs is seen elsewhere: outside
    # Windows, PSResourceGet keeps its repositories under XDG_DATA_HOME and installs CurrentUser modules under
    # HOME/.local/share/powershell/Modules, where PowerShell looks for them. (.NET ignores an XDG_DATA_HOME that does
    # not exist, and so does NuGet for ~/.config, writing relative to the current folder instead.) On Windows these
    # tests would install into the real profile: they are skipped there.
    function Invoke-InstallChild([string] $Script, [string] $Data) {
        if (-not $Data) { $Data = (New-Item -ItemType Directory (Join-Path $TestDrive "home-$([guid]::NewGuid().ToString('N'))")).FullName }
        $share = (New-Item -ItemType Directory (Join-Path $Data '.local/share') -Force).FullName
        # NuGet, inside PSResourceGet, writes its configuration under ~/.config: it must exist there too.
        $null = New-Item -ItemType Directory (Join-Path $Data '.config') -Force
        $saved = $env:HOME, $env:XDG_DATA_HOME
        $env:HOME, $env:XDG_DATA_HOME = $Data, $share
        try { $result = Invoke-ChildPowerShell ("`$ErrorActionPreference = 'Stop'`n" + $Script) }
        finally { $env:HOME, $env:XDG_DATA_HOME = $saved }
        if ($result.ExitCode -ne 0) { throw "The child failed ($($result.ExitCode)): $($result.Lines -join ' | ')" }
        $result | Add-Member -NotePropertyName Data -NotePropertyValue $Data -PassThru
    }

    function Get-Rendered([object[]] $InputObject, [int] $Width) {
        @(($InputObject | Format-Table | Out-String -Width $Width) -split "`r?`n" | ForEach-Object { ($_ -replace "`e\[[0-9;]*m", '').TrimEnd() } | Where-Object { $_ })
    }

    # Demo data (ana@contoso.com has a group Project X and three contacts) and 40 empty mailboxes m0..m39 with
    # groups Everyone and Colleagues, one or more for each test.
    $script:sim = Start-Simulator @('--bulk', '40,0')
    $script:url = $sim.Url
    $script:credential = [pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force))
    $script:childPrelude = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Connect-ImService -Url '$url' -Credential ([pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force)))
"@
}

AfterAll {
    Disconnect-ImService
    if ($sim -and -not $sim.Process.HasExited) { $sim.Process.Kill() }
}

Describe 'ImContacts in a real PowerShell host' {
    BeforeEach {
        # Every test starts with the session's connection to the simulator (one small request tests it).
        Connect-ImService -Url $url -Credential $credential
    }

    Describe 'The laid-out module' {
        It 'runs the demo through build.ps1 with plain tables when its output is not a terminal' {
            # Redirected (a log file, a CI log), as here: the child's output is a pipe to this process.
            $out = Join-Path $TestDrive 'demo-out'
            $run = Invoke-ChildPowerShell "& '$(Join-Path $root 'build.ps1')' -Demo -NoBuild -OutputPath '$out'"
            $run.ExitCode | Should -Be 0 -Because ($run.Lines -join "`n")
            $run.Lines | Where-Object { $_ -match '^Status\s+Mailbox\s+Contact' } | Should -Not -BeNullOrEmpty
            $run.Lines | Where-Object { $_.Contains([char]27) } | Should -BeNullOrEmpty
        }

        It 'is the module imported, with a valid manifest and an explicit export list' {
            (Get-Module ImContacts).ModuleBase | Should -Be (Split-Path $manifest -Parent)
            $info = Test-ModuleManifest $manifest
            $info.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
            (Get-Command -Module ImContacts).Count | Should -Be 18
            (Test-ModuleManifest (Join-Path $root 'ImContacts.psd1')).ExportedCmdlets.Count | Should -Be 18
        }

        It 'has help with a synopsis, two examples and every parameter for <_>' -ForEach @(
            'Connect-ImService', 'Disconnect-ImService', 'Get-ImItemList', 'Get-ImItem', 'Add-ImContactToGroup', 'Remove-ImContactFromGroup',
            'New-ImContact', 'Remove-ImContact', 'New-ImGroup', 'Rename-ImGroup', 'Remove-ImGroup', 'Add-ImDistributionGroup', 'Remove-ImDistributionGroup',
            'Sync-ImContactList', 'Export-ImContactList', 'Import-ImContactList', 'Compare-ImContactList') {
            $help = Get-Help $_ -Full
            $help.Synopsis | Should -Not -BeLike "$_*"
            @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
            $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
            foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object { -not $_.Attributes.DontShow -and $_.Name -notin $common }) {
                (Get-Help $_ -Parameter $parameter.Name).Description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help"
            }
        }

        It 'has the about_ImContacts topic, within 80 columns' {
            $topic = Get-Help about_ImContacts | Out-String
            $topic | Should -Match 'NAMES INSTEAD OF IDS'
            $topic | Should -Match 'RE-RUNNING A JOB'
            ($topic -split "`r?`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
        }

        It 'has one parameter set per sign-in flow' {
            (Get-Command Connect-ImService).ParameterSets.Name | Sort-Object |
                Should -Be @('AccessToken', 'Certificate', 'CertificatePath', 'CertificateThumbprint', 'ClientSecret', 'Credential',
                    'DefaultCredentials', 'DeviceCode', 'Interactive', 'ManagedIdentity')
        }

        It 'refuses bad invocations with clear errors' {
            { Connect-ImService -Autodiscover -Credential $credential -ErrorAction Stop } |
                Should -Throw -ErrorId 'InvalidAutodiscover,ImContacts.Commands.ConnectImServiceCommand'
            { Connect-ImService -ClientId app -TenantId contoso.onmicrosoft.com -ClientSecret 'Plain-Text-1' -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*SecureString*'
            { Connect-ImService -Url http://mail.contoso.com/EWS/Exchange.asmx -Credential $credential -ErrorAction Stop } |
                Should -Throw -ExpectedMessage '*plain http*-AllowUnencryptedAuthentication*'
        }

        It 'loads no MSAL on import' {
            $result = Invoke-ChildPowerShell "Import-Module '$manifest'; Get-Command -Module ImContacts | Out-Null; [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name -contains 'Microsoft.Identity.Client'"
            $result.Lines | Should -Be @('False')
        }
    }

    Describe 'CSV files through the pipeline' {
        BeforeEach {
            $script:csv = Join-Path $TestDrive 'contacts.csv'
            $script:report = Join-Path $TestDrive 'report.csv'
        }

        It 'gives one report row per input row, failures included, and a re-run finds every good row in place' {
            @'
Mailbox,ImAddress,DisplayName,GroupName
m0@contoso.com,sip:kim@contoso.com,Kim Akers,Launch
m0@contoso.com,lee@contoso.com,Lee Gu,Launch
m0@contoso.com,,No Address,Launch
m1@contoso.com,kim@contoso.com,Kim Akers,Launch
m1@contoso.com,sam@fabrikam.com,Sam Taylor,
not-a-mailbox,kim@contoso.com,Kim Akers,Launch
'@ | Set-Content $csv
            Import-Csv $csv | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue |
                Export-Csv $report -NoTypeInformation
            $rows = Import-Csv $report
            $rows.Count | Should -Be 6
            $rows[0..4].Mailbox | Should -Be @('m0@contoso.com', 'm0@contoso.com', 'm0@contoso.com', 'm1@contoso.com', 'm1@contoso.com')
            $rows.Status | Should -Be @('Created', 'Created', 'Failed', 'Created', 'Created', 'Failed')
            $failed.Count | Should -Be 2
            $failed[1].FullyQualifiedErrorId | Should -BeLike 'InvalidMailbox,*'
            $failed[1].TargetObject.Mailbox | Should -Be 'not-a-mailbox'

            Import-Csv $csv | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
                Export-Csv $report -NoTypeInformation
            (Import-Csv $report).Status | Should -Be @('AlreadyMember', 'AlreadyMember', 'Failed', 'AlreadyMember', 'AlreadyMember', 'Failed')
            (Get-ImItem -Mailbox m0@contoso.com -GroupName Launch -IncludeMembers).Personas.DisplayName | Sort-Object | Should -Be @('Kim Akers', 'Lee Gu')
        }

        It 'fails a row without Mailbox whose <Column> column holds an address, and leaves the own list alone' -ForEach @(
            @{ Column = 'E-mail' }, @{ Column = 'SMTP' }, @{ Column = 'Name' }, @{ Column = 'UserMailAddress' }
        ) {
            # An HR or Excel export names the person whose list is meant; without this it ran on the admin's own list.
            "$Column,ImAddress,GroupName", 'm22@contoso.com,kim@contoso.com,HR Launch' | Set-Content $csv
            $rows = @(Import-Csv $csv | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru -ErrorVariable failed -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
            $rows.Status | Should -Be 'Failed'
            $failed.Count | Should -Be 1
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'MailboxNotGiven,*'
            $failed[0].Exception.Message | Should -BeLike "*its $Column column holds the address 'm22@contoso.com'*"
            $failed[0].TargetObject.$Column | Should -Be 'm22@contoso.com'
            (Get-ImItemList).Groups.DisplayName | Should -Not -Contain 'HR Launch'
            (Get-ImItemList -Mailbox m22@contoso.com).Groups.DisplayName | Should -Not -Contain 'HR Launch'

            # Bound to a parameter, the same address is that parameter's: the row works on the list it names.
            'Mailbox,ImAddress,GroupName', 'm22@contoso.com,kim@contoso.com,HR Launch' | Set-Content $csv
            (Import-Csv $csv | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru).Status | Should -Be 'Created'
            Remove-ImGroup -Mailbox m22@contoso.com -GroupName 'HR Launch' -NoBackup -Confirm:$false
        }

        It 'removes what a CSV lists, one report row per input row' {
            'Mailbox,ImAddress,GroupName', 'm2@contoso.com,kim@contoso.com,Launch', 'm2@contoso.com,lee@contoso.com,Launch' | Set-Content $csv
            Import-Csv $csv | Add-ImContactToGroup -CreateGroup -CreateContact | Out-Null
            'm2@contoso.com,nobody@contoso.com,Launch' | Add-Content $csv
            Import-Csv $csv | Remove-ImContactFromGroup -PassThru -ErrorAction SilentlyContinue -WarningAction SilentlyContinue | Export-Csv $report -NoTypeInformation
            $rows = Import-Csv $report
            $rows.Count | Should -Be 3
            $rows[0..1].Status | Should -Be @('Removed', 'Removed')
            $rows[2].Status | Should -BeIn @('NotMember', 'NotFound', 'Failed')
            (Get-ImItem -Mailbox m2@contoso.com -GroupName Launch -IncludeMembers).Personas | Should -BeNullOrEmpty
        }
    }

    Describe 'Select-Object over outputs' {
        It 'selects properties of lists, groups and personas' {
            New-ImGroup -Mailbox m3@contoso.com -DisplayName 'Launch' | Out-Null
            'kim@contoso.com', 'lee@contoso.com' | ForEach-Object { New-ImContact -Mailbox m3@contoso.com -ImAddress $_ -GroupName Launch } | Out-Null

            $groups = Get-ImItemList -Mailbox m3@contoso.com | Select-Object -ExpandProperty Groups | Select-Object DisplayName, Mailbox
            $groups.DisplayName | Should -Contain 'Launch'
            $groups.Mailbox | Sort-Object -Unique | Should -Be 'm3@contoso.com'

            $group = Get-ImItem -Mailbox m3@contoso.com -GroupName Launch -IncludeMembers
            ($group | Select-Object -ExpandProperty Personas | Select-Object -ExpandProperty ImAddress | Sort-Object) -replace '^sip:' |
                Should -Be @('kim@contoso.com', 'lee@contoso.com')
            ($group | Select-Object Personas).Personas.Count | Should -Be 2
        }
    }

    Describe 'Table views at 80 and 120 columns' {
        BeforeAll {
            Connect-ImService -Url $url -Credential $credential
            $script:added = 'kim.akers.with.a.long.address@contoso.com', 'lee@contoso.com' |
                ForEach-Object { [pscustomobject]@{ Mailbox = 'm4@contoso.com'; ImAddress = $_; GroupName = 'A group with a long name' } } |
                Add-ImContactToGroup -CreateGroup -CreateContact -PassThru
            $script:removed = Remove-ImGroup -Mailbox m4@contoso.com -GroupName Colleagues -Confirm:$false -PassThru
            $script:list = Get-ImItemList -Mailbox m4@contoso.com
            $script:group = $list.Groups | Where-Object DisplayName -EQ 'A group with a long name'
            $script:personas = $list.Personas
        }

        It 'shows <Name> with <Narrow> at 80 columns and also <Wide> at 120' -ForEach @(
            @{ Name = 'membership results'; Items = { $added }; Narrow = 'Status', 'Mailbox', 'Contact', 'Group'; Wide = @('ResponseCode') }
            @{ Name = 'removal results'; Items = { $removed }; Narrow = 'Status', 'Mailbox', 'ItemType', 'Name'; Wide = @('ResponseCode') }
            @{ Name = 'personas'; Items = { $personas }; Narrow = 'DisplayName', 'ImAddress', 'Mailbox'; Wide = @('EmailAddress') }
            @{ Name = 'groups'; Items = { $list.Groups }; Narrow = 'DisplayName', 'Kind', 'Members', 'Mailbox'; Wide = @('SmtpAddress') }
            @{ Name = 'lists'; Items = { $list }; Narrow = 'Mailbox', 'Groups', 'Personas', 'GroupNames'; Wide = @() }
        ) {
            $items = & $Items
            $at80 = Get-Rendered $items 80
            $at80 | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            ($at80[0] -split '\s+') | Should -Be $Narrow
            $at80.Count | Should -Be (2 + @($items).Count)
            $at120 = Get-Rendered $items 120
            ($at120[0] -split '\s+') | Should -Be ($Narrow + $Wide)
        }

        It 'keeps each row''s status and mailbox readable at 80 columns' {
            (Get-Rendered $added 80)[2] | Should -Match '^Created\s+m4@contoso\.com\s+kim\.akers.*\s\(new\) A group'
            (Get-Rendered $added 80)[3] | Should -Not -Match '\(new\)'
            (Get-Rendered $removed 80)[2] | Should -Match '^Removed\s+m4@contoso\.com\s+Group\s+Colleagues'
            (Get-Rendered $group 80)[2] | Should -Match '^A group with a long name\s+UserGroup\s+2\s+m4@contoso\.com'
        }
    }

    Describe 'Tab completion of values' {
        BeforeAll {
            Connect-ImService -Url $url -Credential $credential
            $null = New-ImGroup -Mailbox m16@contoso.com -DisplayName "Tom's team"
            $null = New-ImContact -Mailbox m16@contoso.com -ImAddress kim@contoso.com -DisplayName 'Kim Akers' -GroupName Everyone
            function Complete([string] $Line) { @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches) }
        }

        It 'completes -GroupName from the list of -Mailbox, quoted where the command line needs it' {
            (Complete 'Add-ImContactToGroup -Mailbox m16@contoso.com -GroupName ').CompletionText |
                Should -Be @('Colleagues', 'Everyone', 'Favorites', "'Other Contacts'", 'Tagged', "'Tom''s team'")
            (Complete 'Add-ImContactToGroup -Mailbox m16@contoso.com -GroupName tag').CompletionText | Should -Be 'Tagged'
            (Complete 'Add-ImContactToGroup -Mailbox m16@contoso.com -GroupName team').CompletionText | Should -Be "'Tom''s team'"
        }

        It 'offers the group cmdlets only the groups they act on' {
            (Complete 'Remove-ImGroup -Mailbox m16@contoso.com -GroupName ').CompletionText | Should -Be @('Colleagues', 'Everyone', "'Tom''s team'")
            (Complete 'Remove-ImDistributionGroup -Mailbox m16@contoso.com -GroupName ') | Should -BeNullOrEmpty
        }

        It 'completes -ImAddress with the contacts'' names as tooltips' {
            $match = Complete 'Get-ImItem -Mailbox m16@contoso.com -ImAddress k'
            $match.CompletionText | Should -Be 'kim@contoso.com'
            $match.ToolTip | Should -Be 'Kim Akers <kim@contoso.com>'
            $line = 'Remove-ImContactFromGroup -Mailbox m16@contoso.com -GroupName Everyone -ImAddress '
            (Complete $line).CompletionText | Should -Be 'kim@contoso.com'
        }

        It 'completes -ServerVersion and -Culture from their known lists' {
            (Complete 'Connect-ImService -ServerVersion Exchange2013').CompletionText | Should -Be @('Exchange2013', 'Exchange2013_SP1')
            (Complete 'Connect-ImService -Culture de-D').CompletionText | Should -Be 'de-DE'
        }

        It 'offers no names without a connection' {
            Disconnect-ImService
            Complete 'Add-ImContactToGroup -Mailbox m16@contoso.com -GroupName ' | Should -BeNullOrEmpty
        }
    }

    Describe 'Whole lists: Sync, Export and Import' {
        BeforeAll {
            Connect-ImService -Url $url -Credential $credential
            $script:wanted = Join-Path $TestDrive 'wanted.csv'
            'Mailbox,GroupName,ImAddress,DisplayName', 'm17@contoso.com,Launch,kim@contoso.com,Kim Akers', 'm17@contoso.com,,lee@contoso.com,Lee Gu' |
                Set-Content $wanted
        }

        It 'syncs a CSV file, reports at 80 columns, and a second run changes nothing' {
            $report = Sync-ImContactList -Path $wanted -PassThru
            ($report | Where-Object Action -ne Summary | ForEach-Object { "$($_.Action) $($_.Status)" }) |
                Should -Be @('CreateGroup Done', 'CreateContact Done', 'CreateContact Done')
            $rendered = Get-Rendered $report 80
            $rendered | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
            ($rendered[0] -split '\s+') | Should -Be @('Status', 'Mailbox', 'Action', 'Group', 'Contact')
            $rendered[-1] | Should -Match '^Done\s+m17@contoso\.com\s+Summary\s+3 change'
            (Sync-ImContactList -Path $wanted -PassThru).Status | Should -Be 'Unchanged'
            (Import-Csv $wanted | Sync-ImContactList -PassThru).Status | Should -Be 'Unchanged'
        }

        It 'copies a list through a snapshot file into another mailbox' {
            $file = Join-Path $TestDrive 'm17.json'
            Export-ImContactList -Mailbox m17@contoso.com -Path $file
            (Get-Content $file -Raw | ConvertFrom-Json).format | Should -Be 'ImContacts.ContactList'
            (Import-ImContactList -Path $file -Mailbox m18@contoso.com -PassThru | Where-Object Action -eq Summary).Status | Should -Be 'Done'
            (Get-ImItem -Mailbox m18@contoso.com -GroupName Launch).Personas.DisplayName | Should -Be 'Kim Akers'
        }

        It 'does not mirror in an unattended run without -Confirm:$false' {
            $file = Join-Path $TestDrive 'm19.json'
            Export-ImContactList -Mailbox m19@contoso.com -Path $file
            $null = New-ImGroup -Mailbox m19@contoso.com -DisplayName 'Keep me'
            $result = Invoke-ChildPowerShell ($childPrelude + @"

Import-ImContactList -Path '$file' -Mirror
"@)
            $result.ExitCode | Should -Not -Be 0
            ($result.Lines -join ' ') | Should -Match 'NonInteractive|non-interactive'
            (Get-ImItemList -Mailbox m19@contoso.com).Groups.DisplayName | Should -Contain 'Keep me'
        }
    }

    Describe 'Installed from a repository, as admins install modules (fresh child processes)' -Skip:$IsWindows {
        BeforeAll {
            # Only the .nupkg files: a file-share repository of this build's package and of a later version of it.
            $configuration = if ($env:IMCONTACTS_CONFIGURATION) { $env:IMCONTACTS_CONFIGURATION } else { 'Release' }
            $script:version = (Import-PowerShellDataFile $manifest).ModuleVersion
            $built = Join-Path $root "out/repository/ImContacts.$version.nupkg"
            if (-not (Test-Path $built)) { throw "No package at '$built': run ./build.ps1 -Package (or -Test) first." }
            $script:share = Join-Path $TestDrive 'share'
            $null = New-Item -ItemType Directory $share
            Copy-Item $built $share

            # The later version: the same module with another ModuleVersion, published into the share.
            $script:later = ([version] $version | ForEach-Object { "$($_.Major).$($_.Minor).$($_.Build + 1)" })
            $copy = Join-Path $TestDrive 'later/ImContacts'
            Copy-Item (Split-Path $manifest -Parent) $copy -Recurse
            $text = (Get-Content (Join-Path $copy 'ImContacts.psd1') -Raw) -replace "ModuleVersion\s*=\s*'[^']+'", "ModuleVersion        = '$later'"
            Set-Content (Join-Path $copy 'ImContacts.psd1') $text
            $publish = Invoke-InstallChild "Register-PSResourceRepository -Name Share -Uri '$share' -Trusted; Publish-PSResource -Path '$copy' -Repository Share; 'published'"
            $publish.Lines | Should -Contain 'published'
            @(Get-ChildItem $share -Filter *.nupkg).Name | Sort-Object | Should -Be @("ImContacts.$version.nupkg", "ImContacts.$later.nupkg")
        }

        It 'installs from the share for the current user, imports by name with its help, and works' {
            $result = Invoke-InstallChild @"
Register-PSResourceRepository -Name Share -Uri '$share' -Trusted
Install-PSResource ImContacts -Repository Share -Scope CurrentUser -Version '$version'
Import-Module ImContacts
`$module = Get-Module ImContacts
"version `$(`$module.Version)"
"in user modules `$(`$module.ModuleBase.StartsWith(`$env:XDG_DATA_HOME))"
"about `$((Get-Help about_ImContacts | Out-String) -match 'NAMES INSTEAD OF IDS')"
"help `$((Get-Help Sync-ImContactList).Synopsis)"
Connect-ImService -Url '$url' -Credential ([pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force)))
"groups `$((Get-ImItemList -Mailbox m21@contoso.com).Groups.DisplayName -join ',')"
Uninstall-PSResource ImContacts -Version '$version' -Scope CurrentUser
"left `$(@(Get-Module ImContacts -ListAvailable).Count)"
"@
            $result.Lines | Should -Be @("version $version", 'in user modules True', 'about True', 'help Makes IM lists as a desired-state CSV says, sending only the changes.',
                'groups Favorites,Other Contacts,Tagged,Everyone,Colleagues', 'left 0')
        }

        It 'installs a later version beside the first, and -RequiredVersion loads each' {
            $install = Invoke-InstallChild "Register-PSResourceRepository -Name Share -Uri '$share' -Trusted; Install-PSResource ImContacts -Repository Share -Scope CurrentUser -Version '$version'; Install-PSResource ImContacts -Repository Share -Scope CurrentUser -Version '$later'; (Get-Module ImContacts -ListAvailable).Version -join ','"
            $install.Lines[-1] | Should -Be "$later,$version"
            foreach ($wanted in $version, $later) {
                $load = Invoke-InstallChild "Import-Module ImContacts -RequiredVersion '$wanted'; (Get-Module ImContacts).Version.ToString(); (Get-Command -Module ImContacts).Count" -Data $install.Data
                $load.Lines | Should -Be @($wanted, '18')
            }
        }

        It 'saves a copy for a server without internet, which imports from its folder' {
            $offline = (New-Item -ItemType Directory (Join-Path $TestDrive 'offline')).FullName
            $save = Invoke-InstallChild "Register-PSResourceRepository -Name Share -Uri '$share' -Trusted; Save-PSResource ImContacts -Repository Share -Version '$version' -Path '$offline'; 'saved'"
            $save.Lines | Should -Contain 'saved'
            $copy = Join-Path $offline "ImContacts/$version/ImContacts.psd1"
            Test-Path $copy | Should -BeTrue
            $load = Invoke-InstallChild @"
Import-Module '$copy'
Connect-ImService -Url '$url' -Credential ([pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force)))
(Get-ImItemList -Mailbox m21@contoso.com).Groups.Count
"@
            $load.Lines | Should -Be @('5')
        }
    }

    Describe 'Before-images: every run that removes can be undone' {
        It 'keeps the list in the user''s data folder by default, names it at the end, and puts it back from there' {
            $null = New-ImGroup -Mailbox m20@contoso.com -DisplayName Launch
            $null = New-ImContact -Mailbox m20@contoso.com -ImAddress kim@contoso.com -GroupName Launch
            $null = New-ImContact -Mailbox m20@contoso.com -TelUri 'tel:+14255550100' -SipUri 'sip:+14255550100@contoso.com;user=phone' -TelephoneNumber '+14255550100' -GroupName Launch
            $before = Export-ImContactList -Mailbox m20@contoso.com
            $backups = Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'ImContacts/backups'
            $known = @(if (Test-Path $backups) { Get-ChildItem $backups -Directory })

            $shown = Remove-ImGroup -Mailbox m20@contoso.com -GroupName Launch -Confirm:$false -PassThru 6>&1
            $result = $shown | Where-Object { $_ -is [ImContacts.Model.ImRemovalResult] }
            $message = "$($shown | Where-Object { $_ -is [System.Management.Automation.InformationRecord] })"

            $folder = Get-ChildItem $backups -Directory | Where-Object FullName -notin $known.FullName
            @($folder).Count | Should -Be 1
            $folder.Name | Should -Match '^\d{8}-\d{6}-Remove-ImGroup$'
            $result.BackupFile | Should -Be (Join-Path $folder.FullName 'm20@contoso.com.json')
            $message | Should -BeLike "Before-images of 1 mailbox(es) are in $($folder.FullName)*Import-ImContactList -Path '$($folder.FullName)' -Mirror"
            (Get-ImItemList -Mailbox m20@contoso.com).Personas | Should -BeNullOrEmpty

            $null = Import-ImContactList -Path $folder.FullName -Mirror -Confirm:$false -NoBackup
            $after = Export-ImContactList -Mailbox m20@contoso.com
            ($after.Contacts | ForEach-Object { "$($_.ImAddress) $($_.TelUri) $($_.Groups -join ',')" } | Sort-Object) |
                Should -Be ($before.Contacts | ForEach-Object { "$($_.ImAddress) $($_.TelUri) $($_.Groups -join ',')" } | Sort-Object)
            ($after.Groups.Name | Sort-Object) | Should -Be ($before.Groups.Name | Sort-Object)
        }
    }

    Describe 'The scheduled sync runbook (docs/runbooks), with the simulator''s sign-in (child processes)' {
        BeforeAll {
            $script:runbook = Join-Path $root 'docs/runbooks/Sync-ImContactListJob.ps1'
            $script:runbookFile = Join-Path $TestDrive 'hr.csv'
            @('Mailbox,GroupName,ImAddress,DisplayName') + (22..29 | ForEach-Object { "m$_@contoso.com,Everyone,kim@contoso.com,Kim Akers"; "m$_@contoso.com,Everyone,lee@contoso.com,Lee Gu" }) |
                Set-Content $runbookFile

            # The runbook as a host runs it: the module found by name on the module path, the connection its caller's.
            function Invoke-Runbook([string] $Arguments) {
                Invoke-ChildPowerShell @"
`$env:PSModulePath = '$(Split-Path (Split-Path $manifest -Parent) -Parent)' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
`$connection = Connect-ImService -Url '$url' -Credential ([pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force))) -PassThru
try { & '$runbook' -Connection `$connection $Arguments } catch { "job failed: `$_"; exit 1 }
"@
            }
        }

        It 'splits one file over two jobs, reports every change, and names the backup folder that undoes each' {
            $reports = Join-Path $TestDrive 'reports'
            $backups = Join-Path $TestDrive 'runbook-backups'
            $jobs = '1/2', '2/2' | ForEach-Object { Invoke-Runbook "-Path '$runbookFile' -Partition $_ -ReportFolder '$reports' -BackupPath '$backups' -Mirror" }

            $jobs.ExitCode | Should -Be @(0, 0)
            $lines = $jobs.Lines
            $parts = $lines | Where-Object { $_ -match '^Part (\d)/2 of .*: (\d+) mailbox\(es\), (\d+) changed, 0 failed; report (.+)$' } | ForEach-Object { [int] ($_ -replace '^.*: (\d+) mailbox.*$', '$1') }
            ($parts | Measure-Object -Sum).Sum | Should -Be 8
            @($lines | Where-Object { $_ -like 'Before-images in *; to undo this run: Import-ImContactList -Path *-Mirror' }).Count | Should -Be 2
            $rows = Get-ChildItem $reports -Filter *.csv | ForEach-Object { Import-Csv $_.FullName }
            @($rows | Where-Object Action -eq Summary).Mailbox | Sort-Object | Should -Be (22..29 | ForEach-Object { "m$_@contoso.com" } | Sort-Object)
            @($rows | Where-Object Action -eq CreateContact).Count | Should -Be 16
            foreach ($m in 22..29) { (Get-ImItem -Mailbox "m$m@contoso.com" -GroupName Everyone).Personas.DisplayName | Sort-Object | Should -Be @('Kim Akers', 'Lee Gu') }
        }

        It 'fails the job when a row fails, after the report of every other row is written' {
            $bad = Join-Path $TestDrive 'bad.csv'
            'Mailbox,GroupName,ImAddress', 'm30@contoso.com,Everyone,kim@contoso.com', 'not a mailbox,Everyone,lee@contoso.com' | Set-Content $bad
            $reports = Join-Path $TestDrive 'bad-reports'
            $job = Invoke-Runbook "-Path '$bad' -ReportFolder '$reports'"

            $job.ExitCode | Should -Be 1
            $job.Lines | Should -Contain ('job failed: 0 mailbox(es) and 1 row(s) failed: see ' + (Get-ChildItem $reports -Filter *.csv).FullName + ' and the job''s error stream.')
            (Import-Csv (Get-ChildItem $reports -Filter *.csv).FullName | Where-Object Action -eq Summary).Status | Should -Be 'Done'
        }
    }

    Describe 'Organisation scale: a wrong file, a killed run, and the way back' {
        BeforeAll {
            # 200 mailboxes m0..m199, each with c0..c5 in Everyone and an empty Colleagues; the concurrency model on and
            # 5% of requests answered with throttling or 503, as a busy server does.
            $script:orgArgs = @('--empty', '--bulk', '200,6', '--latency-ms', '20', '--server-busy-rate', '0.03', '--http503-rate', '0.02')
            $script:mailboxes = 0..199 | ForEach-Object { "m$_@contoso.com" }

            # A whole list as one line: every group with its kind and members, every contact with its address and name.
            function Get-WholeLists([string] $Url) {
                $connection = Connect-ImService -Url $Url -Credential $credential -PassThru
                $lists = @{}
                foreach ($snapshot in $mailboxes | Export-ImContactList -Connection $connection -ThrottleLimit 8) {
                    $groups = $snapshot.Groups | ForEach-Object { "$($_.Name)/$($_.Kind)/$($_.SmtpAddress)" } | Sort-Object
                    $contacts = $snapshot.Contacts | ForEach-Object { "$($_.ImAddress)/$($_.DisplayName)/$($_.TelUri)/$(($_.Groups | Sort-Object) -join '+')" } | Sort-Object
                    $lists[$snapshot.Mailbox] = "$($groups -join ';') | $($contacts -join ';')"
                }
                Disconnect-ImService -Connection $connection
                $lists
            }

            function Start-ChildPowerShell([string] $Script) {
                $name = if ($IsWindows) { 'pwsh.exe' } else { 'pwsh' }
                $apphost = Join-Path $PSHOME $name
                $command = @(if (Test-Path $apphost) { $apphost } else { (Get-Process -Id $PID).Path; Join-Path $PSHOME 'pwsh.dll' })
                $file = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
                Set-Content -LiteralPath $file -Value $Script
                $start = [System.Diagnostics.ProcessStartInfo]::new($command[0])
                foreach ($a in @($command | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-File', $file)) { $start.ArgumentList.Add($a) }
                $start.RedirectStandardOutput = $true
                $start.RedirectStandardError = $true
                $start.UseShellExecute = $false
                [System.Diagnostics.Process]::Start($start)
            }
        }

        It 'stops a -Mirror run from a file truncated to one row per mailbox at -MaxRemovals, removing nothing beyond it' {
            $org = Start-Simulator $orgArgs
            try {
                $truncated = Join-Path $TestDrive 'truncated.csv'
                @('Mailbox,GroupName,ImAddress') + ($mailboxes | ForEach-Object { "$_,Everyone,c0@contoso.com" }) | Set-Content $truncated
                $connection = Connect-ImService -Url $org.Url -Credential $credential -PassThru
                $errors = @()
                $report = try {
                    Sync-ImContactList -Connection $connection -Path $truncated -Mirror -BackupPath (Join-Path $TestDrive 'truncated-backups') -PassThru -ErrorVariable +errors -ErrorAction SilentlyContinue |
                        Where-Object Action -eq Summary
                } catch { $script:ended = $_ }

                $ended.FullyQualifiedErrorId | Should -BeLike 'MaxRemovalsReached,*'
                "$ended" | Should -BeLike '-MaxRemovals 500: this run removed 500 item(s) and held back 500 removal(s) in 100 mailbox(es)*'
                @($errors | Where-Object FullyQualifiedErrorId -like 'MaxRemovalsReached,*').Count | Should -Be 100
                $members = $mailboxes | Get-ImItemList -Connection $connection | ForEach-Object { @(($_.Groups | Where-Object DisplayName -eq Everyone).MemberContactIds).Count }
                ($members | Measure-Object -Sum).Sum | Should -Be (200 * 6 - 500)
                @($members | Where-Object { $_ -eq 1 }).Count | Should -Be 100
                @($members | Where-Object { $_ -eq 6 }).Count | Should -Be 100
                Disconnect-ImService -Connection $connection
            }
            finally { $org.Process.Kill() }
        }

        It 'leaves all 200 lists exactly as they were after a run killed midway, the run repeated, and a restore from the backups' {
            $org = Start-Simulator $orgArgs
            try {
                $before = Get-WholeLists $org.Url
                $wanted = Join-Path $TestDrive 'wanted.csv'
                @('Mailbox,GroupName,ImAddress,DisplayName') + ($mailboxes | ForEach-Object {
                    "$_,Everyone,c0@contoso.com,", "$_,Everyone,c1@contoso.com,", "$_,Colleagues,c2@contoso.com,", "$_,Colleagues,new@contoso.com,New Hire"
                }) | Set-Content $wanted
                $backups = Join-Path $TestDrive 'org-backups'
                $run = @"
`$ErrorActionPreference = 'Stop'
Import-Module '$manifest'
Connect-ImService -Url '$($org.Url)' -Credential ([pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force)))
Sync-ImContactList -Path '$wanted' -Mirror -AllGroups -Force -BackupPath '$backups' -ThrottleLimit 8
'finished'
"@
                $child = Start-ChildPowerShell $run

                # Another client edits lists while the run works on them: once a mailbox's before-image is on disk, its
                # own user adds a contact to Everyone (the group the run is changing), which the restore takes back.
                $other = Connect-ImService -Url $org.Url -Credential $credential -PassThru
                $edited = [System.Collections.Generic.HashSet[string]]::new()
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                $first = $null
                while (-not $child.HasExited -and [DateTime]::UtcNow -lt $deadline) {
                    $first = Get-ChildItem $backups -Directory -ErrorAction SilentlyContinue | Select-Object -First 1
                    $images = @(if ($first) { Get-ChildItem $first.FullName -Filter *.json })
                    foreach ($image in $images) {
                        $mailbox = $image.BaseName
                        if ($edited.Count -lt 10 -and $edited.Add($mailbox)) {
                            $null = Add-ImContactToGroup -Connection $other -Mailbox $mailbox -ImAddress outsider@contoso.com -GroupName Everyone -CreateContact
                        }
                    }
                    if ($images.Count -ge 60) { break }
                    Start-Sleep -Milliseconds 20
                }

                $child.HasExited | Should -BeFalse -Because 'the run is killed in the middle, not after it finished'
                $child.Kill()
                $child.WaitForExit(10000) | Should -BeTrue
                $edited.Count | Should -Be 10
                $firstImages = @(Get-ChildItem $first.FullName -Filter *.json)
                $firstImages.Count | Should -BeGreaterOrEqual 60
                $firstImages.Count | Should -BeLessThan 200
                $after = Get-WholeLists $org.Url
                @($mailboxes | Where-Object { $after[$_] -ne $before[$_] }).Count | Should -BeGreaterThan 0

                # The same command again finishes the job, in a backup folder of its own.
                $again = Start-ChildPowerShell $run
                $again.WaitForExit(120000) | Should -BeTrue
                $again.StandardOutput.ReadToEnd() | Should -Match 'finished'
                $again.ExitCode | Should -Be 0
                $second = Get-ChildItem $backups -Directory | Where-Object FullName -ne $first.FullName
                @($second).Count | Should -Be 1
                $done = Get-WholeLists $org.Url
                foreach ($mailbox in $mailboxes) {
                    $done[$mailbox] | Should -BeLike '* | c0@contoso.com/Contact 0//Everyone;c1@contoso.com/Contact 1//Everyone;c2@contoso.com/Contact 2//Colleagues;new@contoso.com/New Hire//Colleagues' -Because "$mailbox is as the file says"
                }

                # Undo both runs: the second run's folder, then the first's (its images are older where both have one).
                $null = Import-ImContactList -Connection $other -Path $second.FullName -Mirror -Force -NoBackup -Confirm:$false
                $null = Import-ImContactList -Connection $other -Path $first.FullName -Mirror -Force -NoBackup -Confirm:$false
                $restored = Get-WholeLists $org.Url
                foreach ($mailbox in $mailboxes) { $restored[$mailbox] | Should -Be $before[$mailbox] -Because "$mailbox is restored whole" }
                Disconnect-ImService -Connection $other
            }
            finally {
                foreach ($p in @($child, $again, $org.Process)) { if ($p -and -not $p.HasExited) { $p.Kill() } }
            }
        }
    }

    Describe '-WhatIf, -Confirm and unattended runs (child processes)' {
        It 'prints the plan and changes nothing under -WhatIf' {
            $before = (Get-ImItemList -Mailbox m5@contoso.com).Groups.Count
            $result = Invoke-ChildPowerShell ($childPrelude + @'

[pscustomobject]@{ Mailbox = 'm5@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Colleagues' } | Add-ImContactToGroup -CreateContact -WhatIf
New-ImGroup -Mailbox m5@contoso.com -DisplayName 'Launch' -WhatIf
Remove-ImGroup -Mailbox m5@contoso.com -GroupName Colleagues -WhatIf
'@)
            $result.ExitCode | Should -Be 0
            $result.Lines | Should -Be @(
                'What if: Performing the operation "Create IM contact <kim@contoso.com> in group ''Colleagues''" on target "m5@contoso.com".'
                'What if: Performing the operation "Create IM group ''Launch''" on target "m5@contoso.com".'
                'What if: Performing the operation "Remove IM group ''Colleagues'' (it has no members)" on target "m5@contoso.com".')
            (Get-ImItemList -Mailbox m5@contoso.com).Groups.Count | Should -Be $before
            (Get-ImItemList -Mailbox m5@contoso.com).Personas | Should -BeNullOrEmpty
        }

        It 'shows under -WhatIf what -CreateGroup would create and add, and the group once' {
            $null = New-ImContact -Mailbox m15@contoso.com -ImAddress lee@contoso.com -GroupName Everyone
            $result = Invoke-ChildPowerShell ($childPrelude + @'

'kim@contoso.com', 'lee@contoso.com', 'max@contoso.com' |
    ForEach-Object { [pscustomobject]@{ Mailbox = 'm15@contoso.com'; ImAddress = $_; GroupName = 'Help Desk' } } |
    Add-ImContactToGroup -CreateGroup -CreateContact -WhatIf
'@)
            $result.ExitCode | Should -Be 0
            $result.Lines | Should -Be @(
                'What if: Performing the operation "Create IM group ''Help Desk''" on target "m15@contoso.com".'
                'What if: Performing the operation "Create IM contact <kim@contoso.com> in new group ''Help Desk''" on target "m15@contoso.com".'
                'What if: Performing the operation "Add IM contact <lee@contoso.com> to new group ''Help Desk''" on target "m15@contoso.com".'
                'What if: Performing the operation "Create IM contact <max@contoso.com> in new group ''Help Desk''" on target "m15@contoso.com".')
            (Get-ImItemList -Mailbox m15@contoso.com).Groups.DisplayName | Should -Not -Contain 'Help Desk'
        }

        It 'runs a whole job unattended without a prompt, also with -Debug and -Verbose' {
            $result = Invoke-ChildPowerShell ($childPrelude + @'

$rows = 'kim@contoso.com', 'lee@contoso.com' | ForEach-Object { [pscustomobject]@{ Mailbox = 'm6@contoso.com'; ImAddress = $_; GroupName = 'Launch' } }
$null = New-ImGroup -Mailbox m6@contoso.com -DisplayName 'Launch' -Debug -Verbose 5>$null 4>$null
($rows | Add-ImContactToGroup -CreateContact -PassThru -Debug 5>$null 4>$null).Status -join ','
$debug = @(Get-ImItemList -Mailbox m6@contoso.com -Debug 5>&1 4>$null | Where-Object { $_ -is [System.Management.Automation.DebugRecord] })
'debug ' + ($debug.Count -gt 0) + ' ' + ($debug[0].Message -like '*<m:GetImItemList*')
$null = Rename-ImGroup -Mailbox m6@contoso.com -GroupName 'Launch' -NewName 'Launched' -Debug 5>$null 4>$null 3>$null
($rows | Remove-ImContactFromGroup -GroupName 'Launched' -PassThru -Debug 5>$null 4>$null 3>$null 6>$null).Status -join ','
(Remove-ImGroup -Mailbox m6@contoso.com -GroupName 'Launched' -Confirm:$false -PassThru -Debug 5>$null 4>$null 6>$null).Status
Disconnect-ImService -Debug 5>$null 4>$null
'done'
'@)
            $result.Lines | Should -Be @('Created,Created', 'debug True True', 'Removed,Removed', 'Removed', 'done')
            $result.ExitCode | Should -Be 0
        }
    }

    Describe 'Names instead of ids, and re-runs' {
        It 'creates a group, fills it by IM address, renames and removes it by name' {
            $rows = @(
                [pscustomobject]@{ Mailbox = 'm7@contoso.com'; ImAddress = 'sip:kim@contoso.com'; DisplayName = 'Kim Akers'; GroupName = 'Launch' }
                [pscustomobject]@{ Mailbox = 'm7@contoso.com'; ImAddress = 'lee@contoso.com'; DisplayName = 'Lee Gu'; GroupName = 'Launch' }
            )
            New-ImGroup -Mailbox m7@contoso.com -DisplayName 'Launch' | ForEach-Object GroupType | Should -Be 'IPM.DistList.MOC.UserGroup'
            ($rows | Add-ImContactToGroup -CreateContact -PassThru).Status | Should -Be @('Created', 'Created')
            ($rows | Add-ImContactToGroup -CreateContact -PassThru -WarningVariable done -WarningAction SilentlyContinue).Status | Should -Be @('AlreadyMember', 'AlreadyMember')
            $done.Count | Should -Be 2
            (Get-ImItem -Mailbox m7@contoso.com -GroupName 'launch' -IncludeMembers).Personas.DisplayName | Sort-Object | Should -Be @('Kim Akers', 'Lee Gu')

            $bad = [pscustomobject]@{ Mailbox = 'm7@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Lunch' }
            $bad | Add-ImContactToGroup -ErrorVariable failed -ErrorAction SilentlyContinue
            $failed[0].FullyQualifiedErrorId | Should -BeLike 'ImGroupNotFound,*'
            $failed[0].TargetObject | Should -Be $bad

            Rename-ImGroup -Mailbox m7@contoso.com -GroupName 'Launch' -NewName 'Launch (done)' -PassThru | ForEach-Object DisplayName | Should -Be 'Launch (done)'
            (Remove-ImGroup -Mailbox m7@contoso.com -GroupName 'Launch (done)' -Confirm:$false -PassThru).Status | Should -Be 'Removed'
            (Get-ImItemList -Mailbox m7@contoso.com).Personas.Count | Should -Be 0
        }

        It 'adds and removes a distribution group, and a second removal is a warning' {
            Add-ImDistributionGroup -Mailbox m8@contoso.com -SmtpAddress sales@contoso.com | ForEach-Object DisplayName | Should -Be 'sales@contoso.com'
            (Remove-ImDistributionGroup -Mailbox m8@contoso.com -SmtpAddress sales@contoso.com -PassThru).Status | Should -Be 'Removed'
            (Remove-ImDistributionGroup -Mailbox m8@contoso.com -SmtpAddress sales@contoso.com -PassThru -WarningAction SilentlyContinue).Status | Should -Be 'NotFound'
        }

        It 'reports a bad id row without stopping the rest' {
            $group = New-ImGroup -Mailbox m9@contoso.com -DisplayName 'Launch'
            $contacts = 'kim@contoso.com', 'lee@contoso.com' | ForEach-Object { New-ImContact -Mailbox m9@contoso.com -ImAddress $_ }
            $rows = @(
                [pscustomobject]@{ Mailbox = 'm9@contoso.com'; ContactId = $contacts[0].ContactId.Id; GroupId = $group.GroupId.Id }
                [pscustomobject]@{ Mailbox = 'm9@contoso.com'; ContactId = $group.GroupId.Id; GroupId = $group.GroupId.Id }
                [pscustomobject]@{ Mailbox = 'm9@contoso.com'; ContactId = $contacts[1].ContactId.Id; GroupId = $group.GroupId.Id }
            )
            $results = $rows | Add-ImContactToGroup -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
            $results.Status | Should -Be @('Added', 'Failed', 'Added')
            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -BeLike 'ErrorInvalidImContactId,*'
            $failures[0].TargetObject | Should -Be $rows[1]
        }
    }

    Describe 'Moving to Teams: the readiness report and the comparison' {
        BeforeAll {
            # A simulator of its own: 500 mailboxes r0..r499 of the shapes a move meets (SeedReadinessMailboxes): every
            # 20th from r1 a distribution group, from r2 a telephone contact, from r3 two fabrikam.com contacts, from r4
            # an empty list, from r5 contacts in no user group; r6, r106... 1,000 contacts and 64 groups, r7, r107...
            # 1,001 and 65.
            $script:teamsSim = Start-Simulator @('--empty', '--readiness', '500')
            $script:teams = Connect-ImService -Url $teamsSim.Url -Credential $credential -PassThru
            function Get-Reads { [int](((Invoke-RestMethod ([uri]::new([uri]$teamsSim.Url, '/stats'))) -split ' ' | Where-Object { $_ -like 'reads=*' }) -replace 'reads=') }
        }

        AfterAll {
            if ($teamsSim -and -not $teamsSim.Process.HasExited) { $teamsSim.Process.Kill() }
        }

        It 'reports 500 mailboxes from a CSV, one read each, with the right verdicts, a failed read as a row, and a summary' {
            $users = Join-Path $TestDrive 'users.csv'
            @('Name,PrimarySmtpAddress') + (0..499 | ForEach-Object { "User $_,r$_@contoso.com" }) + 'Gone,gone@contoso.com' | Set-Content $users
            $report = Join-Path $TestDrive 'readiness.csv'
            $reads = Get-Reads
            $summary = Import-Csv $users | Measure-ImContactList -Connection $teams -InternalDomain contoso.com -WarningVariable warned -WarningAction SilentlyContinue -InformationVariable told |
                Export-Csv $report -NoTypeInformation
            (Get-Reads) - $reads | Should -Be 501

            $rows = Import-Csv $report
            $rows.Count | Should -Be 501
            $rows.Mailbox | Should -Be (@(0..499 | ForEach-Object { "r$_@contoso.com" }) + 'gone@contoso.com')
            ($rows | Group-Object Verdict | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) | Should -Be @('Failed 1', 'NotReady 55', 'Ready 420', 'Review 25')
            ($rows | Measure-Object -Property LeftBehind -Sum).Sum | Should -Be 60
            $r7 = $rows | Where-Object Mailbox -eq r7@contoso.com
            "$($r7.Contacts) $($r7.UserGroups) $($r7.ContactHeadroom) $($r7.ContactsBeyondLimit) $($r7.GroupsBeyondLimit) $($r7.LeftBehind)" | Should -Be '1001 65 0 1 1 2'
            $r3 = $rows | Where-Object Mailbox -eq r3@contoso.com
            "$($r3.Verdict) $($r3.ExternalContacts)" | Should -Be 'Review 2'
            $gone = $rows | Where-Object Mailbox -eq gone@contoso.com
            "$($gone.Verdict) $($gone.ErrorCode) [$($gone.Contacts)]" | Should -Be 'Failed ErrorNonExistentMailbox []'
            "$told" | Should -Be 'Measure-ImContactList: 501 mailbox(es): 420 ready, 25 to review, 55 not ready, 1 failed.'
            "$warned" | Should -BeLike '1 list(s) could not be read*'
            $columns = (Get-Content $report -TotalCount 1) -replace '"' -split ','
            $columns[0..2] | Should -Be @('Mailbox', 'Verdict', 'Reasons')
            $columns | Should -Contain 'TelephoneContacts'
        }

        It 'shows the report at 80 columns' {
            $shown = Get-Rendered @('r0@contoso.com', 'r1@contoso.com', 'r7@contoso.com' | Measure-ImContactList -Connection $teams 6>$null) 80
            $shown[0] | Should -Match '^Mailbox\s+Verdict\s+Contacts\s+Groups\s+LeftBehind\s+Reasons$'
            $shown[2] | Should -Match '^r0@contoso\.com\s+Ready\s+3\s+1\s+0$'
            $shown[3] | Should -Match '^r1@contoso\.com\s+NotReady\s+3\s+1\s+1\s+1 distribution group'
            $shown | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
        }

        It 'finds exactly the differences made, against the live lists and between two snapshots, and nothing for the rest' {
            $mailboxes = 20..39 | ForEach-Object { "r$_@contoso.com" }
            $before = Join-Path $TestDrive 'before'
            $mailboxes | Export-ImContactList -Connection $teams -Path "$before/"
            # r21: a distribution group removed; r22: a contact removed; r25: a
            # group and a contact added; r30: a contact moved to another group.
            Remove-ImDistributionGroup -Connection $teams -Mailbox r21@contoso.com -SmtpAddress sales@contoso.com -NoBackup
            Remove-ImContact -Connection $teams -Mailbox r22@contoso.com -ImAddress c2@contoso.com -NoBackup
            $null = New-ImGroup -Connection $teams -Mailbox r25@contoso.com -DisplayName 'Launch'
            $null = Add-ImContactToGroup -Connection $teams -Mailbox r25@contoso.com -ImAddress new@contoso.com -GroupName Launch -CreateContact
            $null = Add-ImContactToGroup -Connection $teams -Mailbox r30@contoso.com -ImAddress c1@contoso.com -GroupName Later -CreateGroup
            Remove-ImContactFromGroup -Connection $teams -Mailbox r30@contoso.com -ImAddress c1@contoso.com -GroupName Team -NoBackup

            $expected = @(
                'r21@contoso.com Reference DistributionGroup Sales <sales@contoso.com>'
                'r22@contoso.com Reference Contact  c2@contoso.com'
                'r25@contoso.com Difference Group Launch'
                'r25@contoso.com Difference Contact  new@contoso.com'
                'r30@contoso.com Difference Group Later'
                'r30@contoso.com Reference Membership Team c1@contoso.com'
                'r30@contoso.com Difference Membership Later c1@contoso.com'
            )
            $live = Compare-ImContactList -Connection $teams -ReferencePath $before
            ($live | ForEach-Object { "$_" }) | Should -Be $expected

            $after = Join-Path $TestDrive 'after'
            $mailboxes | Export-ImContactList -Connection $teams -Path "$after/"
            $csv = Join-Path $TestDrive 'what-changed.csv'
            Compare-ImContactList $before $after | Export-Csv $csv -NoTypeInformation
            (Import-Csv $csv | ForEach-Object { "$($_.Mailbox) $($_.Side) $($_.Kind) $($_.Group) $($_.Contact)".TrimEnd() }) | Should -Be $expected
            Compare-ImContactList $after $after | Should -BeNullOrEmpty
        }
    }

    Describe 'Requests in flight: in all and per mailbox' {
        BeforeAll {
            # One mailbox, m0, with 60 contacts in Everyone; each request takes 200 ms, so every slot the client allows fills.
            $script:budgetSim = Start-Simulator @('--empty', '--bulk', '1,60', '--latency-ms', '200')
            $script:budget = Connect-ImService -Url $budgetSim.Url -Credential $credential -PassThru
            function Get-Stat([string] $Name) { [int](((Invoke-RestMethod ([uri]::new([uri]$budgetSim.Url, '/stats'))) -split ' ' | Where-Object { $_ -like "$Name=*" }) -replace "$Name=") }
        }

        AfterAll {
            if ($budgetSim -and -not $budgetSim.Process.HasExited) { $budgetSim.Process.Kill() }
        }

        It 'keeps a CSV whose rows all name one mailbox within its budget of 27 at -ThrottleLimit 128' {
            # Each row its own contact into its own new group, so nothing but the budget keeps them apart; the first row is
            # a membership the list has.
            $csv = Join-Path $TestDrive 'one-mailbox.csv'
            @('Mailbox,ImAddress,GroupName', 'm0@contoso.com,c0@contoso.com,Everyone') + (1..59 | ForEach-Object { "m0@contoso.com,c$_@contoso.com,Team $_" }) | Set-Content $csv
            $results = Join-Path $TestDrive 'one-mailbox-results.csv'
            Import-Csv $csv | Add-ImContactToGroup -Connection $budget -CreateGroup -ThrottleLimit 128 -PassThru -WarningAction SilentlyContinue |
                Export-Csv $results -NoTypeInformation

            $rows = Import-Csv $results
            $rows.Count | Should -Be 60
            ($rows | Group-Object Status | Sort-Object Name | ForEach-Object { "$($_.Name) $($_.Count)" }) | Should -Be @('Added 59', 'AlreadyMember 1')
            Get-Stat 'maxInFlightPerMailbox' | Should -Be 27
            Get-Stat 'maxInFlight' | Should -Be 27
        }

        It 'refuses limits out of range, naming the parameter and the value' {
            { Add-ImContactToGroup -Connection $budget -ImAddress c1@contoso.com -GroupName Everyone -ThrottleLimit 300 -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*'ThrottleLimit'*300*"
            { Import-Csv (Join-Path $TestDrive 'one-mailbox.csv') | Add-ImContactToGroup -Connection $budget -MailboxThrottleLimit 50 -ErrorAction Stop } |
                Should -Throw -ExpectedMessage "*'MailboxThrottleLimit'*50*"
        }
    }

    Describe 'Bulk pipelines with injected faults' {
        BeforeAll {
            # A simulator of its own: 20 mailboxes with 20 contacts each in group Everyone and an empty group Colleagues, a
            # small latency, and about 5% of answers turned into ErrorServerBusy, HTTP 503 or a dropped connection.
            $script:bulkSim = Start-Simulator @('--empty', '--bulk', '20,20', '--latency-ms', '5', '--server-busy-rate', '0.02', '--http503-rate', '0.01', '--drop-rate', '0.02')
            $script:bulk = Connect-ImService -Url $bulkSim.Url -Credential $credential -PassThru
        }

        AfterAll {
            if ($bulkSim -and -not $bulkSim.Process.HasExited) { $bulkSim.Process.Kill() }
        }

        It 'gives one outcome per row, in input order, and makes every membership once' {
            $rows = foreach ($m in 10..19) { foreach ($c in 0..19) { [pscustomobject]@{ Mailbox = "m$m@contoso.com"; ImAddress = "c$c@contoso.com"; GroupName = 'Colleagues' } } }
            $results = $rows | Add-ImContactToGroup -Connection $bulk -ThrottleLimit 8 -PassThru
            $results.Count | Should -Be 200
            $results.Status | Sort-Object -Unique | Should -Be 'Added'
            ($results | ForEach-Object { "$($_.Mailbox) $($_.ImAddress -replace '^sip:')" }) | Should -Be ($rows | ForEach-Object { "$($_.Mailbox) $($_.ImAddress)" })
            foreach ($m in 10..19) {
                $group = (Get-ImItemList -Connection $bulk -Mailbox "m$m@contoso.com").Groups | Where-Object DisplayName -EQ 'Colleagues'
                @($group.MemberContactIds.Id).Count | Should -Be 20
                @($group.MemberContactIds.Id | Sort-Object -Unique).Count | Should -Be 20
            }
        }

        It 'reports Skipped rows under -WhatIf and Failed rows with their cause' {
            $row = [pscustomobject]@{ Mailbox = 'm0@contoso.com'; ImAddress = 'c0@contoso.com'; GroupName = 'Colleagues' }
            ($row | Add-ImContactToGroup -Connection $bulk -WhatIf -PassThru).Status | Should -Be 'Skipped'
            $failed = [pscustomobject]@{ Mailbox = 'm0@contoso.com'; ImAddress = 'nobody@contoso.com'; GroupName = 'Colleagues' } |
                Add-ImContactToGroup -Connection $bulk -PassThru -ErrorAction SilentlyContinue
            $failed.Status | Should -Be 'Failed'
            $failed.ResponseCode | Should -BeLike 'ImContactNotFound*'
        }

        It 'processes rows strictly one after the other with -ThrottleLimit 1' {
            $rows = foreach ($c in 0..4) { [pscustomobject]@{ Mailbox = 'm1@contoso.com'; ImAddress = "c$c@contoso.com"; GroupName = 'Colleagues' } }
            $rows | Add-ImContactToGroup -Connection $bulk | Out-Null
            $log = [System.Collections.Generic.List[string]]::new()
            $rows | ForEach-Object { $log.Add("in $($_.ImAddress)"); $_ } |
                Remove-ImContactFromGroup -Connection $bulk -ThrottleLimit 1 -PassThru | ForEach-Object { $log.Add("out $($_.ImAddress -replace '^sip:') $($_.Status)") }
            $log | Should -Be ($rows | ForEach-Object { "in $($_.ImAddress)"; "out $($_.ImAddress) Removed" })
        }
    }

    Describe 'Bad input, broken servers and diagnostics' {
        It 'keeps XML-special characters in names intact' {
            $group = New-ImGroup -DisplayName 'R&D <EMEA>' -Mailbox m11@contoso.com
            $group.DisplayName | Should -BeExactly 'R&D <EMEA>'
            (Get-ImItemList -Mailbox m11@contoso.com).Groups.DisplayName | Should -Contain 'R&D <EMEA>'
        }

        It 'fails each bad row naming parameter and value, before sending anything' {
            $ana = 'ana@contoso.com'
            $rows = @(
                [pscustomobject]@{ Mailbox = $ana; ContactId = 'not base64!'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = $ana; ContactId = ('QUJD' * 1250); GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = 'ana at contoso'; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = $null; ImAddress = 'sip:kim@contoso.com'; GroupName = 'Project X' }
                [pscustomobject]@{ Mailbox = $ana; ImAddress = 'sip:kim@contoso.com'; GroupName = $null }
                [pscustomobject]@{ Mailbox = $ana; ImAddress = 'sip:new@contoso.com'; GroupName = 'Project X'; DisplayName = "New`aPerson" }
            )
            $results = $rows | Add-ImContactToGroup -CreateContact -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
            $failures.FullyQualifiedErrorId | ForEach-Object { $_.Split(',')[0] } |
                Should -Be @('InvalidContactId', 'InvalidContactId', 'InvalidMailbox', 'InvalidMailbox', 'InvalidGroupName', 'InvalidDisplayName')
            $failures[0].Exception.Message | Should -BeLike "*-ContactId 'not base64!' is not an EWS id*"
            $results.Status | Should -Be @('Failed', 'Failed', 'Failed', 'Failed', 'Failed', 'Failed')
        }

        It 'refuses names the server could not store' {
            { New-ImGroup -DisplayName "Bad`0Name" -Mailbox m12@contoso.com -ErrorAction Stop } | Should -Throw -ExpectedMessage "*U+0000*"
            { New-ImGroup -DisplayName ('x' * 300) -Mailbox m12@contoso.com -ErrorAction Stop } | Should -Throw -ExpectedMessage '*300 characters long*'
        }

        It 'shows server version, duration and client-request-id with -Verbose, and the SOAP exchange with -Debug' {
            $verbose = Get-ImItemList -Mailbox m13@contoso.com -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
            ($verbose.Message -match 'NoError in \d+ ms \(server 15\.0\..*client-request-id ') | Should -Not -BeNullOrEmpty
            $debugLines = Get-ImItemList -Mailbox m13@contoso.com -Debug 5>&1 4>$null | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
            $debugLines[0].Message | Should -BeLike '*client-request-id: *<m:GetImItemList*'
        }

        It 'writes a trace file without any secret' {
            $trace = Join-Path $TestDrive 'trace.log'
            $traced = Connect-ImService -Url $url -Credential $credential -TraceFile $trace -PassThru
            Get-ImItemList -Mailbox m13@contoso.com -Connection $traced | Out-Null
            Disconnect-ImService $traced
            $text = Get-Content $trace -Raw
            $text | Should -BeLike '*Authorization: Basic `[redacted`]*'
            $text | Should -Not -BeLike '*Sim-Admin-Pass1*'
            $text | Should -Not -BeLike "*$([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('admin@contoso.com:Sim-Admin-Pass1')))*"
        }

        It 'warns on every connect that skips the certificate check' {
            $warnings = 1..2 | ForEach-Object { Connect-ImService -Url $url -Credential $credential -SkipCertificateCheck 3>&1 }
            @($warnings | Where-Object { $_ -like '*is not validated*' }).Count | Should -Be 2
        }
    }

    Describe 'Sign-in isolation (fresh child processes of this PowerShell)' {
        BeforeAll {
            $otherMsal = Get-ChildItem (Join-Path $root 'tests/ImContacts.PowerShellHost/bin') -Recurse -Directory -Filter other-msal | Select-Object -First 1
            if (-not $otherMsal) { throw 'No other-msal folder: build tests/ImContacts.PowerShellHost first (./build.ps1 does).' }
            $script:loadOther = @"
`$null = [System.Reflection.Assembly]::LoadFrom('$(Join-Path $otherMsal.FullName 'Microsoft.IdentityModel.Abstractions.dll')')
`$null = [System.Reflection.Assembly]::LoadFrom('$(Join-Path $otherMsal.FullName 'Microsoft.Identity.Client.dll')')
'other ' + [Microsoft.Identity.Client.PublicClientApplicationBuilder].Assembly.GetName().Version
"@
            $script:useOurs = @"
`$env:IDENTITY_ENDPOINT = '$(([uri]::new([uri]$url, '/msi/token')).AbsoluteUri)'
`$env:IDENTITY_HEADER = 'sim-identity-header'
Import-Module '$manifest' -ErrorAction Stop
Connect-ImService -ManagedIdentity -Url '$url' -ErrorAction Stop
'groups ' + (Get-ImItemList -Mailbox m14@contoso.com).Groups.Count
"@
        }

        It 'signs in when another MSAL version was loaded first' {
            $result = Invoke-ChildPowerShell ($loadOther + "`n" + $useOurs)
            $result.Lines | Should -Be @('other 4.61.3.0', 'groups 5')
            $result.ExitCode | Should -Be 0
        }

        It 'keeps working when another MSAL version loads afterwards' {
            $result = Invoke-ChildPowerShell ($useOurs + "`n" + $loadOther + "`n" + $useOurs)
            $result.Lines | Should -Be @('groups 5', 'other 4.61.3.0', 'groups 5')
            $result.ExitCode | Should -Be 0
        }
    }
}
