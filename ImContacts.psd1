@{
    # After `dotnet build ImContacts.sln` the module assembly is in bin/ (build.ps1 lays out out/ImContacts with 'ImContacts.dll').
    # Loaded as a nested module so that Get-Help finds en-US/ImContacts.dll-Help.xml beside the assembly.
    NestedModules        = @('bin/ImContacts.dll')
    FormatsToProcess     = @('bin/ImContacts.Format.ps1xml')
    ModuleVersion        = '0.1.0'
    GUID                 = '5c7f3f0e-2b7a-4d36-9a54-2f1c8e7d4b61'
    Author               = 'ImContacts contributors'
    CompanyName          = 'ImContacts'
    Copyright            = '(c) 2026 ImContacts contributors. MIT License (LICENSE, beside this manifest).'
    Description          = 'Manage users'' instant-messaging contact lists (the Exchange Unified Contact Store IM list: IM groups, IM contacts, distribution groups) through Exchange Web Services, on Exchange Server 2013 to SE and Exchange Online.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')
    CmdletsToExport      = @(
        'Connect-ImService'
        'Disconnect-ImService'
        'Get-ImItemList'
        'Get-ImItem'
        'Add-ImContactToGroup'
        'New-ImContact'
        'Remove-ImContactFromGroup'
        'Remove-ImContact'
        'New-ImGroup'
        'Rename-ImGroup'
        'Remove-ImGroup'
        'Add-ImDistributionGroup'
        'Remove-ImDistributionGroup'
        'Sync-ImContactList'
        'Export-ImContactList'
        'Import-ImContactList'
        'Compare-ImContactList'
        'Measure-ImContactList'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Exchange', 'EWS', 'UnifiedContactStore', 'Lync', 'SkypeForBusiness', 'IM', 'Contacts', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            # LicenseUri and ProjectUri wait for the project's public address; the licence text ships in the module folder.
            # build.ps1 writes the first section of CHANGELOG.md here in the laid-out module.
            ReleaseNotes = 'See CHANGELOG.md.'
        }
    }
}
