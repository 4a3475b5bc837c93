# Loads the compiled module (DeploymentStatus.dll) and hands its cmdlets to the manifest.
# PowerShell 7: into the module's own AssemblyLoadContext, with its dependencies (DeploymentStatus.Loader.dll, ModuleContext),
# so a session that already loaded another version of them (another module's Octokit) still imports and runs this one, and
# the other copy keeps working. Windows PowerShell 5.1: loaded as any binary module is, its dependencies found beside it.
$assembly = if ($PSEdition -eq 'Core') {
    $loader = [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'DeploymentStatus.Loader.dll'))
    $loader.GetType('DeploymentStatus.Loader.ModuleContext').GetMethod('LoadModule').Invoke($null, @($PSScriptRoot))
}
else {
    [System.Reflection.Assembly]::LoadFrom([System.IO.Path]::Combine($PSScriptRoot, 'DeploymentStatus.dll'))
}
Import-Module -Assembly $assembly
