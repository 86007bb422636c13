# Pester-lite: runs tests/*.Tests.ps1 in the hosted engine (no pwsh, no Pester on the build machine).
# It follows Pester 5's two phases: Discovery runs the file and Describe/Context bodies (and -ForEach
# data) to collect the tree; Run invokes the recorded BeforeAll/BeforeEach/It/AfterEach/AfterAll
# scriptblocks, each block in its own scope, BeforeEach/It/AfterEach dot-sourced into one test scope.
# Should's operators follow Pester 5's src/functions/assertions (array input, -eq order, -like filters).
# Dot-source this file into a fresh runspace, then call Invoke-PesterLite; it returns one result per It.
# Internal names start with __pl: user scriptblocks run in scopes below these functions and see their locals.
# Runner state is global: $script: inside these functions is the test file's script scope while it runs.

$global:__plRoot = $null
$global:__plCurrent = $null
$global:__plTestDriveRoot = $null

function __plNewBlock([string] $__plName, $__plParent, [bool] $__plHasData, $__plData, [string[]] $__plTags, [bool] $__plSkip) {
    [pscustomobject]@{
        Kind = 'Block'; Name = $__plName; Parent = $__plParent; HasData = $__plHasData; Data = $__plData
        Tags = @($__plTags); Skip = $__plSkip
        Children = [System.Collections.Generic.List[object]]::new()
        BeforeAll = [System.Collections.Generic.List[scriptblock]]::new()
        AfterAll = [System.Collections.Generic.List[scriptblock]]::new()
        BeforeEach = [System.Collections.Generic.List[scriptblock]]::new()
        AfterEach = [System.Collections.Generic.List[scriptblock]]::new()
    }
}

function __plPath($__plNode) {
    $__plNames = [System.Collections.Generic.List[string]]::new()
    for ($__plN = $__plNode; $null -ne $__plN -and $null -ne $__plN.Parent; $__plN = $__plN.Parent) { $__plNames.Insert(0, $__plN.Name) }
    $__plNames -join ' > '
}

# Pester 5 expands <key> (and <_>) in names from the data item.
function __plExpandName([string] $__plName, [bool] $__plHasData, $__plData) {
    if (-not $__plHasData) { return $__plName }
    [regex]::Replace($__plName, '<([^>]+)>', {
            param($__plM)
            $__plKey = $__plM.Groups[1].Value
            if ($__plKey -eq '_') { return "$__plData" }
            if ($__plData -is [System.Collections.IDictionary] -and $__plData.Contains($__plKey)) { return "$($__plData[$__plKey])" }
            $__plM.Value
        })
}

# Defines the data item's hashtable keys as variables in the scope it is dot-sourced into. $_ comes
# from piping the item into that scope's scriptblock (a plain variable named _ is not seen as $_).
$global:__plSetDataVariables = {
    param([bool] $__plHasDataArg, $__plDataArg)
    if ($__plHasDataArg) {
        if ($__plDataArg -is [System.Collections.IDictionary]) {
            foreach ($__plKey in $__plDataArg.Keys) { $ExecutionContext.SessionState.PSVariable.Set([string] $__plKey, $__plDataArg[$__plKey]) }
        }
    }
}

function __plAddBlock([string] $__plName, [scriptblock] $__plFixture, [bool] $__plForEachGiven, $__plForEach, [string[]] $__plTag, [bool] $__plSkip) {
    if ($null -eq $global:__plCurrent) { throw "Describe/Context '$__plName' ran outside discovery (Pester-lite)." }
    $__plItems = @(if ($__plForEachGiven) { $__plForEach } else { $null })
    foreach ($__plItem in $__plItems) {
        $__plParent = $global:__plCurrent
        $__plBlock = __plNewBlock (__plExpandName $__plName $__plForEachGiven $__plItem) $__plParent $__plForEachGiven $__plItem $__plTag $__plSkip
        $__plParent.Children.Add($__plBlock)
        $global:__plCurrent = $__plBlock
        try {
            # Discovery: the body runs in a new scope with the data item's variables, as in Pester 5.
            , $__plItem | & { process {
                    . $global:__plSetDataVariables $__plForEachGiven $__plItem
                    . $__plFixture
                } }
        }
        finally { $global:__plCurrent = $__plParent }
    }
}

function Describe {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('TestCases')] [object[]] $ForEach, [string[]] $Tag, [switch] $Skip)
    __plAddBlock $Name $Fixture $PSBoundParameters.ContainsKey('ForEach') $ForEach $Tag $Skip.IsPresent
}

