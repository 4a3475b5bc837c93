#Requires -Version 7.0
<#
.SYNOPSIS
    A real deployment story through the built DeploymentStatus module, against the GitHub API emulator on loopback.
.DESCRIPTION
    Started by `dotnet pwsh ./build.ps1 Demo` in a fresh PowerShell. Starts the emulator, seeds a repository and a
    token, then drives two staging deployments the way a CI script would: statuses in_progress -> success with a log
    URL; the second success retires the first through GitHub's auto_inactive; Invoke-GhDeployment wraps a failing
    deploy script; the statuses are listed as tables. Every step is a real HTTP request that the emulator records.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module (Join-Path $PSScriptRoot '../tests/Pester/EmulatorHarness.psm1') -Force
Import-Module (Get-DsModulePath) -Force

function Show([string] $Title, $Objects) {
    Write-Host ''
    Write-Host "== $Title" -ForegroundColor Cyan
    Write-Host ($Objects | Format-Table -AutoSize | Out-String -Width 200).TrimEnd()
}

$emulator = Start-GhEmulator
try {
    $token = Initialize-GhEmulatorRepo -Owner octo-org -Name hello-world
    Write-Host "GitHub emulator listening at $($emulator.ApiUri)"
    Connect-GhAccount -ApiUri $emulator.ApiUri -Token (ConvertTo-SecureString $token -AsPlainText -Force) `
        -Owner octo-org -Repository hello-world -Policy @{ WriteIntervalSeconds = 0.05 }

    # Yesterday's deployment of v1.0 to staging, which went well.
    $v1 = New-GhDeployment -Ref v1.0 -Environment staging -Description 'Release 1.0'
    $null = $v1 | New-GhDeploymentStatus -State in_progress -LogUrl 'https://ci.example.com/runs/100'
    $null = $v1 | New-GhDeploymentStatus -State success -EnvironmentUrl 'https://staging.example.com/'

    # Today's deployment of v1.1: in_progress with a log URL, then success. GitHub's auto_inactive retires v1.0.
    $v2 = New-GhDeployment -Ref v1.1 -Environment staging -Description 'Release 1.1' -Payload @{ migrate = $true; regions = @('eu', 'us') }
    $null = $v2 | New-GhDeploymentStatus -State in_progress -LogUrl 'https://ci.example.com/runs/101' -Description 'Rolling out v1.1'
    $null = $v2 | New-GhDeploymentStatus -State success -LogUrl 'https://ci.example.com/runs/101' -EnvironmentUrl 'https://staging.example.com/'

    Show 'Staging deployments (newest first)' (Get-GhDeployment -Environment staging)
    Show "Statuses of v1.1 (deployment $($v2.Id))" ($v2 | Get-GhDeploymentStatus)
    Show "Statuses of v1.0 (deployment $($v1.Id)): auto_inactive retired it" ($v1 | Get-GhDeploymentStatus)

    # A deploy script wrapped in the whole lifecycle; this one fails, so the deployment is marked failure.
    try {
        Invoke-GhDeployment -Ref v1.2 -Environment staging -EnvironmentUrl 'https://staging.example.com/' -ScriptBlock {
            Write-Host '   deploy script: copying files...'
            throw 'Health check failed: /healthz answered 503'
        }
    }
    catch {
        Write-Host "   Invoke-GhDeployment rethrew: $($_.Exception.Message)"
    }
    $v3 = Get-GhDeployment -Environment staging -First 1
    Show "Statuses of v1.2 (deployment $($v3.Id)), wrapped by Invoke-GhDeployment" ($v3 | Get-GhDeploymentStatus)

    $requests = @(Get-GhEmulatorRequest)
    Write-Host ''
    Write-Host ("{0} requests reached the emulator: {1}" -f $requests.Count,
        (($requests | Group-Object method | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '))
}
finally {
    Stop-GhEmulator $emulator
}
