@{
    Synopsis    = 'Gets the statuses of a GitHub deployment, newest first, one status by its ID, or only the latest.'

    Description = @'
Get-GhDeploymentStatus calls GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses and writes each status to the pipeline as a DeploymentStatus.GhDeploymentStatus object, newest first, 100 to a page. The first status is the deployment's current state.

With -StatusId it gets that one status. With -Latest it gets only the newest status, in one request; a deployment with no status yet returns nothing.

Deployments bind from the pipeline by property name (Owner, Repository and Id), so Get-GhDeployment and New-GhDeployment pipe into it.
'@

    Parameters  = @{
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of the deployment whose statuses to get, a 64-bit number. Binds from the pipeline by property name, also from a property named Id (the Id of a deployment object), and a bare number from the pipeline.'
        StatusId     = 'The ID of one status to get, a 64-bit number.'
        Latest       = 'Gets only the newest status of each deployment: its current state.'
    }

    Examples    = @(
        @{
            Title   = 'Show the history of the latest production deployment'
            Code    = 'Get-GhDeployment -Environment production -First 1 | Get-GhDeploymentStatus | Format-Table State, Description, Creator, CreatedAt'
            Remarks = 'The statuses come newest first, so the first line is the current state.'
        }
        @{
            Title   = 'Fail an Azure Pipelines gate unless staging is healthy'
            Code    = @'
$state = (Get-GhDeployment -Environment staging -First 1 | Get-GhDeploymentStatus -Latest).State
if ($state -ne 'success') {
    Write-Host "##vso[task.logissue type=error]The latest staging deployment is '$state'."
    exit 1
}
'@
            Remarks = 'Two requests: one for the deployment and one for its latest status.'
        }
        @{
            Title   = 'Get one status by ID'
            Code    = 'Get-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId 2147483801 -StatusId 2147484020'
            Remarks = 'Both IDs are 64-bit numbers.'
        }
    )

    Notes       = 'Requires read access to the repository''s deployments.'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeploymentStatus'; Description = 'One object per status, newest first: Owner, Repository, DeploymentId, Id, State, Description, Environment, LogUrl, EnvironmentUrl, Creator, CreatedAt and more.' } )

    Links       = @('New-GhDeploymentStatus', 'Get-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/statuses#list-deployment-statuses')
}
