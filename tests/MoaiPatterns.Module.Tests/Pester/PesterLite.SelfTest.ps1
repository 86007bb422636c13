# Fixture for PesterSuiteTests.RunnerFollowsPester5: every It named "passes: ..." must pass and every
# It named "fails: ..." must fail under Pester-lite, as they do under Pester 5. Not a *.Tests.ps1 file,
# so build.ps1 never hands it to real Pester.

BeforeDiscovery {
    $script:cases = @(@{ N = 1 }, @{ N = 2 })
}

BeforeAll {
    $script:top = 'top'
    $fileRoot = $PSScriptRoot
}

Describe 'scoping' {
    BeforeAll { $blockVar = 'block'; $counter = 0 }
    BeforeEach { $each = 'each'; $counter++ }

    It 'passes: sees BeforeAll, BeforeEach and script variables' {
        $top | Should -Be 'top'
        $blockVar | Should -Be 'block'
        $each | Should -Be 'each'
        $fileRoot | Should -Be $PSScriptRoot
        $TestDrive | Should -Exist
    }

    It 'passes: a variable set in one It does not leak' {
        $leak | Should -BeNullOrEmpty
        $leak = 1
        $counter | Should -Be 1
    }

    It 'passes: nor here' {
        $leak | Should -BeNullOrEmpty
        $leak = 1
    }

    Context 'child' {
        It 'passes: sees the parent BeforeAll and its own TestDrive' {
            $blockVar | Should -Be 'block'
            $each | Should -Be 'each'
        }
    }
}

Describe 'data <Name>' -ForEach @(@{ Name = 'a'; Value = 1 }, @{ Name = 'b'; Value = 2 }) {
    It 'passes: block data is visible at run time' { $Value | Should -BeIn @(1, 2) }
    It 'passes: item <N> from discovery data' -ForEach $cases { $N | Should -BeGreaterThan 0; $_.N | Should -Be $N }
    It 'passes: <_> expands' -ForEach 'x', 'y' { $_ | Should -BeLike '[xy]' }
}

Describe 'Should' {
    It 'passes: -Be compares arrays element-wise' { @(1, 2) | Should -Be @(1, 2) }
    It 'fails: -Be with a different order' { @(1, 2) | Should -Be @(2, 1) }
    It 'fails: -Be with a different count' { @(1, 2, 3) | Should -Be @(1, 2) }
    It 'passes: -Be is case-insensitive' { 'ABC' | Should -Be 'abc' }
    It 'fails: -BeExactly is not' { 'ABC' | Should -BeExactly 'abc' }
    It 'passes: empty input is null' { @() | Should -BeNullOrEmpty }
    It 'fails: -Not -BeNullOrEmpty on nothing' { @() | Should -Not -BeNullOrEmpty }
    It 'fails: -BeTrue on nothing' { @() | Should -BeTrue }
    It 'fails: -BeTrue asserts each item' { $true, $false | Should -BeTrue }
    It 'passes: -HaveCount counts the whole input' { 1, 2, 3 | Should -HaveCount 3 }
    It 'passes: -Contain on the whole input' { 'a', 'b' | Should -Contain 'b' }
    It 'passes: -Match' { 'abc123' | Should -Match '\d{3}$' }
    It 'fails: -Match' { 'abc' | Should -Match '^\d' }
    It 'passes: -BeOfType' { [datetime]::Now | Should -BeOfType ([datetime]) }
    It 'fails: -BeGreaterThan' { 1 | Should -BeGreaterThan 1 }
    It 'passes: -BeLessOrEqual' { 1 | Should -BeLessOrEqual 1 }
    It 'passes: -Throw with an exact -ErrorId' { { Get-Command -Name 'no-such-command-x' -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,Microsoft.PowerShell.Commands.GetCommandCommand' }
    It 'fails: -ErrorId is a -like pattern, not a substring' { { Get-Command -Name 'no-such-command-x' -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException' }
    It 'passes: -ErrorId with wildcards' { { Get-Command -Name 'no-such-command-x' -ErrorAction Stop } | Should -Throw -ErrorId 'CommandNotFoundException,*' }
    It 'fails: a non-terminating error does not satisfy -Throw' { { Get-Command -Name 'no-such-command-x' } | Should -Throw }
    It 'passes: -Throw -ExpectedMessage is -like' { { throw 'boom: 42' } | Should -Throw -ExpectedMessage 'boom*' }
    It 'passes: -Throw -ExceptionType' { { throw [System.FormatException]::new('x') } | Should -Throw -ExceptionType ([System.FormatException]) }
    It 'fails: a .NET method exception arrives wrapped' { { [int]::Parse('x') } | Should -Throw -ExceptionType ([System.FormatException]) }
    It 'fails: -Not -Throw' { { throw 'x' } | Should -Not -Throw }
    It 'fails: -Throw needs a scriptblock' { 'not a block' | Should -Throw }
    It 'passes: the block under -Throw sees the test variables' { $ActualValue = 'mine'; { if ($ActualValue -ne 'mine') { throw 'shadowed' } } | Should -Not -Throw }
}

Describe 'failures in setup' {
    BeforeAll { throw 'setup broke' }
    It 'fails: every It under a failed BeforeAll' { $true | Should -BeTrue }
}

Describe 'tags' {
    It 'skipped: excluded by tag' -Tag RequiresPwsh { throw 'must not run' }
}
