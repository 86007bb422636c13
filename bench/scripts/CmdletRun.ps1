#Requires -Version 7.2
<#
.SYNOPSIS
    One run of every cmdlet operation on a fresh store, in the real pwsh the user runs.
.DESCRIPTION
    Started by the benchmark (bench/MoaiPatterns.Bench, Suites/CmdletBenchmark.cs) once per
    (backend, N, run) as `pwsh -NoProfile -NonInteractive -File CmdletRun.ps1 ...`. Reads the
    bench's workload file (the same rows the engine benchmark and the original save), then times
    each step with a Stopwatch around the step alone; building the hashtables is not timed. Each
    step returns a count that the benchmark checks against the rows. Prints one line
    "BENCH-RESULT {json}": { Measurements: [{Operation, Unit, Value}], Counts: {}, Failures: [] }.

    Beside Save-MoaiPattern it times the naive log a user would write instead of a store: the same
    rows, one compressed JSON line each, `ConvertTo-Json -Compress | Set-Content`.
#>
param(
    [Parameter(Mandatory)] [string] $Manifest,
    [Parameter(Mandatory)] [string] $StorePath,
    [Parameter(Mandatory)] [string] $WorkloadPath,
    [Parameter(Mandatory)] [string] $NaiveLogPath
)
$ErrorActionPreference = 'Stop'
$measurements = [System.Collections.Generic.List[object]]::new()
$counts = [ordered]@{}
$failures = [System.Collections.Generic.List[string]]::new()

function Add-Measurement([string] $Operation, [string] $Unit, [double] $Value) {
    $measurements.Add([ordered]@{ Operation = $Operation; Unit = $Unit; Value = $Value })
}

# Times one script block; records its last output as the step's count. A failure is recorded, not thrown.
function Step([string] $Name, [scriptblock] $Body) {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers()
    $sw = [System.Diagnostics.Stopwatch]::StartNew()
    try {
        $out = & $Body
    } catch {
        $failures.Add("$(if ($Name) { $Name } else { 'setup' }): $($_.Exception.Message)")
        return [double]::NaN
    }
    $ms = $sw.Elapsed.TotalMilliseconds
    if ($Name) {
        Add-Measurement $Name 'ms' $ms
        $last = @($out)[-1]
        if ($null -ne $last -and $last -is [System.IConvertible]) { $counts[$Name] = [long]$last }
    }
    $ms
}

# -DateKind String: timestamps stay the text a user's row holds (ConvertFrom-Json would make them DateTime).
$w = Get-Content -LiteralPath $WorkloadPath -Raw | ConvertFrom-Json -AsHashtable -DateKind String
$rows = [object[]]$w.rows
$extra = [object[]]$w.extra
$ids = [string[]]$w.lookups
$after = [DateTimeOffset]::Parse($w.after, [cultureinfo]::InvariantCulture)
$cutoff = [DateTimeOffset]::Parse($w.cutoff, [cultureinfo]::InvariantCulture)
$word = $w.word
$tags = [string[]]$w.tags
$half = [long][math]::Floor($rows.Count / 2)
$n = $rows.Count
Remove-Variable w

$null = Step 'Import-Module (first in a fresh process)' { Import-Module -Name $Manifest -ErrorAction Stop }
$store = $null
$null = Step $null { $script:store = Open-MoaiPatternStore -Path $StorePath }

$ms = Step 'Save-MoaiPattern, one pipeline' { $rows | Save-MoaiPattern -Store $store; $rows.Count }
Add-Measurement 'Save-MoaiPattern, one pipeline rate' 'patterns/s' ($n / ($ms / 1000))

