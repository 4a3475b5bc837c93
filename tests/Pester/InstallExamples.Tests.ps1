# examples/*/install-and-deploy.yml run as their CI would run them: each pwsh step in a fresh pwsh with the CI's variables,
# secrets and expressions, one after another on one "agent" (a temporary HOME whose gallery holds the module package, so
# the examples' Install-PSResource installs this build), against the GitHub API emulator. A step's output reaches later
# steps the CI's way ($GITHUB_OUTPUT and ${{ steps.ID.outputs.NAME }}; ##vso[task.setvariable] and $(STEP.NAME)).
BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    [xml] $props = Get-Content -LiteralPath (Join-Path (Get-DsRepoRoot) 'Directory.Build.props') -Raw
    $version = $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
    $script:package = Join-Path (Get-DsRepoRoot) "out/DeploymentStatus.$version.nupkg"
    if (-not (Test-Path -LiteralPath $script:package)) { throw "$script:package does not exist: run 'dotnet pwsh ./build.ps1 Package' (Test does)." }
    $script:sha = 'a' * 40

    function script:Read-CiStep([string] $Path) {
        # The steps of a workflow or pipeline file: the YAML this runner needs (a step's scalar keys, its literal block
        # script, its env map), read by indentation. Each step: a hashtable of key -> string, env -> hashtable.
        $lines = Get-Content -LiteralPath $Path
        $steps = [System.Collections.Generic.List[hashtable]]::new()
        $inSteps = $false; $itemIndent = -1; $step = $null; $block = $null; $map = $null
        foreach ($raw in $lines) {
            $line = $raw -replace '\s+#.*$|^\s*#.*$', ''
            if ($block -and ($raw.Trim() -eq '' -or ($raw.Length - $raw.TrimStart().Length) -gt $block.Indent)) {
                $block.Lines.Add($raw); continue
            }
            if ($block) { $step[$block.Key] = Join-Block $block.Lines; $block = $null }
            if ($line.Trim() -eq '') { continue }
            $indent = $line.Length - $line.TrimStart().Length
            if ($line -match '^\s*steps:\s*$') { $inSteps = $true; $itemIndent = -1; continue }
            if (-not $inSteps) { continue }
            if ($line -match '^(\s*)- (.*)$' -and ($itemIndent -lt 0 -or $Matches[1].Length -eq $itemIndent)) {
                $itemIndent = $Matches[1].Length
                $step = @{ env = @{} }; $steps.Add($step); $map = $null
                $line = (' ' * ($itemIndent + 2)) + $Matches[2]; $indent = $itemIndent + 2
            }
            elseif ($indent -le $itemIndent) { $inSteps = $false; continue }
            if ($map -and $indent -gt $map) {
                if ($line -match '^\s*([\w-]+):\s*(.*)$') { $step.env[$Matches[1]] = $Matches[2].Trim() }
                continue
            }
            $map = $null
            if ($line -match '^\s*([\w-]+):\s*\|\s*$') { $block = @{ Key = $Matches[1]; Indent = $indent; Lines = [System.Collections.Generic.List[string]]::new() } }
            elseif ($line -match '^\s*env:\s*$') { $map = $indent }
            elseif ($line -match '^\s*([\w-]+):\s*(.*)$') { $step[$Matches[1]] = $Matches[2].Trim() }
        }
        if ($block) { $step[$block.Key] = Join-Block $block.Lines }
        $steps
    }

    function script:Join-Block([System.Collections.Generic.List[string]] $Lines) {
        $indent = ($Lines | Where-Object { $_.Trim() } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
        ($Lines | ForEach-Object { if ($_.Length -ge $indent) { $_.Substring($indent) } else { '' } }) -join "`n"
    }

    function script:Invoke-CiExample {
        # Runs the file's pwsh steps in order (a failed step stops the rest, unless a step says always()); returns each
        # step's Name, ExitCode, StdOut, StdErr.
        param([string] $Path, [ValidateSet('GitHubActions', 'AzurePipelines')] [string] $Ci, [hashtable] $Environment, [hashtable] $Secrets, [string] $WorkingDirectory)
        $outputs = @{}   # Actions: "steps.ID.outputs.NAME"; Azure: "STEP.NAME" (and the secrets as variables)
        foreach ($k in $Secrets.Keys) { $outputs[$(if ($Ci -eq 'GitHubActions') { "secrets.$k" } else { $k })] = $Secrets[$k] }
        $expand = if ($Ci -eq 'GitHubActions') {
            { param($text) [regex]::Replace($text, '\$\{\{\s*([\w.-]+)\s*\}\}', { param($m)
                        $name = $m.Groups[1].Value
                        if ($outputs.ContainsKey($name)) { $outputs[$name] } elseif ($name -like 'steps.*.outputs.*') { '' } else { throw "The runner knows no expression '$name'." } }) }
        }
        else {
            # Azure replaces $(NAME) macros it knows and leaves the others as written.
            { param($text) [regex]::Replace($text, '\$\(([\w.]+)\)', { param($m) if ($outputs.ContainsKey($m.Groups[1].Value)) { $outputs[$m.Groups[1].Value] } else { $m.Value } }) }
        }
        $results = [System.Collections.Generic.List[object]]::new()
        $failed = $false
        foreach ($step in Read-CiStep $Path) {
            $script = if ($Ci -eq 'GitHubActions') { if ($step['shell'] -eq 'pwsh') { $step['run'] } } else { $step['pwsh'] }
            if (-not $script) { continue }   # uses: / checkout: and the like
            $always = "$($step['if'])$($step['condition'])" -match 'always\(\)'
            if ($failed -and -not $always) { continue }
            $stepEnvironment = $Environment.Clone()
            foreach ($k in $step.env.Keys) { $stepEnvironment[$k] = & $expand $step.env[$k] }
            if ($stepEnvironment['GH_TOKEN'] -and $stepEnvironment['GITHUB_API_URL'] -notmatch '^https://api\.github\.com') {
                # The emulator is no github.com: the module reads a token for other hosts from GH_ENTERPRISE_TOKEN.
                $stepEnvironment['GH_ENTERPRISE_TOKEN'] = $stepEnvironment['GH_TOKEN']
            }
            $outputFile = Join-Path $WorkingDirectory ".output-$([guid]::NewGuid().ToString('n'))"
            if ($Ci -eq 'GitHubActions') { $stepEnvironment['GITHUB_OUTPUT'] = $outputFile }
            $run = Invoke-DsPwsh -Environment $stepEnvironment -WorkingDirectory $WorkingDirectory -Script (& $expand $script)
            $name = if ($step['name']) { $step['name'] } else { $step['displayName'] }
            $results.Add([pscustomobject]@{ Name = $name; ExitCode = $run.ExitCode; StdOut = $run.StdOut; StdErr = $run.StdErr })
            if ($run.ExitCode -ne 0) { $failed = $true }
            if ($Ci -eq 'GitHubActions' -and $step['id'] -and (Test-Path -LiteralPath $outputFile)) {
                foreach ($l in Get-Content -LiteralPath $outputFile) { if ($l -match '^([\w-]+)=(.*)$') { $outputs["steps.$($step['id']).outputs.$($Matches[1])"] = $Matches[2] } }
            }
            if ($Ci -eq 'AzurePipelines' -and $step['name']) {
                foreach ($m in [regex]::Matches($run.StdOut, '##vso\[task\.setvariable variable=([\w.]+);isOutput=true\]([^\r\n]*)')) { $outputs["$($step['name']).$($m.Groups[1].Value)"] = $m.Groups[2].Value }
            }
        }
        $results
    }

    function script:Assert-Deployed([object[]] $Steps, [string] $LogUrl) {
        $Steps.Count | Should -Be 3
        foreach ($s in $Steps) { $s.ExitCode | Should -Be 0 -Because "step '$($s.Name)' failed:`n$($s.StdOut)`n$($s.StdErr)" }
        $Steps[0].StdOut | Should -Match 'DeploymentStatus\s+\d+\.\d+\.\d+'
        $Steps[1].StdOut | Should -Match 'Deploying to staging'
        $deployment = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments)
        $deployment.Count | Should -Be 1
        $deployment[0].ref | Should -Be $script:sha
        $deployment[0].environment | Should -Be 'staging'
        @($deployment[0].statuses.state) | Should -Be @('success', 'in_progress')
        $deployment[0].statuses[0].environment_url | Should -Be 'https://staging.example.com/'
        $deployment[0].statuses[0].log_url | Should -Be $LogUrl
        $Steps[2].StdOut | Should -Match "Deployment $($deployment[0].id) is success: https://staging\.example\.com/ \(log: $([regex]::Escape($LogUrl))\)"
    }

    function script:New-Agent {
        # A clean agent: a temporary HOME whose only gallery holds this build's package, and a checkout with deploy.ps1.
        $agent = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $environment = Initialize-DsUserHome -Path $agent -Package $script:package
        $checkout = Join-Path $agent 'checkout'
        $null = New-Item -ItemType Directory -Path $checkout
        Set-Content -LiteralPath (Join-Path $checkout 'deploy.ps1') -Value 'param($Target) "Deploying to $Target"'
        [pscustomobject]@{ Environment = $environment; Checkout = $checkout }
    }
}

