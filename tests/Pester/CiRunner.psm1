#Requires -Version 7.0
<#
    A stand-in for the two CI runners, enough to run the PowerShell steps of examples/ (and of tests) as the runners would:
    each step a fresh `dotnet pwsh` process with the variables the runner gives it, its standard output read for workflow
    commands, its files read afterwards. What a runner does that matters here, and where it is documented:

    Azure Pipelines (learn.microsoft.com/azure/devops/pipelines/...)
      - Predefined variables reach a step as environment variables, "." becoming "_", upper case (build/variables).
      - Secret variables do not; a step maps them with env: NAME: $(Secret) (process/variables, secret variables).
      - $(Name) macros are replaced before the step runs; an unknown one stays as written (process/variables).
      - ##vso[task.setvariable variable=X]V: later steps of the job have X; with isOutput=true the step's output STEP.X:
        later steps have $(STEP.X), later jobs map dependencies.JOB.outputs['STEP.X'] (a deployment job:
        ['JOB.STEP.X']), later stages stageDependencies.STAGE.JOB.outputs[...] (scripts/logging-commands, process/variables,
        process/deployment-jobs).
      - A pwsh step runs with $ErrorActionPreference = 'Stop' and fails on a non-zero exit; later steps run only with
        condition: always() (or failed()); AGENT_JOBSTATUS says how the job has gone (Failed, Canceled, ...).
      - Templates: a step - template: FILE with parameters: is the template's steps, ${{ parameters.X }} replaced.
    GitHub Actions (docs.github.com/actions/reference/workflows-and-actions/...)
      - Default variables (variables), GITHUB_OUTPUT and GITHUB_ENV files new for each step (workflow-commands):
        steps.ID.outputs.NAME, and NAME=VALUE lines of GITHUB_ENV as environment variables of later steps.
      - ${{ }} expressions over github, secrets, job, steps, needs (contexts); if: always() / success() / failure() /
        cancelled(); a job's outputs: mapping read by later jobs as needs.JOB.outputs.NAME.
      - shell: pwsh runs the script with $ErrorActionPreference = 'stop' and exits with $LASTEXITCODE.

    Steps that are not PowerShell (checkout, tasks, actions) are skipped and listed. Anything the stand-in cannot evaluate
    throws, so an example that would not work on a real runner fails its test instead of being skipped silently.
#>
Set-StrictMode -Version 3.0

$script:Yaml = $null

function Import-YamlDotNet {
    # YamlDotNet (MIT), restored by `dotnet restore tests/tools/tools.csproj` into the NuGet package folder.
    if ($script:Yaml) { return }
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
    $dll = Join-Path $packages 'yamldotnet/16.3.0/lib/net8.0/YamlDotNet.dll'
    if (-not (Test-Path -LiteralPath $dll)) { throw "YamlDotNet 16.3.0 not found at '$dll'. Run: dotnet restore tests/tools/tools.csproj" }
    Add-Type -LiteralPath $dll
    $script:Yaml = $true
}

function ConvertFrom-YamlNode($Node) {
    if ($Node -is [YamlDotNet.RepresentationModel.YamlMappingNode]) {
        $map = [ordered]@{}
        foreach ($entry in $Node.Children) { $map[[string]$entry.Key.Value] = ConvertFrom-YamlNode $entry.Value }
        return $map
    }
    if ($Node -is [YamlDotNet.RepresentationModel.YamlSequenceNode]) {
        return , @(foreach ($item in $Node.Children) { , (ConvertFrom-YamlNode $item) })
    }
    [string]$Node.Value
}

function Read-CiYaml {
    <# .SYNOPSIS Parses YAML text (a real parser: an example that is not valid YAML fails here) into ordered hashtables, arrays and strings. #>
    param([Parameter(Mandatory)] [string] $Text)
    Import-YamlDotNet
    $stream = [YamlDotNet.RepresentationModel.YamlStream]::new()
    $stream.Load([System.IO.StringReader]::new($Text))
    ConvertFrom-YamlNode $stream.Documents[0].RootNode
}

