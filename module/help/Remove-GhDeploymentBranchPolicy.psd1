@{
    Synopsis    = 'Removes a branch or tag name pattern from an environment.'

    Description = @'
Remove-GhDeploymentBranchPolicy calls DELETE /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies/{branch_policy_id}. It asks for confirmation first (ConfirmImpact is High) unless you add -Confirm:$false.

Policies from Get-GhDeploymentBranchPolicy pipe in: they carry Owner, Repository, Environment and PolicyId. An environment whose policy is not CustomBranches has no patterns; the error says so (GhNotCustomBranches). Removing patterns needs administration of the repository; the error of a refused token names the permission.
'@

    Parameters  = @{
        Owner       = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository  = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Environment = 'The environment. Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        PolicyId    = 'The ID of the policy to remove (PolicyId of Get-GhDeploymentBranchPolicy). Binds from the pipeline by property name.'
    }

    Examples    = @(
        @{
            Title   = 'Stop hotfix branches from deploying to production'
            Code    = 'Get-GhDeploymentBranchPolicy -Environment production | Where-Object Name -like ''hotfix*'' | Remove-GhDeploymentBranchPolicy -Confirm:$false'
        }
        @{
            Title   = 'Remove one policy by its ID'
            Code    = 'Remove-GhDeploymentBranchPolicy -Environment staging -PolicyId 361471'
            Remarks = 'PowerShell asks for confirmation first.'
        }
    )

    Notes       = 'Needs administration of the repository.'

    Outputs     = @( @{ Type = 'None'; Description = 'Remove-GhDeploymentBranchPolicy returns nothing.' } )

    Links       = @('Get-GhDeploymentBranchPolicy', 'Add-GhDeploymentBranchPolicy', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/branch-policies#delete-a-deployment-branch-policy')
}
