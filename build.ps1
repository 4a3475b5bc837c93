#Requires -Version 7.0
<#
.SYNOPSIS
    Builds, stages, tests and demonstrates the DeploymentStatus module.
.DESCRIPTION
    Build  compiles src/DeploymentStatus (and its PowerShell 7 loader, src/DeploymentStatus.Loader) and the GitHub
           emulator, and stages the module in out/DeploymentStatus: the DLLs from bin, DeploymentStatus.psm1, the
           manifest with ModuleVersion taken from Directory.Build.props, the *.ps1xml files, the about topic, LICENSE
           and MAML help generated from module/help (build/New-MamlHelp.ps1).
           The module is assembled in out/.staging-<pid> and moved into place only when complete.
    Package Build, then the packages in out/: DeploymentStatus.<version>.nupkg, the module as the PowerShell Gallery
           takes it (PSResourceGet's Compress-PSResource: manifest, DLLs, formats, help, LICENSE), and
           DeploymentStatus.GitHubEmulator.<version>.nupkg, the emulator as a dotnet tool (the binary the tests run).
    Test   Build and Package, then a compile of the module's sources against .NET Framework 4.6.2's reference
           assemblies (tests/Net462Build: Windows PowerShell 5.1) and, where Mono is installed, that build's key
           parsing, JWT and TLS rule run under Mono (tests/MonoCheck; else a line says it did not run), then every xunit project under tests/ (trx results in out/TestResults) and the Pester tests
           in a fresh `dotnet pwsh -NoProfile` (tests/Pester/Invoke-PesterRun.ps1). The last line of output is
           `N passed, M failed` over all suites; the exit code is 1 when anything failed.
    Demo   Build, then runs demo/Demo.ps1 in a fresh `dotnet pwsh -NoProfile`, at this terminal's width.
    Play   Build, then leaves you at a fresh `dotnet pwsh -NoProfile` prompt with the module imported and connected to the
           GitHub API emulator, which holds a seeded repository (demo/Play.ps1). `exit` stops the emulator too.
    Bench  Build, then runs bench/Bench.ps1 in a fresh `dotnet pwsh -NoProfile`.
    Clean  Removes out/ and every bin/ and obj/ under src/ and tests/.

    `dotnet tool restore` (PowerShell as a local tool) is the caller's job:
        dotnet tool restore && dotnet pwsh ./build.ps1 Test
.EXAMPLE
    dotnet pwsh ./build.ps1
.EXAMPLE
    dotnet pwsh ./build.ps1 Test -Configuration Debug
#>
[CmdletBinding()]
param(
    [Parameter(Position = 0)]
    [ValidateSet('Build', 'Package', 'Test', 'Demo', 'Play', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$PSNativeCommandUseErrorActionPreference = $false   # exit codes are checked explicitly
$ProgressPreference = 'SilentlyContinue'
# Plain text in logs: no ANSI colour codes when the output goes to a file or a pipe.
if ([Console]::IsOutputRedirected) { $PSStyle.OutputRendering = 'PlainText' }

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'DeploymentStatus'
$TestResults = Join-Path $Out 'TestResults'
$ModuleName = 'DeploymentStatus'

$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
# Child processes (Pester tests, demo, bench) find the emulator and module of this configuration.
$env:DS_CONFIGURATION = $Configuration

$script:Timings = [System.Collections.Generic.List[object]]::new()

function Write-Line([string] $Text) {
    # A plain line on stdout, in order with native output, whatever the host.
    [Console]::Out.Flush()
    [Console]::WriteLine($Text)
    [Console]::Out.Flush()
}

function Invoke-Step {
    # Runs one timed step; its duration is recorded even when it fails, then the failure goes on up.
    # The step's script block sees this function's variables (dynamic scope), hence the unlikely names.
    param([Parameter(Mandatory)] [string] $StepTitle, [Parameter(Mandatory)] [scriptblock] $StepBody)
    Write-Line "==> $StepTitle"
    $stepWatch = [System.Diagnostics.Stopwatch]::StartNew()
    $stepOk = $false
    try {
        & $StepBody | Out-Host
        $stepOk = $true
    }
    finally {
        $stepWatch.Stop()
        $script:Timings.Add([pscustomobject]@{ Step = $StepTitle; Seconds = $stepWatch.Elapsed.TotalSeconds; Ok = $stepOk })
        Write-Line ("<== {0} {1} in {2:N1} s" -f $StepTitle, $(if ($stepOk) { 'done' } else { 'FAILED' }), $stepWatch.Elapsed.TotalSeconds)
    }
}

function Invoke-Dotnet {
    # dotnet with the given arguments; its output goes to the host, never into a function's result.
    param([Parameter(Mandatory)] [string[]] $Arguments, [switch] $NoThrow)
    Write-Line ("    dotnet " + ($Arguments -join ' '))
    & dotnet @Arguments | Out-Host
    $code = $LASTEXITCODE
    if ($code -ne 0 -and -not $NoThrow) {
        throw "'dotnet $($Arguments -join ' ')' failed with exit code $code."
    }
    $code
}

function Write-Timings {
    if ($script:Timings.Count -eq 0) { return }
    Write-Line ''
    Write-Line 'Step durations:'
    foreach ($t in $script:Timings) {
        Write-Line ("  {0,7:N1} s  {1}{2}" -f $t.Seconds, $t.Step, $(if ($t.Ok) { '' } else { '  (failed)' }))
    }
    $total = ($script:Timings | Measure-Object -Property Seconds -Sum).Sum
    Write-Line ("  {0,7:N1} s  total" -f $total)
}

function Get-BuildProperty([string] $Name) {
    $props = Join-Path $Root 'Directory.Build.props'
    [xml] $xml = Get-Content -LiteralPath $props -Raw
    $node = $xml.SelectNodes("//$Name") | Where-Object { $_.InnerText.Trim() } | Select-Object -First 1
    if (-not $node) { throw "No <$Name> in $props." }
    $node.InnerText.Trim()
}

function Get-ModuleVersion {
    $props = Join-Path $Root 'Directory.Build.props'
    $text = Get-BuildProperty 'ModuleVersion'
    $version = $null
    if (-not [version]::TryParse($text, [ref] $version)) {
        throw "<ModuleVersion> '$text' in $props is not a version a module manifest accepts (e.g. 1.2.3)."
    }
    $text
}

function Get-ReleaseNote([string] $Version) {
    # This version's section of CHANGELOG.md ("## <version>" up to the next "## ").
    $changelog = Get-Content -LiteralPath (Join-Path $Root 'CHANGELOG.md') -Raw
    $match = [regex]::Match($changelog, "(?ms)^## $([regex]::Escape($Version))\s*\r?\n(.*?)(?=^## |\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no '## $Version' section: write this version's release notes there." }
    $match.Groups[1].Value.Trim()
}

function Remove-PathIfPresent([string] $Path) {
    if (Test-Path -LiteralPath $Path) {
        Remove-Item -LiteralPath $Path -Recurse -Force
    }
}

function Invoke-Build {
    # No half module: the old one goes first, the new one is assembled beside it and moved in when complete.
    # The staging folder is this run's own, so two builds at once cannot write into each other's files.
    Remove-PathIfPresent $ModuleOut
    $stagingRoot = Join-Path $Out ".staging-$PID"
    $staging = Join-Path $stagingRoot $ModuleName
    Remove-PathIfPresent $stagingRoot

    try {
        Invoke-Step "Build src/$ModuleName ($Configuration)" {
            $null = Invoke-Dotnet @('build', (Join-Path $Root "src/$ModuleName"), '-c', $Configuration, '--nologo')
            $null = Invoke-Dotnet @('build', (Join-Path $Root "src/$ModuleName.Loader"), '-c', $Configuration, '--nologo')
        }

        Invoke-Step "Build tests/GitHubEmulator ($Configuration)" {
            $emulatorDir = Join-Path $Root 'tests/GitHubEmulator'
            if (-not (Get-ChildItem -LiteralPath $emulatorDir -Filter '*.csproj' -ErrorAction SilentlyContinue)) {
                throw "tests/GitHubEmulator has no project yet; the tests, demo and benchmark need the emulator."
            }
            $null = Invoke-Dotnet @('build', $emulatorDir, '-c', $Configuration, '--nologo')
        }

        Invoke-Step 'Stage module' {
            $version = Get-ModuleVersion
            $bin = Get-ChildItem -Directory -Path (Join-Path $Root "src/$ModuleName/bin/$Configuration") -ErrorAction SilentlyContinue |
                Where-Object { Test-Path -LiteralPath (Join-Path $_.FullName "$ModuleName.dll") } |
                Sort-Object @{ Expression = { $_.Name -ne 'netstandard2.0' }; Ascending = $true }, @{ Expression = 'LastWriteTime'; Descending = $true } |
                Select-Object -First 1
            if (-not $bin) { throw "No $ModuleName.dll under src/$ModuleName/bin/$Configuration/<tfm>/." }

            $null = New-Item -ItemType Directory -Force -Path (Join-Path $staging 'en-US')

            # Runtime DLLs (and our own pdb for line numbers in stack traces); PowerShell's own assemblies stay out.
            $dlls = Get-ChildItem -LiteralPath $bin.FullName -Filter '*.dll' -File |
                Where-Object { $_.Name -notlike 'System.Management.Automation*' -and $_.Name -notlike 'Microsoft.PowerShell.*' -and $_.Name -notlike 'Microsoft.Management.Infrastructure*' }
            foreach ($required in "$ModuleName.dll", 'Octokit.dll') {
                if (-not ($dlls | Where-Object Name -eq $required)) { throw "$required is missing from $($bin.FullName)." }
            }
            $dlls | Copy-Item -Destination $staging
            # PowerShell 7's loader (the module's own AssemblyLoadContext, module/DeploymentStatus.psm1).
            $loader = Join-Path $Root "src/$ModuleName.Loader/bin/$Configuration/net8.0/$ModuleName.Loader.dll"
            if (-not (Test-Path -LiteralPath $loader)) { throw "$loader is missing." }
            Copy-Item -LiteralPath $loader -Destination $staging
            $pdb = Join-Path $bin.FullName "$ModuleName.pdb"
            if (Test-Path -LiteralPath $pdb) { Copy-Item -LiteralPath $pdb -Destination $staging }

            # Manifest with the version, the project's address and this version's release notes filled in.
            $manifestSource = Join-Path $Root "module/$ModuleName.psd1"
            if (-not (Test-Path -LiteralPath $manifestSource)) { throw "module/$ModuleName.psd1 does not exist." }
            $manifest = Get-Content -LiteralPath $manifestSource -Raw
            $fill = @{ ModuleVersion = $version; ProjectUri = Get-BuildProperty 'PackageProjectUrl'; ReleaseNotes = Get-ReleaseNote $version }
            foreach ($key in $fill.Keys) {
                $pattern = "(?m)^(\s*$key\s*=\s*)(['`"])[^'`"\r\n]*\2"
                $found = [regex]::Matches($manifest, $pattern).Count
                if ($found -ne 1) { throw "module/$ModuleName.psd1 must have exactly one $key = '...' line (found $found)." }
                $quoted = "'" + $fill[$key].Replace("'", "''") + "'"
                $manifest = [regex]::Replace($manifest, $pattern, { param($m) $m.Groups[1].Value + $quoted })
            }
            [System.IO.File]::WriteAllText((Join-Path $staging "$ModuleName.psd1"), $manifest, [System.Text.UTF8Encoding]::new($false))
            Copy-Item -LiteralPath (Join-Path $Root "module/$ModuleName.psm1") -Destination $staging

            # The licence the manifest names travels with the module.
            $license = Join-Path $Root 'LICENSE'
            if (-not (Test-Path -LiteralPath $license)) { throw 'LICENSE is missing.' }
            Copy-Item -LiteralPath $license -Destination $staging

            # Formatting/type data and about topics.
            Get-ChildItem -LiteralPath (Join-Path $Root 'module') -Filter '*.ps1xml' -File | Copy-Item -Destination $staging
            $about = Get-ChildItem -LiteralPath (Join-Path $Root 'module/en-US') -Filter 'about_*.help.txt' -File -ErrorAction SilentlyContinue
            if (-not ($about | Where-Object Name -eq "about_$ModuleName.help.txt")) { throw "module/en-US/about_$ModuleName.help.txt is missing." }
            $about | Copy-Item -Destination (Join-Path $staging 'en-US')

            Write-Line ("    staged {0} {1} from {2}: {3}" -f $ModuleName, $version, [System.IO.Path]::GetRelativePath($Root, $bin.FullName), (($dlls.Name) -join ', '))
        }

        Invoke-Step 'Generate MAML help' {
            # A fresh process imports the staged module, so this build never holds its DLLs.
            $generator = Join-Path $Root 'build/New-MamlHelp.ps1'
            & dotnet pwsh -NoProfile -NonInteractive -File $generator `
                -ModulePath (Join-Path $staging "$ModuleName.psd1") `
                -SourcePath (Join-Path $Root 'module/help') `
                -OutputPath (Join-Path $staging "en-US/$ModuleName.dll-Help.xml") | Out-Host
            if ($LASTEXITCODE -ne 0) { throw "Help generation failed (exit code $LASTEXITCODE)." }
        }

        Remove-PathIfPresent $ModuleOut   # another build may have put one there meanwhile
        [System.IO.Directory]::Move($staging, $ModuleOut)
    }
    finally {
        Remove-PathIfPresent $stagingRoot
    }
    Write-Line "    module ready: $([System.IO.Path]::GetRelativePath($Root, $ModuleOut))"
}

function Invoke-Package {
    Invoke-Build
    $version = Get-ModuleVersion
    Invoke-Step 'Package the module (PSResourceGet)' {
        $nupkg = Join-Path $Out "$ModuleName.$version.nupkg"
        Remove-PathIfPresent $nupkg
        Compress-PSResource -Path $ModuleOut -DestinationPath $Out
        if (-not (Test-Path -LiteralPath $nupkg)) { throw "Compress-PSResource wrote no $nupkg." }
        Write-Line "    $([System.IO.Path]::GetRelativePath($Root, $nupkg))"
    }
    Invoke-Step 'Package the emulator (dotnet tool)' {
        Remove-PathIfPresent (Join-Path $Out "DeploymentStatus.GitHubEmulator.$version.nupkg")
        # --no-build: the package holds the very binary the build made and the tests run.
        $null = Invoke-Dotnet @('pack', (Join-Path $Root 'tests/GitHubEmulator'), '-c', $Configuration, '--no-build', '--nologo', '-o', $Out)
    }
}

function Get-TestProject {
    # Every xunit (or other VSTest) project under tests/.
    Get-ChildItem -LiteralPath (Join-Path $Root 'tests') -Recurse -Filter '*.csproj' -File |
        Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' } |
        Where-Object {
            $text = Get-Content -LiteralPath $_.FullName -Raw
            $text -match 'Microsoft\.NET\.Test\.Sdk|<IsTestProject>\s*true|"xunit(\.v3)?"'
        } |
        Sort-Object FullName
}

function Read-TrxCount([string] $Path) {
    [xml] $trx = Get-Content -LiteralPath $Path -Raw
    $ns = [System.Xml.XmlNamespaceManager]::new($trx.NameTable)
    $ns.AddNamespace('t', 'http://microsoft.com/schemas/VisualStudio/TeamTest/2010')
    $counters = $trx.SelectSingleNode('/t:TestRun/t:ResultSummary/t:Counters', $ns)
    if (-not $counters) { throw "No ResultSummary/Counters in $Path." }
    $n = { param($name) $v = $counters.GetAttribute($name); if ($v) { [int]$v } else { 0 } }
    [pscustomobject]@{
        Passed = & $n 'passed'
        Failed = (& $n 'failed') + (& $n 'error') + (& $n 'timeout') + (& $n 'aborted')
    }
}

function Write-TestSummary {
    # Per-suite lines, then the totals as the very last line of output.
    Write-Line ''
    foreach ($s in $script:Suites) {
        Write-Line ("{0}: {1} passed, {2} failed{3}" -f $s.Name, $s.Passed, $s.Failed, $(if ($s.Note) { " ($($s.Note))" } else { '' }))
    }
    $passed = [int]($script:Suites | Measure-Object -Property Passed -Sum).Sum
    $failedTotal = [int]($script:Suites | Measure-Object -Property Failed -Sum).Sum
    Write-Line "$passed passed, $failedTotal failed"
    if ($failedTotal -gt 0) { $script:ExitCode = 1 }
}

$script:Suites = [System.Collections.Generic.List[object]]::new()

function Invoke-Test {
    $addSuite = { param($Name, $Passed, $Failed, $Note) $script:Suites.Add([pscustomobject]@{ Name = $Name; Passed = $Passed; Failed = $Failed; Note = $Note }) }

    $built = $true
    try { Invoke-Package }
    catch {
        $built = $false
        [Console]::Error.WriteLine("Build failed: $($_.Exception.Message)")
        & $addSuite 'build' 0 1 $_.Exception.Message
    }

    $null = New-Item -ItemType Directory -Force -Path $TestResults

    $pesterReady = $true
    try {
        Invoke-Step 'Restore tests/tools (Pester)' {
            $null = Invoke-Dotnet @('restore', (Join-Path $Root 'tests/tools/tools.csproj'))
        }
    }
    catch {
        $pesterReady = $false
        [Console]::Error.WriteLine("Restoring Pester failed: $($_.Exception.Message)")
    }

    # Windows PowerShell 5.1 runs on .NET Framework: the module's sources must compile against 4.6.2's reference assemblies.
    $net462 = 0
    try {
        Invoke-Step 'Compile the module against .NET Framework 4.6.2 (tests/Net462Build)' {
            $script:net462Exit = Invoke-Dotnet -NoThrow @('build', (Join-Path $Root 'tests/Net462Build'), '-c', $Configuration, '--nologo')
        }
        $net462 = $script:net462Exit
    }
    catch { $net462 = -1 }
    if ($net462 -eq 0) { & $addSuite 'net462 compile' 1 0 $null } else { & $addSuite 'net462 compile' 0 1 "dotnet build tests/Net462Build exited $net462" }

    # A stand-in for .NET Framework where Mono is installed: that build's key parsing, JWT and TLS rule run under Mono
    # (tests/MonoCheck). Elsewhere it says that it did not run, and counts nothing.
    $mono = Get-Command mono -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    $openssl = Get-Command openssl -CommandType Application -ErrorAction Ignore | Select-Object -First 1
    if ($net462 -ne 0) { & $addSuite 'Mono (net462 build)' 0 0 'not run: the net462 build failed' }
    elseif (-not $mono -or -not $openssl) {
        $missing = @($(if (-not $mono) { 'mono' }), $(if (-not $openssl) { 'openssl' })) -join ' and '
        Write-Line "==> Mono check NOT RUN: $missing not installed (Debian: apt-get install mono-complete openssl)."
        & $addSuite 'Mono (net462 build)' 0 0 "not run: no $missing on this machine"
    }
    else {
        $monoResult = $null
        try {
            Invoke-Step 'Mono: the net462 build''s key parsing, JWT and TLS rule (tests/MonoCheck)' {
                $null = Invoke-Dotnet @('build', (Join-Path $Root 'tests/MonoCheck'), '-c', $Configuration, '--nologo')
                $keys = Join-Path $TestResults 'mono-keys'
                $null = New-Item -ItemType Directory -Force -Path $keys
                $pkcs1 = Join-Path $keys 'pkcs1.pem'; $pkcs8 = Join-Path $keys 'pkcs8.pem'
                & $openssl.Source genrsa -traditional -out $pkcs1 2048 2>$null
                & $openssl.Source genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out $pkcs8 2>$null
                $exe = Join-Path $Root "tests/MonoCheck/bin/$Configuration/net462/DeploymentStatus.MonoCheck.exe"
                $lines = @(& $mono.Source $exe $pkcs1 $pkcs8 2>&1 | ForEach-Object { "$_" })
                $lines | ForEach-Object { Write-Line "    $_" }
                Remove-PathIfPresent $keys
                $script:monoLine = $lines | Where-Object { $_ -match '^MONO_CHECK passed=(\d+) failed=(\d+)$' } | Select-Object -Last 1
            }
            $monoResult = $script:monoLine
        }
        catch { [Console]::Error.WriteLine("Mono check: $($_.Exception.Message)") }
        if ($monoResult -and $monoResult -match '^MONO_CHECK passed=(\d+) failed=(\d+)$') { & $addSuite 'Mono (net462 build)' ([int]$Matches[1]) ([int]$Matches[2]) $null }
        else { & $addSuite 'Mono (net462 build)' 0 1 'it printed no MONO_CHECK line' }
    }

    foreach ($project in @(Get-TestProject)) {
        $projectName = $project.BaseName
        $trx = Join-Path $TestResults "$projectName.trx"
        Remove-PathIfPresent $trx
        $code = 0
        try {
            Invoke-Step "xunit $projectName" {
                $script:testExit = Invoke-Dotnet -NoThrow @(
                    'test', $project.FullName, '-c', $Configuration, '--nologo',
                    '--logger', "trx;LogFileName=$projectName.trx", '--results-directory', $TestResults)
            }
            $code = $script:testExit
        }
        catch { $code = -1; [Console]::Error.WriteLine("xunit ${projectName}: $($_.Exception.Message)") }

        if (Test-Path -LiteralPath $trx) {
            $count = Read-TrxCount $trx
            $failed = $count.Failed
            $note = $null
            if ($code -ne 0 -and $failed -eq 0) { $failed = 1; $note = "dotnet test exited $code" }
            & $addSuite "xunit $projectName" $count.Passed $failed $note
        }
        else {
            # No results: it did not build or the test host died. That is a failure, not zero tests.
            & $addSuite "xunit $projectName" 0 1 "no test results (dotnet test exited $code; build failure?)"
        }
    }

    if ($built -and $pesterReady) {
        $json = Join-Path $TestResults 'pester.json'
        Remove-PathIfPresent $json
        $code = 0
        try {
            Invoke-Step 'Pester (fresh dotnet pwsh)' {
                & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Pester/Invoke-PesterRun.ps1') -OutputDirectory $TestResults | Out-Host
                $script:pesterExit = $LASTEXITCODE
            }
            $code = $script:pesterExit
        }
        catch { $code = -1; [Console]::Error.WriteLine("Pester: $($_.Exception.Message)") }
        if (Test-Path -LiteralPath $json) {
            $p = Get-Content -LiteralPath $json -Raw | ConvertFrom-Json
            $failed = [int]$p.failed
            $note = $null
            if ($code -ne 0 -and $failed -eq 0) { $failed = 1; $note = "Pester run exited $code" }
            & $addSuite 'Pester' ([int]$p.passed) $failed $note
        }
        else {
            & $addSuite 'Pester' 0 1 "no results (Pester run exited $code)"
        }
    }
    else {
        & $addSuite 'Pester' 0 1 $(if (-not $built) { 'not run: the build failed' } else { 'not run: Pester could not be restored' })
    }

    Write-Timings
    Write-TestSummary
}

function Get-TerminalWidth {
    # This terminal's width, for a child whose output this script pipes (so it cannot ask the terminal itself).
    if ($env:COLUMNS -as [int]) { return [int]$env:COLUMNS }
    if (-not [Console]::IsOutputRedirected) { try { return [Console]::WindowWidth } catch { } }
    80
}

function Invoke-Script([string] $RelativePath, [string] $What) {
    $path = Join-Path $Root $RelativePath
    if (-not (Test-Path -LiteralPath $path)) {
        throw "$RelativePath does not exist yet, so there is no $What to run."
    }
    Invoke-Build
    $env:COLUMNS = Get-TerminalWidth
    Invoke-Step $What {
        & dotnet pwsh -NoProfile -NonInteractive -File $path | Out-Host
        $script:scriptExit = $LASTEXITCODE
    }
    if ($script:scriptExit -ne 0) {
        [Console]::Error.WriteLine("$RelativePath exited with code $($script:scriptExit).")
        $script:ExitCode = $script:scriptExit
    }
}

function Invoke-Clean {
    Invoke-Step 'Clean' {
        Remove-PathIfPresent $Out
        $queue = [System.Collections.Generic.Queue[System.IO.DirectoryInfo]]::new()
        foreach ($top in 'src', 'tests') {
            $dir = Join-Path $Root $top
            if (Test-Path -LiteralPath $dir) { $queue.Enqueue([System.IO.DirectoryInfo]::new($dir)) }
        }
        while ($queue.Count) {
            foreach ($child in $queue.Dequeue().EnumerateDirectories()) {
                if ($child.Name -in 'bin', 'obj') {
                    Write-Line "    remove $([System.IO.Path]::GetRelativePath($Root, $child.FullName))"
                    Remove-Item -LiteralPath $child.FullName -Recurse -Force
                }
                elseif (-not $child.Attributes.HasFlag([System.IO.FileAttributes]::ReparsePoint)) {
                    $queue.Enqueue($child)
                }
            }
        }
    }
}

$script:ExitCode = 0
Push-Location -LiteralPath $Root
try {
    switch ($Task) {
        'Build' { Invoke-Build }
        'Package' { Invoke-Package }
        'Test' { Invoke-Test }
        'Demo' { Invoke-Script 'demo/Demo.ps1' 'demo' }
        'Play' {
            Invoke-Build
            Write-Timings
            $script:Timings.Clear()
            # Interactive: the prompt gets this terminal (nothing piped), and the emulator ends with it.
            $play = (Join-Path $Root 'demo/Play.ps1').Replace("'", "''")
            & dotnet pwsh -NoProfile -NoExit -Command ". '$play'"
            $script:ExitCode = $LASTEXITCODE
        }
        'Bench' { Invoke-Script 'bench/Bench.ps1' 'benchmark' }
        'Clean' { Invoke-Clean }
    }
    if ($Task -ne 'Test') { Write-Timings }
}
catch {
    $script:ExitCode = 1
    Write-Timings
    [Console]::Error.WriteLine("build.ps1 ${Task} FAILED: $($_.Exception.Message)")
    # A deliberate `throw "message"` says enough; anything else also gets where it happened.
    if ($_.FullyQualifiedErrorId -ne $_.Exception.Message) {
        [Console]::Error.WriteLine($_.InvocationInfo.PositionMessage)
        [Console]::Error.WriteLine($_.ScriptStackTrace)
    }
    if ($Task -eq 'Test') {
        # Even a failure of this script itself ends with the totals line, counting itself as one failure.
        $script:Suites.Add([pscustomobject]@{ Name = 'build.ps1'; Passed = 0; Failed = 1; Note = $_.Exception.Message })
        Write-TestSummary
    }
}
finally {
    Pop-Location
}
if ($Task -ne 'Test' -and $script:ExitCode -eq 0) { Write-Line "build.ps1 $Task succeeded." }
exit $script:ExitCode
