# The packages `build.ps1 Package` writes to out/, installed as users install them, into temporary folders only:
# the module from a temporary PSResourceGet repository, the emulator as a dotnet tool from a temporary package source.
BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    [xml] $props = Get-Content -LiteralPath (Join-Path (Get-DsRepoRoot) 'Directory.Build.props') -Raw
    $script:version = $props.Project.PropertyGroup.ModuleVersion | Where-Object { $_ } | Select-Object -First 1
    $script:out = Join-Path (Get-DsRepoRoot) 'out'
    $script:modulePackage = Join-Path $script:out "DeploymentStatus.$($script:version).nupkg"
    $script:toolPackage = Join-Path $script:out "DeploymentStatus.GitHubEmulator.$($script:version).nupkg"
    foreach ($package in $script:modulePackage, $script:toolPackage) {
        if (-not (Test-Path -LiteralPath $package)) { throw "$package does not exist: run 'dotnet pwsh ./build.ps1 Package' (Test does)." }
    }
}

Describe 'The module package' {
    BeforeAll {
        # A temporary HOME is where PowerShell and PSResourceGet keep a user's things on Linux and macOS, not on Windows.
        if (-not $IsWindows) { $script:userEnvironment = Initialize-DsUserHome -Path (Join-Path $TestDrive 'user') -Package $script:modulePackage }
        $script:token = Initialize-GhEmulatorRepo
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging -States success
    }

    It 'is gallery-ready: one nupkg with the manifest (version, description, tags, addresses, release notes) and the LICENSE' {
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [System.IO.Compression.ZipFile]::OpenRead($script:modulePackage)
        try {
            $names = @($zip.Entries.FullName)
            foreach ($file in 'DeploymentStatus.psd1', 'DeploymentStatus.psm1', 'DeploymentStatus.dll', 'DeploymentStatus.Loader.dll', 'Octokit.dll', 'DeploymentStatus.Format.ps1xml',
                'LICENSE', 'en-US/DeploymentStatus.dll-Help.xml', 'en-US/about_DeploymentStatus.help.txt', 'DeploymentStatus.nuspec') {
                $names | Should -Contain $file
            }
            $reader = [System.IO.StreamReader]::new($zip.GetEntry('DeploymentStatus.nuspec').Open())
            [xml] $nuspec = $reader.ReadToEnd()
            $reader.Dispose()
        }
        finally { $zip.Dispose() }
        $m = $nuspec.package.metadata
        $m.id | Should -Be 'DeploymentStatus'
        $m.version | Should -Be $script:version
        $m.description | Should -Match 'GitHub deployments'
        $m.tags -split ' ' | Should -Contain 'PSModule'
        $m.tags -split ' ' | Should -Contain 'PSEdition_Desktop'
        $m.projectUrl | Should -Match '^https://'
        $m.licenseUrl | Should -Match '^https://'
        $m.releaseNotes | Should -Match 'First release'
    }

    It 'installs from a local repository with Install-PSResource and autoloads in a fresh pwsh, running a cmdlet against the emulator' -Skip:$IsWindows {
        $install = Invoke-DsPwsh -Environment $script:userEnvironment -Script @'
$ErrorActionPreference = 'Stop'
Install-PSResource -Name DeploymentStatus -Scope CurrentUser -TrustRepository
$installed = Get-InstalledPSResource -Name DeploymentStatus
"INSTALLED $($installed.Version) $($installed.InstalledLocation)"
'@
        Assert-Ran $install
        $install.StdOut -match "INSTALLED $([regex]::Escape($script:version)) (\S+)" | Should -BeTrue -Because $install.StdOut
        $installedIn = $Matches[1]
        $installedIn | Should -BeLike "$($script:userEnvironment.HOME)*"
        foreach ($file in 'DeploymentStatus.psd1', 'DeploymentStatus.dll', 'Octokit.dll', 'LICENSE') {
            Test-Path -LiteralPath (Join-Path $installedIn "DeploymentStatus/$($script:version)/$file") | Should -BeTrue
        }

        # A fresh pwsh whose user module folder is that one: no Import-Module, the first cmdlet loads the module.
        $environment = $script:userEnvironment + @{ GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri; GH_ENTERPRISE_TOKEN = $script:token }
        $run = Invoke-DsPwsh -Environment $environment -Script @'
$ErrorActionPreference = 'Stop'
$deployments = @(Get-GhDeployment -Owner octo-org -Repository hello-world -Environment staging)
$module = Get-Module DeploymentStatus
"LOADED $($module.Version) FROM $($module.ModuleBase)"
"ON PSModulePath: $(@($env:PSModulePath -split [IO.Path]::PathSeparator) -contains (Split-Path (Split-Path $module.ModuleBase)))"
"DEPLOYMENTS $($deployments.Count) STATES $(($deployments.State | Sort-Object -Unique) -join ',')"
"HELP $((Get-Help New-GhDeploymentStatus).Synopsis)"
'@
        Assert-Ran $run "LOADED $([regex]::Escape($script:version)) FROM $([regex]::Escape($installedIn))", 'ON PSModulePath: True',
            'DEPLOYMENTS 2 STATES active,success', 'HELP Creates a status for a GitHub deployment'
    }
}