function Context {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Fixture,
        [Alias('TestCases')] [object[]] $ForEach, [string[]] $Tag, [switch] $Skip)
    __plAddBlock $Name $Fixture $PSBoundParameters.ContainsKey('ForEach') $ForEach $Tag $Skip.IsPresent
}

function It {
    param([Parameter(Mandatory, Position = 0)] [string] $Name, [Parameter(Position = 1)] [scriptblock] $Test,
        [Alias('TestCases')] [object[]] $ForEach, [string[]] $Tag, [switch] $Skip)
    if ($null -eq $global:__plCurrent) { throw "It '$Name' ran outside discovery (Pester-lite)." }
    $__plGiven = $PSBoundParameters.ContainsKey('ForEach')
    $__plItems = @(if ($__plGiven) { $ForEach } else { $null })
    foreach ($__plItem in $__plItems) {
        $global:__plCurrent.Children.Add([pscustomobject]@{
                Kind = 'Test'; Name = (__plExpandName $Name $__plGiven $__plItem); Parent = $global:__plCurrent
                HasData = $__plGiven; Data = $__plItem; Body = $Test; Tags = @($Tag); Skip = $Skip.IsPresent
            })
    }
}

function BeforeDiscovery {
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $ScriptBlock)
    # Pester 5 runs it in place; dot-sourcing from here puts it one scope below the caller, which is
    # the same as far as the suite can tell ($script: variables, functions).
    . $ScriptBlock
}

function BeforeAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) $global:__plCurrent.BeforeAll.Add($Scriptblock) }
function AfterAll { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) $global:__plCurrent.AfterAll.Add($Scriptblock) }
function BeforeEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) $global:__plCurrent.BeforeEach.Add($Scriptblock) }
function AfterEach { param([Parameter(Mandatory, Position = 0)] [scriptblock] $Scriptblock) $global:__plCurrent.AfterEach.Add($Scriptblock) }

class PesterLiteSkip : System.Exception {
    PesterLiteSkip([string] $message) : base($message) {}
}

function Set-ItResult {
    param([switch] $Skipped, [switch] $Pending, [switch] $Inconclusive, [string] $Because)
    throw [PesterLiteSkip]::new("skipped: $Because")
}

function __plTests($__plNode) {
    foreach ($__plChild in $__plNode.Children) {
        if ($__plChild.Kind -eq 'Test') { $__plChild } else { __plTests $__plChild }
    }
}

function __plResult($__plTest, [string] $__plResult, [string] $__plMessage) {
    [pscustomobject]@{ Path = (__plPath $__plTest); Result = $__plResult; Message = $__plMessage }
}

function __plDescribeError($__plError) {
    $__plText = $__plError.Exception.Message
    if ($__plError.FullyQualifiedErrorId -ne 'PesterAssertionFailed' -and $__plError.InvocationInfo -and $__plError.InvocationInfo.ScriptLineNumber -gt 0) {
        $__plText += " (line $($__plError.InvocationInfo.ScriptLineNumber): $($__plError.InvocationInfo.Line.Trim()))"
    }
    $__plText
}

function __plHasTag($__plTest, [string[]] $__plTags) {
    for ($__plN = $__plTest; $null -ne $__plN; $__plN = $__plN.Parent) {
        foreach ($__plT in $__plN.Tags) { if ($__plT -and $__plTags -contains $__plT) { return $__plT } }
    }
    $null
}

function __plRunTest($__plTest, $__plEachChain, [string[]] $__plExcludeTag) {
    $__plTag = __plHasTag $__plTest $__plExcludeTag
    if ($__plTag) { return __plResult $__plTest 'Skipped' "excluded by tag $__plTag (needs a real pwsh: run by ./build.ps1 -Task Test)" }
    if ($__plTest.Skip) { return __plResult $__plTest 'Skipped' '-Skip' }
    # The test scope: BeforeEach (outer first), It and AfterEach (inner first) share it, as in Pester 5.
    $__plOutcome = , $__plTest.Data | & { process {
        . $global:__plSetDataVariables $__plTest.HasData $__plTest.Data
        $__plFailure = $null
        try {
            foreach ($__plBe in $__plEachChain.Before) { $null = . $__plBe }
            $null = . $__plTest.Body
        }
        catch [PesterLiteSkip] { $__plFailure = 'SKIP' }
        catch { $__plFailure = __plDescribeError $_ }
        finally {
            foreach ($__plAe in $__plEachChain.After) {
                try { $null = . $__plAe } catch { if (-not $__plFailure) { $__plFailure = 'AfterEach: ' + (__plDescribeError $_) } }
            }
        }
        , $__plFailure
    } }
    if ($__plOutcome -eq 'SKIP') { return __plResult $__plTest 'Skipped' 'Set-ItResult' }
    if ($null -ne $__plOutcome) { return __plResult $__plTest 'Failed' $__plOutcome }
    __plResult $__plTest 'Passed' ''
}

