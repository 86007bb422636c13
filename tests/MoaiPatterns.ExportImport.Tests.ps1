#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for Export-MoaiPattern and Import-MoaiPattern: pattern files (JSON Lines, gzip,
# JSON arrays) written and read by the built module from out/MoaiPatterns, against real stores
# of both backends under $TestDrive.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop

    # The seed's JSON as stored: non-ASCII text, unknown fields at every level, offsets and
    # timestamp forms ("Z", "+05:30", microseconds), a float written as 50.0.
    $script:SourceJson = @(
        '{"pattern_id":"tc-1","pattern_type":"task_completion","timestamp":"2024-05-01T12:00:00.123456+05:30","data":{"task_type":"código","agent":"cöder ✓","duration_ms":2500,"success":true,"coverage_percent":50.0,"extra_field":{"nested":[1,2.5,"ß"]}},"context":{"project_name":"Straße","environment":"staging","tags":["api","日本"],"metadata":{"emoji":"🦜","multi":"a\nb"}},"version":"1.0","unknown_root":{"kept":true}}'
        '{"pattern_id":"eo-1","pattern_type":"error_occurrence","timestamp":"2025-11-29T00:25:54Z","data":{"error_type":"KeyError","error_message":"clé manquante «user_id»","line_number":42,"resolution":null},"context":{"tags":["backend"]},"version":"1.0"}'
        '{"pattern_id":"au-1","pattern_type":"agent_usage","timestamp":"2024-01-15T08:30:00-08:00","data":{"agent_type":"reviewer","task_type":"review","success":false,"duration_ms":0,"cpu_percent":12},"context":{},"version":"1.0"}'
        '{"pattern_id":"uc-1","pattern_type":"user_correction","timestamp":"2024-03-10T23:59:59.5+00:00","data":{"original_output":"colour","corrected_output":"color","correction_type":"spelling","agent":"writer","severity":"minor","note_for_later":"Ωmega"},"context":{"tags":["docs"]},"version":"1.0"}'
    )

    function script:New-SourceStore([string] $Path) {
        $script:SourceJson | Save-MoaiPattern -Store $Path
        $Path
    }

    # Each pattern's JSON as the engine writes it (what both backends store), by id.
    function script:Get-StoredJson([string] $Store) {
        $map = @{}
        foreach ($p in Find-MoaiPattern -Store $Store) { $map[$p.PatternId] = [MoaiPatterns.Serialization.PatternJson]::ToJson($p, $false) }
        $map
    }

    function script:Get-TempLeftovers([string] $Folder) {
        @(Get-ChildItem -LiteralPath $Folder -Force -Filter '*.tmp')
    }

    # One valid JSON Lines line, id line-ok-<Suffix>.
    function script:New-ValidLine([string] $Suffix) {
        '{"pattern_id":"line-ok-' + $Suffix + '","pattern_type":"error_occurrence","timestamp":"2024-05-01T12:00:00Z","data":{"error_type":"KeyError","error_message":"missing key"}}'
    }
}

