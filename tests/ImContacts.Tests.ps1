# Pester 5 tests for people with pwsh: `./build.ps1 -Test`, or `Invoke-Pester ./tests` after `dotnet build`.
# They mirror the xunit engine suite (tests/ImContacts.Tests), which is the authoritative one.
BeforeAll {
    $root = Split-Path $PSScriptRoot -Parent
    $manifest = if ($env:IMCONTACTS_MODULE) { $env:IMCONTACTS_MODULE } else { Join-Path $root 'ImContacts.psd1' }
    Import-Module $manifest -Force

    $simulatorDll = Get-ChildItem (Join-Path $root 'tests/ImContacts.Simulator/bin') -Recurse -Filter ImContacts.Simulator.dll |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $simulatorDll) { throw 'Build first: dotnet build ImContacts.sln' }
    $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', "`"$($simulatorDll.FullName)`" --port 0")
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $script:simulator = [System.Diagnostics.Process]::Start($start)
    $script:url = [regex]::Match($simulator.StandardOutput.ReadLine(), 'http://\S+').Value
    $script:credential = [pscredential]::new('admin@contoso.com', (ConvertTo-SecureString 'Sim-Admin-Pass1' -AsPlainText -Force))
}

AfterAll {
    Disconnect-ImService
    if ($simulator -and -not $simulator.HasExited) { $simulator.Kill() }
}

Describe 'ImContacts module' {
    It 'has a valid manifest with an explicit export list' {
        $info = Test-ModuleManifest (Join-Path (Split-Path $PSScriptRoot -Parent) 'ImContacts.psd1')
        $info.CompatiblePSEditions | Should -Be @('Core', 'Desktop')
        $info.ExportedCmdlets.Keys | Should -Contain 'Add-ImContactToGroup'
    }

    It 'exports the thirteen cmdlets' {
        (Get-Command -Module ImContacts).Count | Should -Be 13
    }

    It 'has help with a synopsis, two examples and every parameter for <_>' -ForEach @(
        'Connect-ImService', 'Disconnect-ImService', 'Get-ImItemList', 'Get-ImItem', 'Add-ImContactToGroup', 'Remove-ImContactFromGroup',
        'New-ImContact', 'Remove-ImContact', 'New-ImGroup', 'Rename-ImGroup', 'Remove-ImGroup', 'Add-ImDistributionGroup', 'Remove-ImDistributionGroup') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeLike "$_*"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        foreach ($parameter in (Get-Command $_).Parameters.Values | Where-Object { -not $_.Attributes.DontShow -and $_.Name -notin $common }) {
            (Get-Help $_ -Parameter $parameter.Name).Description.Text | Should -Not -BeNullOrEmpty -Because "-$($parameter.Name) needs help"
        }
    }

    It 'has the about_ImContacts topic' {
        Get-Help about_ImContacts | Out-String | Should -Match 'NAMES INSTEAD OF IDS'
    }

    It 'needs -Mailbox for -Autodiscover' {
        { Connect-ImService -Autodiscover -Credential $credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidAutodiscover,ImContacts.Commands.ConnectImServiceCommand'
    }

    It 'has one parameter set per sign-in flow' {
        (Get-Command Connect-ImService).ParameterSets.Name | Sort-Object |
            Should -Be @('AccessToken', 'Certificate', 'CertificatePath', 'CertificateThumbprint', 'ClientSecret', 'Credential',
                'DefaultCredentials', 'DeviceCode', 'Interactive', 'ManagedIdentity')
    }

    It 'refuses a client secret given as plain text' {
        { Connect-ImService -ClientId app -TenantId contoso.onmicrosoft.com -ClientSecret 'Plain-Text-1' -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*SecureString*'
    }

    It 'loads no MSAL on import' {
        [AppDomain]::CurrentDomain.GetAssemblies().Where({ $_.GetName().Name -eq 'Microsoft.Identity.Client' -and $_.GetName().Version -eq '4.92.0.0' }) |
            Should -BeNullOrEmpty
    }

    It 'refuses plain http to another host' {
        { Connect-ImService -Url http://mail.contoso.com/EWS/Exchange.asmx -Credential $credential -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidUrl,ImContacts.Commands.ConnectImServiceCommand'
    }
}

Describe 'Against the simulator' {
    BeforeAll {
        Connect-ImService -Url $url -Credential $credential
        $script:list = Get-ImItemList -Mailbox ana@contoso.com
        $script:group = $list.Groups | Where-Object DisplayName -eq 'Project X'
        $script:others = $list.Personas | Where-Object { $group.MemberContactIds -notcontains $_.ContactId }
    }

    It 'changes nothing with -WhatIf' {
        $others | Add-ImContactToGroup -GroupId $group -WhatIf
        (Get-ImItem -GroupId $group -Mailbox ana@contoso.com).Groups[0].MemberContactIds.Count | Should -Be 1
    }

    It 'adds CSV rows and reports a bad row without stopping the rest' {
        $rows = @(
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $others[0].ContactId.Id; GroupId = $group.GroupId.Id }
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $group.GroupId.Id; GroupId = $group.GroupId.Id }
            [pscustomobject]@{ Mailbox = 'ana@contoso.com'; ContactId = $others[1].ContactId.Id; GroupId = $group.GroupId.Id }
        )
        $results = $rows | Add-ImContactToGroup -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        $results.Count | Should -Be 2
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ErrorInvalidImContactId,*'
        $failures[0].TargetObject | Should -Be $rows[1]
    }

    It "reads a group's personas" {
        $item = Get-ImItem -GroupId $group -Mailbox ana@contoso.com -IncludeMembers
        $item.Groups[0].DisplayName | Should -Be 'Project X'
        ($item | Select-Object -ExpandProperty Personas).Count | Should -Be 3
    }
}