# The same rows, as the naive log a user might keep instead: one compressed JSON line per row.
# -Depth 5 so nothing is cut (the default depth of 2 would flatten tools_used and tags to text).
$ms = Step 'naive log: ConvertTo-Json -Compress | Set-Content' {
    $rows | ForEach-Object { $_ | ConvertTo-Json -Compress -Depth 5 } | Set-Content -LiteralPath $NaiveLogPath
}
$counts['naive log: ConvertTo-Json -Compress | Set-Content'] = [long]@(Get-Content -LiteralPath $NaiveLogPath).Count
Add-Measurement 'naive log: ConvertTo-Json -Compress | Set-Content rate' 'patterns/s' ($n / ($ms / 1000))

$ms = Step 'Get-MoaiPattern, one call per id' { $c = 0; foreach ($id in $ids) { if (Get-MoaiPattern -Id $id -Store $store) { $c++ } }; $c }
Add-Measurement 'Get-MoaiPattern, one call per id (per id)' 'ms/op' ($ms / $ids.Count)
$ms = Step 'Get-MoaiPattern -Id <1,000 ids>, one call' { @(Get-MoaiPattern -Id $ids -Store $store).Count }
Add-Measurement 'Get-MoaiPattern -Id <1,000 ids>, one call (per id)' 'ms/op' ($ms / $ids.Count)

$null = Step 'Find-MoaiPattern -Type, First 100' { @(Find-MoaiPattern -Store $store -Type TaskCompletion -First 100).Count }
$null = Step 'Find-MoaiPattern -Tag two tags, First 100' { @(Find-MoaiPattern -Store $store -Tag $tags -First 100).Count }
$null = Step 'Find-MoaiPattern -After (last 7 days), all' { @(Find-MoaiPattern -Store $store -After $after).Count }
$null = Step 'Find-MoaiPattern -After (last 7 days), First 100' { @(Find-MoaiPattern -Store $store -After $after -First 100).Count }
$null = Step 'Find-MoaiPattern -Text (one word), First 100' { @(Find-MoaiPattern -Store $store -Text $word -First 100).Count }
$null = Step 'Find-MoaiPattern, all (one full enumeration)' { @(Find-MoaiPattern -Store $store).Count }
$null = Step 'Find-MoaiPattern -Skip N/2 -First 100' { @(Find-MoaiPattern -Store $store -Skip $half -First 100).Count }

# Analysis: the cmdlet against the pipeline a user would write without it (the same groups, p95 by sorting).
$null = Step 'Measure-MoaiPattern -GroupBy Agent -Interval Day' { @(Measure-MoaiPattern -Store $store -GroupBy Agent -Interval Day).Count }
$null = Step 'Find-MoaiPattern piped to Group-Object agent, day (count, p95)' {
    $groups = @(Find-MoaiPattern -Store $store | Group-Object -Property { $_.Agent }, { $_.Timestamp.UtcDateTime.Date })
    foreach ($g in $groups) {
        $d = @($g.Group | ForEach-Object { $_.Data.DurationMs } | Where-Object { $null -ne $_ } | Sort-Object)
        if ($d.Count) { $null = $d[[Math]::Ceiling($d.Count * 0.95) - 1] }
    }
    $groups.Count
}
$null = Step 'Find-MoaiAnomaly (every kind)' { @(Find-MoaiAnomaly -Store $store).Count }

$ms = Step 'Save-MoaiPattern, one call each' { foreach ($r in $extra) { Save-MoaiPattern -InputObject $r -Store $store }; $extra.Count }
Add-Measurement "Save-MoaiPattern, one call each ($($extra.Count) into a store of N)" 'ms/op' ($ms / [math]::Max(1, $extra.Count))

$null = Step 'Remove-MoaiPatternOld (90 days)' { (Remove-MoaiPatternOld -Store $store -Before $cutoff -Confirm:$false).RemovedCount }
$null = Step 'Compress-MoaiPatternStore (30 days)' { $null = Compress-MoaiPatternStore -Store $store -Confirm:$false; 0 }

$report = [ordered]@{ Measurements = $measurements; Counts = $counts; Failures = $failures }
'BENCH-RESULT ' + ($report | ConvertTo-Json -Compress -Depth 5)
