@{
    Synopsis    = 'Deletes a deployment environment of a GitHub repository.'

    Description = @'
Remove-GhEnvironment calls DELETE /repos/{owner}/{repo}/environments/{environment_name}. The environment's protection rules, branch policies and secrets go with it, and so do its deployments. Before it asks, it counts the environment's deployments (GET /repos/{owner}/{repo}/deployments?environment=NAME, one request), so -WhatIf and the confirmation prompt say how many it holds.

Deleting is permanent, so the cmdlet asks for confirmation (ConfirmImpact is High) unless you add -Confirm:$false. Environments from Get-GhEnvironment pipe in (Owner, Repository and Name bind by property name).

Deleting needs administration of the repository. A token without it is refused with 403 (GhPermissionDenied) or 404 (GhNotFound), and the error names the permission GitHub wants; the GitHub Actions GITHUB_TOKEN can never do it. An environment that does not exist is a GhNotFound error.
'@

    Parameters  = @{
        Owner      = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Name       = 'The environment to delete. Binds from the pipeline by property name. Tab completes the repository''s environments.'
    }

    Examples    = @(
        @{
            Title   = 'Tear down a review environment when its pull request closes'
            Code    = 'Remove-GhEnvironment -Name "review/pr-$env:PR_NUMBER" -Confirm:$false'
            Remarks = 'A name with a slash is sent as one URL-encoded path segment, as GitHub asks.'
        }
        @{
            Title   = 'See what deleting the review environments would take with them'
            Code    = 'Get-GhEnvironment -Name review* | Remove-GhEnvironment -WhatIf'
            Remarks = 'For each environment: "which holds N deployments". -WhatIf sends no DELETE.'
        }
    )

    Notes       = 'Needs administration of the repository (Administration: Read and write; for a classic token the repo scope and admin rights).'

    Outputs     = @( @{ Type = 'None'; Description = 'Remove-GhEnvironment returns nothing.' } )

    Links       = @('Get-GhEnvironment', 'Set-GhEnvironment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/environments#delete-an-environment')
}
