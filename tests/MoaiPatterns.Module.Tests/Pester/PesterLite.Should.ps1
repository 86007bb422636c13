# Should for Pester-lite: the operators the suite uses, with Pester 5's semantics
# (src/functions/assertions/*.ps1): Be/BeExactly/BeNullOrEmpty/Contain/HaveCount take the whole
# pipeline input as one array; every other operator is asserted once per piped item; no input
# means $null. Be compares element-wise with "$expected -eq $actual"; -Throw filters are -like
# patterns (so -ErrorId 'X' matches exactly 'X', and '*X*' a substring).

$script:ArrayOperators = @('Be', 'BeExactly', 'BeNullOrEmpty', 'Contain', 'HaveCount')

function IsNullOrEmptyArray([object[]] $Array) {
    $null -eq $Array -or $Array.Count -eq 0 -or ($Array.Count -eq 1 -and $null -eq $Array[0])
}

function ArraysAreEqual([object[]] $First, [object[]] $Second, [switch] $CaseSensitive) {
    $firstEmpty = IsNullOrEmptyArray @($First)
    $secondEmpty = IsNullOrEmptyArray @($Second)
    if ($firstEmpty -or $secondEmpty) { return $firstEmpty -and $secondEmpty }
    if ($First.Count -ne $Second.Count) { return $false }
    for ($i = 0; $i -lt $First.Count; $i++) {
        if ($First[$i] -is [Array] -or $Second[$i] -is [Array]) {
            if (-not (ArraysAreEqual $First[$i] $Second[$i] -CaseSensitive:$CaseSensitive)) { return $false }
        }
        elseif ($CaseSensitive) { if (-not ($Second[$i] -ceq $First[$i])) { return $false } }
        else { if (-not ($Second[$i] -eq $First[$i])) { return $false } }
    }
    $true
}

function Format-Value($Value) {
    if ($null -eq $Value) { return '$null' }
    if ($Value -is [string]) { return "'$Value'" }
    if ($Value -is [System.Collections.IEnumerable] -and $Value -isnot [System.Collections.IDictionary]) {
        return '@(' + ((@($Value) | ForEach-Object { Format-Value $_ }) -join ', ') + ')'
    }
    "$Value"
}

