<#
.SYNOPSIS
    Walks through ImContacts with names only, against a running EWS simulator (or a test server): create a group,
    add three contacts by IM address from CSV-shaped rows, list the group's personas, rename the group, remove it.
.DESCRIPTION
    The README's workflow, as a script. Uses only cmdlets that every PowerShell engine has, so it also runs inside the
    test suite's hosted engine. The default account is the simulator's demo admin; its password is public test data.
#>
param(
    [Parameter(Mandatory)] [uri] $Url,
    [string] $UserName = 'admin@contoso.com',
    [string] $Password = 'Sim-Admin-Pass1',
    [string] $Mailbox = 'ana@contoso.com',
    [string] $GroupName = 'Launch team',
    [string] $ModulePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'ImContacts.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$credential = [pscredential]::new($UserName, [System.Net.NetworkCredential]::new('', $Password).SecurePassword)
Connect-ImService -Url $Url -Credential $credential
try {
    $list = Get-ImItemList -Mailbox $Mailbox
    "$Mailbox has $($list.Groups.Count) groups and $($list.Personas.Count) contacts."

    $group = New-ImGroup -Mailbox $Mailbox -DisplayName $GroupName
    "Created '$($group.DisplayName)'."

    # The rows Import-Csv would give for a file with the columns Mailbox,ImAddress,DisplayName,GroupName.
    $rows = @(
        [pscustomobject]@{ Mailbox = $Mailbox; ImAddress = 'sip:kim@contoso.com'; DisplayName = 'Kim Akers'; GroupName = $GroupName }
        [pscustomobject]@{ Mailbox = $Mailbox; ImAddress = 'lee@contoso.com'; DisplayName = 'Lee Gu'; GroupName = $GroupName }
        [pscustomobject]@{ Mailbox = $Mailbox; ImAddress = 'sam@fabrikam.com'; DisplayName = 'Sam Taylor'; GroupName = $GroupName }
    )
    $rows | Add-ImContactToGroup -CreateContact -PassThru | ForEach-Object { '{0,-8} {1}' -f $_.Status, $_.ImAddress }

    "Members of '$GroupName':"
    (Get-ImItem -Mailbox $Mailbox -GroupName $GroupName -IncludeMembers).Personas |
        ForEach-Object { '  {0} <{1}>' -f $_.DisplayName, $_.ImAddress }

    $renamed = Rename-ImGroup -Mailbox $Mailbox -GroupName $GroupName -NewName "$GroupName (done)" -PassThru
    "Renamed to '$($renamed.DisplayName)'."

    Remove-ImGroup -Mailbox $Mailbox -GroupName $renamed.DisplayName -Confirm:$false -PassThru |
        ForEach-Object { "Removed '$($_.Name)': $($_.Status)" }
    $list = Get-ImItemList -Mailbox $Mailbox
    "$Mailbox has $($list.Groups.Count) groups and $($list.Personas.Count) contacts."
}
finally {
    Disconnect-ImService
}
