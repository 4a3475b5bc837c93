#Requires -Version 7.0
<#
.SYNOPSIS
    One contender of the bench's bulk-retire scenario, alone in a fresh PowerShell, so that its time, managed
    allocation and peak working set are its own. Started by bench/Bench.ps1; not meant to be run by hand.
.DESCRIPTION
    Retires (marks inactive) every deployment of one environment, either through the module
    (Set-GhDeploymentInactive -Keep 0) or through the plain Invoke-RestMethod script a user writes without it.
    The token comes from $env:DS_BENCH_TOKEN (never on a command line). The last line of output is
    `BENCH_RESULT {json}`: seconds (first request to last answer; import and connect excluded, the bench measures
    import on its own), managed bytes allocated meanwhile (GC.GetTotalAllocatedBytes, precise), peak working set
    of the whole process, and what was done.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'Baseline')] [string] $Contender,
    [Parameter(Mandatory)] [uri] $ApiUri,
    [Parameter(Mandatory)] [string] $Owner,
    [Parameter(Mandatory)] [string] $Repository,
    [Parameter(Mandatory)] [string] $Environment,
    # The built module manifest (Module only).
    [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
# Both sides alike: no progress rendering (Set-GhDeploymentInactive writes progress, Invoke-RestMethod too).
$ProgressPreference = 'SilentlyContinue'

$token = $env:DS_BENCH_TOKEN
if (-not $token) { throw 'DS_BENCH_TOKEN is not set.' }
$api = $ApiUri.AbsoluteUri.TrimEnd('/') + '/'

if ($Contender -eq 'Module') {
    if (-not $ModulePath) { throw '-ModulePath is required for the Module contender.' }
    Import-Module $ModulePath
    # GitHub asks for 1 s between writes; the module honours that by default. The baseline script does not pace
    # at all, so for a fair compare the pacing is off here too (a policy, not a speed).
    Connect-GhAccount -ApiUri $api -Token (ConvertTo-SecureString $token -AsPlainText -Force) `
        -Owner $Owner -Repository $Repository -Policy @{ WriteIntervalSeconds = 0 }
}
else {
    $headers = @{ Authorization = "token $token"; Accept = 'application/vnd.github+json' }
    $list = '{0}repos/{1}/{2}/deployments?environment={3}' -f $api, $Owner, $Repository, [uri]::EscapeDataString($Environment)
}

[GC]::Collect()
[GC]::WaitForPendingFinalizers()
$allocatedBefore = [GC]::GetTotalAllocatedBytes($true)
$watch = [System.Diagnostics.Stopwatch]::StartNew()

if ($Contender -eq 'Module') {
    $info = $null
    Set-GhDeploymentInactive -Environment $Environment -Keep 0 -InformationVariable info 6>$null
    $summary = ($info | ForEach-Object { "$($_.MessageData)" }) -join ' '
}
else {
    # The obvious script: every page (GitHub's default 30 per page, following the Link header), then per
    # deployment its statuses (newest first) and an inactive status unless it already is inactive.
    # -PreserveAuthorizationOnRedirect: PowerShell 7.4.19/7.5.10/7.6.x drop the Authorization header on every
    # followed rel link (PowerShell/PowerShell#27861), so without it page 2 is a 401.
    $retired = 0
    $skipped = 0
    Invoke-RestMethod $list -Headers $headers -FollowRelLink -PreserveAuthorizationOnRedirect |
        ForEach-Object { $_ } |     # each page comes as one array
        ForEach-Object {
            $statuses = Invoke-RestMethod $_.statuses_url -Headers $headers
            if ($statuses.Count -and $statuses[0].state -eq 'inactive') { $skipped++; return }
            $null = Invoke-RestMethod $_.statuses_url -Method Post -Headers $headers `
                -ContentType 'application/json' -Body (@{ state = 'inactive' } | ConvertTo-Json)
            $retired++
        }
    $summary = "${Environment}: $retired retired, $skipped skipped (already inactive)."
}

$watch.Stop()
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocatedBefore
$self = [System.Diagnostics.Process]::GetCurrentProcess()
$self.Refresh()

$result = [ordered]@{
    contender        = $Contender
    seconds          = $watch.Elapsed.TotalSeconds
    allocatedBytes   = $allocated
    peakWorkingSet   = $self.PeakWorkingSet64
    summary          = $summary
}
[Console]::Out.WriteLine('BENCH_RESULT ' + ($result | ConvertTo-Json -Compress))
