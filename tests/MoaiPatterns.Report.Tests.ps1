#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for Export-MoaiPatternReport in a real browser: Debian's Chromium (headless, no network,
# a fresh profile) renders the report; the DOM it built must hold the charts and the very numbers
# Measure-MoaiPattern gives; a screenshot is kept as TestResults/report-screenshot.png. CI installs
# chromium when it is missing (.ci/run); without it these tests fail and say how to install it.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop

    $script:Browser = @('chromium', 'chromium-browser', 'google-chrome') |
        ForEach-Object { Get-Command $_ -CommandType Application -ErrorAction SilentlyContinue } | Select-Object -First 1 -ExpandProperty Source
    $script:Artifacts = Join-Path $PSScriptRoot '../TestResults'
    $null = New-Item -ItemType Directory -Force -Path $Artifacts

    # Runs headless Chromium on a local file with a fresh profile and background networking off; returns stdout.
    function script:Invoke-Chromium([string] $File, [string[]] $Mode) {
        if (-not $Browser) { throw 'Chromium is not installed: apt-get update && apt-get install -y chromium (CI does this in .ci/run).' }
        $profileDir = Join-Path ([System.IO.Path]::GetTempPath()) ('moai-chromium-' + [guid]::NewGuid().ToString('N'))
        try {
            $argv = @('--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
                '--no-first-run', '--no-default-browser-check', '--hide-scrollbars', "--user-data-dir=$profileDir") + $Mode + @('file://' + $File.Replace('%', '%25').Replace(' ', '%20'))
            $out = & $Browser @argv 2>$null
            $LASTEXITCODE | Should -Be 0 -Because "chromium $($Mode -join ' ') exits cleanly"
            $out -join "`n"
        }
        finally { Remove-Item -LiteralPath $profileDir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    # A month of patterns from five agents; one error type and one agent name hold markup.
    $script:Store = Join-Path $TestDrive 'report.db'
    $rand = [System.Random]::new(15)
    $start = [DateTimeOffset]::new(2026, 9, 1, 0, 0, 0, [TimeSpan]::Zero)
    $agents = 'coder', 'reviewer', 'tester', 'planner', '<b>bold</b>'
    $patterns = for ($i = 0; $i -lt 400; $i++) {
        $t = $start.AddMinutes($rand.Next(0, 30 * 1440))
        $agent = $agents[$rand.Next(0, $agents.Count)]
        switch ($i % 8) {
            { $_ -lt 3 } { New-MoaiPattern -Type TaskCompletion -Timestamp $t -Data @{ task_type = 'code_generation'; agent = $agent; duration_ms = [long]$rand.Next(200, 9000); success = ($rand.Next(0, 10) -gt 1) } }
            { $_ -in 3, 4 } { New-MoaiPattern -Type AgentUsage -Timestamp $t -Data @{ agent_type = $agent; task_type = 'review'; success = ($rand.Next(0, 10) -gt 0); duration_ms = [long]$rand.Next(100, 4000); tokens_used = $rand.Next(100, 9000) } }
            { $_ -in 5, 6 } { New-MoaiPattern -Type ErrorOccurrence -Timestamp $t -Data @{ error_type = ('TypeError', 'KeyError', '<script>alert(1)</script>')[$rand.Next(0, 3)]; error_message = '<script>document.title="pwned"</script>' } }
            default { New-MoaiPattern -Type UserCorrection -Timestamp $t -Data @{ original_output = 'a'; corrected_output = 'b'; correction_type = ('style', 'logic')[$rand.Next(0, 2)]; agent = $agent; severity = ('minor', 'moderate', 'critical')[$rand.Next(0, 3)] } }
        }
    }
    $patterns | Save-MoaiPattern -Store $Store
    # One run far slower than its peers: a SlowRun anomaly.
    New-MoaiPattern -Type TaskCompletion -Data @{ task_type = 'code_generation'; agent = 'coder'; duration_ms = 50000000; success = $true } -Id 'slow-one' -Timestamp $start.AddDays(12) | Save-MoaiPattern -Store $Store

    $script:Report = Join-Path $TestDrive 'report.html'
    Export-MoaiPatternReport -Store $Store -Path $Report -Title 'Sprint <42>' -Interval Day
    $script:Dom = Invoke-Chromium $Report @('--dump-dom')

    # The data-value of a cell of the rendered DOM, by table, row key (as the DOM serializes it) and column.
    function script:Get-Cell([string] $Table, [string] $Key, [string] $Column) {
        $t = [regex]::Match($Dom, "<table id=""$Table"">.*?</table>", 'Singleline').Value
        $row = [regex]::Match($t, '<tr data-key="' + [regex]::Escape($Key) + '">.*?</tr>', 'Singleline').Value
        # A cell without data-value is a figure the engine left null (e.g. no durations): ''; no cell at all: $null.
        $m = [regex]::Match($row, "<td data-col=""$Column""(?: data-value=""([^""]*)"")?>")
        if ($m.Success) { $m.Groups[1].Value } else { $null }
    }
}

AfterAll {
    Remove-Module MoaiPatterns -Force -ErrorAction SilentlyContinue
}

Describe 'Export-MoaiPatternReport in Chromium' {
    It 'renders every chart, each with its text alternative' {
        foreach ($id in 'chart-success', 'chart-duration', 'chart-types', 'chart-errors', 'chart-corrections') {
            $Dom | Should -Match ('<svg class="chart [a-z]+" id="' + $id + '"[^>]*role="img"[^>]*><title id="' + $id + '-title">[^<]+</title><desc id="' + $id + '-desc">[^<]+</desc>')
        }
        ([regex]::Matches($Dom, '<g class="series (p50|p95)"')).Count | Should -Be 2
    }

    It 'shows the counts by type that Measure-MoaiPattern gives' {
        $measured = Measure-MoaiPattern -Store $Store -GroupBy Type
        $measured.Count | Should -Be 4
        foreach ($m in $measured) {
            Get-Cell 'types-table' "$($m.Type)" 'count' | Should -Be "$($m.Count)"
            Get-Cell 'types-table' "$($m.Type)" 'p95' | Should -Be "$($m.DurationP95)"
            $Dom | Should -Match ('<g class="bar" data-label="[^"]+" data-value="' + $m.Count + '">')
        }
        $all = Measure-MoaiPattern -Store $Store
        $Dom | Should -Match ('data-stat="count" data-value="' + $all.Count + '"')
        $Dom | Should -Match ('data-stat="p50" data-value="' + $all.DurationP50 + '"')
        $Dom | Should -Match ('data-stat="success-rate" data-value="' + $all.SuccessRate.ToString('R', [cultureinfo]::InvariantCulture) + '"')
    }

    It 'shows the per-agent and per-day figures that Measure-MoaiPattern gives' {
        foreach ($m in Measure-MoaiPattern -Store $Store -GroupBy Agent | Where-Object Agent -NE $null) {
            $key = [System.Net.WebUtility]::HtmlEncode($m.Agent).Replace('&#39;', "'")
            Get-Cell 'agents-table' $key 'count' | Should -Be "$($m.Count)" -Because "agent $($m.Agent)"
            Get-Cell 'agents-table' $key 'p50' | Should -Be "$($m.DurationP50)"
            Get-Cell 'agents-table' $key 'tokens' | Should -Be "$($m.TokensUsed)"
        }
        $days = Measure-MoaiPattern -Store $Store -Interval Day
        ([regex]::Matches($Dom, '<g class="series rate"[^>]*>.*?</g>', 'Singleline').Value | Select-String -Pattern '<circle' -AllMatches).Matches.Count |
            Should -Be @($days | Where-Object SuccessRate -NE $null).Count
        foreach ($d in $days) {
            $key = $d.Period.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'")
            Get-Cell 'over-time-table' $key 'count' | Should -Be "$($d.Count)"
            Get-Cell 'over-time-table' $key 'p95' | Should -Be "$($d.DurationP95)"
        }
    }

    It 'lists the anomalies Find-MoaiAnomaly finds' {
        $found = @(Find-MoaiAnomaly -Store $Store)
        $found.PatternId | Should -Contain 'slow-one'
        $rows = [regex]::Matches([regex]::Match($Dom, '<table id="anomalies-table">.*?</table>', 'Singleline').Value, '<tr data-key="([^"]*)"')
        $rows.Count | Should -Be $found.Count
        $rows.Groups[1].Value | Should -Contain 'slow-one'
    }

    It 'shows markup from patterns as text: no script ran, no element was injected' {
        $Dom | Should -Not -Match '<script'
        $Dom | Should -Not -Match '<b>bold'
        $Dom | Should -Match '&lt;script&gt;alert\(1\)&lt;/script&gt;'
        $Dom | Should -Match '<title>Sprint &lt;42&gt;</title>'
    }

    It 'keeps a screenshot as a test artifact' {
        $png = Join-Path $Artifacts 'report-screenshot.png'
        Remove-Item $png -ErrorAction SilentlyContinue
        $null = Invoke-Chromium $Report @('--window-size=1100,1400', "--screenshot=$png")
        $bytes = [System.IO.File]::ReadAllBytes($png)
        $bytes.Length | Should -BeGreaterThan 20000
        [System.Text.Encoding]::ASCII.GetString($bytes, 1, 3) | Should -Be 'PNG'
    }

    It 'renders a page that says so when nothing matches' {
        $empty = Join-Path $TestDrive 'empty.html'
        Export-MoaiPatternReport -Store $Store -Agent 'nobody-here' -Path $empty
        $dom = Invoke-Chromium $empty @('--dump-dom')
        $dom | Should -Match '<section id="no-patterns"><h2>No patterns</h2>'
        $dom | Should -Not -Match '<svg'
    }
}

Describe 'Export-MoaiPatternReport as a cmdlet' {
    It '-PassThru gives the file as Get-Item does; the file is UTF-8 HTML' {
        $path = Join-Path $TestDrive 'passthru.html'
        $file = Export-MoaiPatternReport -Store $Store -Path $path -PassThru
        $file.FullName | Should -Be $path
        $file.PSProvider.Name | Should -Be 'FileSystem'
        [System.IO.File]::ReadAllText($path) | Should -Match '^<!DOCTYPE html>'
    }

    It '-NoClobber refuses an existing file with NoClobber and leaves it as it was; -WhatIf writes nothing' {
        $path = Join-Path $TestDrive 'kept.html'
        Set-Content -Path $path -Value 'mine'
        { Export-MoaiPatternReport -Store $Store -Path $path -NoClobber } | Should -Throw -ErrorId 'NoClobber,MoaiPatterns.Commands.ExportMoaiPatternReportCommand'
        Get-Content $path | Should -Be 'mine'
        $other = Join-Path $TestDrive 'whatif.html'
        Export-MoaiPatternReport -Store $Store -Path $other -WhatIf
        Test-Path $other | Should -BeFalse
    }

    It 'a folder as -Path is FileWriteError; an empty time range is InvalidArgument' {
        { Export-MoaiPatternReport -Store $Store -Path $TestDrive } | Should -Throw -ErrorId 'FileWriteError,MoaiPatterns.Commands.ExportMoaiPatternReportCommand'
        { Export-MoaiPatternReport -Store $Store -Path (Join-Path $TestDrive 'x.html') -After '2026-01-02' -Before '2026-01-01' } |
            Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.ExportMoaiPatternReportCommand'
        Get-ChildItem $TestDrive -Filter '*.tmp' -Force | Should -BeNullOrEmpty
    }
}
