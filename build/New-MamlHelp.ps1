#Requires -Version 7.0
<#
.SYNOPSIS
    Generates the MAML help file (en-US/<Module>.dll-Help.xml) of a binary module from the module's own
    command metadata and one help source file per cmdlet.
.DESCRIPTION
    Run in a fresh process (build.ps1 does: `dotnet pwsh -NoProfile -File build/New-MamlHelp.ps1 ...`): it
    imports the staged module, so the build never loads the module's DLLs itself.

    What comes from where:
      - From Get-Command: every parameter's name, type, aliases, mandatory/position/pipeline input per parameter
        set, ValidateSet values, wildcard support; the parameter sets (one syntax item each); OutputType.
      - From module/help/<Cmdlet>.psd1 (a PowerShell data file, see module/help/README.md): Synopsis,
        Description, Parameters (name = description, or @{ Description = '...'; DefaultValue = '...' }),
        Examples (@{ Title; Code; Remarks }), Notes, Links, and optionally Inputs/Outputs (@{ Type; Description }).

    The build fails (exit 1) when an exported cmdlet has no help source, a source lacks a synopsis, a
    description or an example, or a parameter has no description (common parameters excepted; WhatIf, Confirm
    and the paging parameters First, Skip and IncludeTotalCount get standard text unless the source has its own).
    A source entry for a parameter the cmdlet does not have is a warning, so parameters can evolve.

    After writing, it checks that Get-Help renders each cmdlet's synopsis, description, parameters and examples
    from the generated file.
.EXAMPLE
    dotnet pwsh -NoProfile -File build/New-MamlHelp.ps1 -ModulePath out/DeploymentStatus/DeploymentStatus.psd1 -SourcePath module/help -OutputPath out/DeploymentStatus/en-US/DeploymentStatus.dll-Help.xml
#>
[CmdletBinding()]
param(
    # The module manifest (or folder) to import and document.
    [Parameter(Mandatory)] [string] $ModulePath,
    # The folder with one <CmdletName>.psd1 help source per cmdlet.
    [Parameter(Mandatory)] [string] $SourcePath,
    # The MAML file to write, normally <module>/en-US/<Assembly>.dll-Help.xml.
    [Parameter(Mandatory)] [string] $OutputPath,
    # Skip the Get-Help round trip after writing.
    [switch] $SkipVerify
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
# Plain text in logs: no ANSI colour codes when the output goes to a file or a pipe.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

# Parameters that PowerShell adds and documents itself (about_CommonParameters).
$commonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]]([System.Management.Automation.PSCmdlet]::CommonParameters), [StringComparer]::OrdinalIgnoreCase)
# Parameters with standard meaning: documented with standard text unless the source says more.
$standardParameters = @{
    WhatIf            = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm           = 'Prompts you for confirmation before running the cmdlet.'
    First             = 'Gets only the specified number of objects. Enter the number of objects to get.'
    Skip              = 'Ignores the specified number of objects and then gets the remaining objects. Enter the number of objects to skip.'
    IncludeTotalCount = 'Reports the total number of objects in the data set (an integer) followed by the selected objects. If the cmdlet cannot determine the total count, it displays "Unknown total count." The integer has an Accuracy property that indicates the reliability of the total count value. The value of Accuracy ranges from 0.0 to 1.0 where 0.0 means that the cmdlet could not count the objects, 1.0 means that the count is exact, and a value between 0.0 and 1.0 indicates an increasingly reliable estimate.'
    UseTransaction    = 'Includes the command in the active transaction.'
}
$knownKeys = 'Synopsis', 'Description', 'Parameters', 'Examples', 'Notes', 'Links', 'Inputs', 'Outputs'

$errors = [System.Collections.Generic.List[string]]::new()
$warnings = [System.Collections.Generic.List[string]]::new()

#region text helpers

function ConvertTo-Paragraph([string] $Text) {
    # Blank lines separate paragraphs; inside one, lines are joined with a space, except that a line starting a
    # list item ("- ", "* ", "1. ") or indented by two or more spaces starts a paragraph of its own.
    if ([string]::IsNullOrWhiteSpace($Text)) { return @() }
    $result = [System.Collections.Generic.List[string]]::new()
    foreach ($block in ($Text.Trim() -split '\r?\n[ \t]*\r?\n')) {
        $current = $null
        foreach ($line in ($block -split '\r?\n')) {
            $startsOwn = $line -match '^\s*([-*]|\d+\.)\s' -or $line -match '^\s{2,}\S'
            if ($null -ne $current -and -not $startsOwn) {
                $current = $current.TrimEnd() + ' ' + $line.Trim()
            }
            else {
                if ($null -ne $current) { $result.Add($current) }
                $current = if ($startsOwn) { $line.TrimEnd() } else { $line.Trim() }
            }
        }
        if ($null -ne $current) { $result.Add($current) }
    }
    $result
}

