# On PowerShell 7 the module's dependencies load in its own AssemblyLoadContext (DeploymentStatus.psm1): a session that
# already holds another Octokit, older or newer, imports and runs the module, and that other Octokit keeps working.
# The other Octokit is a stand-in compiled here, named Octokit with Octokit's public key (as another module's copy would
# be), so the runtime takes it for the same assembly in another version.
BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $script:token = Initialize-GhEmulatorRepo
    $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging -States success

    $script:realOctokit = Join-Path (Split-Path -Parent (Get-DsModulePath)) 'Octokit.dll'
    function script:New-StandInOctokit([string] $Version) {
        $dir = Join-Path $TestDrive "octokit-$Version"
        $null = New-Item -ItemType Directory -Force -Path $dir
        $source = "[assembly: System.Reflection.AssemblyVersion(`"$Version`")] namespace Octokit { public static class StandIn { public static string Hello() { return `"stand-in $Version`"; } } public class GitHubClient { } }"
        $runtime = Split-Path -Parent ([object].Assembly.Location)
        $references = [Microsoft.CodeAnalysis.MetadataReference[]]@(
            foreach ($name in 'System.Private.CoreLib.dll', 'System.Runtime.dll') { [Microsoft.CodeAnalysis.MetadataReference]::CreateFromFile((Join-Path $runtime $name)) })
        $key = [System.Reflection.AssemblyName]::GetAssemblyName($script:realOctokit).GetPublicKey()
        $options = [Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions]::new([Microsoft.CodeAnalysis.OutputKind]::DynamicallyLinkedLibrary).
            WithPublicSign($true).WithCryptoPublicKey([System.Collections.Immutable.ImmutableArray]::Create([byte[]] $key))
        $compilation = [Microsoft.CodeAnalysis.CSharp.CSharpCompilation]::Create('Octokit',
            [Microsoft.CodeAnalysis.SyntaxTree[]]@([Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree]::ParseText($source)), $references, $options)
        $path = Join-Path $dir 'Octokit.dll'
        $result = [Microsoft.CodeAnalysis.FileSystemExtensions]::Emit($compilation, $path)
        if (-not $result.Success) { throw "The stand-in Octokit did not compile: $($result.Diagnostics -join '; ')" }
        $path
    }

    # In a fresh pwsh: load the stand-in before (or after) the module, use both, and say where each Octokit lives.
    $script:step = @'
param($StandIn, $Module, $When)
$ErrorActionPreference = 'Stop'
function Use-StandIn { $null = [System.Reflection.Assembly]::LoadFrom($StandIn); "OTHER $([Octokit.StandIn]::Hello())" }
if ($When -eq 'before') { Use-StandIn }
Import-Module $Module
$deployments = @(Get-GhDeployment -Environment staging)
"MODULE $($deployments.Count) deployments, newest $($deployments[0].State)"
if ($When -eq 'after') { Use-StandIn }
"OTHER AGAIN $([Octokit.StandIn]::Hello())"
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'Octokit' }) {
    "LOADED $($a.GetName().Version) IN $([System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($a).Name)"
}
'@
}

Describe 'Another Octokit in the session' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
    It 'imports and runs the module beside Octokit <Version> loaded <When> it, and the other copy keeps working' -TestCases @(
        @{ Version = '13.0.0.0'; When = 'before' }
        @{ Version = '99.0.0.0'; When = 'before' }
        @{ Version = '13.0.0.0'; When = 'after' }
    ) {
        param($Version, $When)
        $standIn = New-StandInOctokit $Version
        $environment = @{ GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri; GH_ENTERPRISE_TOKEN = $script:token; GITHUB_REPOSITORY = 'octo-org/hello-world' }
        $run = Invoke-DsPwsh -Environment $environment -ArgumentList $standIn, (Get-DsModulePath), $When -Script $script:step
        $v = [regex]::Escape($Version)
        Assert-Ran $run 'MODULE 3 deployments, newest active', "OTHER stand-in $v", "OTHER AGAIN stand-in $v", "LOADED $v IN Default", 'LOADED 14\.0\.0\.0 IN DeploymentStatus'
    }

    It 'keeps the module and all its dependencies out of the default context, one context a process; its types resolve by name' {
        $environment = @{ GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri; GH_ENTERPRISE_TOKEN = $script:token; GITHUB_REPOSITORY = 'octo-org/hello-world' }
        $run = Invoke-DsPwsh -Environment $environment -ArgumentList (Get-DsModulePath) -Script @'
param($Module)
$ErrorActionPreference = 'Stop'
Import-Module $Module
$null = Get-GhDeployment -First 1   # loads the dependencies (each when first needed)
foreach ($a in [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name -eq 'DeploymentStatus' }) { "PRIVATE $($a.GetName().Name)" }
foreach ($a in [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies | Where-Object { $_.GetName().Name -match 'DeploymentStatus|Octokit|Microsoft\.Bcl' }) { "DEFAULT $($a.GetName().Name)" }
"TYPE $([DeploymentStatus.GhDeployment].FullName)"
# Another runspace importing the module gets the same assembly (one context a process), so objects pass between them.
$ps = [PowerShell]::Create([System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace())
$ps.Runspace.Open()
$other = $ps.AddScript({ param($m) Import-Module $m; [DeploymentStatus.GhDeployment].Assembly }).AddArgument($Module).Invoke()[0]
"SAME ASSEMBLY $([object]::ReferenceEquals($other, [DeploymentStatus.GhDeployment].Assembly))"
$ps.Runspace.Dispose(); $ps.Dispose()
'@
        Assert-Ran $run
        $lines = $run.StdOut -split '\r?\n'
        $lines | Should -Contain 'PRIVATE DeploymentStatus'
        $lines | Should -Contain 'PRIVATE Octokit'
        $lines | Should -Contain 'PRIVATE Microsoft.Bcl.TimeProvider'
        # Only the loader, which makes the module's context, is in the default one.
        @($lines | Where-Object { $_ -like 'DEFAULT *' }) | Should -Be @('DEFAULT DeploymentStatus.Loader')
        $lines | Should -Contain 'TYPE DeploymentStatus.GhDeployment'
        $lines | Should -Contain 'SAME ASSEMBLY True'
    }
}