function Get-Key($Map, [string] $Key) {
    if ($Map -is [System.Collections.IDictionary] -and $Map.Contains($Key)) { return $Map[$Key] }
    $null
}

# ------------------------------------------------------------------------------------------------ one step, one process

function Invoke-CiProcess {
    <#
    .SYNOPSIS Runs a PowerShell script as a CI step would: a fresh `dotnet pwsh`, exactly -Environment on top of this
    machine's environment less anything CI or GitHub, the BUILT module on PSModulePath (as if installed on the agent).
    Returns ExitCode, Lines (standard output) and StdErr.
    #>
    param(
        [Parameter(Mandatory)] [string] $Script,
        [Parameter(Mandatory)] [System.Collections.IDictionary] $Environment,
        [Parameter(Mandatory)] [string] $WorkingDirectory
    )
    $file = Join-Path $WorkingDirectory ('.step-{0}.ps1' -f [guid]::NewGuid().ToString('n'))
    Set-Content -LiteralPath $file -Value $Script -Encoding utf8
    try {
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', $file) { $psi.ArgumentList.Add($a) }
        $psi.WorkingDirectory = $WorkingDirectory
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        foreach ($name in @($psi.Environment.Keys)) {
            if ($name -match '^(TF_BUILD|CI|GITHUB_.*|GH_.*|RUNNER_.*|AGENT_.*|BUILD_.*|SYSTEM_.*|RELEASE_.*|ENVIRONMENT_.*|DEPLOYMENTSTATUS_.*|JOB_CHECK_RUN_ID|PSModulePath)$') {
                $null = $psi.Environment.Remove($name)
            }
        }
        $psi.Environment['PSModulePath'] = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out'))
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['POWERSHELL_TELEMETRY_OPTOUT'] = '1'
        $psi.Environment['POWERSHELL_UPDATECHECK'] = 'Off'
        foreach ($key in $Environment.Keys) { $psi.Environment[[string]$key] = [string]$Environment[$key] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderrTask = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        if (-not $p.WaitForExit(120000)) { $p.Kill($true); throw 'A CI step ran for more than two minutes.' }
        [pscustomobject]@{
            ExitCode = $p.ExitCode
            Lines    = @($stdout -split '\r?\n' | Where-Object { $_ -ne '' })
            StdErr   = $stderrTask.Result
        }
    }
    finally { Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue }
}

function Invoke-StepOrStandIn {
    # A step the test makes fail (the user's deploy script failing), or the one the run is cancelled in, needs no process:
    # what matters is what the runner does next. Any other step runs.
    param([string] $Name, [string] $Script, $Environment, [string] $WorkingDirectory, [string[]] $FailStep, [string] $CancelAfter)
    if ($Name -in $FailStep) { return [pscustomobject]@{ ExitCode = 1; Lines = @('(stand-in: this step failed)'); StdErr = '' } }
    if ($CancelAfter -and $Name -eq $CancelAfter) { return [pscustomobject]@{ ExitCode = 1; Lines = @('(stand-in: the run was cancelled during this step)'); StdErr = '' } }
    Invoke-CiProcess -Script $Script -Environment $Environment -WorkingDirectory $WorkingDirectory
}

# ------------------------------------------------------------------------------------------------ Azure Pipelines

function ConvertTo-AzureEnvName([string] $Name) { $Name.ToUpperInvariant().Replace('.', '_').Replace(' ', '_') }

function Expand-AzureMacro([string] $Text, [System.Collections.IDictionary] $Variables) {
    # $(Name) with a known variable (case-insensitive) is replaced; an unknown one stays, as the agent leaves it.
    [regex]::Replace($Text, '\$\(([A-Za-z0-9_.\-]+)\)', {
            param($m)
            $name = $m.Groups[1].Value
            foreach ($k in $Variables.Keys) { if ([string]::Equals($k, $name, 'OrdinalIgnoreCase')) { return [string]$Variables[$k] } }
            $m.Value
        })
}

function Read-AzureCommand([string] $Line) {
    # ##vso[area.action key=value;key=value]data, data unescaped as the agent does (%AZP25, %0D, %0A).
    $m = [regex]::Match($Line, '##vso\[(?<cmd>[^\s\]]+)(?:\s+(?<props>[^\]]*))?\](?<data>.*)$')
    if (-not $m.Success) { return $null }
    $props = @{}
    foreach ($pair in ($m.Groups['props'].Value -split ';')) {
        if ($pair -match '^\s*([^=]+)=(.*)$') { $props[$Matches[1].Trim().ToLowerInvariant()] = $Matches[2].Replace('%5D', ']').Replace('%3B', ';').Replace('%0D', "`r").Replace('%0A', "`n").Replace('%AZP25', '%') }
    }
    [pscustomobject]@{
        Command    = $m.Groups['cmd'].Value.ToLowerInvariant()
        Properties = $props
        Data       = $m.Groups['data'].Value.Replace('%0D', "`r").Replace('%0A', "`n").Replace('%AZP25', '%')
    }
}

function Expand-AzureSteps {
    # The steps of a job with every - template: FILE replaced by that file's steps (its parameters substituted in the text).
    param([object[]] $Steps, [string] $BaseDirectory)
    foreach ($step in $Steps) {
        $template = Get-Key $step 'template'
        if (-not $template) { $step; continue }
        $path = Join-Path $BaseDirectory $template
        $text = Get-Content -LiteralPath $path -Raw
        $declared = Get-Key (Read-CiYaml $text) 'parameters'
        $given = Get-Key $step 'parameters'
        foreach ($p in @($declared)) {
            $name = $p['name']
            $value = if ($given -and $given.Contains($name)) { $given[$name] } elseif ($p.Contains('default')) { $p['default'] } else { throw "Template $template needs parameter $name." }
            $text = [regex]::Replace($text, '\$\{\{\s*parameters\.' + [regex]::Escape($name) + '\s*\}\}', { param($m) $value }.GetNewClosure())
        }
        if ($text -match '\$\{\{') { throw "Template $template has an expression the stand-in cannot expand: $([regex]::Match($text, '\$\{\{[^}]*\}\}').Value)" }
        Expand-AzureSteps -Steps @((Read-CiYaml $text)['steps']) -BaseDirectory (Split-Path -Parent $path)
    }
}

function Get-AzureJobSteps($Job) {
    if ($Job.Contains('steps')) { return @($Job['steps']) }
    $strategy = Get-Key $Job 'strategy'
    $runOnce = Get-Key $strategy 'runOnce'
    $deploy = Get-Key $runOnce 'deploy'
    if ($deploy) { return @($deploy['steps']) }
    throw "Job $(Get-AzureJobName $Job) has no steps the stand-in can run (only steps: and strategy.runOnce.deploy.steps)."
}

function Get-AzureJobName($Job) { if ($Job.Contains('deployment')) { $Job['deployment'] } else { $Job['job'] } }

function Resolve-AzureVariables {
    # A stage's or job's variables: (mapping or list of name/value), $[ dependencies… ] / $[ stageDependencies… ] evaluated.
    param($Declared, [hashtable] $Outputs, [string] $Stage)
    $result = [ordered]@{}
    $pairs = @(if ($Declared -is [System.Collections.IDictionary]) { foreach ($k in $Declared.Keys) { , @($k, $Declared[$k]) } }
        else { foreach ($v in @($Declared)) { if ($v -and $v.Contains('name')) { , @($v['name'], $v['value']) } } })
    foreach ($pair in $pairs) {
        $name = $pair[0]; $value = [string]$pair[1]
        $m = [regex]::Match($value, "^\s*\$\[\s*(?:stageDependencies\.(?<stage>[\w]+)\.|dependencies\.)(?<job>[\w]+)\.outputs\['(?<key>[^']+)'\]\s*\]\s*$")
        if ($value -match '^\s*\$\[' -and -not $m.Success) { throw "Variable $name = $value is an expression the stand-in cannot evaluate." }
        if ($m.Success) {
            $fromStage = if ($m.Groups['stage'].Success) { $m.Groups['stage'].Value } else { $Stage }
            $jobOutputs = $Outputs["$fromStage/$($m.Groups['job'].Value)"]
            if (-not $jobOutputs -or -not $jobOutputs.Contains($m.Groups['key'].Value)) {
                throw "Variable $name = $value names an output nobody set (outputs of $fromStage/$($m.Groups['job'].Value): $(if ($jobOutputs) { $jobOutputs.Keys -join ', ' } else { 'none' }))."
            }
            $value = $jobOutputs[$m.Groups['key'].Value]
        }
        $result[$name] = $value
    }
    $result
}

function Invoke-AzurePipelineJob {
    <#
    .SYNOPSIS Runs one job of an Azure Pipelines YAML file as the agent would; returns its result (Status, Steps,
    Outputs, Variables).
    .PARAMETER Pipeline   Parsed YAML (Read-CiYaml) and -Path for templates.
    .PARAMETER Predefined The agent's predefined variables in their dotted names (Build.SourceVersion, …).
    .PARAMETER Secrets    Secret variables: for $(Name) macros only, never in a step's environment.
    .PARAMETER Outputs    Output variables of earlier jobs ("STAGE/JOB" → key → value); this job's are added.
    .PARAMETER Machine    Environment variables of the agent's machine (the emulator's address and token stand here).
    .PARAMETER FailStep   Display names of steps that fail (standing for a deploy script that fails; no process is started).
    .PARAMETER CancelAfter The display name of the step during which the run is cancelled (it is stopped: no process).
    #>
    param(
        [Parameter(Mandatory)] $Pipeline,
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $Stage,
        [Parameter(Mandatory)] [string] $Job,
        [Parameter(Mandatory)] [hashtable] $Predefined,
        [hashtable] $Secrets = @{},
        [hashtable] $Outputs = @{},
        [hashtable] $Machine = @{},
        [string[]] $FailStep = @(),
        [string] $CancelAfter,
        [Parameter(Mandatory)] [string] $WorkingDirectory
    )
    $stageDef = @($Pipeline['stages']) | Where-Object { $_['stage'] -eq $Stage }
    if (-not $stageDef) { throw "No stage $Stage." }
    $jobDef = @($stageDef['jobs']) | Where-Object { (Get-AzureJobName $_) -eq $Job }
    if (-not $jobDef) { throw "No job $Job in stage $Stage." }
    $isDeployment = $jobDef.Contains('deployment')

    $variables = [ordered]@{}
    foreach ($k in $Predefined.Keys) { $variables[$k] = $Predefined[$k] }
    $variables['System.JobId'] = [guid]::NewGuid().ToString()
    $variables['System.StageName'] = $Stage
    $variables['System.JobName'] = $Job
    if ($isDeployment) {
        $environment = $jobDef['environment']
        if ($environment -is [System.Collections.IDictionary]) { $environment = $environment['name'] }
        $variables['Environment.Name'] = ($environment -split '\.')[0]
    }
    foreach ($scope in @((Get-Key $Pipeline 'variables'), (Get-Key $stageDef 'variables'), (Get-Key $jobDef 'variables'))) {
        if ($scope) {
            $resolved = Resolve-AzureVariables -Declared $scope -Outputs $Outputs -Stage $Stage
            foreach ($k in $resolved.Keys) { $variables[$k] = $resolved[$k] }
        }
    }

    $steps = @(Expand-AzureSteps -Steps (Get-AzureJobSteps $jobDef) -BaseDirectory (Split-Path -Parent $Path))
    $jobOutputs = [ordered]@{}
    $status = 'Succeeded'
    $ran = [System.Collections.Generic.List[object]]::new()
    foreach ($step in $steps) {
        $script = Get-Key $step 'pwsh'
        if ($null -eq $script) { $ran.Add([pscustomobject]@{ Name = ($step.Keys | Select-Object -First 1); Ran = $false; Skipped = 'not PowerShell' }); continue }
        $display = if ($step.Contains('displayName')) { $step['displayName'] } else { $step['name'] }
        $condition = if ($step.Contains('condition')) { $step['condition'].Trim() } else { 'succeeded()' }
        $runs = switch ($condition) {
            'succeeded()' { $status -in 'Succeeded', 'SucceededWithIssues' }
            'always()' { $true }
            'failed()' { $status -eq 'Failed' }
            'succeededOrFailed()' { $status -ne 'Canceled' }
            default { throw "Step $display has a condition the stand-in cannot evaluate: $condition" }
        }
        if (-not $runs) { $ran.Add([pscustomobject]@{ Name = $display; Ran = $false; Skipped = "condition $condition with the job $status" }); continue }

        $variables['Agent.JobStatus'] = $status
        $envs = [ordered]@{ TF_BUILD = 'True' }
        foreach ($k in $Machine.Keys) { $envs[$k] = $Machine[$k] }
        foreach ($k in $variables.Keys) { $envs[(ConvertTo-AzureEnvName $k)] = $variables[$k] }
        $macros = [ordered]@{}
        foreach ($k in $variables.Keys) { $macros[$k] = $variables[$k] }
        foreach ($k in $Secrets.Keys) { $macros[$k] = $Secrets[$k] }
        $stepEnv = Get-Key $step 'env'
        if ($stepEnv) { foreach ($k in $stepEnv.Keys) { $envs[$k] = Expand-AzureMacro $stepEnv[$k] $macros } }

        $body = Expand-AzureMacro $script $macros
        $wrapped = "`$ErrorActionPreference = 'Stop'`n" + $body + "`nif ((Test-Path -LiteralPath variable:\LASTEXITCODE) -and `$LASTEXITCODE) { exit `$LASTEXITCODE }`n"
        $result = Invoke-StepOrStandIn -Name $display -Script $wrapped -Environment $envs -WorkingDirectory $WorkingDirectory -FailStep $FailStep -CancelAfter $CancelAfter
        foreach ($line in $result.Lines) {
            $command = Read-AzureCommand $line
            if (-not $command -or $command.Command -ne 'task.setvariable') { continue }
            $name = $command.Properties['variable']
            if ($command.Properties['isoutput'] -eq 'true') {
                $stepName = $step['name']
                if (-not $stepName) { throw "Step $display sets the output $name but has no name:, so no later job could read it." }
                $variables["$stepName.$name"] = $command.Data
                $key = if ($isDeployment) { "$Job.$stepName.$name" } else { "$stepName.$name" }
                $jobOutputs[$key] = $command.Data
            }
            else { $variables[$name] = $command.Data }
        }
        $ran.Add([pscustomobject]@{ Name = $display; Ran = $true; ExitCode = $result.ExitCode; Lines = $result.Lines; StdErr = $result.StdErr; JobStatus = $status })
        if ($result.ExitCode -ne 0 -and $status -ne 'Canceled') { $status = 'Failed' }
        if ($CancelAfter -and $display -eq $CancelAfter) { $status = 'Canceled' }
    }
    $Outputs["$Stage/$Job"] = $jobOutputs
    [pscustomobject]@{ Status = $status; Steps = $ran.ToArray(); Outputs = $jobOutputs; Variables = $variables }
}

