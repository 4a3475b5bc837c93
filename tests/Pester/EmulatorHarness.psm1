#Requires -Version 7.0
<#
    Test harness around the GitHub API emulator (tests/GitHubEmulator, contract in its README.md).

    Used by the Pester tests, the demo and the benchmark:

        BeforeAll {
            . "$PSScriptRoot/Setup.ps1"     # harness, Use-GhEmulator (one emulator per run, reset per file), built module
        }

    Start-GhEmulator remembers the emulator it started; every control function talks to that one
    unless -Emulator names another (an object from Start-GhEmulator, a Uri or a string).
    Control calls never use a proxy and are never recorded by the emulator.
#>
Set-StrictMode -Version 3.0

$script:RepoRoot = [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../..'))
$script:Current = $null

function Get-DsRepoRoot {
    <# .SYNOPSIS The absolute path of the repository root. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $script:RepoRoot
}

function Get-DsModulePath {
    <# .SYNOPSIS The absolute path of the BUILT module manifest, out/DeploymentStatus/DeploymentStatus.psd1. #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    [System.IO.Path]::GetFullPath((Join-Path $PSScriptRoot '../../out/DeploymentStatus/DeploymentStatus.psd1'))
}

function Get-GhEmulatorPath {
    <#
    .SYNOPSIS The path of the built GitHubEmulator.dll for a configuration
    (default: $env:DS_CONFIGURATION, else Release).
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Configuration)
    if (-not $Configuration) { $Configuration = if ($env:DS_CONFIGURATION) { $env:DS_CONFIGURATION } else { 'Release' } }
    [System.IO.Path]::GetFullPath((Join-Path $script:RepoRoot "tests/GitHubEmulator/bin/$Configuration/net10.0/GitHubEmulator.dll"))
}

function Get-DotnetHostPath {
    # The dotnet host running this PowerShell (dotnet pwsh) if that is what we are, else DOTNET_HOST_PATH,
    # else whatever 'dotnet' is on PATH.
    $self = [System.Environment]::ProcessPath
    if ($self -and [System.IO.Path]::GetFileNameWithoutExtension($self) -eq 'dotnet') { return $self }
    if ($env:DOTNET_HOST_PATH -and (Test-Path -LiteralPath $env:DOTNET_HOST_PATH)) { return $env:DOTNET_HOST_PATH }
    $cmd = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if (-not $cmd) { throw "The 'dotnet' host was not found on PATH; it is needed to run the GitHub emulator." }
    $cmd.Source
}