function Format-Code([string] $Code) {
    # Drops leading/trailing blank lines and the indentation common to all lines.
    $lines = @($Code -split '\r?\n')
    while ($lines.Count -and [string]::IsNullOrWhiteSpace($lines[0])) { $lines = @($lines | Select-Object -Skip 1) }
    while ($lines.Count -and [string]::IsNullOrWhiteSpace($lines[-1])) { $lines = @($lines | Select-Object -SkipLast 1) }
    $indents = $lines | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length }
    $cut = ($indents | Measure-Object -Minimum).Minimum
    if (-not $cut) { $cut = 0 }
    ($lines | ForEach-Object { if ($_.Length -ge $cut) { $_.Substring($cut).TrimEnd() } else { $_.TrimEnd() } }) -join "`n"
}

function Get-ShortTypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return Get-ShortTypeName $Type.GetGenericArguments()[0] }
    if ($Type.IsArray) { return (Get-ShortTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $name = $Type.Name -replace '`\d+$', ''
        return $name + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-ShortTypeName $_ }) -join ', ') + ']'
    }
    $Type.Name
}

function Get-FullTypeName([type] $Type) {
    if ($Type.IsGenericType -and $Type.GetGenericTypeDefinition() -eq [Nullable`1]) { return Get-FullTypeName $Type.GetGenericArguments()[0] }
    if ($Type.IsArray) { return (Get-FullTypeName $Type.GetElementType()) + '[]' }
    if ($Type.IsGenericType) {
        $name = $Type.GetGenericTypeDefinition().FullName -replace '`\d+$', ''
        return $name + '[' + (($Type.GetGenericArguments() | ForEach-Object { Get-FullTypeName $_ }) -join ', ') + ']'
    }
    $Type.FullName
}

function Get-PipelineText([bool] $ByValue, [bool] $ByName) {
    if ($ByValue -and $ByName) { 'True (ByValue, ByPropertyName)' }
    elseif ($ByValue) { 'True (ByValue)' }
    elseif ($ByName) { 'True (ByPropertyName)' }
    else { 'False' }
}

#endregion

#region XML writing

function Write-Para([System.Xml.XmlWriter] $W, [string] $Text) {
    $paras = @(ConvertTo-Paragraph $Text)
    if ($paras.Count -eq 0) { $W.WriteStartElement('maml', 'para', $ns.maml); $W.WriteEndElement(); return }
    foreach ($p in $paras) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
}

function Write-Description([System.Xml.XmlWriter] $W, [string] $Text) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    Write-Para $W $Text
    $W.WriteEndElement()
}

function Write-DevType([System.Xml.XmlWriter] $W, [string] $Name) {
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, $Name)
    $W.WriteStartElement('maml', 'uri', $ns.maml); $W.WriteEndElement()
    $W.WriteEndElement()
}

function Write-Parameter {
    param(
        [System.Xml.XmlWriter] $W, [object] $Info, [bool] $InSyntax
    )
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $Info.Required.ToString().ToLowerInvariant())
    $W.WriteAttributeString('variableLength', 'true')
    $W.WriteAttributeString('globbing', $Info.Globbing.ToString().ToLowerInvariant())
    $W.WriteAttributeString('pipelineInput', $Info.PipelineInput)
    $W.WriteAttributeString('position', $Info.Position)
    $W.WriteAttributeString('aliases', $Info.Aliases)
    $W.WriteElementString('maml', 'name', $ns.maml, $Info.Name)
    Write-Description $W $Info.Description
    if ($Info.ValidValues.Count -gt 0) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $Info.ValidValues) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    if (-not $Info.IsSwitch -or -not $InSyntax) {
        # A switch shows as [-Name] in the syntax: no value there.
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', $(if ($Info.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $(if ($Info.IsArray) { 'true' } else { 'false' }))
        $W.WriteString($Info.TypeName)
        $W.WriteEndElement()
    }
    Write-DevType $W $Info.FullTypeName
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $Info.DefaultValue)
    $W.WriteEndElement()
}