Describe 'Names instead of ids, and re-runs' {
    BeforeAll {
        Connect-ImService -Url $url -Credential $credential
        $script:rows = @(
            [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'sip:kim@contoso.com'; DisplayName = 'Kim Akers'; GroupName = 'Launch' }
            [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'lee@contoso.com'; DisplayName = 'Lee Gu'; GroupName = 'Launch' }
            [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'sam@fabrikam.com'; DisplayName = 'Sam Taylor'; GroupName = 'Launch' }
        )
    }

    It 'creates a group and fills it from CSV-shaped rows' {
        New-ImGroup -Mailbox ben@contoso.com -DisplayName 'Launch' | ForEach-Object GroupType | Should -Be 'IPM.DistList.MOC.UserGroup'
        ($rows | Add-ImContactToGroup -CreateContact -PassThru).Status | Should -Be @('Created', 'Created', 'Created')
        (Get-ImItem -Mailbox ben@contoso.com -GroupName 'launch' -IncludeMembers).Personas.DisplayName | Should -Be @('Kim Akers', 'Lee Gu', 'Sam Taylor')
    }

    It 'reports rows already done as warnings on a re-run' {
        $again = $rows | Add-ImContactToGroup -CreateContact -PassThru -WarningVariable done -WarningAction SilentlyContinue -ErrorVariable failed
        $again.Status | Should -Be @('AlreadyMember', 'AlreadyMember', 'AlreadyMember')
        $done.Count | Should -Be 3
        $failed.Count | Should -Be 0
    }

    It 'fails an unknown group name for its row only' {
        $bad = [pscustomobject]@{ Mailbox = 'ben@contoso.com'; ImAddress = 'kim@contoso.com'; GroupName = 'Lunch' }
        $bad | Add-ImContactToGroup -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ImGroupNotFound,*'
        $failed[0].TargetObject | Should -Be $bad
    }

    It 'renames and removes the group by name' {
        Rename-ImGroup -Mailbox ben@contoso.com -GroupName 'Launch' -NewName 'Launch (done)' -PassThru | ForEach-Object DisplayName | Should -Be 'Launch (done)'
        (Remove-ImGroup -Mailbox ben@contoso.com -GroupName 'Launch (done)' -Confirm:$false -PassThru).Status | Should -Be 'Removed'
        (Get-ImItemList -Mailbox ben@contoso.com).Personas.Count | Should -Be 0
    }

    It 'adds and removes a distribution group, and a second removal is a warning' {
        Add-ImDistributionGroup -Mailbox ben@contoso.com -SmtpAddress sales@contoso.com | ForEach-Object DisplayName | Should -Be 'sales@contoso.com'
        (Remove-ImDistributionGroup -Mailbox ben@contoso.com -SmtpAddress sales@contoso.com -PassThru).Status | Should -Be 'Removed'
        (Remove-ImDistributionGroup -Mailbox ben@contoso.com -SmtpAddress sales@contoso.com -PassThru -WarningAction SilentlyContinue).Status | Should -Be 'NotFound'
    }
}