AfterAll {
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Round trip <From> -> <Leaf> -> <To>' -ForEach @(
    @{ From = 'FileSystem'; To = 'Sqlite'; Leaf = 'fs-to-db.jsonl'; Source = 'rt-src-fs'; Target = 'rt-dst.db' }
    @{ From = 'Sqlite'; To = 'FileSystem'; Leaf = 'db-to-fs.jsonl.gz'; Source = 'rt-src.db'; Target = 'rt-dst-fs' }
    @{ From = 'FileSystem'; To = 'FileSystem'; Leaf = 'fs-to-fs.jsonl.gz'; Source = 'rt-src2-fs'; Target = 'rt-dst2-fs' }
    @{ From = 'Sqlite'; To = 'Sqlite'; Leaf = 'db-to-db.jsonl'; Source = 'rt-src2.db'; Target = 'rt-dst2.db' }
) {
    BeforeAll {
        $script:a = New-SourceStore (Join-Path $TestDrive $Source)
        $script:b = Join-Path $TestDrive $Target
        $script:file = Join-Path $TestDrive $Leaf
        Find-MoaiPattern -Store $a | Export-MoaiPattern $file
        Import-MoaiPattern $file | Save-MoaiPattern -Store $b
    }

    It 'stores the backends it names' {
        (Get-MoaiPatternStore -Store $a).Backend | Should -Be $From
        (Get-MoaiPatternStore -Store $b).Backend | Should -Be $To
    }

    It 'gives every pattern exactly the JSON it had' {
        $before = Get-StoredJson $a
        $after = Get-StoredJson $b
        $after.Count | Should -Be $SourceJson.Count
        foreach ($id in $before.Keys) {
            $after[$id] | Should -BeExactly $before[$id] -Because "pattern $id"
        }
    }

    It 'keeps non-ASCII text, unknown fields and offsets' {
        $p = Get-MoaiPattern -Store $b -Id 'tc-1'
        $json = [MoaiPatterns.Serialization.PatternJson]::ToJson($p, $false)
        $json | Should -BeLike '*"timestamp":"2024-05-01T12:00:00.123456+05:30"*'
        $json | Should -BeLike '*"agent":"cöder ✓"*'
        $json | Should -BeLike '*"coverage_percent":50.0*'
        $json | Should -BeLike '*"extra_field":{"nested":`[1,2.5,"ß"`]}*'
        $json | Should -BeLike '*"version":"1.0","unknown_root":{"kept":true}}'
        $p.Timestamp.Offset | Should -Be ([TimeSpan]::FromMinutes(330))
        $p.Tags | Should -Be @('api', '日本')
    }

    It 'leaves no temporary file beside the export' {
        Get-TempLeftovers $TestDrive | Should -BeNullOrEmpty
    }
}