function Start-GhEmulator {
    <#
    .SYNOPSIS
    Starts the GitHub emulator as a child process on a free 127.0.0.1 port.
    .DESCRIPTION
    Runs `dotnet GitHubEmulator.dll --port 0` with redirected standard streams and waits for its
    `GITHUB_EMULATOR_LISTENING <uri>` line. The emulator stops when its standard input closes, so it
    cannot outlive this PowerShell process. Returns an object with Uri (root), ApiUri (Uri + api/v3/)
    and Process, and makes it the emulator the other harness functions talk to (until it stops: then the
    one that was current before is current again).
    #>
    [CmdletBinding()]
    param(
        # Latency the emulator adds to every API answer (models a real round trip).
        [ValidateRange(0, [int]::MaxValue)] [int] $LatencyMs = 0,
        # Build configuration to run (default: $env:DS_CONFIGURATION, else Release).
        [string] $Configuration,
        [ValidateRange(1, 600)] [int] $TimeoutSec = 30
    )
    $dll = Get-GhEmulatorPath -Configuration $Configuration
    if (-not (Test-Path -LiteralPath $dll)) {
        throw "GitHub emulator not built: '$dll' does not exist. Run 'dotnet pwsh ./build.ps1 Build' first (or set DS_CONFIGURATION to the configuration you built)."
    }

    $psi = [System.Diagnostics.ProcessStartInfo]::new((Get-DotnetHostPath))
    $psi.ArgumentList.Add($dll)
    $psi.ArgumentList.Add('--port')
    $psi.ArgumentList.Add('0')
    if ($LatencyMs -gt 0) {
        $psi.ArgumentList.Add('--latency-ms')
        $psi.ArgumentList.Add([string]$LatencyMs)
    }
    $psi.UseShellExecute = $false
    $psi.RedirectStandardInput = $true
    $psi.RedirectStandardOutput = $true
    $psi.RedirectStandardError = $true
    $psi.WorkingDirectory = Split-Path -Parent $dll
    $psi.Environment['DOTNET_NOLOGO'] = '1'

    $proc = [System.Diagnostics.Process]::Start($psi)
    # Drain stderr from the start (a full pipe would block the emulator); kept for error messages.
    $stderr = $proc.StandardError.ReadToEndAsync()
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
    $uri = $null
    $seen = [System.Text.StringBuilder]::new()
    try {
        while (-not $uri) {
            $read = $proc.StandardOutput.ReadLineAsync()
            $left = [int][Math]::Max(0, ($deadline - [DateTime]::UtcNow).TotalMilliseconds)
            if (-not $read.Wait($left)) {
                throw "GitHub emulator did not report GITHUB_EMULATOR_LISTENING within $TimeoutSec s."
            }
            $line = $read.Result
            if ($null -eq $line) {
                $proc.WaitForExit(5000) | Out-Null
                $code = if ($proc.HasExited) { $proc.ExitCode } else { '?' }
                $err = if ($stderr.Wait(2000)) { $stderr.Result } else { '' }
                throw "GitHub emulator exited (code $code) before listening.`nstdout:`n$seen`nstderr:`n$err"
            }
            if ($line -match '^GITHUB_EMULATOR_LISTENING\s+(\S+)') {
                $uri = [System.Uri]::new($Matches[1])
            }
            else {
                [void]$seen.AppendLine($line)
            }
        }
    }
    catch {
        if (-not $proc.HasExited) { try { $proc.Kill($true) } catch { } }
        $proc.Dispose()
        throw
    }
    # Keep draining stdout so the emulator never blocks on a full pipe.
    $stdout = $proc.StandardOutput.ReadToEndAsync()

    $root = if ($uri.AbsoluteUri.EndsWith('/')) { $uri } else { [System.Uri]::new($uri.AbsoluteUri + '/') }
    $emu = [pscustomobject]@{
        PSTypeName = 'DeploymentStatus.Tests.GhEmulator'
        Uri        = $root
        ApiUri     = [System.Uri]::new($root, 'api/v3/')
        Process    = $proc
        StdOut     = $stdout
        StdErr     = $stderr
        # The emulator that was current before this one: current again when this one stops.
        Previous   = $script:Current
    }
    $script:Current = $emu
    Write-Verbose "GitHub emulator pid $($proc.Id) listening at $root"
    $emu
}

function Use-GhEmulator {
    <#
    .SYNOPSIS
    The emulator of this test run: started on first use, then reused, and reset on every call, so that each caller
    (a test file's set-up) starts from nothing. It stops with Stop-GhEmulator or when this process ends.
    #>
    [CmdletBinding()]
    param()
    if ($null -eq $script:Current -or $script:Current.Process.HasExited) { $null = Start-GhEmulator }
    Reset-GhEmulator
    $script:Current
}

function Stop-GhEmulator {
    <#
    .SYNOPSIS Stops an emulator started by Start-GhEmulator: closes its stdin, waits 5 s, then kills it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Position = 0, ValueFromPipeline)] [AllowNull()] [object] $Emulator
    )
    process {
        if ($null -eq $Emulator) { $Emulator = $script:Current }
        if ($null -eq $Emulator -or -not $Emulator.PSObject.Properties['Process']) { return }
        $proc = $Emulator.Process
        try {
            if (-not $proc.HasExited) {
                try { $proc.StandardInput.Close() } catch { }
                if (-not $proc.WaitForExit(5000)) {
                    Write-Warning "GitHub emulator pid $($proc.Id) did not stop within 5 s of stdin closing; killing it."
                    try { $proc.Kill($true) } catch { }
                    $proc.WaitForExit(5000) | Out-Null
                }
            }
        }
        finally {
            $proc.Dispose()
            if ([object]::ReferenceEquals($Emulator, $script:Current)) { $script:Current = $Emulator.Previous }
        }
    }
}

