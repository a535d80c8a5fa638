<#
.SYNOPSIS
    A CSV-driven change as an admin runs one: put the contacts of docs/demo-contacts.csv into each user's 'Launch team'
    IM group, show the results, write a CSV report, and run the same job again to see that everything is in place.
.DESCRIPTION
    Runs against the EWS simulator that `build.ps1 -Demo` starts (or any test server). The default account is the
    simulator's demo admin, who may impersonate the mailboxes in the CSV; its password is public test data.
.EXAMPLE
    ./docs/demo.ps1 -Url http://127.0.0.1:5000/EWS/Exchange.asmx -ReportPath ./out/demo-report.csv
#>
param(
    [Parameter(Mandatory)] [uri] $Url,
    [string] $UserName = 'admin@contoso.com',
    [string] $Password = 'Sim-Admin-Pass1',
    [string] $CsvPath = [System.IO.Path]::Combine($PSScriptRoot, 'demo-contacts.csv'),
    [string] $ReportPath = [System.IO.Path]::Combine((Get-Location).Path, 'ImContacts-report.csv'),
    [string] $ModulePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'ImContacts.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$credential = [pscredential]::new($UserName, [System.Net.NetworkCredential]::new('', $Password).SecurePassword)
Connect-ImService -Url $Url -Credential $credential
try {
    '== The IM lists before the change'
    Import-Csv $CsvPath | Select-Object Mailbox -Unique | Get-ImItemList | Format-Table

    "== Import-Csv $([System.IO.Path]::GetFileName($CsvPath)) | Add-ImContactToGroup -CreateGroup"
    $results = Import-Csv $CsvPath | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru
    $results | Format-Table
    $results | Select-Object Mailbox, ImAddress, GroupName, Status, ResponseCode | Export-Csv $ReportPath -NoTypeInformation -Encoding utf8
    "Report: $ReportPath ($(@(Import-Csv $ReportPath).Count) rows)"
    ''

    "== Members of 'Launch team' in ana@contoso.com"
    (Get-ImItem -Mailbox ana@contoso.com -GroupName 'Launch team' -IncludeMembers).Personas | Sort-Object DisplayName | Format-Table

    # Each row already done is also a warning; hidden here to keep the table in view.
    '== The same job again: every row is already in place'
    Import-Csv $CsvPath | Add-ImContactToGroup -CreateGroup -CreateContact -PassThru -WarningAction SilentlyContinue | Format-Table

    '== The IM lists after the change'
    Import-Csv $CsvPath | Select-Object Mailbox -Unique | Get-ImItemList | Format-Table
}
finally {
    Disconnect-ImService
}
