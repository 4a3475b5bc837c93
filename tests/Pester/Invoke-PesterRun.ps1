#Requires -Version 7.0
<#
.SYNOPSIS
    Runs the Pester tests (tests/Pester/*.Tests.ps1) in this process with Pester 5.7.1 imported by path
    from the NuGet package folder, and writes the counts as JSON.
.DESCRIPTION
    build.ps1 Test starts this in a fresh `dotnet pwsh -NoProfile` so the tests import the BUILT module
    (out/DeploymentStatus) and never a copy loaded by the build itself. Pester comes from
    `dotnet restore tests/tools/tools.csproj` (a PackageDownload of Pester).

    Exit code: 0 when every test passed, 1 otherwise (failed tests, failed blocks or containers, or no
    run at all). Pester itself exits 0 on failures, so the result object is checked here.
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterRun.ps1
.EXAMPLE
    dotnet pwsh -NoProfile -File tests/Pester/Invoke-PesterRun.ps1 -Path tests/Pester/Harness.Tests.ps1 -FullNameFilter '*fault*'
#>
[CmdletBinding()]
param(
    # Test files or folders (default: every *.Tests.ps1 beside this script).
    [string[]] $Path = @($PSScriptRoot),
    # Where pester.xml (NUnit XML) and pester.json (counts) go.
    [string] $OutputDirectory = (Join-Path $PSScriptRoot '../../out/TestResults'),
    [string[]] $FullNameFilter,
    [string[]] $Tag,
    [string[]] $ExcludeTag,
    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')] [string] $Verbosity = 'Detailed',
    [string] $PesterVersion = '5.7.1'
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
# Plain text in logs: no ANSI colour codes when the output goes to a file or a pipe.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path ([Environment]::GetFolderPath('UserProfile')) '.nuget/packages' }
$pesterManifest = Join-Path $packages "pester/$PesterVersion/tools/Pester.psd1"
if (-not (Test-Path -LiteralPath $pesterManifest)) {
    [Console]::Error.WriteLine("Pester $PesterVersion not found at '$pesterManifest'. Run: dotnet restore tests/tools/tools.csproj")
    exit 1
}
Import-Module $pesterManifest -Force
$loaded = Get-Module Pester
if ($loaded.Version -ne [version]$PesterVersion) {
    [Console]::Error.WriteLine("Expected Pester $PesterVersion, loaded $($loaded.Version) from $($loaded.ModuleBase).")
    exit 1
}

$null = New-Item -ItemType Directory -Force -Path $OutputDirectory
$OutputDirectory = (Resolve-Path -LiteralPath $OutputDirectory).ProviderPath
$xmlPath = Join-Path $OutputDirectory 'pester.xml'
$jsonPath = Join-Path $OutputDirectory 'pester.json'
Remove-Item -LiteralPath $xmlPath, $jsonPath -Force -ErrorAction SilentlyContinue

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Run.Exit = $false
$config.Output.Verbosity = $Verbosity
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = $xmlPath
$config.Should.ErrorAction = 'Stop'
if ($FullNameFilter) { $config.Filter.FullName = $FullNameFilter }
if ($Tag) { $config.Filter.Tag = $Tag }
if ($ExcludeTag) { $config.Filter.ExcludeTag = $ExcludeTag }

$result = Invoke-Pester -Configuration $config
# The run's one emulator (tests/Pester/Setup.ps1) goes with it.
if (Get-Command Stop-GhEmulator -ErrorAction Ignore) { Stop-GhEmulator }

if ($null -eq $result) {
    [Console]::Error.WriteLine('Invoke-Pester returned no result.')
    @{ passed = 0; failed = 1; skipped = 0; notRun = 0; result = 'NoResult' } | ConvertTo-Json | Set-Content -LiteralPath $jsonPath
    exit 1
}

# A container that fails at discovery, or a BeforeAll/AfterAll that fails, may leave no failed *test*
# behind; count each such failure once so it can never look like success.
$failed = $result.FailedCount + $result.FailedContainersCount
if ($result.FailedCount -eq 0) { $failed += $result.FailedBlocksCount }
if ($result.Result -ne 'Passed' -and $failed -eq 0) { $failed = 1 }

$summary = [ordered]@{
    passed           = $result.PassedCount
    failed           = $failed
    failedTests      = $result.FailedCount
    failedBlocks     = $result.FailedBlocksCount
    failedContainers = $result.FailedContainersCount
    skipped          = $result.SkippedCount
    notRun           = $result.NotRunCount
    total            = $result.TotalCount
    result           = [string]$result.Result
    durationSeconds  = [Math]::Round($result.Duration.TotalSeconds, 2)
    failures         = @($result.Failed | ForEach-Object { $_.ExpandedPath })
}
$summary | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $jsonPath -Encoding utf8

if ($result.TotalCount -eq 0 -and $result.FailedContainersCount -eq 0) {
    Write-Warning 'No Pester tests were found.'
}
exit ($(if ($failed -gt 0) { 1 } else { 0 }))