function Resolve-EmulatorUri([object] $Emulator) {
    if ($null -eq $Emulator) { $Emulator = $script:Current }
    if ($null -eq $Emulator) { throw 'No GitHub emulator: call Start-GhEmulator first or pass -Emulator.' }
    $uri = if ($Emulator -is [System.Uri]) { $Emulator }
    elseif ($Emulator -is [string]) { [System.Uri]::new($Emulator) }
    elseif ($Emulator.PSObject.Properties['Uri']) { [System.Uri]$Emulator.Uri }
    else { throw "Not an emulator: $Emulator" }
    if (-not $uri.AbsoluteUri.EndsWith('/')) { $uri = [System.Uri]::new($uri.AbsoluteUri + '/') }
    $uri
}

function Invoke-GhEmulatorControl {
    <#
    .SYNOPSIS Calls the emulator's control API (/_emulator/...). Body (any object) is sent as JSON.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [ValidateSet('GET', 'POST', 'PUT', 'DELETE')] [string] $Method,
        [Parameter(Mandatory)] [string] $Path,
        [object] $Body,
        [object] $Emulator
    )
    $uri = [System.Uri]::new((Resolve-EmulatorUri $Emulator), '_emulator/' + $Path.TrimStart('/'))
    $irm = @{ Method = $Method; Uri = $uri; NoProxy = $true; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $irm.Body = [System.Text.Encoding]::UTF8.GetBytes((ConvertTo-Json -InputObject $Body -Depth 20 -Compress))
        $irm.ContentType = 'application/json; charset=utf-8'
    }
    Invoke-RestMethod @irm
}

function Reset-GhEmulator {
    <# .SYNOPSIS Forgets every repository, token, recorded request, fault and setting. #>
    [CmdletBinding()]
    param([object] $Emulator)
    $null = Invoke-GhEmulatorControl -Method POST -Path reset -Body @{} -Emulator $Emulator
}

function Add-GhEmulatorToken {
    <#
    .SYNOPSIS Registers a token; -Repos omitted = it sees every repository. -NoAdmin: it may not administer them
    (environments, branch policies); -Kind: classic (refused with 404), fine-grained or integration (403 naming the permission).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Token,
        [string] $Login = 'octocat',
        [string[]] $Repos,
        [switch] $NoAdmin,
        [ValidateSet('classic', 'fine-grained', 'integration')] [string] $Kind,
        [object] $Emulator
    )
    $body = @{ token = $Token; login = $Login }
    if ($PSBoundParameters.ContainsKey('Repos')) { $body.repos = @($Repos) }
    if ($NoAdmin) { $body.admin = $false }
    if ($Kind) { $body.kind = $Kind }
    $null = Invoke-GhEmulatorControl -Method POST -Path tokens -Body $body -Emulator $Emulator
}

function Add-GhEmulatorRepo {
    <#
    .SYNOPSIS Adds a repository (or changes one). -Refs: hashtables { ref, sha, behind, mergeConflict, contexts = @{ 'ci/build' = 'success' } }.
    .PARAMETER Archived  An archived repository is read-only: every write answers 403.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [string] $Name,
        [object[]] $Refs,
        [switch] $Archived,
        [switch] $Private,
        [object] $Emulator
    )
    $body = @{ owner = $Owner; name = $Name }
    if ($PSBoundParameters.ContainsKey('Refs')) { $body.refs = @($Refs) }
    if ($PSBoundParameters.ContainsKey('Archived')) { $body.archived = [bool]$Archived }
    if ($PSBoundParameters.ContainsKey('Private')) { $body.private = [bool]$Private }
    $null = Invoke-GhEmulatorControl -Method POST -Path repos -Body $body -Emulator $Emulator
}