Describe 'The emulator tool package' {
    It 'installs with dotnet tool install and serves a seeded repository, REST and GraphQL' {
        $toolPath = Join-Path $TestDrive 'tools'
        $lines = & (Get-DotnetHostPath) tool install DeploymentStatus.GitHubEmulator --version $script:version --tool-path $toolPath --add-source $script:out 2>&1 |
            ForEach-Object { "$_" }
        $LASTEXITCODE | Should -Be 0 -Because ($lines -join "`n")
        $command = Join-Path $toolPath $(if ($IsWindows) { 'github-emulator.exe' } else { 'github-emulator' })
        Test-Path -LiteralPath $command | Should -BeTrue

        $seed = Join-Path $TestDrive 'seed.json'
        @'
{
  "repos": [ { "owner": "contoso", "name": "web",
               "environments": [ { "name": "production", "waitTimer": 1 } ],
               "deployments": [ { "count": 3, "environment": "production", "states": ["in_progress", "success"] } ] } ],
  "tokens": [ { "token": "ghp_pipeline_test", "login": "deploy-bot", "repos": ["contoso/web"] } ]
}
'@ | Set-Content -LiteralPath $seed
        $psi = [System.Diagnostics.ProcessStartInfo]::new($command)
        foreach ($a in '--port', '0', '--host', '127.0.0.1', '--seed', $seed, '--latency', '1', '--no-stdin') { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.RedirectStandardInput = $true
        $psi.UseShellExecute = $false
        $tool = [System.Diagnostics.Process]::Start($psi)
        try {
            $tool.StandardInput.Close()   # --no-stdin: it keeps running all the same
            $read = $tool.StandardOutput.ReadLineAsync()
            $read.Wait(30000) | Should -BeTrue -Because 'the tool says where it listens'
            $read.Result -match '^GITHUB_EMULATOR_LISTENING (http://127\.0\.0\.1:\d+/)$' | Should -BeTrue -Because $read.Result
            $root = $Matches[1]
            $headers = @{ Authorization = 'token ghp_pipeline_test' }
            $deployments = Invoke-RestMethod "${root}repos/contoso/web/deployments" -Headers $headers   # the array as one object
            $deployments.Count | Should -Be 3
            $environment = Invoke-RestMethod "${root}repos/contoso/web/environments/production" -Headers $headers
            $environment.name | Should -Be 'production'
            $query = @{ query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { databaseId state } } }'; variables = @{ ids = @($deployments.node_id) } } | ConvertTo-Json -Depth 5
            $graphql = Invoke-RestMethod "${root}graphql" -Method Post -Headers $headers -Body $query -ContentType 'application/json'
            @($graphql.data.nodes.state) | Should -Be @('ACTIVE', 'SUCCESS', 'SUCCESS')
            (Invoke-RestMethod "${root}_emulator/requests").Count | Should -Be 3
            $tool.HasExited | Should -BeFalse
        }
        finally {
            if (-not $tool.HasExited) { $tool.Kill($true); $null = $tool.WaitForExit(10000) }
            $tool.Dispose()
        }
    }
}