Describe 'The install-and-deploy examples' -Skip:$IsWindows {
    It 'GitHub Actions: installs, deploys with -CiOutputName and a later step reads the id' {
        $token = Initialize-GhEmulatorRepo
        $agent = New-Agent
        $environment = $agent.Environment + @{
            GITHUB_ACTIONS = 'true'; CI = 'true'; GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri; GITHUB_SERVER_URL = 'https://github.example.com'
            GITHUB_REPOSITORY = 'octo-org/hello-world'; GITHUB_SHA = $script:sha; GITHUB_RUN_ID = '9000000042'; GITHUB_WORKSPACE = $agent.Checkout
        }
        $steps = Invoke-CiExample -Path (Join-Path (Get-DsRepoRoot) 'examples/github-actions/install-and-deploy.yml') -Ci GitHubActions `
            -Environment $environment -Secrets @{ GITHUB_TOKEN = $token } -WorkingDirectory $agent.Checkout
        Assert-Deployed $steps 'https://github.example.com/octo-org/hello-world/actions/runs/9000000042'
    }

    It 'Azure Pipelines: installs, deploys with -CiOutputName and a later step reads the id' {
        $token = Initialize-GhEmulatorRepo
        $agent = New-Agent
        # The API URL is the test's own: the example is for github.com, where the module needs none.
        $environment = $agent.Environment + @{
            TF_BUILD = 'True'; GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
            BUILD_REPOSITORY_PROVIDER = 'GitHub'; BUILD_REPOSITORY_NAME = 'octo-org/hello-world'; BUILD_SOURCEVERSION = $script:sha
            SYSTEM_COLLECTIONURI = 'https://dev.azure.com/contoso/'; SYSTEM_TEAMPROJECT = 'web'; BUILD_BUILDID = '4242'
            BUILD_SOURCESDIRECTORY = $agent.Checkout
        }
        $steps = Invoke-CiExample -Path (Join-Path (Get-DsRepoRoot) 'examples/azure-pipelines/install-and-deploy.yml') -Ci AzurePipelines `
            -Environment $environment -Secrets @{ GitHubToken = $token } -WorkingDirectory $agent.Checkout
        Assert-Deployed $steps 'https://dev.azure.com/contoso/web/_build/results?buildId=4242'
    }
}