function Add-GhEmulatorDeployment {
    <#
    .SYNOPSIS Seeds -Count deployments (oldest first), each with -States in order; returns their ids (Int64), oldest first.
    .PARAMETER AgeDays  The deployments and their statuses were created this many days ago. Past 90 days GitHub no longer
                        holds the statuses: the REST API lists none, while GraphQL still gives the deployment's state.
    #>
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count = 1,
        [string] $Environment,
        [string] $Ref,
        [string] $Task,
        [switch] $Transient,
        [Nullable[bool]] $Production,
        [string[]] $States,
        [ValidateRange(0, [int]::MaxValue)] [int] $AgeDays,
        [object] $Emulator
    )
    $body = @{ count = $Count }
    if ($PSBoundParameters.ContainsKey('Environment')) { $body.environment = $Environment }
    if ($PSBoundParameters.ContainsKey('Ref')) { $body.ref = $Ref }
    if ($PSBoundParameters.ContainsKey('Task')) { $body.task = $Task }
    if ($PSBoundParameters.ContainsKey('Transient')) { $body.transient = [bool]$Transient }
    if ($PSBoundParameters.ContainsKey('Production')) { $body.production = $Production }
    if ($PSBoundParameters.ContainsKey('States')) { $body.states = @($States) }
    if ($PSBoundParameters.ContainsKey('AgeDays')) { $body.ageDays = $AgeDays }
    $path = 'repos/{0}/{1}/deployments' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo)
    $answer = Invoke-GhEmulatorControl -Method POST -Path $path -Body $body -Emulator $Emulator
    foreach ($id in $answer.ids) { [long]$id }
}

function Add-GhEmulatorDeploymentScript {
    <#
    .SYNOPSIS
    Scripts a deployment's future, as a workflow or a CD controller would post it while the module waits: statuses
    (-Steps) for -DeploymentId, or for a deployment -Create makes first. Returns the script's id.
    .DESCRIPTION
    Each step is a hashtable @{ state = 'in_progress'; description; logUrl; environmentUrl; environment; autoInactive;
    afterMs = N | afterPolls = N } (a string is just its state). Steps go in order: each is due afterMs milliseconds after
    the previous one fell due, or once the deployment has been polled afterPolls times (default 1: one step per poll)
    since the previous one was applied; a poll is a GET of the deployment or its statuses, or, while -Create is pending,
    of the repository's deployment list. -Create: @{ environment; ref; task; transient; production; afterMs | afterPolls }.
    .EXAMPLE
    Add-GhEmulatorDeploymentScript -Owner o -Repo r -DeploymentId $id -Steps 'in_progress', @{ state = 'success'; afterPolls = 3 }
    #>
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [Parameter(Mandatory, ParameterSetName = 'Deployment')] [long] $DeploymentId,
        [Parameter(Mandatory, ParameterSetName = 'Create')] [hashtable] $Create,
        [AllowEmptyCollection()] [object[]] $Steps = @(),
        [object] $Emulator
    )
    $body = @{ steps = @(foreach ($step in $Steps) { if ($step -is [string]) { @{ state = $step } } else { $step } }) }
    if ($PSCmdlet.ParameterSetName -eq 'Create') { $body.create = $Create } else { $body.deploymentId = $DeploymentId }
    $path = 'repos/{0}/{1}/scripts' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo)
    [long](Invoke-GhEmulatorControl -Method POST -Path $path -Body $body -Emulator $Emulator).id
}

function Get-GhEmulatorDeploymentScript {
    <# .SYNOPSIS How far a script has come: { id, deploymentId (null until created), applied, left }; nothing once it has run to its end. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [Parameter(Mandatory)] [long] $Id,
        [object] $Emulator
    )
    $path = 'repos/{0}/{1}/scripts/{2}' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo), $Id
    try { Invoke-GhEmulatorControl -Method GET -Path $path -Emulator $Emulator }
    catch { if ($_.Exception.Response.StatusCode -eq 404) { $null } else { throw } }
}

