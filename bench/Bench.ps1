#Requires -Version 7.0
<#
.SYNOPSIS
    Speed and memory of the built DeploymentStatus module, side by side in one run with the plain Invoke-RestMethod
    scripts a user writes without it, against the GitHub API emulator on loopback with a modelled round trip.
.DESCRIPTION
    Started by `dotnet pwsh ./build.ps1 Bench` (which builds first) in a fresh PowerShell. Every API request goes
    over real HTTP to the emulator, which delays each answer by -LatencyMs (default 50 ms, a real round trip to
    api.github.com) and records it, so request counts come from the server side.

    1. Bulk retire: -RetireCount success deployments in one environment, seeded afresh (same data) for each
       contender. Module: Set-GhDeploymentInactive -Environment staging -Keep 0. Baseline: list page by page
       (GitHub's default 30 per page, following Link), GET each deployment's statuses, POST inactive unless it
       already is. Each contender runs alone in a fresh pwsh (bench/RetireContender.ps1), so its time, managed
       allocation and peak working set are its own. GitHub's 1 s spacing of writes is a policy, not a speed: the
       baseline does not pace, so the module runs with -Policy @{ WriteIntervalSeconds = 0; WritesPerMinute = 0; WritesPerHour = 0 } too.
    2. Listing: -ListCount deployments read in full, Get-GhDeployment (100 per page, and each page's states in one
       GraphQL query) vs Invoke-RestMethod -FollowRelLink (30 per page, no states); and the newest one with its state,
       `Get-GhDeployment | Select-Object -First 1` vs `(Invoke-RestMethod ...)[0]` and the same GraphQL query for its
       state (two requests each: the fair baseline, not a fetch-everything strawman).
       In this process, both warmed up once, median of -ListRuns interleaved runs.
    3. Import: median of -ImportRuns fresh `dotnet pwsh -NoProfile -Command` processes that Import-Module the
       built module (Stopwatch inside) vs the same process without the import.
       What it costs, part by part: the same steps done one by one in fresh processes (the loader and the module's
       assembly, the cmdlets, the format file, and the help a first Get-Help reads, which the import defers), and
       PowerShell's own floor, Import-Module of an empty manifest.
    4. Memory: managed allocation and peak working set of the two bulk-retire processes.
    5. State at scale: -StateCount deployments (a third already inactive) retired at -StateLatencyMs a request, pacing
       off. Module: Set-GhDeploymentInactive -Keep 0, which reads every page with its states (one GraphQL query a page)
       and plans before it writes. Floor: the same writes, one after another on one connection, nothing else
       (bench/RetireContender.ps1 -Contender Floor). Each in a fresh pwsh.
    6. Write budget: -BudgetWrites deployments retired with a write budget of -BudgetPerMinute writes a minute (no
       pacing besides), against an emulator that refuses a token's writes beyond -EmulatorPerMinute a minute (GitHub's
       content-creation limit, scaled). The floor is what the budget allows at best: writes / rate.
    7. Per call: -PerCallCount sequential New-GhDeploymentStatus against the same count of POSTs from a plain
       HttpClient loop in this process, at 0 ms latency (what is measured is the client's own cost), alternating,
       median of -PerCallRounds rounds; also each side's CPU time per call.
    8. Listing memory: -MemoryCount deployments listed with their State in a fresh pwsh (bench/ListMemory.ps1),
       streamed through the pipeline and kept in a variable.

    Targets (the exit code is 1 when one is missed): every correctness check passes, and the module is at least as
    fast as the baseline (time ratio module/baseline <= 1.00) in scenario 1 and the full listing of scenario 2.
    The newest-one read is two requests on both sides (the deployment, its state), so it is parity: at most as many
    requests, and a time ratio <= 1.10 (single 50 ms requests spread about +-10 % run to run). Import-Module adds at
    most 75 ms to a bare pwsh start (3); scenario 5: at most 16 reads, and module time / floor time <= 1.20; scenario 6:
    no write refused, and time / floor <= 1.10; 300 calls cost at most 1.5 times the plain loop (7); listing 10,000
    deployments with their State, streamed, grows the process's peak working set by at most 25 MB (8). Memory of
    scenario 4 is reported, not gated. Every figure, beside its target, is also written to -JsonPath (default
    out/bench.json).
.EXAMPLE
    dotnet pwsh ./build.ps1 Bench
.EXAMPLE
    dotnet pwsh -NoProfile -File bench/Bench.ps1 -LatencyMs 100 -RetireCount 100   # after a build
#>
[CmdletBinding()]
param(
    # Latency the emulator adds to every API answer.
    [ValidateRange(0, 10000)] [int] $LatencyMs = 50,
    # Deployments retired per contender in scenario 1.
    [ValidateRange(1, 100000)] [int] $RetireCount = 200,
    # Deployments listed in scenario 2.
    [ValidateRange(1, 100000)] [int] $ListCount = 1000,
    # Measured runs per contender in scenario 2 (after one warm-up each); the median is reported.
    [ValidateRange(1, 100)] [int] $ListRuns = 3,
    # Measured runs of the newest-deployment read in scenario 2; the median is reported.
    [ValidateRange(1, 100)] [int] $FirstRuns = 21,
    # Deployments in scenario 5 (a third of them already inactive), and the latency the emulator adds meanwhile.
    [ValidateRange(3, 100000)] [int] $StateCount = 600,
    [ValidateRange(0, 10000)] [int] $StateLatencyMs = 20,
    # Scenario 6: writes, the module's budget a minute, and the emulator's limit a minute.
    [ValidateRange(1, 100000)] [int] $BudgetWrites = 300,
    [ValidateRange(1, 100000)] [int] $BudgetPerMinute = 120,
    [ValidateRange(1, 100000)] [int] $EmulatorPerMinute = 130,
    # Fresh processes per side in scenario 3 (after one warm-up each); the median is reported.
    [ValidateRange(1, 100)] [int] $ImportRuns = 7,
    # Calls per round in scenario 5, and rounds (the median is reported).
    [ValidateRange(1, 100000)] [int] $PerCallCount = 300,
    [ValidateRange(1, 100)] [int] $PerCallRounds = 5,
    # Deployments listed in scenario 6.
    [ValidateRange(1, 1000000)] [int] $MemoryCount = 10000,
    # Where every figure goes as JSON.
    [string] $JsonPath = (Join-Path $PSScriptRoot '../out/bench.json')
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$ProgressPreference = 'SilentlyContinue'
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked explicitly

Import-Module (Join-Path $PSScriptRoot '../tests/Pester/EmulatorHarness.psm1') -Force

function Copy-BuiltModule {
    # Others may build while the bench runs, and a build replaces out/DeploymentStatus (Octokit.dll loads only on
    # first use, so a module imported from out/ can lose it mid-run). The bench works on its own copy, taken once.
    $source = Split-Path -Parent (Get-DsModulePath)
    $copyRoot = Join-Path ([System.IO.Path]::GetTempPath()) "DeploymentStatus.bench-$PID"
    $manifest = Join-Path $copyRoot 'DeploymentStatus/DeploymentStatus.psd1'
    for ($try = 1; ; $try++) {
        try {
            if (Test-Path -LiteralPath $copyRoot) { Remove-Item -LiteralPath $copyRoot -Recurse -Force }
            $null = New-Item -ItemType Directory -Path $copyRoot
            Copy-Item -LiteralPath $source -Destination $copyRoot -Recurse
            foreach ($file in 'DeploymentStatus.psd1', 'DeploymentStatus.dll', 'Octokit.dll') {
                if (-not (Test-Path -LiteralPath (Join-Path $copyRoot "DeploymentStatus/$file"))) { throw "$file is missing." }
            }
            return [pscustomobject]@{ Root = $copyRoot; Manifest = $manifest }
        }
        catch {
            # Another build is between removing the old module and moving the new one in: wait for it.
            if ($try -ge 30) { throw "The built module '$source' could not be copied: $($_.Exception.Message) Run 'dotnet pwsh ./build.ps1 Bench'." }
            Start-Sleep -Seconds 2
        }
    }
}
$moduleCopy = Copy-BuiltModule
$modulePath = $moduleCopy.Manifest
Import-Module $modulePath -Force

$Owner = 'octo-org'
$Repo = 'hello-world'
$inv = [cultureinfo]::InvariantCulture
$benchWatch = [System.Diagnostics.Stopwatch]::StartNew()
$rows = [System.Collections.Generic.List[object]]::new()
$checks = [System.Collections.Generic.List[object]]::new()

function Say([string] $Text = '') { Write-Host $Text }

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $n = $sorted.Count
    if ($n % 2) { $sorted[($n - 1) / 2] } else { ($sorted[$n / 2 - 1] + $sorted[$n / 2]) / 2 }
}

function Add-Check([string] $Name, [bool] $Ok, [string] $Detail) {
    $checks.Add([pscustomobject]@{ Name = $Name; Ok = $Ok; Detail = $Detail })
    Say ("   check {0}: {1}{2}" -f $Name, $(if ($Ok) { 'ok' } else { 'FAILED' }), $(if ($Detail) { " ($Detail)" } else { '' }))
}

function Add-Row {
    # One line of the final table. Ratio = module / baseline from the raw numbers; Target 'max' gates the ratio.
    param([string] $Scenario, [string] $Metric, [double] $Module, [double] $Baseline, [string] $Format, [Nullable[double]] $MaxRatio)
    $ratio = if ($Baseline -ne 0) { $Module / $Baseline } else { [double]::NaN }
    $verdict = if ($null -eq $MaxRatio) { 'reported' } elseif ($ratio -le $MaxRatio) { 'met' } else { 'MISSED' }
    $rows.Add([pscustomobject]@{
            Scenario = $Scenario; Metric = $Metric
            Module = [string]::Format($inv, $Format, $Module); Baseline = [string]::Format($inv, $Format, $Baseline)
            Ratio = $ratio
            Target = if ($null -eq $MaxRatio) { '-' } else { [string]::Format($inv, '<= {0:N2}', $MaxRatio) }
            Verdict = $verdict
        })
}

function Add-Target {
    # One line of the final table for a figure with an absolute target (Module is the figure; no baseline ratio).
    param([string] $Scenario, [string] $Metric, [double] $Value, [string] $Format, [double] $Max, [string] $Baseline = '-')
    $rows.Add([pscustomobject]@{
            Scenario = $Scenario; Metric = $Metric
            Module = [string]::Format($inv, $Format, $Value); Baseline = $Baseline
            Ratio = [double]::NaN
            Target = [string]::Format($inv, '<= ' + $Format, $Max)
            Verdict = if ($Value -le $Max) { 'met' } else { 'MISSED' }
        })
}

function Get-RequestSummary {
    # What reached the emulator since the last Clear-GhEmulatorRequest.
    $all = @(Get-GhEmulatorRequest)
    $byMethod = ($all | Group-Object method | Sort-Object Name | ForEach-Object { "$($_.Count) $($_.Name)" }) -join ', '
    [pscustomobject]@{
        Count    = $all.Count
        ByMethod = $byMethod
        Failed   = @($all | Where-Object { $_.status -ge 400 -or $_.status -eq 0 }).Count
    }
}

function Measure-Ms([scriptblock] $Body) {
    [GC]::Collect()
    $w = [System.Diagnostics.Stopwatch]::StartNew()
    $null = & $Body
    $w.Stop()
    $w.Elapsed.TotalMilliseconds
}

function Invoke-Pwsh {
    # A fresh `dotnet pwsh` (the repository's local tool); returns its output lines, throws on a non-zero exit.
    param([Parameter(Mandatory)] [string[]] $Arguments)
    $lines = @(& dotnet pwsh -NoProfile -NonInteractive @Arguments 2>&1 | ForEach-Object { "$_" })
    if ($LASTEXITCODE -ne 0) { throw "dotnet pwsh $($Arguments[0..1] -join ' ') exited with $LASTEXITCODE`n$($lines -join "`n")" }
    $lines
}

function Connect-Bench([string] $Token, [uri] $ApiUri) {
    Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) `
        -Owner $Owner -Repository $Repo -Policy @{ WriteIntervalSeconds = 0; WritesPerMinute = 0; WritesPerHour = 0 }
}

$exitCode = 0
# `dotnet pwsh` resolves the local tool from the repository's manifest: run the child processes from the root.
Push-Location -LiteralPath (Get-DsRepoRoot)
$emulator = Start-GhEmulator -LatencyMs $LatencyMs
try {
    $api = $emulator.ApiUri
    $headers = $null   # the baseline's, set per token
    Say ("Bench: PowerShell {0}, {1}, {2} cores; emulator at {3} adding {4} ms to every API answer." -f
        $PSVersionTable.PSVersion, [System.Runtime.InteropServices.RuntimeInformation]::OSDescription, [Environment]::ProcessorCount, $api, $LatencyMs)
    Say ("Module = DeploymentStatus {0}, a copy of out/DeploymentStatus taken at the start (builds may run meanwhile)." -f (Get-Module DeploymentStatus).Version)
    Say 'Baseline = plain Invoke-RestMethod scripts written the obvious way (GitHub''s default 30 per page).'
    Say 'Targets: every correctness check passes; module time / baseline time <= 1.00 in 1 (retire) and 2 (full list);'
    Say '         2 (newest one with its state, two requests each side): no more requests, time ratio <= 1.10 (parity within run-to-run noise);'
    Say "         3: Import-Module adds <= 75 ms to a bare pwsh start; 5: time / floor <= 1.20; 6: no write refused, time / floor <= 1.10;"
    Say "         7: $PerCallCount calls <= 1.5 x a plain HttpClient loop (0 ms latency); 8: listing $MemoryCount deployments with their State, streamed, grows the peak working set <= 25 MB."
    Say "GitHub's 1 s spacing of writes and its write budget (WriteIntervalSeconds, WritesPerMinute, WritesPerHour) are a policy, off on both sides for a fair compare."

    # Warm the emulator's routes (Kestrel and its JIT) so that whichever contender goes first pays nothing extra.
    $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
    $null = Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count 2 -Environment warmup -States success
    $warm = @{ Authorization = "token $token"; Accept = 'application/vnd.github+json' }
    $list = Invoke-RestMethod "${api}repos/$Owner/$Repo/deployments?environment=warmup" -Headers $warm
    $null = Invoke-RestMethod $list[0].statuses_url -Headers $warm
    $null = Invoke-RestMethod $list[0].statuses_url -Method Post -Headers $warm -ContentType 'application/json' -Body '{"state":"inactive"}'

    # ---- 1. Bulk retire (each contender in its own fresh process) -------------------------------------------
    Say ''
    Say "== 1. Bulk retire: $RetireCount success deployments of 'staging', each contender in a fresh pwsh"
    $retire = @{}
    foreach ($contender in 'Baseline', 'Module') {
        $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
        $seeded = @(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count $RetireCount -Environment staging -States success)
        Clear-GhEmulatorRequest
        $env:DS_BENCH_TOKEN = $token
        try {
            $wall = [System.Diagnostics.Stopwatch]::StartNew()
            $lines = Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'RetireContender.ps1'),
                '-Contender', $contender, '-ApiUri', $api.AbsoluteUri, '-Owner', $Owner, '-Repository', $Repo,
                '-Environment', 'staging', '-ModulePath', $modulePath)
            $wall.Stop()
        }
        finally { Remove-Item Env:DS_BENCH_TOKEN -ErrorAction SilentlyContinue }
        $line = $lines | Where-Object { $_ -like 'BENCH_RESULT *' } | Select-Object -Last 1
        if (-not $line) { throw "bench/RetireContender.ps1 ($contender) gave no BENCH_RESULT line:`n$($lines -join "`n")" }
        $result = $line.Substring('BENCH_RESULT '.Length) | ConvertFrom-Json
        $requests = Get-RequestSummary
        $retire[$contender] = [pscustomobject]@{ Result = $result; Requests = $requests }
        Say ("   {0,-8} {1,7:N2} s ({2:N1} s with pwsh start), {3} requests ({4}); {5}" -f
            $contender, $result.seconds, $wall.Elapsed.TotalSeconds, $requests.Count, $requests.ByMethod, $result.summary)

        # Correctness first: every seeded deployment ends inactive, with exactly one inactive status, no failure.
        $state = Get-GhEmulatorState -Owner $Owner -Repo $Repo
        $deployments = @($state.deployments | Where-Object { $_.environment -eq 'staging' })
        $notInactive = @($deployments | Where-Object { @($_.statuses).Count -eq 0 -or @($_.statuses)[0].state -ne 'inactive' }).Count
        $doubled = @($deployments | Where-Object { @(@($_.statuses) | Where-Object state -eq 'inactive').Count -ne 1 }).Count
        $ok = $deployments.Count -eq $seeded.Count -and $notInactive -eq 0 -and $doubled -eq 0 -and $requests.Failed -eq 0
        Add-Check "1 $contender retired all" $ok ("{0} deployments, {1} not inactive, {2} without exactly one inactive status, {3} failed requests" -f
            $deployments.Count, $notInactive, $doubled, $requests.Failed)
    }
    $m = $retire.Module; $b = $retire.Baseline
    $s1 = "1 Retire $RetireCount"
    Add-Row $s1 'time (s)' $m.Result.seconds $b.Result.seconds '{0:N2}' 1.0
    Add-Row $s1 'requests' $m.Requests.Count $b.Requests.Count '{0:N0}' $null
    Add-Row '4 Memory (retire)' 'managed alloc (MB)' ($m.Result.allocatedBytes / 1MB) ($b.Result.allocatedBytes / 1MB) '{0:N1}' $null
    Add-Row '4 Memory (retire)' 'peak working set (MB)' ($m.Result.peakWorkingSet / 1MB) ($b.Result.peakWorkingSet / 1MB) '{0:N1}' $null

    # ---- 2. Listing (this process, warmed up, interleaved) ------------------------------------------------------
    Say ''
    Say "== 2. Listing: $ListCount deployments; median of $ListRuns interleaved runs after one warm-up each"
    $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
    $seeded = @(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count $ListCount -Environment production -States success)
    Connect-Bench $token $api
    $headers = @{ Authorization = "token $token"; Accept = 'application/vnd.github+json' }
    $listUri = "${api}repos/$Owner/$Repo/deployments"

    $listModule = { $script:gotModule = @(Get-GhDeployment) }
    $listBaseline = {
        $script:gotBaseline = @(Invoke-RestMethod $listUri -Headers $headers -FollowRelLink -PreserveAuthorizationOnRedirect | ForEach-Object { $_ })
    }
    $firstModule = { $script:firstM = Get-GhDeployment | Select-Object -First 1 }
    # Invoke-RestMethod writes a JSON array as one object, so the obvious newest-one is an index; its state is the
    # module's own query (what Get-GhDeployment returns with every deployment).
    $graphQLUri = [System.Uri]::new($api, '../graphql').AbsoluteUri
    $firstBaseline = {
        $script:firstB = (Invoke-RestMethod $listUri -Headers $headers)[0]
        $query = @{ query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { id state } } }'; variables = @{ ids = @($script:firstB.node_id) } } | ConvertTo-Json -Depth 5 -Compress
        $script:firstBState = (Invoke-RestMethod $graphQLUri -Method Post -Headers $headers -ContentType 'application/json' -Body $query).data.nodes[0].state
    }

    $measured = @{}
    foreach ($case in @(
            @{ Name = 'list'; Runs = $ListRuns; Module = $listModule; Baseline = $listBaseline }
            @{ Name = 'first'; Runs = $FirstRuns; Module = $firstModule; Baseline = $firstBaseline })) {
        $null = Measure-Ms $case.Module
        $null = Measure-Ms $case.Baseline
        $times = @{ Module = [System.Collections.Generic.List[double]]::new(); Baseline = [System.Collections.Generic.List[double]]::new() }
        $counts = @{}
        for ($i = 0; $i -lt $case.Runs; $i++) {
            # Alternate who goes first, so neither always follows the other.
            $order = if ($i % 2) { 'Baseline', 'Module' } else { 'Module', 'Baseline' }
            foreach ($side in $order) {
                Clear-GhEmulatorRequest
                $times[$side].Add((Measure-Ms $case[$side]))
                $counts[$side] = Get-RequestSummary
            }
        }
        $measured[$case.Name] = [pscustomobject]@{
            Module = Get-Median $times.Module; Baseline = Get-Median $times.Baseline; Requests = $counts
        }
        $range = { param($t) '{0:N0}-{1:N0}' -f ($t | Measure-Object -Minimum).Minimum, ($t | Measure-Object -Maximum).Maximum }
        Say ("   {0,-5} module {1,8:N1} ms, {2,3} requests | baseline {3,8:N1} ms, {4,3} requests (median of {5}; ranges: module {6}, baseline {7} ms)" -f
            $case.Name, $measured[$case.Name].Module, $counts.Module.Count, $measured[$case.Name].Baseline, $counts.Baseline.Count,
            $case.Runs, (& $range $times.Module), (& $range $times.Baseline))
    }

    $newestFirst = [long[]]@($seeded | Sort-Object -Descending)
    $idsModule = [long[]]@($gotModule | ForEach-Object { $_.Id })
    $idsBaseline = [long[]]@($gotBaseline | ForEach-Object { [long]$_.id })
    Add-Check '2 list: both read every deployment, newest first' (
        $idsModule.Count -eq $ListCount -and $idsBaseline.Count -eq $ListCount -and
        -not (Compare-Object $idsModule $newestFirst -SyncWindow 0) -and -not (Compare-Object $idsBaseline $newestFirst -SyncWindow 0)) `
        "module $($idsModule.Count), baseline $($idsBaseline.Count) of $ListCount"
    $l = $measured.list
    $expectedModuleRequests = 2 * [Math]::Ceiling($ListCount / 100)
    Add-Check '2 list: module reads 100 per page, with one state query each' ($l.Requests.Module.Count -eq $expectedModuleRequests -and $l.Requests.Module.Failed -eq 0 -and $l.Requests.Baseline.Failed -eq 0) `
        "$($l.Requests.Module.Count) requests, expected $expectedModuleRequests"
    $f = $measured.first
    Add-Check '2 first: both got the newest with its state, two requests each' (
        [long]$firstM.Id -eq $newestFirst[0] -and [long]$firstB.id -eq $newestFirst[0] -and $firstM.State -eq 'active' -and $firstBState -eq 'ACTIVE' -and
        $f.Requests.Module.Count -eq 2 -and $f.Requests.Baseline.Count -eq 2) `
        "module $($firstM.Id) ($($firstM.State)) in $($f.Requests.Module.Count), baseline $($firstB.id) ($firstBState) in $($f.Requests.Baseline.Count), newest $($newestFirst[0])"
    Disconnect-GhAccount

    $s2 = "2 List $ListCount"
    Add-Row $s2 'time (ms)' $l.Module $l.Baseline '{0:N1}' 1.0
    Add-Row $s2 'requests' $l.Requests.Module.Count $l.Requests.Baseline.Count '{0:N0}' $null
    Add-Row '2 Newest (First 1)' 'time (ms)' $f.Module $f.Baseline '{0:N1}' 1.1
    Add-Row '2 Newest (First 1)' 'requests' $f.Requests.Module.Count $f.Requests.Baseline.Count '{0:N0}' 1.0

    # ---- 5. State at scale: reads behind writes, against the floor of the writes alone ---------------------------
    Say ''
    Say "== 5. State at scale: $StateCount deployments, a third inactive, at $StateLatencyMs ms a request; module vs the writes alone"
    Set-GhEmulatorSetting @{ latencyMs = $StateLatencyMs }
    $state5 = @{}
    foreach ($contender in 'Floor', 'Module') {
        $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
        $active = [System.Collections.Generic.List[long]]::new()
        for ($i = 0; $i -lt $StateCount; $i += 3) {
            $active.AddRange([long[]]@(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count 2 -Environment scale -States success))
            $null = Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count 1 -Environment scale -States success, inactive
        }
        $idsFile = Join-Path $moduleCopy.Root 'active-ids.txt'
        Set-Content -LiteralPath $idsFile -Value $active
        Clear-GhEmulatorRequest
        $env:DS_BENCH_TOKEN = $token
        try {
            $lines = Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'RetireContender.ps1'),
                '-Contender', $contender, '-ApiUri', $api.AbsoluteUri, '-Owner', $Owner, '-Repository', $Repo,
                '-Environment', 'scale', '-ModulePath', $modulePath, '-Ids', $idsFile)
        }
        finally { Remove-Item Env:DS_BENCH_TOKEN -ErrorAction SilentlyContinue }
        $line = $lines | Where-Object { $_ -like 'BENCH_RESULT *' } | Select-Object -Last 1
        if (-not $line) { throw "bench/RetireContender.ps1 ($contender) gave no BENCH_RESULT line:`n$($lines -join "`n")" }
        $result = $line.Substring('BENCH_RESULT '.Length) | ConvertFrom-Json
        $all = @(Get-GhEmulatorRequest)
        $writes = @($all | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/statuses' })
        $reads = @($all | Where-Object { $_.method -eq 'GET' -or $_.path -like '*graphql' })
        $state5[$contender] = [pscustomobject]@{ Result = $result; Writes = $writes.Count; Reads = $reads.Count }
        Say ("   {0,-8} {1,7:N2} s, {2} writes, {3} reads; {4}" -f $contender, $result.seconds, $writes.Count, $reads.Count, $result.summary)
        $deployments = @((Get-GhEmulatorState -Owner $Owner -Repo $Repo).deployments)
        $left = @($deployments | Where-Object state -ne 'INACTIVE').Count
        Add-Check "5 $contender retired all, one write each to the active ones" ($left -eq 0 -and $writes.Count -eq $active.Count -and @($writes | Where-Object status -ne 201).Count -eq 0) `
            ("{0} deployments not inactive, {1} writes for {2} active" -f $left, $writes.Count, $active.Count)
    }
    Set-GhEmulatorSetting @{ latencyMs = $LatencyMs }
    $s5 = "5 State $StateCount"
    Add-Row $s5 'time (s) vs floor' $state5.Module.Result.seconds $state5.Floor.Result.seconds '{0:N2}' 1.2
    Add-Check '5 Module reads at most 16' ($state5.Module.Reads -le 16) "$($state5.Module.Reads) reads (list pages and state queries)"

    # ---- 6. Write budget: as fast as GitHub's limits allow, never beyond them ---------------------------------------
    Say ''
    Say "== 6. Write budget: $BudgetWrites writes at a budget of $BudgetPerMinute a minute, the emulator refusing beyond $EmulatorPerMinute a minute"
    $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
    $budgeted = @(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count $BudgetWrites -Environment budget -States success)
    Set-GhEmulatorSetting @{ contentLimits = @{ perMinute = $EmulatorPerMinute; perHour = 0 } }
    Connect-GhAccount -ApiUri $api -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Owner $Owner -Repository $Repo `
        -Policy @{ WriteIntervalSeconds = 0; WritesPerMinute = $BudgetPerMinute; WritesPerHour = 0; MaxRateLimitWaitSeconds = 120 }
    Clear-GhEmulatorRequest
    $watch = [System.Diagnostics.Stopwatch]::StartNew()
    Set-GhDeploymentInactive -Environment budget -Keep 0 -InformationAction Ignore
    $watch.Stop()
    Disconnect-GhAccount
    Set-GhEmulatorSetting @{ contentLimits = @{ perMinute = 0; perHour = 0 } }
    $writes = @(Get-GhEmulatorRequest | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/statuses' })
    $refused = @($writes | Where-Object status -ne 201).Count
    $floor = $BudgetWrites / $BudgetPerMinute * 60
    Say ("   module {0:N1} s for {1} writes, {2} refused; floor (writes / rate) {3:N1} s" -f $watch.Elapsed.TotalSeconds, $writes.Count, $refused, $floor)
    $left = @((Get-GhEmulatorState -Owner $Owner -Repo $Repo).deployments | Where-Object state -ne 'INACTIVE').Count
    Add-Check '6 every write within GitHub''s limit, all retired' ($refused -eq 0 -and $writes.Count -eq $budgeted.Count -and $left -eq 0) `
        ("{0} writes, {1} refused, {2} deployments not inactive" -f $writes.Count, $refused, $left)
    Add-Row "6 Budget $BudgetWrites" 'time (s) vs floor' $watch.Elapsed.TotalSeconds $floor '{0:N1}' 1.1

    # ---- 3. Import time (fresh processes) ----------------------------------------------------------------------
    Say ''
    Say "== 3. Import: median of $ImportRuns fresh 'dotnet pwsh -NoProfile -Command' per side after one warm-up each"
    $report = '[Console]::Out.WriteLine(''IMPORT_MS '' + $w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture))'
    $bare = '$w = [Diagnostics.Stopwatch]::StartNew(); $w.Stop(); ' + $report
    $withImport = '$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module $env:DS_BENCH_MODULE -ErrorAction Stop; $w.Stop(); ' + $report
    $env:DS_BENCH_MODULE = $modulePath
    try {
        $startMs = [System.Collections.Generic.List[double]]::new()
        $withMs = [System.Collections.Generic.List[double]]::new()
        $insideMs = [System.Collections.Generic.List[double]]::new()
        for ($i = -1; $i -lt $ImportRuns; $i++) {
            foreach ($side in $(if ($i % 2) { 'bare', 'import' } else { 'import', 'bare' })) {
                $w = [System.Diagnostics.Stopwatch]::StartNew()
                $lines = Invoke-Pwsh @('-Command', $(if ($side -eq 'bare') { $bare } else { $withImport }))
                $w.Stop()
                if ($i -lt 0) { continue }   # warm-up
                if ($side -eq 'bare') { $startMs.Add($w.Elapsed.TotalMilliseconds); continue }
                $withMs.Add($w.Elapsed.TotalMilliseconds)
                $inside = $lines | Where-Object { $_ -like 'IMPORT_MS *' } | Select-Object -Last 1
                if (-not $inside) { throw "The import process printed no IMPORT_MS line:`n$($lines -join "`n")" }
                $insideMs.Add([double]::Parse($inside.Substring('IMPORT_MS '.Length), $inv))
            }
        }
    }
    finally { Remove-Item Env:DS_BENCH_MODULE -ErrorAction SilentlyContinue }
    $importCost = Get-Median $insideMs
    $added = (Get-Median $withMs) - (Get-Median $startMs)
    Say ("   Import-Module {0:N0} ms (median inside the process; runs {1}); pwsh start {2:N0} ms, start + import {3:N0} ms: adds {4:N0} ms" -f
        $importCost, (($insideMs | ForEach-Object { $_.ToString('N0', $inv) }) -join ' '), (Get-Median $startMs), (Get-Median $withMs), $added)
    Add-Row '3 Import' 'process wall (ms)' (Get-Median $withMs) (Get-Median $startMs) '{0:N0}' $null
    Add-Target '3 Import' 'added to pwsh start (ms)' $added '{0:N0}' 75 ([string]::Format($inv, '{0:N0} in-process', $importCost))

    # What the import's parts cost: the same steps one by one (the psm1's loader, then Import-Module -Assembly, then the
    # format file), and the help that the first Get-Help reads (not at import).
    $parts = @'
$m = [System.IO.Path]::GetDirectoryName($env:DS_BENCH_MODULE)
$loaderPath = [System.IO.Path]::Combine($m, 'DeploymentStatus.Loader.dll')
$formatPath = [System.IO.Path]::Combine($m, 'DeploymentStatus.Format.ps1xml')
$null = Get-Date   # Microsoft.PowerShell.Utility (Update-FormatData's module) loaded before the clock starts
$t = [ordered]@{}
$w = [Diagnostics.Stopwatch]::StartNew()
$loader = [System.Reflection.Assembly]::LoadFrom($loaderPath)
$assembly = $loader.GetType('DeploymentStatus.Loader.ModuleContext').GetMethod('LoadModule').Invoke($null, @($m))
$t.assembly = $w.Elapsed.TotalMilliseconds; $w.Restart()
Import-Module -Assembly $assembly
$t.cmdlets = $w.Elapsed.TotalMilliseconds; $w.Restart()
Update-FormatData -AppendPath $formatPath
$t.formats = $w.Elapsed.TotalMilliseconds; $w.Restart()
$null = Get-Help New-GhDeploymentStatus -Full
$t.help = $w.Elapsed.TotalMilliseconds
[Console]::Out.WriteLine('PARTS ' + ($t | ConvertTo-Json -Compress))
'@
    # PowerShell's own floor: Import-Module of a manifest that loads nothing (its first use in a process costs the same).
    $emptyModule = Join-Path $moduleCopy.Root 'Empty/Empty.psd1'
    $null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $emptyModule)
    "@{ ModuleVersion = '1.0'; GUID = '$([guid]::NewGuid())'; FunctionsToExport = @(); CmdletsToExport = @(); VariablesToExport = @(); AliasesToExport = @() }" |
        Set-Content -LiteralPath $emptyModule
    $env:DS_BENCH_MODULE = $modulePath
    $env:DS_BENCH_EMPTY = $emptyModule
    try {
        $partRuns = foreach ($i in 0..$ImportRuns) {
            $line = Invoke-Pwsh @('-Command', $parts) | Where-Object { $_ -like 'PARTS *' } | Select-Object -Last 1
            $empty = Invoke-Pwsh @('-Command', '$w = [Diagnostics.Stopwatch]::StartNew(); Import-Module $env:DS_BENCH_EMPTY; [Console]::Out.WriteLine(''EMPTY_MS '' + $w.Elapsed.TotalMilliseconds.ToString([cultureinfo]::InvariantCulture))') |
                Where-Object { $_ -like 'EMPTY_MS *' } | Select-Object -Last 1
            if ($i -gt 0 -and $line -and $empty) {   # the first is a warm-up
                $part = $line.Substring('PARTS '.Length) | ConvertFrom-Json
                $part | Add-Member empty ([double]::Parse($empty.Substring('EMPTY_MS '.Length), $inv))
                $part
            }
        }
    }
    finally { Remove-Item Env:DS_BENCH_MODULE, Env:DS_BENCH_EMPTY -ErrorAction SilentlyContinue }
    $importParts = [ordered]@{}
    foreach ($name in 'empty', 'assembly', 'cmdlets', 'formats', 'help') { $importParts[$name] = Get-Median @($partRuns | ForEach-Object { $_.$name }) }
    Say ("   parts (median): PowerShell's floor, Import-Module of an empty manifest {0:N1} ms; loader + module assembly {1:N1} ms, cmdlets (Import-Module -Assembly) {2:N1} ms, format file {3:N1} ms; deferred to the first Get-Help: help {4:N0} ms" -f
        $importParts.empty, $importParts.assembly, $importParts.cmdlets, $importParts.formats, $importParts.help)
    Add-Row '3 Import' 'in-process (ms)' $importCost $importParts.empty '{0:N0}' $null

    # ---- 7. Per call (this process, 0 ms latency) ----------------------------------------------------------------------
    Say ''
    Say "== 7. Per call: $PerCallCount sequential New-GhDeploymentStatus vs the same POSTs from a plain HttpClient loop, 0 ms latency; median of $PerCallRounds rounds"
    $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo   # a reset: latency back to -LatencyMs
    Set-GhEmulatorSetting @{ latencyMs = 0 }
    $target = @(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count 1 -Environment staging -States success)[0]
    Connect-Bench $token $api
    $client = [System.Net.Http.HttpClient]::new()
    try {
        $client.DefaultRequestHeaders.Authorization = [System.Net.Http.Headers.AuthenticationHeaderValue]::new('token', $token)
        $client.DefaultRequestHeaders.Accept.ParseAdd('application/vnd.github+json')
        $client.DefaultRequestHeaders.UserAgent.ParseAdd('bench/1.0')
        $statusesUri = "${api}repos/$Owner/$Repo/deployments/$target/statuses"
        $viaModule = { param($n) for ($i = 0; $i -lt $n; $i++) { $null = New-GhDeploymentStatus -DeploymentId $target -State success } }
        $viaHttp = { param($n) for ($i = 0; $i -lt $n; $i++) {
                $content = [System.Net.Http.StringContent]::new('{"state":"success"}', [System.Text.Encoding]::UTF8, 'application/json')
                $response = $client.PostAsync($statusesUri, $content).GetAwaiter().GetResult()
                $null = $response.EnsureSuccessStatusCode().Content.ReadAsStringAsync().GetAwaiter().GetResult()
                $response.Dispose()
            } }
        $null = & $viaModule 30; $null = & $viaHttp 30   # warm-up
        $self = [System.Diagnostics.Process]::GetCurrentProcess()
        $perCall = @{ Module = [System.Collections.Generic.List[double]]::new(); Baseline = [System.Collections.Generic.List[double]]::new() }
        $perCpu = @{ Module = [System.Collections.Generic.List[double]]::new(); Baseline = [System.Collections.Generic.List[double]]::new() }
        Clear-GhEmulatorRequest
        for ($i = 0; $i -lt $PerCallRounds; $i++) {
            foreach ($side in $(if ($i % 2) { 'Baseline', 'Module' } else { 'Module', 'Baseline' })) {
                [GC]::Collect()
                $self.Refresh(); $cpu = $self.TotalProcessorTime
                $w = [System.Diagnostics.Stopwatch]::StartNew()
                $null = & $(if ($side -eq 'Module') { $viaModule } else { $viaHttp }) $PerCallCount
                $w.Stop(); $self.Refresh()
                $perCall[$side].Add($w.Elapsed.TotalMilliseconds)
                $perCpu[$side].Add(($self.TotalProcessorTime - $cpu).TotalMilliseconds / $PerCallCount)
            }
        }
    }
    finally { $client.Dispose(); Disconnect-GhAccount }
    $sent = Get-RequestSummary
    $expected = 2 * $PerCallRounds * $PerCallCount
    Add-Check '7 per call: every POST answered 201, none else sent' ($sent.Count -eq $expected -and $sent.Failed -eq 0) "$($sent.Count) requests ($($sent.ByMethod)), expected $expected POST"
    $pm = Get-Median $perCall.Module; $pb = Get-Median $perCall.Baseline
    Say ("   module {0:N0} ms ({1:N3} ms a call, CPU {2:N3} ms) | plain loop {3:N0} ms ({4:N3} ms a call, CPU {5:N3} ms) | overhead {6:N3} ms a call; rounds: module {7}, plain {8}" -f
        $pm, ($pm / $PerCallCount), (Get-Median $perCpu.Module), $pb, ($pb / $PerCallCount), (Get-Median $perCpu.Baseline), (($pm - $pb) / $PerCallCount),
        (($perCall.Module | ForEach-Object { $_.ToString('N0', $inv) }) -join ' '), (($perCall.Baseline | ForEach-Object { $_.ToString('N0', $inv) }) -join ' '))
    Add-Row "7 Per call x$PerCallCount" 'time (ms)' $pm $pb '{0:N0}' 1.5
    Add-Row "7 Per call x$PerCallCount" 'client CPU a call (ms)' (Get-Median $perCpu.Module) (Get-Median $perCpu.Baseline) '{0:N3}' $null
    Set-GhEmulatorSetting @{ latencyMs = $LatencyMs }

    # ---- 8. Listing memory (a fresh process) ----------------------------------------------------------------------------
    Say ''
    Say "== 8. Memory: $MemoryCount deployments listed with their State in a fresh pwsh (0 ms latency), streamed and kept"
    $token = Initialize-GhEmulatorRepo -Owner $Owner -Name $Repo
    Set-GhEmulatorSetting @{ latencyMs = 0 }
    $null = Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Count $MemoryCount -Environment production -States success
    $env:DS_BENCH_TOKEN = $token
    try {
        $lines = Invoke-Pwsh @('-File', (Join-Path $PSScriptRoot 'ListMemory.ps1'), '-ApiUri', $api.AbsoluteUri, '-Owner', $Owner, '-Repository', $Repo, '-ModulePath', $modulePath)
    }
    finally { Remove-Item Env:DS_BENCH_TOKEN -ErrorAction SilentlyContinue; Set-GhEmulatorSetting @{ latencyMs = $LatencyMs } }
    $line = $lines | Where-Object { $_ -like 'BENCH_RESULT *' } | Select-Object -Last 1
    if (-not $line) { throw "bench/ListMemory.ps1 gave no BENCH_RESULT line:`n$($lines -join "`n")" }
    $memory = $line.Substring('BENCH_RESULT '.Length) | ConvertFrom-Json
    Add-Check '8 memory: every deployment listed with its State, streamed and kept' (
        $memory.streamed -eq $MemoryCount -and $memory.withState -eq $MemoryCount -and $memory.kept -eq $MemoryCount) `
        "streamed $($memory.streamed) ($($memory.withState) with a State), kept $($memory.kept) of $MemoryCount"
    Say ("   streamed in {0:N1} s: peak working set +{1:N1} MB, managed heap left +{2:N1} MB; kept: managed heap +{3:N1} MB ({4:N0} bytes a deployment)" -f
        $memory.streamSeconds, ($memory.streamPeakGrowthBytes / 1MB), ($memory.streamManagedBytes / 1MB), ($memory.keptManagedBytes / 1MB), ($memory.keptManagedBytes / $MemoryCount))
    Add-Target "8 List $MemoryCount" 'streamed: peak WS + (MB)' ($memory.streamPeakGrowthBytes / 1MB) '{0:N1}' 25
    Add-Row "8 List $MemoryCount" 'kept: managed + (MB)' ($memory.keptManagedBytes / 1MB) 0 '{0:N1}' $null
}
catch {
    $exitCode = 1
    Write-Host "Bench FAILED: $($_.Exception.Message)"
    Write-Host $_.ScriptStackTrace
}
finally {
    Stop-GhEmulator $emulator
    Pop-Location
    Remove-Item -LiteralPath $moduleCopy.Root -Recurse -Force -ErrorAction SilentlyContinue   # in use on Windows: left to the temp folder
}

# ---- Table -----------------------------------------------------------------------------------------------------
if ($rows.Count) {
    Say ''
    Say ("Results at {0} ms latency (ratio = module / baseline; below 1 the module is faster or smaller):" -f $LatencyMs)
    $fmt = '{0,-20} {1,-22} {2,12} {3,12} {4,8} {5,8} {6,-8}'
    Say ($fmt -f 'Scenario', 'Metric', 'Module', 'Baseline', 'Ratio', 'Target', 'Result')
    Say ($fmt -f ('-' * 20), ('-' * 22), ('-' * 12), ('-' * 12), ('-' * 8), ('-' * 8), ('-' * 8))
    foreach ($r in $rows) {
        Say ($fmt -f $r.Scenario, $r.Metric, $r.Module, $r.Baseline, $(if ([double]::IsNaN($r.Ratio) -or [double]::IsInfinity($r.Ratio)) { '-' } else { $r.Ratio.ToString('N2', $inv) }), $r.Target, $r.Verdict)
    }
    if ($rows | Where-Object Scenario -eq '3 Import') {
        Say ("   3 Import: process wall: module = pwsh start + Import-Module, baseline = pwsh start; in-process: module = Import-Module of the module ({0:N0} ms), baseline = of an empty manifest." -f $importCost)
    }
    Say '   1 and 4: module = Set-GhDeploymentInactive -Keep 0; baseline = Invoke-RestMethod loop; peak working set is the whole pwsh process.'
    Say '   5: module = Set-GhDeploymentInactive -Keep 0; baseline = the floor: the same writes alone, one after another on one connection.'
    Say '   6: module = Set-GhDeploymentInactive -Keep 0 with WritesPerMinute at the budget, no other pacing; baseline = the floor: writes / budget rate.'
}
# Every figure beside its target, for machines.
$json = [ordered]@{
    when      = [DateTime]::UtcNow.ToString('o')
    latencyMs = $LatencyMs
    machine   = [ordered]@{ os = [System.Runtime.InteropServices.RuntimeInformation]::OSDescription; cores = [Environment]::ProcessorCount; powershell = "$($PSVersionTable.PSVersion)" }
    results   = @($rows | ForEach-Object { [ordered]@{ scenario = $_.Scenario; metric = $_.Metric; module = $_.Module; baseline = $_.Baseline; ratio = $(if ([double]::IsNaN($_.Ratio) -or [double]::IsInfinity($_.Ratio)) { $null } else { [Math]::Round($_.Ratio, 3) }); target = $_.Target; verdict = $_.Verdict } })
    importParts = $(if (Get-Variable importParts -ErrorAction Ignore) { $importParts } else { $null })
    checks    = @($checks | ForEach-Object { [ordered]@{ name = $_.Name; ok = $_.Ok; detail = $_.Detail } })
}
$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $JsonPath)
$json | ConvertTo-Json -Depth 6 | Set-Content -LiteralPath $JsonPath -Encoding utf8
Say "   every figure: $([System.IO.Path]::GetFullPath($JsonPath))"

$failedChecks = @($checks | Where-Object { -not $_.Ok })
$missed = @($rows | Where-Object Verdict -eq 'MISSED')
Say ''
Say ("Correctness: {0} of {1} checks passed. Targets: {2} of {3} met. Bench time {4:N0} s." -f
    ($checks.Count - $failedChecks.Count), $checks.Count, (@($rows | Where-Object Verdict -eq 'met').Count), (@($rows | Where-Object Verdict -ne 'reported').Count), $benchWatch.Elapsed.TotalSeconds)
foreach ($c in $failedChecks) { Say "FAILED check: $($c.Name) ($($c.Detail))" }
foreach ($r in $missed) { Say ("MISSED target: {0} {1}: ratio {2:N2}, target {3}" -f $r.Scenario, $r.Metric, $r.Ratio, $r.Target) }
if ($failedChecks.Count -or $missed.Count) { $exitCode = 1 }
exit $exitCode