Describe 'Export-MoaiPattern' {
    BeforeAll {
        $script:store = New-SourceStore (Join-Path $TestDrive 'export-src.db')
        $script:dir = Join-Path $TestDrive 'exports'
        $null = New-Item -ItemType Directory -Path $dir
    }

    It 'writes the original JSON, compact, one pattern a line, UTF-8 without BOM, LF line ends' {
        $path = Join-Path $dir 'plain.jsonl'
        Find-MoaiPattern -Store $store | Export-MoaiPattern -Path $path
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $bytes[0] | Should -Not -Be 0xEF
        $bytes | Should -Not -Contain ([byte]13)
        $bytes[-1] | Should -Be 10
        $text = [System.Text.UTF8Encoding]::new($false, $true).GetString($bytes)
        $expected = (Find-MoaiPattern -Store $store | ForEach-Object { [MoaiPatterns.Serialization.PatternJson]::ToJson($_, $false) + "`n" }) -join ''
        $text | Should -BeExactly $expected
        ($text.TrimEnd("`n") -split "`n").Count | Should -Be $SourceJson.Count
    }

    It 'gzips a .gz path, and Import-MoaiPattern reads it back' {
        $path = Join-Path $dir 'zipped.jsonl.gz'
        Find-MoaiPattern -Store $store | Export-MoaiPattern $path
        $bytes = [System.IO.File]::ReadAllBytes($path)
        $bytes[0] | Should -Be 0x1f
        $bytes[1] | Should -Be 0x8b
        (Import-MoaiPattern $path).PatternId | Sort-Object | Should -Be (@('au-1', 'eo-1', 'tc-1', 'uc-1'))
    }

    It 'resolves a relative -Path against the PowerShell location' {
        Push-Location $dir
        try { Find-MoaiPattern -Store $store -First 1 | Export-MoaiPattern 'relative.jsonl' }
        finally { Pop-Location }
        Test-Path (Join-Path $dir 'relative.jsonl') | Should -BeTrue
    }

    It 'overwrites an existing file by default' {
        $path = Join-Path $dir 'overwrite.jsonl'
        Set-Content -Path $path -Value ('old content ' * 1000)
        Find-MoaiPattern -Store $store -First 1 | Export-MoaiPattern $path
        @(Import-MoaiPattern $path).Count | Should -Be 1
    }

    It 'with -NoClobber refuses an existing file with NoClobber and leaves it as it was' {
        $path = Join-Path $dir 'keep.jsonl'
        Set-Content -Path $path -Value 'keep me'
        $caught = $null
        try { Find-MoaiPattern -Store $store | Export-MoaiPattern $path -NoClobber } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeExactly 'NoClobber,MoaiPatterns.Commands.ExportMoaiPatternCommand'
        $caught.CategoryInfo.Category | Should -Be 'ResourceExists'
        $caught.TargetObject | Should -Be $path
        $caught.Exception.Message | Should -BeLike "*'$path' already exists*"
        (Get-Content $path -Raw).Trim() | Should -BeExactly 'keep me'
        Get-TempLeftovers $dir | Should -BeNullOrEmpty
    }

    It 'with -NoClobber writes a file that does not exist yet' {
        $path = Join-Path $dir 'new-noclobber.jsonl'
        Find-MoaiPattern -Store $store | Export-MoaiPattern $path -NoClobber
        @(Import-MoaiPattern $path).Count | Should -Be $SourceJson.Count
    }

    It 'with -PassThru writes the FileInfo of the file' {
        $path = Join-Path $dir 'passthru.jsonl'
        $result = Find-MoaiPattern -Store $store | Export-MoaiPattern $path -PassThru
        $result | Should -BeOfType ([System.IO.FileInfo])
        $result.FullName | Should -Be $path
        $result.Length | Should -Be (Get-Item $path).Length
        Find-MoaiPattern -Store $store | Export-MoaiPattern (Join-Path $dir 'quiet.jsonl') | Should -BeNullOrEmpty
    }

    It 'with -WhatIf writes nothing' {
        $path = Join-Path $dir 'whatif.jsonl'
        Find-MoaiPattern -Store $store | Export-MoaiPattern $path -WhatIf
        Test-Path $path | Should -BeFalse
        Get-TempLeftovers $dir | Should -BeNullOrEmpty
    }

    It 'writes an empty file when no pattern comes' {
        $path = Join-Path $dir 'empty.jsonl'
        @() | Export-MoaiPattern $path
        (Get-Item $path).Length | Should -Be 0
        @(Import-MoaiPattern $path).Count | Should -Be 0
    }

    It 'exports hashtables, reporting an invalid one as InvalidPattern and writing the rest' {
        $path = Join-Path $dir 'hashtables.jsonl'
        $items = @(
            @{ pattern_id = 'h-1'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = @{ error_type = 'E'; error_message = 'm' } }
            @{ pattern_id = 'h-bad'; pattern_type = 'error_occurrence'; timestamp = '2024-05-01T12:00:00Z'; data = @{ error_type = 'E' } }
            [pscustomobject]@{ PatternId = 'h-2'; PatternType = 'ErrorOccurrence'; Timestamp = '2024-05-02T12:00:00Z'; Data = @{ ErrorType = 'E'; ErrorMessage = 'm2' } }
        )
        $items | Export-MoaiPattern $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'InvalidPattern,MoaiPatterns.Commands.ExportMoaiPatternCommand'
        $problems[0].Exception.Message | Should -BeLike '*data.error_message*'
        (Import-MoaiPattern $path).PatternId | Should -Be @('h-1', 'h-2')
    }

    It 'leaves an existing target as it was and no temporary file when the pipeline fails midway' {
        $path = Join-Path $dir 'interrupted.jsonl'
        Set-Content -Path $path -Value 'previous export'
        $patterns = @(Find-MoaiPattern -Store $store)
        { $patterns | ForEach-Object { $_ } -End { throw 'upstream failure' } | Export-MoaiPattern $path } | Should -Throw '*upstream failure*'
        (Get-Content $path -Raw).Trim() | Should -BeExactly 'previous export'
        $fresh = Join-Path $dir 'interrupted-new.jsonl'
        { 1..3 | ForEach-Object { if ($_ -eq 3) { throw 'boom' }; $patterns[$_] } | Export-MoaiPattern $fresh } | Should -Throw '*boom*'
        Test-Path $fresh | Should -BeFalse
        Get-TempLeftovers $dir | Should -BeNullOrEmpty
    }

    It 'writes under a temporary name beside the target while patterns arrive, renamed at the end' {
        $path = Join-Path $dir 'streaming.jsonl'
        $seen = [System.Collections.Generic.List[long]]::new()
        $patterns = @(Find-MoaiPattern -Store $store)
        $patterns | ForEach-Object {
            $_
            $tmp = @(Get-TempLeftovers $dir)
            $seen.Add($(if ($tmp.Count -eq 1) { $tmp[0].Length } else { -1 }))
        } | Export-MoaiPattern $path
        $seen | Should -Not -Contain -1          # a temporary file beside the target the whole time
        Test-Path $path | Should -BeTrue
        Get-TempLeftovers $dir | Should -BeNullOrEmpty
    }

    It 'supports ShouldProcess with ConfirmImpact Medium' {
        $cmd = Get-Command Export-MoaiPattern
        $cmd.Parameters.Keys | Should -Contain 'WhatIf'
        $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $true)[0].ConfirmImpact | Should -Be 'Medium'
    }

    It 'offers JsonLines and Otlp as -Format, and refuses another' {
        (Get-Command Export-MoaiPattern).Parameters['Format'].Attributes.Where({ $_ -is [System.Management.Automation.ValidateSetAttribute] }).ValidValues | Should -Be @('JsonLines', 'Otlp')
        { @() | Export-MoaiPattern (Join-Path $dir 'csv.json') -Format Csv } | Should -Throw -ErrorId 'ParameterArgumentValidationError,MoaiPatterns.Commands.ExportMoaiPatternCommand'
        Test-Path (Join-Path $dir 'csv.json') | Should -BeFalse
    }

    It 'writes OTLP/JSON traces with -Format Otlp: one request and one span a line, ids from the pattern id' {
        $path = Join-Path $dir 'traces.jsonl.gz'
        Find-MoaiPattern -Store $store | Export-MoaiPattern $path -Format Otlp
        $reader = [System.IO.StreamReader]::new([System.IO.Compression.GZipStream]::new([System.IO.File]::OpenRead($path), [System.IO.Compression.CompressionMode]::Decompress))
        try { $lines = @($reader.ReadToEnd().TrimEnd("`n") -split "`n") } finally { $reader.Dispose() }
        $lines.Count | Should -Be $SourceJson.Count
        $spans = foreach ($line in $lines) { (ConvertFrom-Json $line).resourceSpans[0].scopeSpans[0].spans[0] }
        $byId = @{}
        foreach ($s in $spans) { $byId[($s.attributes | Where-Object key -EQ 'moai.pattern_id').value.stringValue] = $s }
        $byId['tc-1'].name | Should -BeExactly 'invoke_agent cöder ✓'
        $byId['tc-1'].traceId | Should -BeExactly ([MoaiPatterns.Otlp.OtlpIds]::TraceId('tc-1'))
        ([long]$byId['tc-1'].endTimeUnixNano - [long]$byId['tc-1'].startTimeUnixNano) | Should -Be 2500000000
        ($byId['tc-1'].attributes | Where-Object key -EQ 'gen_ai.operation.name').value.stringValue | Should -BeExactly 'invoke_agent'
        $byId['eo-1'].status.code | Should -Be 2
        $byId['eo-1'].events[0].name | Should -BeExactly 'exception'
        ($byId['eo-1'].events[0].attributes | Where-Object key -EQ 'exception.message').value.stringValue | Should -BeExactly 'clé manquante «user_id»'
        $byId['uc-1'].events[0].name | Should -BeExactly 'moai.user_correction'
        $byId['au-1'].status.code | Should -Be 2    # success false
        Get-TempLeftovers $dir | Should -BeNullOrEmpty
    }

    It 'refuses a folder as -Path with FileWriteError' {
        { @() | Export-MoaiPattern $dir } | Should -Throw -ErrorId 'FileWriteError,MoaiPatterns.Commands.ExportMoaiPatternCommand'
    }
}