function Get-GhEmulatorRequest {
    <#
    .SYNOPSIS The recorded API requests, oldest first: method, path (without /api/v3), rawPath, query, headers, body, status, time, rateLimitUsed (the answer's x-ratelimit-used).
    .PARAMETER PathLike  A wildcard pattern on path, e.g. '/repos/*/deployments/*/statuses'.
    #>
    [CmdletBinding()]
    param(
        [string] $Method,
        [string] $PathLike,
        [object] $Emulator
    )
    $all = Invoke-GhEmulatorControl -Method GET -Path requests -Emulator $Emulator
    foreach ($r in @($all)) {
        if ($null -eq $r) { continue }
        if ($Method -and $r.method -ne $Method) { continue }
        if ($PathLike -and $r.path -notlike $PathLike) { continue }
        $r
    }
}

function Clear-GhEmulatorRequest {
    <# .SYNOPSIS Clears the request record. #>
    [CmdletBinding()]
    param([object] $Emulator)
    $null = Invoke-GhEmulatorControl -Method DELETE -Path requests -Emulator $Emulator
}

function Add-GhEmulatorFault {
    <#
    .SYNOPSIS Makes the next -Count API requests matching -Method and -Path (a regex on the path without /api/v3) get a scripted answer.
    #>
    [CmdletBinding()]
    param(
        [string] $Method,
        [string] $Path,
        [ValidateRange(1, [int]::MaxValue)] [int] $Count = 1,
        [int] $Status,
        [hashtable] $Headers,
        [string] $Body,
        [ValidateRange(0, [int]::MaxValue)] [int] $DelayMs,
        [switch] $Drop,
        [object] $Emulator
    )
    $fault = @{ count = $Count }
    if ($PSBoundParameters.ContainsKey('Method')) { $fault.method = $Method }
    if ($PSBoundParameters.ContainsKey('Path')) { $fault.path = $Path }
    if ($PSBoundParameters.ContainsKey('Status')) { $fault.status = $Status }
    if ($PSBoundParameters.ContainsKey('Headers')) { $fault.headers = $Headers }
    if ($PSBoundParameters.ContainsKey('Body')) { $fault.body = $Body }
    if ($PSBoundParameters.ContainsKey('DelayMs')) { $fault.delayMs = $DelayMs }
    if ($Drop) { $fault.drop = $true }
    $null = Invoke-GhEmulatorControl -Method POST -Path faults -Body $fault -Emulator $Emulator
}

function Set-GhEmulatorSetting {
    <#
    .SYNOPSIS Changes emulator settings, e.g. @{ latencyMs = 50; ghes22 = $true; rateLimit = @{ remaining = 0 }; graphqlRateLimit = @{ remaining = 0 }; contentLimits = @{ perMinute = 80; perHour = 500 } }.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [hashtable] $Settings,
        [object] $Emulator
    )
    $null = Invoke-GhEmulatorControl -Method PUT -Path settings -Body $Settings -Emulator $Emulator
}

function Get-GhEmulatorState {
    <# .SYNOPSIS The emulator's state of one repository: { deployments: [ { ...deployment, state, statuses: [...] } ] } (state: GraphQL's DeploymentState). #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [object] $Emulator
    )
    $path = 'state/{0}/{1}' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo)
    Invoke-GhEmulatorControl -Method GET -Path $path -Emulator $Emulator
}

function New-GhTestToken {
    <# .SYNOPSIS A random token in GitHub's personal-access-token shape (ghp_ + 36 characters). #>
    [CmdletBinding()]
    [OutputType([string])]
    param([string] $Prefix = 'ghp_')
    $alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
    $chars = foreach ($i in 1..36) { $alphabet[[System.Security.Cryptography.RandomNumberGenerator]::GetInt32($alphabet.Length)] }
    $Prefix + -join $chars
}

function Invoke-DsPwsh {
    <#
    .SYNOPSIS
    Runs a script in a fresh `pwsh -NoProfile` (this PowerShell's own), with the given environment variables set (a $null
    value removes one) and none of the CI or token variables of this process; returns ExitCode, StdOut and StdErr.
    .DESCRIPTION
    For what must start from nothing: a module autoloaded from a folder, a session that loaded something first, a CI step.
    The script's arguments follow it; its working directory is -WorkingDirectory (default: the temporary folder).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)] [string] $Script,
        [hashtable] $Environment = @{},
        [string[]] $ArgumentList = @(),
        [string] $WorkingDirectory = [System.IO.Path]::GetTempPath(),
        [ValidateRange(1, 600)] [int] $TimeoutSec = 120
    )
    $file = Join-Path ([System.IO.Path]::GetTempPath()) "ds-step-$([guid]::NewGuid().ToString('n')).ps1"
    [System.IO.File]::WriteAllText($file, $Script, [System.Text.UTF8Encoding]::new($false))
    try {
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $file) + $ArgumentList) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true
        $psi.UseShellExecute = $false
        $psi.WorkingDirectory = $WorkingDirectory
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($n in @($psi.Environment.Keys)) {
            if ($n -match '^(TF_BUILD|GITHUB_\w+|GH_\w+|BUILD_\w+|SYSTEM_\w+|RUNNER_\w+|AGENT_\w+)$') { $null = $psi.Environment.Remove($n) }
        }
        foreach ($n in $Environment.Keys) {
            if ($null -eq $Environment[$n]) { $null = $psi.Environment.Remove($n) } else { $psi.Environment[$n] = [string]$Environment[$n] }
        }
        $p = [System.Diagnostics.Process]::Start($psi)
        $p.StandardInput.Close()
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEndAsync()
        if (-not $p.WaitForExit($TimeoutSec * 1000)) {
            try { $p.Kill($true) } catch { }
            throw "The child pwsh did not finish within $TimeoutSec s.`nstdout:`n$($stdout.Result)`nstderr:`n$($stderr.Result)"
        }
        [pscustomobject]@{ ExitCode = $p.ExitCode; StdOut = $stdout.Result; StdErr = $stderr.Result }
    }
    finally {
        Remove-Item -LiteralPath $file -Force -ErrorAction SilentlyContinue
    }
}