# ------------------------------------------------------------------------------------------------ GitHub Actions

function Resolve-ActionsExpression([string] $Expression, [hashtable] $Contexts) {
    $e = $Expression.Trim()
    switch -Regex ($e) {
        '^always\(\)$' { return $true }
        '^success\(\)$' { return $Contexts.job.status -eq 'success' }
        '^failure\(\)$' { return $Contexts.job.status -eq 'failure' }
        '^cancelled\(\)$' { return $Contexts.job.status -eq 'cancelled' }
        '^!\s*cancelled\(\)$' { return $Contexts.job.status -ne 'cancelled' }
        "^'([^']*)'$" { return $Matches[1] }
    }
    if ($e -notmatch '^[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)*$') { throw "The stand-in cannot evaluate the expression `${{ $Expression }}." }
    $parts = $e -split '\.'
    $value = $Contexts
    foreach ($part in $parts) {
        if ($value -is [System.Collections.IDictionary] -and $value.Contains($part)) { $value = $value[$part] }
        else { throw "`${{ $Expression }} names nothing the run has ($part is missing)." }
    }
    $value
}

function Expand-ActionsText([string] $Text, [hashtable] $Contexts) {
    [regex]::Replace($Text, '\$\{\{(.*?)\}\}', { param($m) [string](Resolve-ActionsExpression $m.Groups[1].Value $Contexts) })
}

