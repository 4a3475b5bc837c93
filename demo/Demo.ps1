#Requires -Version 7.0
<#
.SYNOPSIS
    A real deployment story through the built DeploymentStatus module, against the GitHub API emulator on loopback.
.DESCRIPTION
    Started by `dotnet pwsh ./build.ps1 Demo` in a fresh PowerShell. Starts the emulator, seeds a repository and a
    token, then drives two staging deployments the way a CI script would: statuses in_progress -> success with a log
    URL; the second success retires the first through GitHub's auto_inactive; Invoke-GhDeployment wraps a failing
    deploy script; the statuses are listed as tables. Every step is a real HTTP request that the emulator records.

    Each command is echoed (PS> ...) before it runs, as at a prompt, and tables are printed at the terminal's width:
    $env:COLUMNS when set (build.ps1 passes its own terminal's), else the console's, else 80.
#>
[CmdletBinding()]
param()
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0

Import-Module (Join-Path $PSScriptRoot '../tests/Pester/EmulatorHarness.psm1') -Force
Import-Module (Get-DsModulePath) -Force

$Width = if ($env:COLUMNS -as [int]) { [int]$env:COLUMNS } elseif (-not [Console]::IsOutputRedirected) { [Console]::WindowWidth } else { 80 }

function Invoke-Shown {
    # Echoes the command as typed at a prompt (PS> and >> for its further lines), then runs it. Its output is printed at
    # the terminal's width, or, with -Assign NAME, kept in $NAME (echoed as "$NAME = ...") instead.
    param([Parameter(Mandatory, Position = 0)] [scriptblock] $Command, [string] $Assign)
    $lines = @(($Command.ToString() -split '\r?\n' | ForEach-Object TrimEnd) -join "`n" -replace '^\n+|\n+$' -split '\n')
    $indent = [int]($lines | Where-Object { $_ } | ForEach-Object { $_.Length - $_.TrimStart().Length } | Measure-Object -Minimum).Minimum
    Write-Host ''
    for ($i = 0; $i -lt $lines.Count; $i++) {
        $prompt = if ($i -eq 0) { 'PS> ' + $(if ($Assign) { "`$$Assign = " }) } else { '>> ' }
        Write-Host ($prompt + $(if ($lines[$i]) { $lines[$i].Substring($indent) })) -ForegroundColor Yellow
    }
    $output = & $Command
    if ($Assign) { Set-Variable -Name $Assign -Value $output -Scope Script }
    elseif ($null -ne $output) { Write-Host ($output | Out-String -Width $Width).Trim("`r", "`n") }
}

function Write-Note([string] $Text) {
    Write-Host ''
    Write-Host "# $Text" -ForegroundColor Cyan
}

$emulator = Start-GhEmulator
try {
    $token = Initialize-GhEmulatorRepo -Owner octo-org -Name hello-world
    Write-Host "GitHub emulator listening at $($emulator.ApiUri)"
    Write-Host "A token that sees octo-org/hello-world is in `$token."
    Invoke-Shown {
        Connect-GhAccount -ApiUri $emulator.ApiUri `
            -Token (ConvertTo-SecureString $token -AsPlainText -Force) `
            -Owner octo-org -Repository hello-world
    }

    Write-Note "Yesterday's deployment of v1.0 to staging, which went well."
    Invoke-Shown -Assign v1 { New-GhDeployment -Ref v1.0 -Environment staging }
    Invoke-Shown {
        $v1 | New-GhDeploymentStatus -State in_progress `
            -LogUrl https://ci.example.com/runs/100
    }
    Invoke-Shown {
        $v1 | New-GhDeploymentStatus -State success `
            -EnvironmentUrl https://staging.example.com/
    }

    Write-Note "Today's v1.1: in_progress, then success; GitHub's auto_inactive retires v1.0."
    Invoke-Shown -Assign v2 {
        New-GhDeployment -Ref v1.1 -Environment staging `
            -Description 'Release 1.1' `
            -Payload @{ migrate = $true; regions = 'eu', 'us' }
    }
    Invoke-Shown {
        $v2 | New-GhDeploymentStatus -State in_progress `
            -Description 'Rolling out v1.1' -LogUrl https://ci.example.com/runs/101
    }
    Invoke-Shown {
        $v2 | New-GhDeploymentStatus -State success `
            -LogUrl https://ci.example.com/runs/101 `
            -EnvironmentUrl https://staging.example.com/
    }

    Write-Note 'The deployments, newest first, and one of them in full.'
    Invoke-Shown { Get-GhDeployment -Environment staging }
    Invoke-Shown { $v2 | Get-GhDeployment | Format-List }
    Invoke-Shown { $v2 | Get-GhDeploymentStatus }
    Invoke-Shown { $v1 | Get-GhDeploymentStatus }

    Write-Note 'A deploy script in the whole lifecycle; it fails, so the deployment fails.'
    Invoke-Shown {
        try {
            Invoke-GhDeployment -Ref v1.2 -Environment staging {
                Write-Host 'copying files...'
                throw 'Health check failed: /healthz answered 503'
            }
        }
        catch { "Invoke-GhDeployment rethrew: $($_.Exception.Message)" }
    }
    Invoke-Shown { Get-GhDeployment -Environment staging -First 1 | Get-GhDeploymentStatus }

    $requests = @(Get-GhEmulatorRequest)
    Write-Host ''
    Write-Host ("{0} requests reached the emulator: {1}" -f $requests.Count,
        (($requests | Group-Object method | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '))
}
finally {
    Stop-GhEmulator $emulator
}