#endregion

#region parameter model

function Get-ParameterSource([hashtable] $Source, [string] $Name) {
    # The source entry for a parameter: a string (the description) or @{ Description; DefaultValue }.
    $params = if ($Source.ContainsKey('Parameters') -and $Source.Parameters) { $Source.Parameters } else { @{} }
    foreach ($key in $params.Keys) {
        if ($key -ieq $Name) {
            $entry = $params[$key]
            if ($entry -is [hashtable]) { return $entry }
            return @{ Description = [string]$entry }
        }
    }
    $null
}

function New-ParameterInfo {
    param(
        [System.Management.Automation.CommandInfo] $Command,
        [System.Management.Automation.ParameterMetadata] $Meta,
        [hashtable] $Source,
        # A CommandParameterInfo for a syntax item, or $null for the parameters section.
        [object] $InSet
    )
    $name = $Meta.Name
    $type = $Meta.ParameterType
    $entry = Get-ParameterSource $Source $name
    $description = if ($entry -and $entry['Description']) { [string]$entry['Description'] } elseif ($standardParameters.ContainsKey($name)) { $standardParameters[$name] } else { $null }
    $isSwitch = $Meta.SwitchParameter
    $default = if ($entry -and $entry.ContainsKey('DefaultValue')) { [string]$entry['DefaultValue'] } elseif ($isSwitch) { 'False' } else { 'None' }

    $sets = @($Meta.ParameterSets.Values)
    if ($InSet) {
        $required = [bool]$InSet.IsMandatory
        $position = if ($InSet.Position -ge 0) { [string]$InSet.Position } else { 'named' }
        $pipeline = Get-PipelineText $InSet.ValueFromPipeline $InSet.ValueFromPipelineByPropertyName
        $attributes = $InSet.Attributes
    }
    else {
        # One entry for all sets: required only if required everywhere; a position only if the same everywhere.
        $required = $sets.Count -gt 0 -and -not ($sets | Where-Object { -not $_.IsMandatory })
        $positions = @($sets | ForEach-Object Position | Sort-Object -Unique)
        $position = if ($positions.Count -eq 1 -and $positions[0] -ge 0) { [string]$positions[0] } else { 'named' }
        $pipeline = Get-PipelineText ([bool]($sets | Where-Object ValueFromPipeline)) ([bool]($sets | Where-Object ValueFromPipelineByPropertyName))
        $attributes = $Meta.Attributes
    }
    $validValues = @($attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | ForEach-Object { $_.ValidValues } | Select-Object -Unique)
    $globbing = [bool]($attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $aliases = if ($Meta.Aliases.Count) { ($Meta.Aliases | Sort-Object) -join ', ' } else { 'none' }

    [pscustomobject]@{
        Name          = $name
        Description   = $description
        Required      = $required
        Position      = $position
        PipelineInput = $pipeline
        Aliases       = $aliases
        Globbing      = $globbing
        ValidValues   = $validValues
        IsSwitch      = $isSwitch
        IsArray       = $type.IsArray
        TypeName      = Get-ShortTypeName $type
        FullTypeName  = Get-FullTypeName $type
        DefaultValue  = $default
    }
}

function Test-Documented([string] $Name) { -not $commonParameters.Contains($Name) }

function Get-SyntaxParameter([System.Management.Automation.CommandParameterSetInfo] $Set) {
    # Positional parameters by position, then mandatory named ones, then the rest; WhatIf/Confirm last,
    # the way Get-Command -Syntax shows them.
    $params = @($Set.Parameters | Where-Object { Test-Documented $_.Name })
    $positional = @($params | Where-Object Position -ge 0 | Sort-Object Position)
    $named = @($params | Where-Object Position -lt 0)
    $last = @($named | Where-Object Name -in 'WhatIf', 'Confirm')
    $named = @($named | Where-Object Name -notin 'WhatIf', 'Confirm')
    @($positional) + @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory }) + $last
}

#endregion

#region load the module and the sources

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$SourcePath = (Resolve-Path -LiteralPath $SourcePath).ProviderPath
$manifestPath = if (Test-Path -LiteralPath $ModulePath -PathType Container) {
    Get-ChildItem -LiteralPath $ModulePath -Filter '*.psd1' | Select-Object -First 1 -ExpandProperty FullName
}
else { $ModulePath }