function Test-ActionsCondition($Step, [hashtable] $Contexts) {
    if (-not $Step.Contains('if')) { return $Contexts.job.status -eq 'success' }
    $text = $Step['if'].Trim()
    if ($text -match '^\$\{\{(.*)\}\}$') { $text = $Matches[1] }
    $value = Resolve-ActionsExpression $text $Contexts
    if ($value -isnot [bool]) { throw "if: $($Step['if']) is not a condition the stand-in can evaluate." }
    # A condition without a status function also needs success() (docs: "success() is applied by default").
    $value
}

function Read-ActionsFile([string] $Path) {
    # NAME=VALUE lines, and NAME<<DELIMITER … DELIMITER blocks (workflow-commands, Environment files).
    $result = [ordered]@{}
    if (-not (Test-Path -LiteralPath $Path)) { return $result }
    $lines = @(Get-Content -LiteralPath $Path)
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $line = $lines[$i]
        if ($line -match '^([^=<]+)<<(.+)$') {
            $name = $Matches[1]; $delimiter = $Matches[2]; $value = @()
            while (++$i -lt $lines.Count -and $lines[$i] -ne $delimiter) { $value += $lines[$i] }
            $result[$name] = $value -join "`n"
        }
        elseif ($line -match '^([^=]+)=(.*)$') { $result[$Matches[1]] = $Matches[2] }
    }
    $result
}

