#Requires -Version 7.0
<#
.SYNOPSIS
    Try the module offline: the GitHub API emulator on loopback, a seeded repository, and this PowerShell connected to it.
.DESCRIPTION
    `dotnet pwsh ./build.ps1 Play` builds the module and dot-sources this script in a fresh `pwsh -NoExit`, leaving you
    at its prompt. It can also be dot-sourced from any PowerShell 7 once the module is built:

        . ./demo/Play.ps1

    It starts the emulator (tests/GitHubEmulator/bin/<Configuration>/net10.0/GitHubEmulator.dll) as a child process on
    a free port of 127.0.0.1, seeds it through the emulator's control API (tests/Pester/EmulatorHarness.psm1): the
    repository octo-org/hello-world, a token for octocat that sees it, environments and deployments in several states, a
    workflow run waiting on production; imports the built module (out/DeploymentStatus) and connects it with
    Connect-GhAccount, that repository as the default. GH_TOKEN, GITHUB_API_URL and GITHUB_REPOSITORY are set too, so a
    cmdlet after Disconnect-GhAccount, or a child pwsh, connects to the emulator by itself.

    The emulator lives as long as this PowerShell: it stops when its standard input closes, which this process holds
    open. `exit` ends both. $PlayEmulator is the emulator (Uri, ApiUri, Process), $PlayToken the token; the harness
    functions (Add-GhEmulatorDeployment, Add-GhEmulatorFault, Get-GhEmulatorRequest …) seed more or script faults.
#>

Import-Module (Join-Path $PSScriptRoot '../tests/Pester/EmulatorHarness.psm1') -Force
Import-Module (Get-DsModulePath) -Force

$PlayEmulator = Start-GhEmulator
$PlayToken = Initialize-GhEmulatorRepo -Owner octo-org -Name hello-world -Login octocat
& {
    $seed = @{ Owner = 'octo-org'; Repo = 'hello-world' }
    $null = Add-GhEmulatorUser monalisa
    $null = Add-GhEmulatorEnvironment @seed -Name staging
    $null = Add-GhEmulatorEnvironment @seed -Name production -WaitTimer 5 -Reviewers monalisa, octocat -BranchPolicy custom -Policies main, 'release/*'
    $null = Add-GhEmulatorDeployment @seed -Count 3 -Environment staging -Ref main -States in_progress, success
    $null = Add-GhEmulatorDeployment @seed -Count 1 -Environment staging -Ref main -States in_progress, failure
    $null = Add-GhEmulatorDeployment @seed -Count 2 -Environment production -Ref v1.0 -Production $true -States success
    $null = Add-GhEmulatorDeployment @seed -Count 1 -Environment review/pr-7 -Ref topic -Transient -States success
    $null = Add-GhEmulatorDeployment @seed -Count 1 -Environment staging -Ref main -AgeDays 120 -States success
    $null = Add-GhEmulatorRun @seed -Environments production -Id 9000000042
}
$env:GITHUB_API_URL = $PlayEmulator.ApiUri.AbsoluteUri
$env:GH_TOKEN = $PlayToken
$env:GITHUB_REPOSITORY = 'octo-org/hello-world'
Connect-GhAccount -ApiUri $PlayEmulator.ApiUri -Token (ConvertTo-SecureString $PlayToken -AsPlainText -Force) -Owner octo-org -Repository hello-world

Write-Host @"

DeploymentStatus, connected to the GitHub API emulator at $($PlayEmulator.ApiUri)
Repository octo-org/hello-world (the default): deployments to staging, production and review/pr-7,
one 120 days old; environments staging and production (reviewers monalisa and octocat, you);
workflow run 9000000042 waiting on production. Try:

    Get-GhDeployment
    Get-GhDeployment -Environment staging | Get-GhDeploymentStatus -Latest
    `$d = New-GhDeployment -Ref main -Environment staging
    `$d | New-GhDeploymentStatus -State success -EnvironmentUrl https://staging.example.com/
    Invoke-GhDeployment -Ref main -Environment qa { 'deploying...' }
    Set-GhDeploymentInactive -Environment staging -Keep 1 -WhatIf
    Get-GhEnvironment; Get-GhPendingDeployment -RunId 9000000042
    Get-Help about_DeploymentStatus

Seed more with the harness (Get-Command -Module EmulatorHarness); exit stops the emulator.

"@