function Initialize-DsUserHome {
    <#
    .SYNOPSIS
    A temporary user home for fresh pwsh processes, with a local gallery: returns the environment to give Invoke-DsPwsh.
    .DESCRIPTION
    On Linux and macOS PowerShell and PSResourceGet keep everything per user (registered repositories, the CurrentUser
    module folder) under HOME (with XDG_DATA_HOME unset), so a process with this environment changes nothing of this
    machine's; that is checked before anything is registered. Its PSResourceGet knows one repository, LocalGallery (the
    folder Gallery beside the home), holding -Package as Publish-PSResource put it there; PSGallery is unregistered, so
    `Install-PSResource -Name DeploymentStatus` installs from LocalGallery, into HOME's module folder, without a network.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)] [string] $Path, [Parameter(Mandatory)] [string] $Package)
    $userHome = Join-Path $Path 'home'
    $gallery = Join-Path $Path 'gallery'
    # .NET names LocalApplicationData only when the folder exists.
    $null = New-Item -ItemType Directory -Force -Path (Join-Path $userHome '.local/share'), $gallery
    $environment = @{ HOME = $userHome; XDG_DATA_HOME = $null; XDG_CONFIG_HOME = $null; XDG_CACHE_HOME = $null; PSModulePath = $null }
    $run = Invoke-DsPwsh -Environment $environment -ArgumentList $gallery, $Package -Script @'
param($Gallery, $Package)
$ErrorActionPreference = 'Stop'
foreach ($path in @($env:PSModulePath -split [IO.Path]::PathSeparator)[0], [Environment]::GetFolderPath('LocalApplicationData')) {
    if (-not $path -or -not $path.StartsWith($env:HOME)) { throw "Not registering: '$path' is outside the temporary HOME '$env:HOME'." }
}
Register-PSResourceRepository -Name LocalGallery -Uri $Gallery -Trusted -Priority 10
Unregister-PSResourceRepository -Name PSGallery -ErrorAction SilentlyContinue
Publish-PSResource -NupkgPath $Package -Repository LocalGallery
'@
    if ($run.ExitCode -ne 0 -or $run.StdErr) { throw "The local gallery was not set up (exit $($run.ExitCode)):`n$($run.StdOut)`n$($run.StdErr)" }
    $environment
}

function Initialize-GhEmulatorRepo {
    <#
    .SYNOPSIS Resets the emulator, adds repository octo-org/hello-world and a token for octocat that sees it; returns the token.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [string] $Owner = 'octo-org',
        [string] $Name = 'hello-world',
        [string] $Login = 'octocat',
        [string] $Token = (New-GhTestToken),
        [object[]] $Refs,
        [object] $Emulator
    )
    Reset-GhEmulator -Emulator $Emulator
    $repo = @{ Owner = $Owner; Name = $Name; Emulator = $Emulator }
    if ($PSBoundParameters.ContainsKey('Refs')) { $repo.Refs = $Refs }
    Add-GhEmulatorRepo @repo
    Add-GhEmulatorToken -Token $Token -Login $Login -Repos "$Owner/$Name" -Emulator $Emulator
    $Token
}

