#Requires -Version 7.0
<#
.SYNOPSIS
    The bench's memory scenario, alone in a fresh PowerShell so that its memory is its own. Started by bench/Bench.ps1;
    not meant to be run by hand.
.DESCRIPTION
    Lists every deployment of the repository with its State (REST pages of 100 and one GraphQL query per page) twice:
    streamed (Get-GhDeployment | ForEach-Object, what a pipeline does) and kept (every object held in a variable). The
    token comes from $env:DS_BENCH_TOKEN. The last line of output is `BENCH_RESULT {json}`: how many were listed (and had
    a State), the peak working set after the streamed listing over the working set before it, and the managed heap each
    listing leaves behind.
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [uri] $ApiUri,
    [Parameter(Mandatory)] [string] $Owner,
    [Parameter(Mandatory)] [string] $Repository,
    [Parameter(Mandatory)] [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'

$token = $env:DS_BENCH_TOKEN
if (-not $token) { throw 'DS_BENCH_TOKEN is not set.' }
Import-Module $ModulePath
Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Owner $Owner -Repository $Repository
$null = Get-GhDeployment -First 150   # everything loaded and jitted once: two pages, two state queries

$self = [System.Diagnostics.Process]::GetCurrentProcess()
function Measure-Memory {
    [GC]::Collect(); [GC]::WaitForPendingFinalizers(); [GC]::Collect()
    $self.Refresh()
    [pscustomobject]@{ Managed = [GC]::GetTotalMemory($true); WorkingSet = $self.WorkingSet64; Peak = $self.PeakWorkingSet64 }
}

$before = Measure-Memory
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$streamed = 0; $withState = 0
Get-GhDeployment | ForEach-Object { $streamed++; if ($_.State) { $withState++ } }
$streamSeconds = $watch.Elapsed.TotalSeconds
$afterStream = Measure-Memory

$kept = @(Get-GhDeployment)
$afterKept = Measure-Memory

$result = [ordered]@{
    streamed              = $streamed
    withState             = $withState
    kept                  = $kept.Count
    streamSeconds         = $streamSeconds
    # The process's peak working set after the listing over its working set before: an upper bound of what the listing
    # needed (the peak may be older than the listing), so never an underestimate.
    streamPeakGrowthBytes = [Math]::Max(0, $afterStream.Peak - $before.WorkingSet)
    streamManagedBytes    = $afterStream.Managed - $before.Managed
    keptManagedBytes      = $afterKept.Managed - $afterStream.Managed
    peakWorkingSet        = $afterKept.Peak
}
[Console]::Out.WriteLine('BENCH_RESULT ' + ($result | ConvertTo-Json -Compress))
