#
# Module manifest for MoaiPatterns.
# The source manifest: the build copies it to out/MoaiPatterns/ and stamps ModuleVersion from
# Directory.Build.props (the one place the version lives). Edit everything else here.
#
@{
    RootModule           = 'MoaiPatterns.dll'
    ModuleVersion        = '0.0.0'
    GUID                 = '5a205815-a795-4fe9-9158-4a3f3cc78a6a'
    Author               = 'MoaiPatterns contributors'
    CompanyName          = 'MoaiPatterns contributors'
    Copyright            = '(c) MoaiPatterns contributors. MIT License.'
    Description          = 'Stores, queries and maintains the patterns AI coding agents leave behind (task completions, errors, agent usage, user corrections) in a filesystem or SQLite store.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')

    # Public types live here; it must be in the default load context before the cmdlet assembly is analysed
    # so that scripts can name [MoaiPatterns.MoaiPattern] and [MoaiPatterns.PatternType].
    RequiredAssemblies   = @('MoaiPatterns.Core.dll')

    FormatsToProcess     = @('MoaiPatterns.format.ps1xml')
    TypesToProcess       = @('MoaiPatterns.types.ps1xml')

    CmdletsToExport      = @(
        'New-MoaiPattern'
        'Test-MoaiPattern'
        'Save-MoaiPattern'
        'Get-MoaiPattern'
        'Find-MoaiPattern'
        'Watch-MoaiPattern'
        'Remove-MoaiPattern'
        'Remove-MoaiPatternOld'
        'Compress-MoaiPatternStore'
        'Group-MoaiError'
        'Find-MoaiResolution'
        'Open-MoaiPatternStore'
        'Get-MoaiPatternStore'
        'Repair-MoaiPatternStore'
        'Export-MoaiPattern'
        'Import-MoaiPattern'
        'Measure-MoaiPattern'
        'Measure-MoaiPatternTrend'
        'Find-MoaiAnomaly'
        'Export-MoaiPatternReport'
    )
    FunctionsToExport    = @()
    AliasesToExport      = @()
    VariablesToExport    = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('AI', 'Agents', 'Patterns', 'SQLite', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/moai-patterns/MoaiPatterns'
            LicenseUri   = 'https://github.com/moai-patterns/MoaiPatterns/blob/main/LICENSE'
            ReleaseNotes = 'First release: schema and validation, filesystem and SQLite stores, 11 cmdlets with views, help and completers.'
        }
    }
}