function New-GhTestAppKey {
    <#
    .SYNOPSIS
    A fresh RSA key for a test GitHub App: PrivateKeyPem (PKCS#1, -----BEGIN RSA PRIVATE KEY----- as GitHub generates it),
    Pkcs8Pem (-----BEGIN PRIVATE KEY-----) and PublicKeyPem (for Add-GhEmulatorApp).
    #>
    [CmdletBinding()]
    param([ValidateSet(2048, 3072, 4096)] [int] $Bits = 2048)
    $rsa = [System.Security.Cryptography.RSA]::Create($Bits)
    try {
        [pscustomobject]@{
            PSTypeName    = 'DeploymentStatus.Tests.GhAppKey'
            PrivateKeyPem = $rsa.ExportRSAPrivateKeyPem()
            Pkcs8Pem      = $rsa.ExportPkcs8PrivateKeyPem()
            PublicKeyPem  = $rsa.ExportSubjectPublicKeyInfoPem()
        }
    }
    finally { $rsa.Dispose() }
}

function Add-GhEmulatorApp {
    <#
    .SYNOPSIS
    Registers a GitHub App with the emulator (POST /_emulator/apps): its ID, the public half of its key and its
    installations, e.g. -Installations @{ id = 42; login = 'octo-org'; repos = @('octo-org/hello-world') }
    (repos omitted = every repository of the login). Tokens it mints live -TokenLifetimeSeconds (default 3600).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $AppId,
        [Parameter(Mandatory)] [string] $PublicKeyPem,
        [object[]] $Installations,
        [ValidateRange(1, [int]::MaxValue)] [int] $TokenLifetimeSeconds,
        [string] $Slug,
        [object] $Emulator
    )
    $body = @{ appId = $AppId; publicKeyPem = $PublicKeyPem }
    if ($PSBoundParameters.ContainsKey('Installations')) {
        $body.installations = @(foreach ($i in $Installations) {
                $entry = @{ id = [long]$i.id; login = [string]$i.login }
                if ($i -is [System.Collections.IDictionary] ? $i.Contains('repos') : $null -ne $i.PSObject.Properties['repos']) { $entry.repos = @($i.repos) }
                $entry
            })
    }
    if ($PSBoundParameters.ContainsKey('TokenLifetimeSeconds')) { $body.tokenLifetimeSeconds = $TokenLifetimeSeconds }
    if ($PSBoundParameters.ContainsKey('Slug')) { $body.slug = $Slug }
    $null = Invoke-GhEmulatorControl -Method POST -Path apps -Body $body -Emulator $Emulator
}

function Revoke-GhEmulatorInstallationToken {
    <# .SYNOPSIS Revokes every token the emulator minted for a GitHub App installation (they answer 401 from then on); returns how many. #>
    [CmdletBinding()]
    [OutputType([int])]
    param(
        [Parameter(Mandatory)] [long] $InstallationId,
        [object] $Emulator
    )
    (Invoke-GhEmulatorControl -Method POST -Path "installations/$InstallationId/revoke" -Emulator $Emulator).revoked
}

function Add-GhEmulatorUser {
    <# .SYNOPSIS Creates a user (a reviewer); returns its id. #>
    [CmdletBinding()]
    [OutputType([long])]
    param([Parameter(Mandatory, Position = 0)] [string] $Login, [object] $Emulator)
    [long](Invoke-GhEmulatorControl -Method POST -Path users -Body @{ login = $Login } -Emulator $Emulator).id
}

function Add-GhEmulatorTeam {
    <# .SYNOPSIS Creates (or replaces) a team of an organization, with its members' logins; returns its id. #>
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory)] [string] $Org,
        [Parameter(Mandatory)] [string] $Slug,
        [string] $Name,
        [string[]] $Members = @(),
        [object] $Emulator
    )
    $body = @{ org = $Org; slug = $Slug; members = @($Members) }
    if ($Name) { $body.name = $Name }
    [long](Invoke-GhEmulatorControl -Method POST -Path teams -Body $body -Emulator $Emulator).id
}

