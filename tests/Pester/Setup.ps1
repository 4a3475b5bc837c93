# The set-up every Pester file shares; each file's BeforeAll begins with   . "$PSScriptRoot/Setup.ps1"
# It brings the test harness, this run's one emulator (started by the first file, reset for every file, stopped with the run),
# the BUILT module (out/DeploymentStatus), and the helpers most files use. A file that calls Use-CiVariables calls
# Reset-CiVariables when done (AfterEach or AfterAll); nothing else here needs tearing down.

Import-Module "$PSScriptRoot/EmulatorHarness.psm1"
Import-Module (Get-DsModulePath)
$script:emu = Use-GhEmulator

# Short policy waits, so that the suite stays fast; a test that needs other figures says so.
$script:Fast = @{
    TimeoutSeconds            = 5
    MaxRetries                = 4
    RetryBaseDelaySeconds     = 0.01
    MaxRetryDelaySeconds      = 0.1
    SecondaryLimitWaitSeconds = 0.05
    WriteIntervalSeconds      = 0
    MaxRateLimitWaitSeconds   = 3
    WritesPerMinute           = 0   # no write budget: the tests of the budget set their own
    WritesPerHour             = 0
}

function script:Connect-TestRepo {
    # A fresh emulator holding octo-org/hello-world (with -Refs) and a token that sees it, and the module connected to it
    # with that repository as the default (unless -NoDefaults) and -Policy (default: the fast one). Returns the token.
    param([object[]] $Refs, [hashtable] $Policy = $script:Fast, [switch] $NoDefaults)
    $repo = @{}
    if ($PSBoundParameters.ContainsKey('Refs')) { $repo.Refs = $Refs }
    $token = Initialize-GhEmulatorRepo @repo
    $connect = @{ ApiUri = $script:emu.ApiUri; Token = (ConvertTo-SecureString $token -AsPlainText -Force); Policy = $Policy }
    if (-not $NoDefaults) { $connect.Owner = 'octo-org'; $connect.Repository = 'hello-world' }
    Connect-GhAccount @connect
    $token
}

function script:Invoke-Refused([scriptblock] $Script) {
    # Runs the script with every error terminating; returns the error it ended with (or $null).
    $ErrorActionPreference = 'Stop'
    try { $null = & $Script; $null } catch { $_ }
}

# The variables a CI runner sets that the module reads (and the ones it hands on); Use-CiVariables clears them all, so a
# CI running these tests cannot leak into them, and sets the given ones; Reset-CiVariables puts back what was there.
$script:CiVariableNames = @(
    'TF_BUILD', 'GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_SHA', 'GITHUB_REPOSITORY', 'GITHUB_RUN_ID',
    'GITHUB_SERVER_URL', 'GITHUB_JOB', 'JOB_CHECK_RUN_ID', 'SYSTEM_HOSTTYPE', 'SYSTEM_COLLECTIONURI', 'SYSTEM_TEAMPROJECT',
    'SYSTEM_JOBID', 'BUILD_BUILDID', 'BUILD_SOURCEVERSION', 'BUILD_REPOSITORY_PROVIDER', 'BUILD_REPOSITORY_NAME',
    'ENVIRONMENT_NAME', 'RELEASE_RELEASEID', 'RELEASE_ENVIRONMENTNAME', 'RELEASE_RELEASEWEBURL', 'AGENT_JOBSTATUS',
    'DEPLOYMENTSTATUS_DEPLOYMENT_ID', 'DEPLOYMENTSTATUS_REPOSITORY')
$script:SavedCiVariables = @{}
foreach ($n in $script:CiVariableNames) { $script:SavedCiVariables[$n] = [Environment]::GetEnvironmentVariable($n) }

function script:Use-CiVariables([hashtable] $Variables = @{}) {
    foreach ($n in $script:CiVariableNames) { [Environment]::SetEnvironmentVariable($n, $null) }
    foreach ($n in $Variables.Keys) {
        if ($n -notin $script:CiVariableNames) { throw "Setup.ps1 does not restore ${n}: add it to CiVariableNames." }
        [Environment]::SetEnvironmentVariable($n, [string]$Variables[$n])
    }
}

function script:Reset-CiVariables {
    foreach ($n in $script:CiVariableNames) { [Environment]::SetEnvironmentVariable($n, $script:SavedCiVariables[$n]) }
}

function script:Invoke-CapturedStdout([scriptblock] $Script) {
    # Runs the script with the process's standard output captured: the workflow commands the module writes there (for the
    # runner) reach no real runner of these tests, and the test reads them. Returns Output (what the script returned) and
    # Lines (standard output). Errors go on up, standard output restored.
    $writer = [System.IO.StringWriter]::new()
    $saved = [Console]::Out
    [Console]::SetOut($writer)
    try { $output = & $Script }
    finally { [Console]::SetOut($saved) }
    [pscustomobject]@{ Output = $output; Lines = @($writer.ToString() -split '\r?\n' | Where-Object { $_ }) }
}

function script:New-ChildShell {
    # A PowerShell of its own (for Stop(), exit, and PowerShell's default error action), with the built module's assembly
    # this process loaded from out/, connected to octo-org/hello-world with $script:token; -Script added, not yet invoked.
    param([scriptblock] $Script, [object[]] $Arguments = @())
    $ps = [PowerShell]::Create()
    $null = $ps.AddScript({
            param($Assembly, $ApiUri, $Token)
            Import-Module -Assembly $Assembly
            Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy @{ WriteIntervalSeconds = 0 }
        }).AddArgument([DeploymentStatus.GhDeployment].Assembly).AddArgument($script:emu.ApiUri).AddArgument($script:token)
    $null = $ps.Invoke()
    $ps.Commands.Clear()
    $null = $ps.AddScript($Script.ToString())
    foreach ($a in $Arguments) { $null = $ps.AddArgument($a) }
    $ps
}

function script:Assert-Ran([object] $Run, [string[]] $Match = @()) {
    # A fresh pwsh (Invoke-DsPwsh) that ended well, wrote no error, and printed a line matching each of -Match.
    $Run.StdErr | Should -BeNullOrEmpty
    $Run.ExitCode | Should -Be 0
    foreach ($pattern in $Match) { $Run.StdOut | Should -Match $pattern }
}
