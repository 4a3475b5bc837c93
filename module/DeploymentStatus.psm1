# Loads the compiled module (DeploymentStatus.dll) and hands its cmdlets to the manifest.
# PowerShell 7: the DLL and its dependencies (Octokit, Microsoft.Bcl.*: every DLL beside it but the System.* polyfills,
# which .NET itself provides) go into the module's own AssemblyLoadContext, each loaded there before the DLL asks for it,
# so a session that already loaded another version of any of them (another module's Octokit) still imports and runs this
# one, and the other copy keeps working. PowerShell's own assemblies and the runtime's are shared with the session.
# Windows PowerShell 5.1: loaded as any binary module is, its dependencies found beside it.
$assembly = if ($PSEdition -eq 'Core') {
    $context = [System.Runtime.Loader.AssemblyLoadContext]::new('DeploymentStatus', $false)
    foreach ($file in [System.IO.Directory]::GetFiles($PSScriptRoot, '*.dll')) {
        $name = [System.IO.Path]::GetFileName($file)
        if ($name -ne 'DeploymentStatus.dll' -and -not $name.StartsWith('System.')) { $null = $context.LoadFromAssemblyPath($file) }
    }
    $context.LoadFromAssemblyPath([System.IO.Path]::Combine($PSScriptRoot, 'DeploymentStatus.dll'))
}
else {
    [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'DeploymentStatus.dll'))
}
Import-Module -Assembly $assembly
