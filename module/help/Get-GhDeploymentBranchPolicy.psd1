@{
    Synopsis    = 'Gets the branch and tag name patterns that may deploy to an environment.'

    Description = @'
Get-GhDeploymentBranchPolicy calls GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies and writes each pattern as a DeploymentStatus.GhDeploymentBranchPolicy object (PolicyId, Name, Type branch or tag). With -PolicyId it gets that one.

GitHub keeps these patterns only for an environment whose DeploymentBranchPolicy is CustomBranches, and answers a bare 404 for any other. The cmdlet then reads the environment and says plainly which policy it has (error GhNotCustomBranches), or that there is no such environment (GhNotFound).

Environments from Get-GhEnvironment pipe in (their Name binds -Environment); the policies pipe into Remove-GhDeploymentBranchPolicy.
'@

    Parameters  = @{
        Owner       = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository  = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Environment = 'The environment. Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        PolicyId    = 'The ID of one policy to get. Binds from the pipeline by property name.'
    }

    Examples    = @(
        @{
            Title   = 'Which branches may deploy to production?'
            Code    = 'Get-GhDeploymentBranchPolicy -Environment production | Format-Table Name, Type, PolicyId'
        }
        @{
            Title   = 'Every environment''s patterns'
            Code    = 'Get-GhEnvironment | Where-Object DeploymentBranchPolicy -eq CustomBranches | Get-GhDeploymentBranchPolicy'
            Remarks = 'Only environments with custom branch policies have patterns; the others would be GhNotCustomBranches errors.'
        }
    )

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeploymentBranchPolicy'; Description = 'Owner, Repository, Environment, PolicyId, NodeId, Name (the pattern), Type (branch or tag).' } )

    Links       = @('Add-GhDeploymentBranchPolicy', 'Remove-GhDeploymentBranchPolicy', 'Set-GhEnvironment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/branch-policies#list-deployment-branch-policies')
}