function Add-GhEmulatorEnvironment {
    <#
    .SYNOPSIS
    Creates (or overwrites the settings of) an environment without a request; returns its id. -Reviewers: logins and
    ORG/TEAM-SLUG (they must exist); -BranchPolicy all, protected or custom; -Policies: patterns ('tag:v*' for a tag).
    #>
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [Parameter(Mandatory)] [string] $Name,
        [int] $WaitTimer,
        [string[]] $Reviewers,
        [switch] $PreventSelfReview,
        [ValidateSet('all', 'protected', 'custom')] [string] $BranchPolicy,
        [string[]] $Policies,
        [Nullable[bool]] $CanAdminsBypass,
        [object] $Emulator
    )
    $body = @{ name = $Name }
    if ($PSBoundParameters.ContainsKey('WaitTimer')) { $body.waitTimer = $WaitTimer }
    if ($PSBoundParameters.ContainsKey('Reviewers')) { $body.reviewers = @($Reviewers) }
    if ($PreventSelfReview) { $body.preventSelfReview = $true }
    if ($BranchPolicy) { $body.branchPolicy = $BranchPolicy }
    if ($PSBoundParameters.ContainsKey('Policies')) { $body.policies = @($Policies) }
    if ($null -ne $CanAdminsBypass) { $body.canAdminsBypass = [bool]$CanAdminsBypass }
    $path = 'repos/{0}/{1}/environments' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo)
    [long](Invoke-GhEmulatorControl -Method POST -Path $path -Body $body -Emulator $Emulator).id
}

function Add-GhEmulatorRun {
    <#
    .SYNOPSIS
    A workflow run triggered by -Actor whose jobs wait on environments: -Environments are names, or hashtables
    @{ name = 'production'; apps = @('app-slug') } (the apps whose custom protection rules it waits for). Returns its id.
    #>
    [CmdletBinding()]
    [OutputType([long])]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [Parameter(Mandatory)] [AllowEmptyCollection()] [object[]] $Environments,
        [string] $Actor = 'octocat',
        [long] $Id,
        [object] $Emulator
    )
    $body = @{
        actor        = $Actor
        environments = @(foreach ($e in $Environments) {
                if ($e -is [string]) { @{ name = $e } } else { @{ name = [string]$e.name; apps = @($e.apps) } }
            })
    }
    if ($Id) { $body.id = $Id }
    $path = 'repos/{0}/{1}/runs' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo)
    [long](Invoke-GhEmulatorControl -Method POST -Path $path -Body $body -Emulator $Emulator).id
}

function Get-GhEmulatorRun {
    <# .SYNOPSIS A run's gates: { id, actor, gates: [ { environment, environmentId, deploymentId, state, reviews, rules, ruleReviews } ] }. #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Owner,
        [Parameter(Mandatory)] [Alias('Repository')] [string] $Repo,
        [Parameter(Mandatory)] [long] $RunId,
        [object] $Emulator
    )
    $path = 'repos/{0}/{1}/runs/{2}' -f [System.Uri]::EscapeDataString($Owner), [System.Uri]::EscapeDataString($Repo), $RunId
    Invoke-GhEmulatorControl -Method GET -Path $path -Emulator $Emulator
}

Export-ModuleMember -Function @(
    'Get-DsRepoRoot', 'Get-DsModulePath', 'Get-GhEmulatorPath',
    'Start-GhEmulator', 'Use-GhEmulator', 'Stop-GhEmulator', 'Invoke-GhEmulatorControl',
    'Reset-GhEmulator', 'Add-GhEmulatorToken', 'Add-GhEmulatorRepo', 'Add-GhEmulatorDeployment',
    'Add-GhEmulatorDeploymentScript', 'Get-GhEmulatorDeploymentScript',
    'Get-GhEmulatorRequest', 'Clear-GhEmulatorRequest', 'Add-GhEmulatorFault',
    'Set-GhEmulatorSetting', 'Get-GhEmulatorState', 'New-GhTestToken', 'Invoke-DsPwsh', 'Initialize-DsUserHome', 'Get-DotnetHostPath', 'Initialize-GhEmulatorRepo',
    'New-GhTestAppKey', 'Add-GhEmulatorApp', 'Revoke-GhEmulatorInstallationToken',
    'Add-GhEmulatorUser', 'Add-GhEmulatorTeam', 'Add-GhEmulatorEnvironment', 'Add-GhEmulatorRun', 'Get-GhEmulatorRun'
)