function Invoke-ActionsJob {
    <#
    .SYNOPSIS Runs one job of a GitHub Actions workflow as the runner would; returns Status, Steps and Outputs (the job's
    outputs: mapping, for needs.JOB.outputs of later jobs).
    .PARAMETER Github   The github context (sha, repository, run_id, server_url, …); the default variables are made from it.
    .PARAMETER Needs    Outputs of the jobs this one needs: job id → outputs.
    .PARAMETER Machine  Environment variables of the runner's machine (the emulator's address stands here, as GITHUB_API_URL).
    .PARAMETER CheckRunId  job.check_run_id.
    #>
    param(
        [Parameter(Mandatory)] $Workflow,
        [Parameter(Mandatory)] [string] $Job,
        [Parameter(Mandatory)] [hashtable] $Github,
        [hashtable] $Secrets = @{},
        [hashtable] $Needs = @{},
        [hashtable] $Machine = @{},
        [long] $CheckRunId = 51725241954,
        [string[]] $FailStep = @(),
        [string] $CancelAfter,
        [Parameter(Mandatory)] [string] $WorkingDirectory
    )
    $jobDef = $Workflow['jobs'][$Job]
    if (-not $jobDef) { throw "No job $Job." }
    foreach ($needed in @(Get-Key $jobDef 'needs')) { if ($needed -and -not $Needs.ContainsKey($needed)) { throw "Job $Job needs $needed, which has not run." } }
    $contexts = @{
        github  = $Github + @{ job = $Job }
        secrets = $Secrets
        job     = @{ status = 'success'; check_run_id = [string]$CheckRunId }
        steps   = @{}
        needs   = @{}
        env     = @{}
        vars    = @{}
    }
    foreach ($k in $Needs.Keys) { $contexts.needs[$k] = @{ outputs = $Needs[$k]; result = 'success' } }

    $defaults = [ordered]@{
        CI = 'true'; GITHUB_ACTIONS = 'true'
        GITHUB_REPOSITORY = $Github.repository; GITHUB_SHA = $Github.sha; GITHUB_REF = $Github.ref
        GITHUB_RUN_ID = $Github.run_id; GITHUB_RUN_ATTEMPT = $Github.run_attempt; GITHUB_RUN_NUMBER = $Github.run_number
        GITHUB_SERVER_URL = $Github.server_url; GITHUB_API_URL = $Github.api_url; GITHUB_JOB = $Job; GITHUB_WORKSPACE = $WorkingDirectory
    }
    $jobEnv = [ordered]@{}
    foreach ($scope in @((Get-Key $Workflow 'env'), (Get-Key $jobDef 'env'))) {
        if ($scope) { foreach ($k in $scope.Keys) { $jobEnv[$k] = Expand-ActionsText $scope[$k] $contexts } }
    }
    $ran = [System.Collections.Generic.List[object]]::new()
    $index = 0
    foreach ($step in @($jobDef['steps'])) {
        $index++
        $display = if ($step.Contains('name')) { $step['name'] } elseif ($step.Contains('id')) { $step['id'] } else { "step $index" }
        if (-not $step.Contains('run')) { $ran.Add([pscustomobject]@{ Name = $display; Ran = $false; Skipped = 'not a run step' }); continue }
        $shell = Get-Key $step 'shell'
        if (-not $shell) { $shell = Get-Key (Get-Key (Get-Key $jobDef 'defaults') 'run') 'shell' }
        if ($shell -ne 'pwsh') { $ran.Add([pscustomobject]@{ Name = $display; Ran = $false; Skipped = "shell $shell" }); continue }
        if (-not (Test-ActionsCondition $step $contexts)) { $ran.Add([pscustomobject]@{ Name = $display; Ran = $false; Skipped = "if: with the job $($contexts.job.status)" }); continue }

        $files = @{}
        foreach ($f in 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STEP_SUMMARY', 'GITHUB_PATH', 'GITHUB_STATE') {
            $files[$f] = Join-Path $WorkingDirectory (".runner-{0}-{1}" -f $f.ToLowerInvariant(), [guid]::NewGuid().ToString('n'))
            $null = New-Item -ItemType File -Path $files[$f]
        }
        $envs = [ordered]@{}
        foreach ($k in $Machine.Keys) { $envs[$k] = $Machine[$k] }
        foreach ($k in $defaults.Keys) { $envs[$k] = $defaults[$k] }
        foreach ($k in $files.Keys) { $envs[$k] = $files[$k] }
        foreach ($k in $jobEnv.Keys) { $envs[$k] = $jobEnv[$k] }
        $stepEnv = Get-Key $step 'env'
        if ($stepEnv) { foreach ($k in $stepEnv.Keys) { $envs[$k] = Expand-ActionsText $stepEnv[$k] $contexts } }

        $body = Expand-ActionsText $step['run'] $contexts
        $wrapped = "`$ErrorActionPreference = 'stop'`n" + $body + "`nif ((Test-Path -LiteralPath variable:\LASTEXITCODE)) { exit `$LASTEXITCODE }`n"
        $result = Invoke-StepOrStandIn -Name $display -Script $wrapped -Environment $envs -WorkingDirectory $WorkingDirectory -FailStep $FailStep -CancelAfter $CancelAfter
        $stepOutputs = Read-ActionsFile $files.GITHUB_OUTPUT
        $setEnv = Read-ActionsFile $files.GITHUB_ENV
        foreach ($k in $setEnv.Keys) { $jobEnv[$k] = $setEnv[$k] }
        if ($step.Contains('id')) { $contexts.steps[$step['id']] = @{ outputs = $stepOutputs; outcome = $(if ($result.ExitCode) { 'failure' } else { 'success' }) } }
        $ran.Add([pscustomobject]@{ Name = $display; Ran = $true; ExitCode = $result.ExitCode; Lines = $result.Lines; StdErr = $result.StdErr; JobStatus = $contexts.job.status; Outputs = $stepOutputs; Env = $setEnv })
        if ($result.ExitCode -ne 0 -and $contexts.job.status -ne 'cancelled') { $contexts.job.status = 'failure' }
        if ($CancelAfter -and $display -eq $CancelAfter) { $contexts.job.status = 'cancelled' }
    }
    $outputs = @{}
    $declared = Get-Key $jobDef 'outputs'
    if ($declared) { foreach ($k in $declared.Keys) { $outputs[$k] = [string](Expand-ActionsText $declared[$k] $contexts) } }
    [pscustomobject]@{ Status = $contexts.job.status; Steps = $ran.ToArray(); Outputs = $outputs }
}

Export-ModuleMember -Function Read-CiYaml, Invoke-CiProcess, Read-AzureCommand, Invoke-AzurePipelineJob, Invoke-ActionsJob
