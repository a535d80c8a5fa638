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

    It 'has help with a synopsis and an example for <_>' -ForEach @('Connect-ImService', 'Disconnect-ImService', 'Get-ImItemList', 'Get-ImItem', 'Add-ImContactToGroup') {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeLike "$_*"
        @($help.Examples.Example).Count | Should -BeGreaterThan 0
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

    It 'sends nothing with -WhatIf' {
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
