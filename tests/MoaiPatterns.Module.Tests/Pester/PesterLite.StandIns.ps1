# Stand-ins for the Microsoft.PowerShell.Utility/Management cmdlets the suite calls, which the
# hosted engine (System.Management.Automation alone) lacks. Each does only what the suite asks of
# it, the way the real cmdlet does it; anything else throws so a new use is noticed, not faked.
# Paths resolve against the PowerShell location, as providers do.

function Resolve-LitePath([string] $Path) {
    $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
}

function Join-Path {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [Parameter(Mandatory, Position = 1)] [string] $ChildPath)
    $Path.TrimEnd('/', '\') + [System.IO.Path]::DirectorySeparatorChar + $ChildPath.TrimStart('/', '\')
}

function Split-Path {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [switch] $Parent, [switch] $Leaf)
    if ($Leaf) { return [System.IO.Path]::GetFileName($Path.TrimEnd('/', '\')) }
    [System.IO.Path]::GetDirectoryName($Path.TrimEnd('/', '\'))
}

function Test-Path {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [ValidateSet('Any', 'Leaf', 'Container')] [string] $PathType = 'Any')
    $full = Resolve-LitePath $Path
    switch ($PathType) {
        'Leaf' { [System.IO.File]::Exists($full) }
        'Container' { [System.IO.Directory]::Exists($full) }
        default { [System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full) }
    }
}

function Resolve-Path {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    # The engine's own resolver: a PathInfo with .Path, or an ItemNotFound error, as Resolve-Path gives.
    $ExecutionContext.SessionState.Path.GetResolvedPSPathFromPSPath($Path)
}

function Get-Item {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    $full = Resolve-LitePath $Path
    if ([System.IO.File]::Exists($full)) { return [System.IO.FileInfo]::new($full) }
    if ([System.IO.Directory]::Exists($full)) { return [System.IO.DirectoryInfo]::new($full) }
    throw [System.Management.Automation.ItemNotFoundException]::new("Cannot find path '$full' because it does not exist.")
}

function New-Item {
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [ValidateSet('Directory', 'File')] [string] $ItemType, [switch] $Force)
    $full = Resolve-LitePath $Path
    if (-not $Force -and ([System.IO.File]::Exists($full) -or [System.IO.Directory]::Exists($full))) {
        throw [System.IO.IOException]::new("An item with the specified name $full already exists.")
    }
    if ($ItemType -eq 'Directory') { return [System.IO.Directory]::CreateDirectory($full) }
    [System.IO.File]::WriteAllText($full, '')
    [System.IO.FileInfo]::new($full)
}

function Set-Content {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [Parameter(Mandatory, Position = 1)] [object[]] $Value)
    # PowerShell 7: UTF-8 without BOM, each value on its own line.
    $text = (($Value | ForEach-Object { "$_" }) -join [System.Environment]::NewLine) + [System.Environment]::NewLine
    [System.IO.File]::WriteAllText((Resolve-LitePath $Path), $text, [System.Text.UTF8Encoding]::new($false))
}

function Get-Content {
    param([Parameter(Mandatory, Position = 0)] [string] $Path, [switch] $Raw)
    $full = Resolve-LitePath $Path
    if ($Raw) { return [System.IO.File]::ReadAllText($full) }
    [System.IO.File]::ReadAllLines($full)
}

function Get-ChildItem {
    param([Parameter(Position = 0)] [string] $Path = '.', [string] $Filter = '*', [switch] $Recurse, [switch] $File)
    $full = Resolve-LitePath $Path
    $option = if ($Recurse) { [System.IO.SearchOption]::AllDirectories } else { [System.IO.SearchOption]::TopDirectoryOnly }
    $dir = [System.IO.DirectoryInfo]::new($full)
    if ($File) { $dir.GetFiles($Filter, $option) } else { $dir.GetFileSystemInfos($Filter, $option) }
}

function Push-Location {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    $ExecutionContext.SessionState.Path.PushCurrentLocation('')
    $null = $ExecutionContext.SessionState.Path.SetLocation($Path)
}

function Pop-Location {
    $null = $ExecutionContext.SessionState.Path.PopLocation('')
}

function Sort-Object {
    param([Parameter(ValueFromPipeline)] [object] $InputObject, [switch] $Descending)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        # Sort-Object compares with the current culture, case-insensitively, like LanguagePrimitives.Compare.
        $items.Sort([System.Comparison[object]] { param($a, $b) [System.Management.Automation.LanguagePrimitives]::Compare($a, $b, $true) })
        if ($Descending) { $items.Reverse() }
        $items.ToArray()
    }
}

function Select-Object {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] [object] $InputObject, [int] $First = -1, [int] $Last = -1, [string] $ExpandProperty)
    begin {
        if ($First -lt 0 -and $Last -lt 0 -and -not $ExpandProperty) { throw 'Pester-lite Select-Object supports -First, -Last and -ExpandProperty only.' }
        $seen = 0
        $tail = [System.Collections.Generic.Queue[object]]::new()
    }
    process {
        $value = if ($ExpandProperty) { $InputObject.$ExpandProperty } else { $InputObject }
        if ($Last -ge 0) {
            $tail.Enqueue($value)
            if ($tail.Count -gt $Last) { $null = $tail.Dequeue() }
            return
        }
        if ($First -ge 0 -and $seen -ge $First) { return }
        $seen++
        # Unlike Select-Object, this does not stop the commands upstream (StopUpstreamCommandsException
        # is internal to the engine): it drops the rest, so early stopping is only proven by build.ps1.
        $value
    }
    end { if ($Last -ge 0) { $tail.ToArray() } }
}

function Import-PowerShellDataFile {
    param([Parameter(Mandatory, Position = 0)] [string] $Path)
    $tokens = $null; $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Resolve-LitePath $Path), [ref] $tokens, [ref] $errors)
    if ($errors.Count) { throw "Cannot parse $Path`: $($errors[0].Message)" }
    $hashtable = $ast.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    $hashtable.SafeGetValue()
}

function Out-String {
    [CmdletBinding()]
    param([Parameter(ValueFromPipeline)] [object] $InputObject, [int] $Width = 0)
    begin { $items = [System.Collections.Generic.List[object]]::new() }
    process { $items.Add($InputObject) }
    end {
        # The engine's own formatter renders through Out-Default to the host; take the text it wrote,
        # at the requested width, as Out-String would return it.
        $raw = $Host.UI.RawUI
        $oldSize = $raw.BufferSize
        if ($Width -gt 0) { $raw.BufferSize = [System.Management.Automation.Host.Size]::new($Width, $oldSize.Height) }
        $start = $CaptureHost.Capture.Text.Length
        try { $items | Out-Default }
        finally { $raw.BufferSize = $oldSize }
        $CaptureHost.Capture.Text.Substring($start)
    }
}

# Help examples and docs/EXAMPLES.md format for the reader and take a time window. These render the
# DEFAULT view through Out-Default (not a list or table view on demand): enough for code that must
# only run without errors; an It asserting the list view itself is tagged RequiresPwsh.
function Format-Table { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)] [object[]] $Property, [switch] $AutoSize)
    begin { $items = [System.Collections.Generic.List[object]]::new() } process { $items.Add($InputObject) } end { $items | Out-Default } }
function Format-List { [CmdletBinding()] param([Parameter(ValueFromPipeline)] $InputObject, [Parameter(Position = 0)] [object[]] $Property)
    begin { $items = [System.Collections.Generic.List[object]]::new() } process { $items.Add($InputObject) } end { $items | Out-Default } }
function Get-Date { param() [datetime]::Now }
