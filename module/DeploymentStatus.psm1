# Loads the compiled module (DeploymentStatus.dll) and hands its cmdlets to the manifest.
# PowerShell 7: the DLL and its dependencies (Octokit, Microsoft.Bcl.*: every DLL beside it but the System.* polyfills,
# which .NET itself provides) go into the module's own AssemblyLoadContext, each loaded there before the DLL asks for it,
# so a session that already loaded another version of any of them (another module's Octokit) still imports and runs this
# one, and the other copy keeps working. PowerShell's own assemblies and the runtime's are shared with the session. The
# context is made once per process: every runspace that imports the module (again) gets the same assembly, so objects
# pass between runspaces as they do with any binary module.
# Windows PowerShell 5.1: loaded as any binary module is, its dependencies found beside it.
$path = [System.IO.Path]::Combine($PSScriptRoot, 'DeploymentStatus.dll')
$assembly = if ($PSEdition -eq 'Core') {
    $lock = [string]::Intern("DeploymentStatus.psm1|$path")
    [System.Threading.Monitor]::Enter($lock)
    try {
        $loaded = foreach ($context in [System.Runtime.Loader.AssemblyLoadContext]::All) {
            if ($context.Name -eq 'DeploymentStatus') { foreach ($a in $context.Assemblies) { if ($a.Location -eq $path) { $a } } }
        }
        if ($loaded) { $loaded }
        else {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::new('DeploymentStatus', $false)
            foreach ($file in [System.IO.Directory]::GetFiles($PSScriptRoot, '*.dll')) {
                $name = [System.IO.Path]::GetFileName($file)
                if ($name -ne 'DeploymentStatus.dll' -and -not $name.StartsWith('System.')) { $null = $context.LoadFromAssemblyPath($file) }
            }
            $context.LoadFromAssemblyPath($path)
        }
    }
    finally { [System.Threading.Monitor]::Exit($lock) }
}
else {
    [System.Reflection.Assembly]::LoadFrom($path)
}
Import-Module -Assembly $assembly
