<#
.SYNOPSIS
    Walks through ImContacts against a running EWS simulator (or a test server): read a mailbox's IM list,
    add contacts to a group from CSV-shaped rows, read the group's personas.
.DESCRIPTION
    Uses only cmdlets that every PowerShell engine has, so it also runs inside the test suite's hosted engine.
    The default account is the simulator's demo admin; its password is public test data, not a secret.
#>
param(
    [Parameter(Mandatory)] [uri] $Url,
    [string] $UserName = 'admin@contoso.com',
    [string] $Password = 'Sim-Admin-Pass1',
    [string] $Mailbox = 'ana@contoso.com',
    [string] $GroupName = 'Project X',
    [string] $ModulePath = [System.IO.Path]::Combine($PSScriptRoot, '..', 'ImContacts.psd1')
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath

$credential = [pscredential]::new($UserName, [System.Net.NetworkCredential]::new('', $Password).SecurePassword)
Connect-ImService -Url $Url -Credential $credential
try {
    $list = Get-ImItemList -Mailbox $Mailbox
    "$Mailbox has $($list.Groups.Count) groups and $($list.Personas.Count) contacts."

    $group = $list.Groups | Where-Object DisplayName -eq $GroupName
    "'$GroupName' has $($group.MemberContactIds.Count) member(s)."

    # The rows a CSV export would give (Mailbox,ContactId,GroupId): every contact not yet in the group.
    $rows = $list.Personas | Where-Object { $group.MemberContactIds -notcontains $_.ContactId } | ForEach-Object {
        [pscustomobject]@{ Mailbox = $Mailbox; ContactId = $_.ContactId.Id; GroupId = $group.GroupId.Id }
    }
    $rows | Add-ImContactToGroup -PassThru | ForEach-Object { "Added $($_.ContactId) to '$GroupName': $($_.Status)" }

    "Members of '$GroupName' now:"
    Get-ImItem -GroupId $group -Mailbox $Mailbox -IncludeMembers |
        ForEach-Object Personas |
        ForEach-Object { '  {0} <{1}>' -f $_.DisplayName, $_.ImAddress }
}
finally {
    Disconnect-ImService
}