Describe 'Bulk pipelines with injected faults' {
    BeforeAll {
        # A second simulator: 20 mailboxes with 20 contacts each in group Everyone and an empty group Colleagues, a small
        # latency, and about 5% of answers turned into ErrorServerBusy, HTTP 503 or a dropped connection.
        $dll = Get-ChildItem (Join-Path (Split-Path $PSScriptRoot -Parent) 'tests/ImContacts.Simulator/bin') -Recurse -Filter ImContacts.Simulator.dll |
            Sort-Object LastWriteTime -Descending | Select-Object -First 1
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet', "`"$($dll.FullName)`" --port 0 --empty --bulk 20,20 --latency-ms 5 --server-busy-rate 0.02 --http503-rate 0.01 --drop-rate 0.02")
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $script:bulkSimulator = [System.Diagnostics.Process]::Start($start)
        $script:bulkUrl = [regex]::Match($bulkSimulator.StandardOutput.ReadLine(), 'http://\S+').Value
        $script:bulk = Connect-ImService -Url $bulkUrl -Credential $credential -PassThru
        $script:rows = foreach ($m in 0..19) { foreach ($c in 0..19) { [pscustomobject]@{ Mailbox = "m$m@contoso.com"; ImAddress = "c$c@contoso.com"; GroupName = 'Colleagues' } } }
    }

    AfterAll {
        if ($bulkSimulator -and -not $bulkSimulator.HasExited) { $bulkSimulator.Kill() }
    }

    It 'gives one outcome per row, in input order, and makes every membership once' {
        $results = $rows | Add-ImContactToGroup -Connection $bulk -ThrottleLimit 8 -PassThru
        $results.Count | Should -Be 400
        $results.Status | Sort-Object -Unique | Should -Be 'Added'
        ($results | ForEach-Object { "$($_.Mailbox) $($_.ImAddress -replace '^sip:')" }) | Should -Be ($rows | ForEach-Object { "$($_.Mailbox) $($_.ImAddress)" })
        foreach ($m in 0..19) {
            $group = (Get-ImItemList -Connection $bulk -Mailbox "m$m@contoso.com").Groups | Where-Object DisplayName -EQ 'Colleagues'
            @($group.MemberContactIds.Id | Sort-Object -Unique).Count | Should -Be 20
        }
    }

    It 'reports Skipped rows under -WhatIf and Failed rows with their cause' {
        $skipped = $rows[0] | Add-ImContactToGroup -Connection $bulk -WhatIf -PassThru
        $skipped.Status | Should -Be 'Skipped'
        $failed = [pscustomobject]@{ Mailbox = 'm0@contoso.com'; ImAddress = 'nobody@contoso.com'; GroupName = 'Colleagues' } |
            Add-ImContactToGroup -Connection $bulk -PassThru -ErrorAction SilentlyContinue
        $failed.Status | Should -Be 'Failed'
        $failed.ResponseCode | Should -BeLike 'ImContactNotFound*'
    }

    It 'processes rows strictly one after the other with -ThrottleLimit 1' {
        $log = [System.Collections.Generic.List[string]]::new()
        $rows[0..4] | ForEach-Object { $log.Add("in $($_.ImAddress)"); $_ } |
            Remove-ImContactFromGroup -Connection $bulk -ThrottleLimit 1 -PassThru | ForEach-Object { $log.Add("out $($_.ImAddress -replace '^sip:')") }
        $log | Should -Be ($rows[0..4] | ForEach-Object { "in $($_.ImAddress)"; "out $($_.ImAddress)" })
    }
}

