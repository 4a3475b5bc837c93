@{
    # A small script that loads DeploymentStatus.dll (on PowerShell 7 into the module's own AssemblyLoadContext).
    RootModule           = 'DeploymentStatus.psm1'
    ModuleVersion        = '0.0.0'
    GUID                 = '6b0f5a3e-2f7c-4d8e-9a51-3c1d2b7e9f40'
    Author               = 'DeploymentStatus contributors'
    CompanyName          = 'DeploymentStatus'
    Copyright            = '(c) DeploymentStatus contributors. MIT License.'
    Description          = 'Drive GitHub deployments and deployment statuses from PowerShell and CI scripts (Azure Pipelines, GitHub Actions): create, list, retire and delete deployments, post every kind of status, wrap a deploy script in the whole lifecycle, wait for a deployment at no rate-limit cost, and configure and approve environments (reviewers, wait timers, branch policies, pending deployments, deployment protection rules). Works with github.com, GHE.com and GitHub Enterprise Server.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    FormatsToProcess     = @('DeploymentStatus.Format.ps1xml')
    CmdletsToExport      = @(
        'Connect-GhAccount'
        'Disconnect-GhAccount'
        'Get-GhContext'
        'Get-GhDeployment'
        'New-GhDeployment'
        'Remove-GhDeployment'
        'Get-GhDeploymentStatus'
        'New-GhDeploymentStatus'
        'Set-GhDeploymentInactive'
        'Invoke-GhDeployment'
        'Get-GhEnvironment'
        'Set-GhEnvironment'
        'Remove-GhEnvironment'
        'Get-GhDeploymentBranchPolicy'
        'Add-GhDeploymentBranchPolicy'
        'Remove-GhDeploymentBranchPolicy'
        'Get-GhPendingDeployment'
        'Approve-GhPendingDeployment'
        'Deny-GhPendingDeployment'
        'Approve-GhDeploymentProtectionRule'
        'Deny-GhDeploymentProtectionRule'
        'Complete-GhDeployment'
        'Get-GhRepository'
        'Wait-GhDeployment'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('GitHub', 'Deployment', 'DeploymentStatus', 'CI', 'AzurePipelines', 'GitHubActions', 'Environment', 'Approval', 'Octokit', 'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            LicenseUri   = 'https://opensource.org/licenses/MIT'
            # Filled in by build.ps1 from Directory.Build.props (PackageProjectUrl) and CHANGELOG.md (this version's section).
            ProjectUri   = ''
            ReleaseNotes = ''
        }
    }
}
