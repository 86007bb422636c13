#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
# Pester 5 suite for Measure-MoaiPattern, Measure-MoaiPatternTrend and Find-MoaiAnomaly: the built
# module from out/MoaiPatterns against real stores of every backend: files under $TestDrive and a schema
# on the private PostgreSQL server this file starts (tests/PostgresCluster.ps1).

BeforeDiscovery {
    $script:Backends = @(@{ Backend = 'Sqlite'; Name = 'an.db' }, @{ Backend = 'FileSystem'; Name = 'an-fs' }, @{ Backend = 'PostgreSql'; Name = '' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../out/MoaiPatterns/MoaiPatterns.psd1') -Force -ErrorAction Stop
    . (Join-Path $PSScriptRoot 'PostgresCluster.ps1')
    Start-TestPostgres | Out-Null
    $script:Day0 = [DateTimeOffset]::new(2025, 3, 3, 0, 0, 0, [TimeSpan]::Zero)   # a Monday

    # Ten days: alpha's builds get 100 ms slower a day, beta's stay at ~2 s; one 90 s run of beta on
    # day 6; every run but the last of a day succeeds except on day 8, when alpha's builds all fail
    # (its daily usage record, agent_type ALPHA, folds into the same group and succeeds);
    # TypeError 3-4 times a day and 40 times on day 5.
    function script:New-AnalysisStore([string] $Path) {
        $r = [Random]::new(3)
        $patterns = foreach ($d in 0..9) {
            foreach ($agent in 'alpha', 'Beta') {
                foreach ($h in 1..6) {
                    $ms = if ($agent -eq 'alpha') { 1000 + 100 * $d + $h } else { 2000 + $r.Next(40) }
                    if ($agent -eq 'Beta' -and $d -eq 6 -and $h -eq 2) { $ms = 90000 }
                    $ok = if ($agent -eq 'alpha' -and $d -eq 8) { $false } else { $h -ne 6 }
                    New-MoaiPattern -Type TaskCompletion -Timestamp $Day0.AddDays($d).AddHours($h) -Tag ci, ('n' + ($d % 2)) -Data @{
                        task_type = 'build'; agent = $agent; duration_ms = $ms; success = $ok }
                }
            }
            foreach ($k in 1..($(if ($d -eq 5) { 40 } else { 3 + $d % 2 }))) {
                New-MoaiPattern -Type ErrorOccurrence -Timestamp $Day0.AddDays($d).AddMinutes($k) -Data @{ error_type = 'TypeError'; error_message = "bad $k" }
            }
            New-MoaiPattern -Type AgentUsage -Timestamp $Day0.AddDays($d).AddHours(12) -Data @{
                agent_type = 'ALPHA'; task_type = 'build'; success = $true; duration_ms = 500; tokens_used = 1000 + $d }
        }
        $patterns | Save-MoaiPattern -Store $Path
        $Path
    }
}

AfterAll {
    Stop-TestPostgres
}

Describe 'Analysis on a <Backend> store' -ForEach $Backends {
    BeforeAll {
        $script:Store = New-AnalysisStore ($Backend -eq 'PostgreSql' ? (Get-TestPostgresAddress) : (Join-Path $TestDrive $Name))
    }

    It 'Measure-MoaiPattern without grouping sums up every pattern' {
        $all = @(Measure-MoaiPattern -Store $Store)
        $all.Count | Should -Be 1
        $all[0].PSObject.TypeNames[0] | Should -Be 'MoaiPatterns.PatternStatistics'
        $all[0].Count | Should -Be (120 + 10 + (5 * 3 + 4 * 4 + 40))  # builds, usage, errors (3 on even days, 4 on odd ones, 40 on day 5)
        $all[0].TokensUsed | Should -Be (10 * 1000 + 45)
        $all[0].First | Should -Be $Day0.AddMinutes(1)
    }

    It 'groups by folded agent and type, with the key properties named as the keys' {
        $rows = @(Measure-MoaiPattern -Store $Store -GroupBy Agent, Type)
        ($rows | ForEach-Object { "$($_.Agent)/$($_.Type)" }) -join ',' | Should -Be '/ErrorOccurrence,alpha/AgentUsage,alpha/TaskCompletion,beta/TaskCompletion'
        $rows[2].Type | Should -BeOfType [MoaiPatterns.PatternType]
        $alpha = $rows | Where-Object { $_.Agent -eq 'alpha' -and $_.Type -eq 'TaskCompletion' }
        $alpha.Count | Should -Be 60
        $alpha.Failed | Should -Be (9 + 6)
        $alpha.SuccessRate | Should -Be (45 / 60)
        $alpha.DurationMax | Should -Be 1906
        # Nearest rank over 60 durations: p50 is the 30th smallest.
        $sorted = foreach ($d in 0..9) { foreach ($h in 1..6) { 1000 + 100 * $d + $h } }
        $alpha.DurationP50 | Should -Be ([int[]]$sorted | Sort-Object)[29]
    }

    It 'buckets by ISO week in UTC and by tag, a pattern once per tag' {
        $weeks = @(Measure-MoaiPattern -Store $Store -Type TaskCompletion -Interval Week)
        $weeks.Period | Should -Be @($Day0, $Day0.AddDays(7))
        $weeks[0].Count | Should -Be (7 * 12)
        $tags = @(Measure-MoaiPattern -Store $Store -GroupBy Tag -Type TaskCompletion)
        ($tags | ForEach-Object Tag) -join ',' | Should -Be 'ci,n0,n1'
        $tags[0].Count | Should -Be 120
        ($tags[1].Count + $tags[2].Count) | Should -Be 120
    }

    It 'reads well at 80 columns: percentages and humanized durations' {
        $text = Measure-MoaiPattern -Store $Store -GroupBy Agent -Type TaskCompletion -Interval Day | Out-String -Width 80
        $text | Should -Match 'agent=alpha\s+2025-03-03\s+6\s+83\.3%\s+1\.0 s'
        ($text -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 }) | Should -BeNullOrEmpty
    }

    It 'an unknown -GroupBy key is a parameter binding error, an empty match is no output' {
        { Measure-MoaiPattern -Store $Store -GroupBy Nope } | Should -Throw -ErrorId 'ParameterArgumentValidationError,MoaiPatterns.Commands.MeasureMoaiPatternCommand'
        @(Measure-MoaiPattern -Store $Store -Agent nobody -GroupBy Agent -Interval Hour).Count | Should -Be 0
        { Measure-MoaiPattern -Store $Store -After $Day0 -Before $Day0 } | Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.MeasureMoaiPatternCommand'
    }

    It 'Measure-MoaiPatternTrend finds alpha slower day by day and beta steady' {
        $trends = @(Measure-MoaiPatternTrend -Store $Store -GroupBy Agent -Type TaskCompletion)
        $trends[0].PSObject.TypeNames[0] | Should -Be 'MoaiPatterns.PatternTrend'
        $alpha = $trends | Where-Object Agent -EQ 'alpha'
        $alpha.Direction | Should -Be 'Increasing'
        $alpha.SlopePerDay | Should -Be 100
        $alpha.Periods | Should -Be 10
        $alpha.PValue | Should -BeLessThan 0.001
        ($trends | Where-Object Agent -EQ 'beta').Direction | Should -Be 'None'
        (Measure-MoaiPatternTrend -Store $Store -GroupBy Agent -Type TaskCompletion | Out-String -Width 80) | Should -Match 'Increasing\s+\+100 ms/day'
    }

    It 'Find-MoaiAnomaly reports the slow run, the failure spike and the error burst, newest first' {
        $found = @(Find-MoaiAnomaly -Store $Store)
        ($found | ForEach-Object Kind) -join ',' | Should -Be 'FailureSpike,SlowRun,ErrorBurst'
        $found[0].Timestamp | Should -Be $Day0.AddDays(8)
        $found[0].Explanation | Should -Be 'build by alpha failed 6 of 7 runs on 2025-03-11 (85.7%), against 14.3% on its other days (9 of 63): look at what changed for it that day.'
        $found[1].PatternId | Should -Not -BeNullOrEmpty
        $found[1].Explanation | Should -Match '^build by beta took 1\.5 min, 45× its median of 2\.0 s over 60 runs: look at pattern \w+ for what made this run slow\.$'
        $found[2].Group | Should -Be 'error_type=typeerror'
        $found[2].Value | Should -Be 40
        (Find-MoaiAnomaly -Store $Store | Out-String -Width 80) -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
        # Format-Table has its own view: time, kind, score and as much of the explanation as fits.
        $table = Find-MoaiAnomaly -Store $Store | Format-Table | Out-String -Width 80
        $table | Should -Match 'When\s+Kind\s+Score\s+Explanation'
        $table | Should -Match 'FailureSpike\s+\d+\.\d build by alpha failed 6 of 7'
        $table -split "`n" | Where-Object { $_.TrimEnd().Length -gt 80 } | Should -BeNullOrEmpty
    }

    It 'Find-MoaiAnomaly -Kind chooses kinds; an unknown kind is InvalidArgument naming the kinds' {
        @(Find-MoaiAnomaly -Store $Store -Kind slowrun).Kind | Should -Be @('SlowRun')
        { Find-MoaiAnomaly -Store $Store -Kind Nope } | Should -Throw -ErrorId 'InvalidArgument,MoaiPatterns.Commands.FindMoaiAnomalyCommand'
        try { Find-MoaiAnomaly -Store $Store -Kind Nope } catch { $_.Exception.Message | Should -Match 'SlowRun, FailureSpike, ErrorBurst' }
    }

    It 'a steady history raises no anomaly' {
        @(Find-MoaiAnomaly -Store $Store -Before $Day0.AddDays(5) -Type TaskCompletion).Count | Should -Be 0
    }
}

Describe 'Analysis on an empty or missing store' {
    It 'an empty store gives no statistics, trends or anomalies' {
        $empty = Join-Path $TestDrive 'empty.db'
        New-MoaiPattern -Type ErrorOccurrence -Data @{ error_type = 'X'; error_message = 'y' } -Id gone | Save-MoaiPattern -Store $empty
        Remove-MoaiPattern -Store $empty -Id gone -Confirm:$false
        @(Measure-MoaiPattern -Store $empty -GroupBy Tag -Interval Month).Count | Should -Be 0
        @(Measure-MoaiPatternTrend -Store $empty).Count | Should -Be 0
        @(Find-MoaiAnomaly -Store $empty).Count | Should -Be 0
    }

    It 'a missing store is StoreNotFound' {
        { Measure-MoaiPattern -Store (Join-Path $TestDrive 'nowhere.db') } | Should -Throw -ErrorId 'StoreNotFound,MoaiPatterns.Commands.MeasureMoaiPatternCommand'
    }
}
