@{
    Synopsis    = 'Adds branch or tag name patterns that may deploy to an environment.'

    Description = @'
Add-GhDeploymentBranchPolicy calls POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies once for each pattern of -Name, and returns each policy as a DeploymentStatus.GhDeploymentBranchPolicy. Patterns follow Ruby's File.fnmatch: * matches anything but /, so release/* matches release/1.0 but not release/1.0/hotfix. -Type tag makes a pattern match tags instead of branches.

A pattern the environment has already is no error: GitHub answers with the existing policy (303), which is returned.

GitHub keeps patterns only for an environment whose DeploymentBranchPolicy is CustomBranches, and refuses any other with a bare 404. The cmdlet then reads the environment and says which policy it has (error GhNotCustomBranches) and what to run: Set-GhEnvironment -Name NAME -DeploymentBranchPolicy CustomBranches.

The environment is -Environment, or an environment from Get-GhEnvironment piped in (-InputObject). Adding patterns needs administration of the repository; the error of a refused token names the permission.
'@

    Parameters  = @{
        Owner       = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository  = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Environment = 'The environment. Binds from the pipeline by property name. Tab completes the repository''s environments.'
        InputObject = 'An environment from Get-GhEnvironment (DeploymentStatus.GhEnvironment), piped in. Here its Name cannot bind -Environment, since -Name is the pattern, so the environment object itself binds.'
        Name        = 'The name patterns to add, such as main, release/* or v*.'
        Type        = 'branch (GitHub''s default) or tag: what the patterns match.'
    }

    Examples    = @(
        @{
            Title   = 'Let release branches and version tags deploy to production'
            Code    = @'
Set-GhEnvironment -Name production -DeploymentBranchPolicy CustomBranches
Add-GhDeploymentBranchPolicy -Environment production -Name main, 'release/*'
Add-GhDeploymentBranchPolicy -Environment production -Name 'v*' -Type tag
'@
        }
        @{
            Title   = 'Add a pattern to every environment that uses custom branch policies'
            Code    = 'Get-GhEnvironment | Where-Object DeploymentBranchPolicy -eq CustomBranches | Add-GhDeploymentBranchPolicy -Name hotfix/*'
            Remarks = 'Each environment binds -InputObject.'
        }
    )

    Notes       = 'Needs administration of the repository (Administration: Read and write; for a classic token the repo scope and admin rights).'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeploymentBranchPolicy'; Description = 'Each policy added, or the one already there.' } )

    Links       = @('Get-GhDeploymentBranchPolicy', 'Remove-GhDeploymentBranchPolicy', 'Set-GhEnvironment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/branch-policies#create-a-deployment-branch-policy')
}