function __plRunBlock($__plBlock, $__plOuterChain, [string[]] $__plExcludeTag) {
    $__plChain = [pscustomobject]@{
        Before = @($__plOuterChain.Before) + @($__plBlock.BeforeEach)
        After = @($__plBlock.AfterEach) + @($__plOuterChain.After)
    }
    if ($__plBlock.Skip) { foreach ($__plT in (__plTests $__plBlock)) { __plResult $__plT 'Skipped' 'block -Skip' }; return }
    # The block scope: data variables, $TestDrive and BeforeAll are visible to every child.
    , $__plBlock.Data | & { process {
        . $global:__plSetDataVariables $__plBlock.HasData $__plBlock.Data
        $__plDrive = [System.IO.Path]::Combine($global:__plTestDriveRoot, [guid]::NewGuid().ToString('N'))
        $null = [System.IO.Directory]::CreateDirectory($__plDrive)
        $TestDrive = $__plDrive
        $__plSetupFailure = $null
        try {
            try { foreach ($__plBa in $__plBlock.BeforeAll) { $null = . $__plBa } }
            catch { $__plSetupFailure = 'BeforeAll: ' + (__plDescribeError $_) }
            if ($__plSetupFailure) {
                foreach ($__plT in (__plTests $__plBlock)) { __plResult $__plT 'Failed' $__plSetupFailure }
            }
            else {
                foreach ($__plChild in $__plBlock.Children) {
                    if ($__plChild.Kind -eq 'Test') { __plRunTest $__plChild $__plChain $__plExcludeTag }
                    else { __plRunBlock $__plChild $__plChain $__plExcludeTag }
                }
            }
        }
        finally {
            foreach ($__plAa in $__plBlock.AfterAll) {
                try { $null = . $__plAa }
                catch { [pscustomobject]@{ Path = (__plPath $__plBlock) + ' (AfterAll)'; Result = 'Failed'; Message = (__plDescribeError $_) } }
            }
        }
    } }
}

function Invoke-PesterLite {
    param([Parameter(Mandatory)] [string] $Path, [string[]] $ExcludeTag = @())
    $global:__plRoot = __plNewBlock '' $null $false $null @() $false
    $global:__plCurrent = $global:__plRoot
    $global:__plTestDriveRoot = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), 'pesterlite-' + [guid]::NewGuid().ToString('N'))
    $null = [System.IO.Directory]::CreateDirectory($global:__plTestDriveRoot)
    # The suite says "#Requires -Modules Pester 5": an empty module named Pester stands for this runner.
    $__plModules = [System.IO.Path]::Combine($global:__plTestDriveRoot, 'modules')
    $null = [System.IO.Directory]::CreateDirectory([System.IO.Path]::Combine($__plModules, 'Pester'))
    [System.IO.File]::WriteAllText([System.IO.Path]::Combine($__plModules, 'Pester', 'Pester.psd1'), "@{ ModuleVersion = '5.99.0'; Description = 'Pester-lite stand-in' }")
    $__plOldModulePath = $env:PSModulePath
    $env:PSModulePath = $__plModules + [System.IO.Path]::PathSeparator + $env:PSModulePath
    try {
        # Discovery: the file runs as a script (its own script scope and $PSScriptRoot).
        try { $null = & $Path }
        catch {
            return [pscustomobject]@{ Path = "$Path (discovery)"; Result = 'Failed'; Message = (__plDescribeError $_) }
        }
        finally { $global:__plCurrent = $null }
        # Run.
        __plRunBlock $global:__plRoot ([pscustomobject]@{ Before = @(); After = @() }) $ExcludeTag
    }
    finally {
        $env:PSModulePath = $__plOldModulePath
        try { [System.IO.Directory]::Delete($global:__plTestDriveRoot, $true) } catch { }
    }
}

# Should and the cmdlet stand-ins live in a module, like Pester's: a scriptblock under test that
# Should -Throw invokes sees the test's variables, never Should's own locals.
$null = New-Module -Name PesterLite.Should -ArgumentList $PesterLiteHost -ScriptBlock {
    param($CaptureHost)
    . ([System.IO.Path]::Combine($PSScriptRoot, 'PesterLite.Should.ps1'))
    . ([System.IO.Path]::Combine($PSScriptRoot, 'PesterLite.StandIns.ps1'))
} | Import-Module