$null = Test-ModuleManifest -Path $manifestPath
$manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
$module = Import-Module $manifestPath -Force -PassThru -ErrorAction Stop | Select-Object -First 1
Write-Host "Help for $($module.Name) $($module.Version) from $SourcePath"

$exported = @($module.ExportedCmdlets.Values | Sort-Object Name)
$declared = @()
if ($manifest.ContainsKey('CmdletsToExport')) { $declared = @($manifest.CmdletsToExport) }
if (-not $declared -or ($declared | Where-Object { "$_".Contains('*') })) {
    $warnings.Add('The manifest has no explicit CmdletsToExport list; documenting every cmdlet the module exports.')
}
foreach ($name in $declared) {
    if ("$name".Contains('*')) { continue }
    if (-not ($exported | Where-Object Name -eq $name)) {
        $warnings.Add("The manifest exports '$name' but the module has no such cmdlet; it has no help.")
    }
}
if ($exported.Count -eq 0) { $errors.Add("Module $($module.Name) exports no cmdlets.") }

$sources = @{}
foreach ($file in Get-ChildItem -LiteralPath $SourcePath -Filter '*.psd1' -File) {
    try {
        $sources[$file.BaseName] = Import-PowerShellDataFile -LiteralPath $file.FullName -SkipLimitCheck
    }
    catch {
        $errors.Add("$($file.Name): not a valid PowerShell data file: $($_.Exception.Message)")
    }
}
foreach ($name in $sources.Keys) {
    if (-not ($exported | Where-Object Name -eq $name)) {
        $warnings.Add("module/help/$name.psd1 documents '$name', which the module does not export.")
    }
}

#endregion

#region validate and build the model

$model = foreach ($cmd in $exported) {
    $name = $cmd.Name
    $file = "$name.psd1"
    if (-not $sources.ContainsKey($name)) { $errors.Add("$name has no help source ($file in $SourcePath)."); continue }
    $src = $sources[$name]
    foreach ($key in $src.Keys) {
        if ($key -notin $knownKeys) { $warnings.Add("${file}: unknown key '$key' (known: $($knownKeys -join ', ')).") }
    }
    foreach ($key in 'Synopsis', 'Description') {
        if (-not $src.ContainsKey($key) -or [string]::IsNullOrWhiteSpace([string]$src[$key])) { $errors.Add("${file}: no $key.") }
    }
    $examples = @(if ($src.ContainsKey('Examples')) { $src.Examples })
    if ($examples.Count -eq 0) { $errors.Add("${file}: no Examples.") }
    elseif ($examples.Count -lt 2) { $warnings.Add("${file}: only one example; two or more show a cmdlet better.") }
    $i = 0
    foreach ($ex in $examples) {
        $i++
        if ($ex -isnot [hashtable] -or [string]::IsNullOrWhiteSpace([string]$ex['Code'])) { $errors.Add("${file}: example $i has no Code.") }
    }

    $documented = @($cmd.Parameters.Values | Where-Object { Test-Documented $_.Name })
    $params = foreach ($meta in $documented) {
        $info = New-ParameterInfo -Command $cmd -Meta $meta -Source $src -InSet $null
        if ([string]::IsNullOrWhiteSpace($info.Description)) {
            $errors.Add("${file}: parameter -$($meta.Name) of $name has no description.")
        }
        $info
    }
    if ($src.ContainsKey('Parameters') -and $src.Parameters) {
        foreach ($key in $src.Parameters.Keys) {
            if (-not ($documented | Where-Object Name -eq $key)) {
                $warnings.Add("${file}: describes parameter -$key, which $name does not have.")
            }
        }
    }
    [pscustomobject]@{ Command = $cmd; Source = $src; Parameters = @($params); Examples = $examples }
}

foreach ($w in $warnings) { Write-Warning $w }
if ($errors.Count) {
    foreach ($e in $errors) { [Console]::Error.WriteLine("help error: $e") }
    [Console]::Error.WriteLine("Help is incomplete: $($errors.Count) error(s). Fix the sources in $SourcePath.")
    exit 1
}

#endregion

#region write

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineChars = "`n"
$settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize

