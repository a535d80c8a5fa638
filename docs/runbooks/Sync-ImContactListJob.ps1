<#
.SYNOPSIS
    A scheduled job that makes IM lists as a desired-state CSV says: one part of the mailboxes per job, a report of
    every change, and the run's before-images kept where the job says.
.DESCRIPTION
    For Azure Automation, a scheduled task or any runbook host with the ImContacts module installed. The job signs in
    app-only, with a certificate from the certificate store or the host's managed identity (Exchange Online, where the
    tenant has allowed this application to use EWS), or with -Connection from the caller (on-premises, a test). It
    never prompts: -Confirm:$false is given, and -MaxRemovals (500 unless the job says otherwise) stops a wrong file
    before it empties lists.

    It writes <ReportFolder>\<yyyyMMdd-HHmmss>-part-<k>-of-<n>.csv (one row per change and a Summary per mailbox) and
    ends in an error, so that the host marks the job failed, when any mailbox failed or removals were held back. Undo
    a run with the line it writes at the end: Import-ImContactList -Path <its backup folder> -Mirror.
.EXAMPLE
    # Four jobs on a schedule, each with its part of one HR file:
    .\Sync-ImContactListJob.ps1 -Path \\files\hr\im-lists.csv -Partition 2/4 -ReportFolder \\files\im\reports -BackupPath \\files\im\backups `
        -ClientId 3f0c... -TenantId contoso.onmicrosoft.com -CertificateThumbprint 4A1B...
.EXAMPLE
    # Azure Automation with the account's managed identity:
    .\Sync-ImContactListJob.ps1 -Path C:\Temp\im-lists.csv -ReportFolder C:\Temp\reports -ManagedIdentity -Mirror
#>
[CmdletBinding(DefaultParameterSetName = 'Certificate')]
param(
    # The desired state: Mailbox,GroupName,ImAddress[,DisplayName].
    [Parameter(Mandatory)]
    [string] $Path,

    # This job's part of the mailboxes, k/n: n jobs with the same file share the work, each mailbox in exactly one part.
    [ValidatePattern('^\d+/\d+$')]
    [string] $Partition = '1/1',

    [Parameter(Mandatory)]
    [string] $ReportFolder,

    # Where the run's before-images go (a folder per run is made inside it); by default the host's local data folder.
    [string] $BackupPath,

    # Also remove what the file does not list, from every user group (-Mirror -AllGroups).
    [switch] $Mirror,

    [ValidateRange(1, [int]::MaxValue)]
    [int] $MaxRemovals = 500,

    [string] $Url = 'https://outlook.office365.com/EWS/Exchange.asmx',

    [Parameter(Mandatory, ParameterSetName = 'Certificate')]
    [Parameter(ParameterSetName = 'ManagedIdentity')]
    [string] $ClientId,

    [Parameter(Mandatory, ParameterSetName = 'Certificate')]
    [string] $TenantId,

    [Parameter(Mandatory, ParameterSetName = 'Certificate')]
    [string] $CertificateThumbprint,

    [Parameter(Mandatory, ParameterSetName = 'ManagedIdentity')]
    [switch] $ManagedIdentity,

    # A connection made by the caller (Connect-ImService -PassThru): on-premises sign-in, or a test.
    [Parameter(Mandatory, ParameterSetName = 'Connection')]
    [object] $Connection
)

$ErrorActionPreference = 'Stop'
Import-Module ImContacts

if ($PSCmdlet.ParameterSetName -ne 'Connection') {
    $signIn = @{ Url = $Url; PassThru = $true }
    if ($ManagedIdentity) { $signIn.ManagedIdentity = $true; if ($ClientId) { $signIn.ClientId = $ClientId } }
    else { $signIn += @{ ClientId = $ClientId; TenantId = $TenantId; CertificateThumbprint = $CertificateThumbprint } }
    $Connection = Connect-ImService @signIn
}

$null = New-Item -ItemType Directory -Path $ReportFolder -Force
$part = $Partition -replace '/', '-of-'
$report = Join-Path $ReportFolder ('{0:yyyyMMdd-HHmmss}-part-{1}.csv' -f [DateTime]::UtcNow, $part)
$sync = @{ Connection = $Connection; Path = $Path; Partition = $Partition; MaxRemovals = $MaxRemovals; PassThru = $true; Confirm = $false }
if ($Mirror) { $sync.Mirror = $true; $sync.AllGroups = $true }
if ($BackupPath) { $sync.BackupPath = $BackupPath }

# Each row's error goes to the error stream as it comes (the host keeps it); the report keeps every outcome.
$failures = [System.Collections.Generic.List[object]]::new()
$ended = $null
try {
    Sync-ImContactList @sync -ErrorAction Continue -ErrorVariable +failures | Export-Csv -Path $report -NoTypeInformation
}
catch {
    # -MaxRemovals held removals back: the additions are made and the report is complete; the job fails below.
    $ended = $_
}
finally {
    if ($PSCmdlet.ParameterSetName -ne 'Connection') { Disconnect-ImService -Connection $Connection }
}

$rows = @(Import-Csv $report)
$summaries = @($rows | Where-Object Action -eq Summary)
$failed = @($summaries | Where-Object Status -eq Failed)
$backup = @($rows | Where-Object BackupFile | Select-Object -First 1 | ForEach-Object { Split-Path $_.BackupFile -Parent })
"Part $Partition of $Path`: $($summaries.Count) mailbox(es), $(@($summaries | Where-Object Status -eq Done).Count) changed, $($failed.Count) failed; report $report"
if ($backup) { "Before-images in $($backup[0]); to undo this run: Import-ImContactList -Path '$($backup[0])' -Mirror" }
if ($ended) { throw $ended }
if ($failed.Count -gt 0 -or $failures.Count -gt 0) {
    throw "$($failed.Count) mailbox(es) and $($failures.Count) row(s) failed: see $report and the job's error stream."
}