Describe 'Import-MoaiPattern' {
    BeforeAll {
        $script:dir = Join-Path $TestDrive 'imports'
        $null = New-Item -ItemType Directory -Path $dir
        function script:Write-Lines([string] $Name, [string[]] $Lines, [string] $Eol = "`n") {
            $path = Join-Path $dir $Name
            [System.IO.File]::WriteAllText($path, ($Lines -join $Eol), [System.Text.UTF8Encoding]::new($false))
            $path
        }
    }

    It 'reports a bad line as InvalidPattern naming the file and its line number, and imports the rest' {
        $path = Write-Lines 'mixed.jsonl' @(
            (New-ValidLine 1)
            ''
            'this is not json'
            '{"pattern_id":"line-bad","pattern_type":"error_occurrence","timestamp":"2024-05-01T12:00:00Z","data":{"error_type":"KeyError"}}'
            (New-ValidLine 2)
        )
        $patterns = Import-MoaiPattern $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $patterns.PatternId | Should -Be @('line-ok-1', 'line-ok-2')
        $patterns[0] | Should -BeOfType ([MoaiPatterns.MoaiPattern])
        $problems.Count | Should -Be 2
        foreach ($e in $problems) {
            $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidPattern,MoaiPatterns.Commands.ImportMoaiPatternCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidData'
            $e.Exception.FilePath | Should -Be $path
        }
        $problems[0].Exception.LineNumber | Should -Be 3
        $problems[0].Exception.Message | Should -BeLike "Line 3 of '$path': *not valid JSON*"
        $problems[0].TargetObject | Should -BeExactly 'this is not json'
        $problems[1].Exception.LineNumber | Should -Be 4
        $problems[1].Exception.Message | Should -BeLike "Line 4 of '$path': Pattern 'line-bad' is not valid*data.error_message*"
        $problems[1].Exception.PatternId | Should -Be 'line-bad'
    }

    It 'reads CR LF line ends' {
        $path = Write-Lines 'crlf.jsonl' @((New-ValidLine 1), (New-ValidLine 2), '') -Eol "`r`n"
        (Import-MoaiPattern $path).PatternId | Should -Be @('line-ok-1', 'line-ok-2')
    }

    It 'reads a file holding one JSON array of patterns, naming a bad item' {
        $path = Write-Lines 'array.json' @('[', ((New-ValidLine 1) + ','), '  42,', (New-ValidLine 2), ']')
        $patterns = Import-MoaiPattern $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $patterns.PatternId | Should -Be @('line-ok-1', 'line-ok-2')
        $problems.Count | Should -Be 1
        $problems[0].Exception.Message | Should -BeLike "Item 2 (line 3) of '$path': *"
    }

    It 'reports a broken JSON array as FileReadError after the items before it' {
        $path = Write-Lines 'broken.json' @('[', ((New-ValidLine 1) + ','), '{"unterminated": ')
        $patterns = Import-MoaiPattern $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $patterns.PatternId | Should -Be 'line-ok-1'
        $problems[-1].FullyQualifiedErrorId | Should -BeExactly 'FileReadError,MoaiPatterns.Commands.ImportMoaiPatternCommand'
    }

    It 'refuses a line over the size cap without reading it, even from a small gzip' {
        $path = Join-Path $dir 'bomb.jsonl.gz'
        $fs = [System.IO.File]::Create($path)
        try {
            $gz = [System.IO.Compression.GZipStream]::new($fs, [System.IO.Compression.CompressionLevel]::Optimal)
            $chunk = [byte[]]::new(1MB); [Array]::Fill($chunk, [byte][char]'a')
            for ($i = 0; $i -lt 16; $i++) { $gz.Write($chunk, 0, $chunk.Length) }
            $tail = [System.Text.Encoding]::UTF8.GetBytes("`n" + (New-ValidLine 9) + "`n")
            $gz.Write($tail, 0, $tail.Length)
            $gz.Dispose()
        }
        finally { $fs.Dispose() }
        (Get-Item $path).Length | Should -BeLessThan 1MB
        $patterns = Import-MoaiPattern $path -ErrorVariable problems -ErrorAction SilentlyContinue
        $patterns.PatternId | Should -Be 'line-ok-9'
        $problems.Count | Should -Be 1
        $problems[0].Exception.LineNumber | Should -Be 1
        $problems[0].Exception.Errors[0].Rule | Should -Be 'Size'
    }

    It 'takes files from Get-ChildItem through the pipeline' {
        $sub = Join-Path $dir 'many'
        $null = New-Item -ItemType Directory -Path $sub
        [System.IO.File]::WriteAllText((Join-Path $sub 'a.jsonl'), (New-ValidLine 'a'))
        [System.IO.File]::WriteAllText((Join-Path $sub 'b.jsonl'), (New-ValidLine 'b'))
        Import-MoaiPattern (Join-Path $sub 'a.jsonl') | Export-MoaiPattern (Join-Path $sub 'c.jsonl.gz')
        [System.IO.File]::WriteAllText((Join-Path $sub 'ignored.txt'), 'not a pattern file')
        (Get-ChildItem $sub -Filter *.jsonl | Import-MoaiPattern).PatternId | Sort-Object | Should -Be @('line-ok-a', 'line-ok-b')
        (Get-ChildItem $sub -Filter *.jsonl* | Import-MoaiPattern).PatternId | Sort-Object | Should -Be @('line-ok-a', 'line-ok-a', 'line-ok-b')
        (Resolve-Path (Join-Path $sub 'b.jsonl') | Import-MoaiPattern).PatternId | Should -Be 'line-ok-b'
    }

    It 'takes several paths, wildcards and relative paths' {
        $sub = Join-Path $dir 'many'
        Push-Location $sub
        try {
            (Import-MoaiPattern ./a.jsonl, ./b.jsonl).PatternId | Should -Be @('line-ok-a', 'line-ok-b')
            (Import-MoaiPattern './[ab].jsonl').PatternId | Sort-Object | Should -Be @('line-ok-a', 'line-ok-b')
        }
        finally { Pop-Location }
    }

    It 'reports a missing file as FileNotFound and reads the others' {
        $missing = Join-Path $dir 'missing.jsonl'
        $patterns = Import-MoaiPattern $missing, (Join-Path $dir 'many/a.jsonl') -ErrorVariable problems -ErrorAction SilentlyContinue
        $patterns.PatternId | Should -Be 'line-ok-a'
        $problems.Count | Should -Be 1
        $problems[0].FullyQualifiedErrorId | Should -BeExactly 'FileNotFound,MoaiPatterns.Commands.ImportMoaiPatternCommand'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'streams: the first pattern reaches the pipeline before the file is read to its end' {
        $path = Write-Lines 'long.jsonl' (1..5000 | ForEach-Object { New-ValidLine $_ })
        $first = Import-MoaiPattern $path | Select-Object -First 1
        $first.PatternId | Should -Be 'line-ok-1'
        # The file is not held open afterwards.
        { [System.IO.File]::Open($path, 'Open', 'ReadWrite', 'None').Dispose() } | Should -Not -Throw
    }

    It 'declares its output type' {
        (Get-Command Import-MoaiPattern).OutputType.Name | Should -Contain 'MoaiPatterns.MoaiPattern'
    }
}
