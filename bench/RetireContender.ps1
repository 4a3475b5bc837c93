#Requires -Version 7.0
<#
.SYNOPSIS
    One contender of the bench's bulk-retire scenario, alone in a fresh PowerShell, so that its time, managed
    allocation and peak working set are its own. Started by bench/Bench.ps1; not meant to be run by hand.
.DESCRIPTION
    Retires (marks inactive) every deployment of one environment, either through the module
    (Set-GhDeploymentInactive -Keep 0) or through the plain Invoke-RestMethod script a user writes without it; or,
    as the Floor, sends only the writes (the ids listed in the file -Ids names), one after another on one HttpClient
    connection: what no client can beat when writes never overlap.
    The token comes from $env:DS_BENCH_TOKEN (never on a command line). The last line of output is
    `BENCH_RESULT {json}`: seconds (first request to last answer; import and connect excluded, the bench measures
    import on its own), managed bytes allocated meanwhile (GC.GetTotalAllocatedBytes, precise), peak working set
    of the whole process, and what was done.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [ValidateSet('Module', 'Baseline', 'Floor')] [string] $Contender,
    [Parameter(Mandatory)] [uri] $ApiUri,
    [Parameter(Mandatory)] [string] $Owner,
    [Parameter(Mandatory)] [string] $Repository,
    [Parameter(Mandatory)] [string] $Environment,
    # The built module manifest (Module only).
    [string] $ModulePath,
    # A file with the ids of the deployments to write to, one a line (Floor only).
    [string] $Ids
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
    # GitHub asks for 1 s between writes and at most 80 a minute and 500 an hour; the module honours that by default.
    # The baseline script does not pace at all, so for a fair compare the pacing and the budget are off here too (a
    # policy, not a speed).
    Connect-GhAccount -ApiUri $api -Token (ConvertTo-SecureString $token -AsPlainText -Force) `
        -Owner $Owner -Repository $Repository -Policy @{ WriteIntervalSeconds = 0; WritesPerMinute = 0; WritesPerHour = 0 }
}
elseif ($Contender -eq 'Baseline') {
    $headers = @{ Authorization = "token $token"; Accept = 'application/vnd.github+json' }
    $list = '{0}repos/{1}/{2}/deployments?environment={3}' -f $api, $Owner, $Repository, [uri]::EscapeDataString($Environment)
}
else {
    if (-not $Ids) { throw '-Ids is required for the Floor contender.' }
    $targets = [long[]]@(Get-Content -LiteralPath $Ids)
    $client = [System.Net.Http.HttpClient]::new()
    $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('token', $token)
    $client.DefaultRequestHeaders.Accept.ParseAdd('application/vnd.github+json')
    $client.DefaultRequestHeaders.UserAgent.ParseAdd('bench-floor')
    $statusesUri = '{0}repos/{1}/{2}/deployments/{{0}}/statuses' -f $api, $Owner, $Repository
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
elseif ($Contender -eq 'Floor') {
    foreach ($id in $targets) {
        $body = [System.Net.Http.StringContent]::new('{"state":"inactive"}', [System.Text.Encoding]::UTF8, 'application/json')
        $response = $client.PostAsync(($statusesUri -f $id), $body).GetAwaiter().GetResult()
        if ([int]$response.StatusCode -ne 201) { throw "POST for deployment $id answered $([int]$response.StatusCode)." }
        $response.Dispose()
    }
    $summary = "${Environment}: $($targets.Count) writes, one after another."
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
