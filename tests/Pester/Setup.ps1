# The set-up every Pester file shares; each file's BeforeAll begins with   . "$PSScriptRoot/Setup.ps1"
# It brings the test harness, this run's one emulator (started by the first file, reset for every file, stopped with the run),
# the BUILT module (out/DeploymentStatus), and the helpers most files use. Nothing here needs tearing down per file.

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

function script:Assert-Ran([object] $Run, [string[]] $Match = @()) {
    # A fresh pwsh (Invoke-DsPwsh) that ended well, wrote no error, and printed a line matching each of -Match.
    $Run.StdErr | Should -BeNullOrEmpty
    $Run.ExitCode | Should -Be 0
    foreach ($pattern in $Match) { $Run.StdOut | Should -Match $pattern }
}