$outDir = Split-Path -Parent ([System.IO.Path]::GetFullPath($OutputPath))
$null = New-Item -ItemType Directory -Force -Path $outDir
$tmp = [System.IO.Path]::GetFullPath($OutputPath) + '.tmp'
$w = [System.Xml.XmlWriter]::Create($tmp, $settings)
try {
    $w.WriteStartDocument()
    $w.WriteStartElement('helpItems', $ns.msh)
    $w.WriteAttributeString('schema', 'maml')
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') {
        $w.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $ns[$prefix])
    }

    foreach ($item in $model) {
        $cmd = $item.Command
        $src = $item.Source
        $w.WriteStartElement('command', 'command', $ns.command)

        $w.WriteStartElement('command', 'details', $ns.command)
        $w.WriteElementString('command', 'name', $ns.command, $cmd.Name)
        $w.WriteElementString('command', 'verb', $ns.command, $cmd.Verb)
        $w.WriteElementString('command', 'noun', $ns.command, $cmd.Noun)
        Write-Description $w ([string]$src.Synopsis)
        $w.WriteEndElement()

        Write-Description $w ([string]$src.Description)

        # Syntax: one item per parameter set, the default set first.
        $w.WriteStartElement('command', 'syntax', $ns.command)
        $sets = @($cmd.ParameterSets | Sort-Object { -not $_.IsDefault })
        foreach ($set in $sets) {
            $w.WriteStartElement('command', 'syntaxItem', $ns.command)
            $w.WriteElementString('maml', 'name', $ns.maml, $cmd.Name)
            foreach ($p in Get-SyntaxParameter $set) {
                $info = New-ParameterInfo -Command $cmd -Meta $cmd.Parameters[$p.Name] -Source $src -InSet $p
                Write-Parameter -W $w -Info $info -InSyntax $true
            }
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        # Parameters: each once, in the order of the default syntax, then any others.
        $w.WriteStartElement('command', 'parameters', $ns.command)
        $order = [System.Collections.Generic.List[string]]::new()
        foreach ($set in $sets) { foreach ($p in Get-SyntaxParameter $set) { if (-not $order.Contains($p.Name)) { $order.Add($p.Name) } } }
        foreach ($p in $item.Parameters) { if (-not $order.Contains($p.Name)) { $order.Add($p.Name) } }
        foreach ($pname in $order) {
            Write-Parameter -W $w -Info ($item.Parameters | Where-Object Name -eq $pname) -InSyntax $false
        }
        $w.WriteEndElement()

        # Inputs: from the source, else from the parameters that take pipeline input.
        $inputs = @(if ($src.ContainsKey('Inputs')) { $src.Inputs })
        if ($inputs.Count -eq 0) {
            $byValue = @($item.Parameters | Where-Object PipelineInput -like '*ByValue*')
            foreach ($p in $byValue) { $inputs += @{ Type = $p.FullTypeName; Description = "You can pipe a value to -$($p.Name)." } }
            $byName = @($item.Parameters | Where-Object PipelineInput -like '*ByPropertyName*' | ForEach-Object Name)
            if ($byName) {
                $inputs += @{ Type = 'System.Management.Automation.PSObject'; Description = "You can pipe objects with the properties $($byName -join ', ') (or their aliases); they bind by property name." }
            }
            if ($inputs.Count -eq 0) { $inputs = @(@{ Type = 'None'; Description = 'You cannot pipe objects to this cmdlet.' }) }
        }
        $w.WriteStartElement('command', 'inputTypes', $ns.command)
        foreach ($in in $inputs) {
            $w.WriteStartElement('command', 'inputType', $ns.command)
            Write-DevType $w ([string]$in.Type)
            Write-Description $w ([string]$in['Description'])
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        # Outputs: from the source, else from [OutputType].
        $outputs = @(if ($src.ContainsKey('Outputs')) { $src.Outputs })
        if ($outputs.Count -eq 0) {
            $outputs = @($cmd.OutputType | ForEach-Object { @{ Type = $_.Name; Description = '' } })
            if ($outputs.Count -eq 0) { $outputs = @(@{ Type = 'None'; Description = 'This cmdlet returns no output.' }) }
        }
        $w.WriteStartElement('command', 'returnValues', $ns.command)
        foreach ($o in $outputs) {
            $w.WriteStartElement('command', 'returnValue', $ns.command)
            Write-DevType $w ([string]$o.Type)
            Write-Description $w ([string]$o['Description'])
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        if ($src.ContainsKey('Notes') -and -not [string]::IsNullOrWhiteSpace([string]$src.Notes)) {
            $w.WriteStartElement('maml', 'alertSet', $ns.maml)
            $w.WriteStartElement('maml', 'alert', $ns.maml)
            Write-Para $w ([string]$src.Notes)
            $w.WriteEndElement()
            $w.WriteEndElement()
        }

        $w.WriteStartElement('command', 'examples', $ns.command)
        $n = 0
        foreach ($ex in $item.Examples) {
            $n++
            $title = "Example ${n}"
            if ($ex['Title']) { $title += ": $($ex['Title'])" }
            $w.WriteStartElement('command', 'example', $ns.command)
            $w.WriteElementString('maml', 'title', $ns.maml, "-------------------------- $title --------------------------")
            $w.WriteElementString('dev', 'code', $ns.dev, (Format-Code ([string]$ex['Code'])))
            $w.WriteStartElement('dev', 'remarks', $ns.dev)
            Write-Para $w ([string]$ex['Remarks'])
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteStartElement('command', 'relatedLinks', $ns.command)
        foreach ($link in @(if ($src.ContainsKey('Links')) { $src.Links })) {
            $w.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $text = [string]$link
            $uri = ''
            if ($link -is [hashtable]) { $text = [string]$link['Text']; $uri = [string]$link['Uri'] }
            elseif ($text -match '^https?://') { $uri = $text; $text = 'Online version:' }
            $w.WriteElementString('maml', 'linkText', $ns.maml, $text)
            $w.WriteElementString('maml', 'uri', $ns.maml, $uri)
            $w.WriteEndElement()
        }
        $w.WriteEndElement()

        $w.WriteEndElement() # command:command
    }
    $w.WriteEndElement() # helpItems
    $w.WriteEndDocument()
}
finally {
    $w.Dispose()
}
# Well-formed, or no file at all.
$check = [System.Xml.XmlDocument]::new()
$check.Load($tmp)
Move-Item -LiteralPath $tmp -Destination $OutputPath -Force
Write-Host ("Wrote {0} ({1} cmdlets, {2:N0} bytes)" -f $OutputPath, @($model).Count, (Get-Item -LiteralPath $OutputPath).Length)

#endregion

#region verify through Get-Help

if (-not $SkipVerify) {
    $problems = [System.Collections.Generic.List[string]]::new()
    $normalize = { param($s) (($s -join ' ') -replace '\s+', ' ').Trim() }
    foreach ($item in $model) {
        $name = $item.Command.Name
        $help = Get-Help -Name "$($module.Name)\$name" -Full -ErrorAction Stop
        $expected = & $normalize (ConvertTo-Paragraph ([string]$item.Source.Synopsis))
        if ((& $normalize $help.Synopsis) -ne $expected) {
            $problems.Add("${name}: Get-Help shows synopsis '$($help.Synopsis)', not the generated one (is the help file found?).")
            continue
        }
        if (-not $help.PSObject.Properties['description'] -or -not ($help.description | ForEach-Object Text)) {
            $problems.Add("${name}: Get-Help shows no description.")
        }
        $shown = @(if ($help.PSObject.Properties['examples'] -and $help.examples) { $help.examples.example })
        if ($shown.Count -ne $item.Examples.Count) { $problems.Add("${name}: Get-Help shows $($shown.Count) examples, expected $($item.Examples.Count).") }
        $helpParams = @(if ($help.PSObject.Properties['parameters'] -and $help.parameters) { $help.parameters.parameter })
        foreach ($p in $item.Parameters) {
            $hp = $helpParams | Where-Object name -eq $p.Name
            if (-not $hp -or -not ($hp.description | ForEach-Object Text)) { $problems.Add("${name}: Get-Help shows no description for -$($p.Name).") }
        }
        $syntax = @($help.syntax.syntaxItem)
        if ($syntax.Count -ne @($item.Command.ParameterSets).Count) { $problems.Add("${name}: Get-Help shows $($syntax.Count) syntax items, expected $(@($item.Command.ParameterSets).Count).") }
    }
    if ($problems.Count) {
        foreach ($p in $problems) { [Console]::Error.WriteLine("help check: $p") }
        exit 1
    }
    Write-Host "Get-Help renders all $(@($model).Count) cmdlets from the generated MAML."
}

#endregion
exit 0