Describe 'Bad input, broken servers and diagnostics' {
    BeforeAll {
        Connect-ImService -Url $url -Credential $credential
        $script:ana = 'ana@contoso.com'
    }

    It 'keeps XML-special characters in names intact' {
        $group = New-ImGroup -DisplayName 'R&D <EMEA>' -Mailbox $ana
        $group.DisplayName | Should -BeExactly 'R&D <EMEA>'
        (Get-ImItemList -Mailbox $ana).Groups.DisplayName | Should -Contain 'R&D <EMEA>'
        Remove-ImGroup -GroupId $group.GroupId -Mailbox $ana -Confirm:$false
    }

    It 'fails each bad row naming parameter and value, before sending anything' {
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
        { New-ImGroup -DisplayName "Bad`0Name" -Mailbox $ana -ErrorAction Stop } | Should -Throw -ExpectedMessage "*U+0000*"
        { New-ImGroup -DisplayName ('x' * 300) -Mailbox $ana -ErrorAction Stop } | Should -Throw -ExpectedMessage '*300 characters long*'
    }

    It 'shows server version, duration and client-request-id with -Verbose, and the SOAP exchange with -Debug' {
        $verbose = Get-ImItemList -Mailbox $ana -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }
        ($verbose.Message -match 'NoError in \d+ ms \(server 15\.0\..*client-request-id ') | Should -Not -BeNullOrEmpty
        $debugLines = Get-ImItemList -Mailbox $ana -Debug 5>&1 | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }
        $debugLines[0].Message | Should -BeLike '*client-request-id: *<m:GetImItemList*'
    }

    It 'writes a trace file without any secret' {
        $trace = Join-Path ([System.IO.Path]::GetTempPath()) "imcontacts-$([guid]::NewGuid()).log"
        Connect-ImService -Url $url -Credential $credential -TraceFile $trace
        Get-ImItemList -Mailbox $ana | Out-Null
        Disconnect-ImService
        $text = Get-Content $trace -Raw
        $text | Should -BeLike '*Authorization: Basic `[redacted`]*'
        $text | Should -Not -BeLike '*Sim-Admin-Pass1*'
        $text | Should -Not -BeLike "*$([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('admin@contoso.com:Sim-Admin-Pass1')))*"
        Remove-Item $trace
        Connect-ImService -Url $url -Credential $credential
    }

    It 'warns on every connect that skips the certificate check' {
        $warnings = 1..2 | ForEach-Object { Connect-ImService -Url $url -Credential $credential -SkipCertificateCheck 3>&1 }
        @($warnings | Where-Object { $_ -like '*is not validated*' }).Count | Should -Be 2
    }

    It 'refuses plain http to another host' {
        { Connect-ImService -Url http://mail.contoso.com/EWS/Exchange.asmx -Credential $credential -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*plain http*-AllowUnencryptedAuthentication*'
    }
}

Describe 'Sign-in isolation (fresh processes)' {
    BeforeAll {
        $host7 = (Get-Process -Id $PID).Path
        $otherMsal = Get-ChildItem (Join-Path $root 'tests/ImContacts.PowerShellHost/bin') -Recurse -Directory -Filter other-msal |
            Select-Object -First 1
        $env:OTHER_MSAL = $otherMsal.FullName
        $env:IMCONTACTS_PSD1 = $manifest
        $env:SIM_URL = $url
        $env:IDENTITY_ENDPOINT = ([uri]::new([uri]$url, '/msi/token')).AbsoluteUri
        $env:IDENTITY_HEADER = 'sim-identity-header'
        $loadOther = @'
$null = [System.Reflection.Assembly]::LoadFrom((Join-Path $env:OTHER_MSAL 'Microsoft.IdentityModel.Abstractions.dll'))
$null = [System.Reflection.Assembly]::LoadFrom((Join-Path $env:OTHER_MSAL 'Microsoft.Identity.Client.dll'))
'other ' + [Microsoft.Identity.Client.PublicClientApplicationBuilder].Assembly.GetName().Version
'@
        $useOurs = @'
Import-Module $env:IMCONTACTS_PSD1 -ErrorAction Stop
Connect-ImService -ManagedIdentity -Url $env:SIM_URL -ErrorAction Stop
'groups ' + (Get-ImItemList -Mailbox ana@contoso.com).Groups.Count
'@
    }

    AfterAll {
        'OTHER_MSAL', 'IMCONTACTS_PSD1', 'SIM_URL', 'IDENTITY_ENDPOINT', 'IDENTITY_HEADER' | ForEach-Object { Remove-Item "env:$_" -ErrorAction SilentlyContinue }
    }

    It 'signs in when another MSAL version was loaded first' {
        & $host7 -NoProfile -Command ($loadOther + "`n" + $useOurs) | Should -Be @('other 4.61.3.0', 'groups 3')
    }

    It 'keeps working when another MSAL version loads afterwards' {
        & $host7 -NoProfile -Command ($useOurs + "`n" + $loadOther + "`n" + $useOurs) | Should -Be @('groups 3', 'other 4.61.3.0', 'groups 3')
    }
}