function Test-ShouldThrow($ActualValue, [string] $ExpectedMessage, [string] $ErrorId, [type] $ExceptionType, [bool] $Negate) {
    if ($null -eq $ActualValue -or $ActualValue -isnot [scriptblock]) {
        throw [ArgumentException] "Input is missing or not a ScriptBlock. Input to '-Throw' and '-Not -Throw' must be enclosed in curly braces."
    }
    $thrown = $false; $record = $null
    try { $null = & $ActualValue } catch { $thrown = $true; $record = $_ }
    if ($Negate) {
        if ($thrown) { return "Expected no exception to be thrown, but an exception `"$($record.Exception.Message)`" was thrown." }
        return $null
    }
    if (-not $thrown) { return 'Expected an exception to be thrown, but no exception was thrown.' }
    $buts = @()
    if ($null -ne $ExceptionType -and $record.Exception -isnot $ExceptionType) { $buts += "the exception type was $($record.Exception.GetType().FullName)" }
    if (-not [string]::IsNullOrWhiteSpace($ExpectedMessage) -and -not ($record.Exception.Message -like $ExpectedMessage)) { $buts += "the message was '$($record.Exception.Message)'" }
    if (-not [string]::IsNullOrWhiteSpace($ErrorId) -and -not ($record.FullyQualifiedErrorId.ToString() -like $ErrorId)) { $buts += "the FullyQualifiedErrorId was '$($record.FullyQualifiedErrorId)'" }
    if ($buts.Count) { return "Expected an exception (message like '$ExpectedMessage', id like '$ErrorId') to be thrown, but $($buts -join ' and ')." }
    $null
}

# Returns $null when the assertion holds, else the failure message.
function Test-Operator([string] $Operator, $Actual, $Expected, [bool] $Negate, $Options) {
    $ok = switch ($Operator) {
        'Be' { ArraysAreEqual $Actual $Expected }
        'BeExactly' { ArraysAreEqual $Actual $Expected -CaseSensitive }
        'BeTrue' { [bool] $Actual }
        'BeFalse' { -not [bool] $Actual }
        'BeNullOrEmpty' {
            if ($null -eq $Actual -or $Actual.Count -eq 0) { $true }
            elseif ($Actual.Count -eq 1) {
                if ($Actual[0] -is [hashtable]) { $Actual[0].Count -eq 0 } else { [string]::IsNullOrEmpty($Actual[0]) }
            }
            else { $false }
        }
        'BeGreaterThan' { $Actual -gt $Expected }
        'BeLessThan' { $Actual -lt $Expected }
        'BeGreaterOrEqual' { $Actual -ge $Expected }
        'BeLessOrEqual' { $Actual -le $Expected }
        'Match' { $Actual -match $Expected }
        'MatchExactly' { $Actual -cmatch $Expected }
        'BeLike' { $Actual -like $Expected }
        'BeLikeExactly' { $Actual -clike $Expected }
        'Contain' { $Actual -contains $Expected }
        'BeIn' { $Expected -contains $Actual }
        'HaveCount' { $(if ($null -eq $Actual) { 0 } else { $Actual.Count }) -eq $Expected }
        'BeOfType' {
            $type = if ($Expected -is [string]) { ($Expected -replace '^\[(.*)\]$', '$1') -as [type] } else { $Expected }
            if ($null -eq $type) { throw [ArgumentException] "Could not find type [$Expected]." }
            $Actual -is $type
        }
        'Exist' { Test-Path -Path $Actual }
        'Throw' {
            $message = Test-ShouldThrow $Actual $Options.ExpectedMessage $Options.ErrorId $Options.ExceptionType $Negate
            return $message
        }
        default { throw "Pester-lite does not implement Should -$Operator." }
    }
    if ($Negate) { $ok = -not $ok }
    if ($ok) { return $null }
    $because = if ($Options.Because) { " because $($Options.Because)," } else { '' }
    "Expected$(if ($Negate) { ' not' }) -$Operator $(Format-Value $Expected),$because but got $(Format-Value $Actual)."
}

function Should {
    [CmdletBinding()]
    param(
        [Parameter(ValueFromPipeline)] [object] $ActualValue,
        [Parameter(Position = 0)] [Alias('RegularExpression', 'ExpectedType')] [object] $ExpectedValue,
        [switch] $Not,
        [switch] $Be, [switch] $BeExactly, [switch] $BeTrue, [switch] $BeFalse, [switch] $BeNullOrEmpty,
        [switch] $BeGreaterThan, [switch] $BeLessThan, [switch] $BeGreaterOrEqual, [switch] $BeLessOrEqual,
        [switch] $Match, [switch] $MatchExactly, [switch] $BeLike, [switch] $BeLikeExactly, [switch] $Contain,
        [switch] $BeIn, [switch] $HaveCount, [switch] $BeOfType, [switch] $Exist, [switch] $Throw,
        [string] $ExpectedMessage, [string] $ErrorId, [type] $ExceptionType, [string] $Because
    )
    begin { $inputs = [System.Collections.Generic.List[object]]::new() }
    process { $inputs.Add($ActualValue) }
    end {
        $operators = @('Be', 'BeExactly', 'BeTrue', 'BeFalse', 'BeNullOrEmpty', 'BeGreaterThan', 'BeLessThan', 'BeGreaterOrEqual',
            'BeLessOrEqual', 'Match', 'MatchExactly', 'BeLike', 'BeLikeExactly', 'Contain', 'BeIn', 'HaveCount', 'BeOfType', 'Exist', 'Throw') |
            Where-Object { $PSBoundParameters.ContainsKey($_) }
        if (@($operators).Count -ne 1) { throw "Should needs exactly one operator (got: $($operators -join ', '))." }
        $operator = @($operators)[0]
        $options = @{ Because = $Because; ErrorId = $ErrorId; ExceptionType = $ExceptionType
            ExpectedMessage = $(if ($PSBoundParameters.ContainsKey('ExpectedMessage')) { $ExpectedMessage } elseif ($operator -eq 'Throw') { [string] $ExpectedValue } else { '' })
        }
        # A List, so that an array value stays one item when enumerated.
        $values = [System.Collections.Generic.List[object]]::new()
        if ($inputs.Count -eq 0) { $values.Add($null) }
        elseif ($script:ArrayOperators -contains $operator) { $values.Add($inputs.ToArray()) }
        else { $values.AddRange($inputs) }
        foreach ($value in $values) {
            $failure = Test-Operator $operator $value $ExpectedValue $Not.IsPresent $options
            if ($null -ne $failure) {
                $exception = [Exception]::new("$failure (line $($MyInvocation.ScriptLineNumber): $($MyInvocation.Line.Trim()))")
                throw [System.Management.Automation.ErrorRecord]::new($exception, 'PesterAssertionFailed', 'InvalidResult', $null)
            }
        }
    }
}
