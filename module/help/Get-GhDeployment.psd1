@{
    Synopsis    = 'Gets the deployments of a GitHub repository, newest first, or one deployment by its ID.'

    Description = @'
Get-GhDeployment calls GET /repos/{owner}/{repo}/deployments and writes each deployment to the pipeline as a DeploymentStatus.GhDeployment object as soon as its page arrives, newest first. It asks GitHub for 100 deployments a page, the most GitHub allows, and stops asking once -First is satisfied, so "the latest deployment to staging" costs one list request.

Each page's deployments come with their State (active, inactive, destroyed, success, failure, in_progress, pending ...), read in one GraphQL query per page (Deployment.state): GitHub keeps that state on the deployment for good, while it keeps a deployment's statuses for 90 days only, so State is right for old deployments too. A list of 100 deployments costs two requests. Where GitHub's GraphQL API is not available (an old GitHub Enterprise Server), State is empty and one warning says why.

-Environment, -Ref, -Sha and -Task filter on GitHub's side. -First and -Skip page through the result; -Skip jumps over whole pages without reading them. -IncludeTotalCount writes the number of matching deployments first, at the cost of one more request (a page of one deployment: the number of its last page is the total).

The default table fits an 80-column terminal: Id, Environment, State, Ref (a commit SHA as its first 7 digits), Creator and Age (how long ago it was created). Format-List shows every field, the exact times with their offset and the payload as compact JSON.

With -DeploymentId it gets that one deployment (GET /repos/{owner}/{repo}/deployments/{deployment_id}). A deployment that does not exist, or that the token cannot see, is a non-terminating GhNotFound error, so a pipeline of IDs carries on past it.

Environments from Get-GhEnvironment pipe in too: each one's deployments are listed (its Name binds -Environment).

The objects carry Owner, Repository and Id, so they pipe into New-GhDeploymentStatus, Get-GhDeploymentStatus, Set-GhDeploymentInactive and Remove-GhDeployment.
'@

    Parameters  = @{
        RepositoryObject = 'A repository from Get-GhRepository (DeploymentStatus.GhRepository), whose deployments are listed. You do not need to name it: a repository piped in binds here, so that its ID is never taken for a deployment''s.'
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner (Connect-GhAccount -Owner), then to GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME (Azure Pipelines, when BUILD_REPOSITORY_PROVIDER is GitHub or GitHubEnterprise). Binds from the pipeline by property name.'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of one deployment to get, a 64-bit number. Binds from the pipeline by property name, also from a property named Id, and a bare number from the pipeline (3000000007 | Get-GhDeployment).'
        Environment  = 'Only deployments to this environment, such as production or staging. The name is matched by GitHub exactly, without wildcards. Binds from the pipeline by property name, also from a property named Name, so Get-GhEnvironment | Get-GhDeployment lists each environment''s deployments. Tab completes the repository''s environments.'
        InputObject  = 'A deployment from the pipeline (DeploymentStatus.GhDeployment), read again by its ID. You do not need to name it: a deployment piped in binds here, so that it is got by its ID rather than listed by its environment.'
        Ref          = 'Only deployments of this ref: a branch name, a tag name or a commit SHA, as it was given when the deployment was created.'
        Sha          = 'Only deployments of this commit: its full SHA, 40 hexadecimal digits. GitHub compares the SHA whole, so a short SHA (the 7 digits a table shows) would find nothing; it is refused before any request.'
        Task         = 'Only deployments with this task, such as deploy or deploy:migrations.'
    }

    Examples    = @(
        @{
            Title   = 'Get the latest production deployment'
            Code    = 'Get-GhDeployment -Owner octo-org -Repository hello-world -Environment production -First 1'
            Remarks = 'One request: GitHub returns deployments newest first, and the cmdlet stops after the first.'
        }
        @{
            Title   = 'List the deployments of the current commit in a GitHub Actions job'
            Code    = 'Get-GhDeployment -Sha $env:GITHUB_SHA | Format-Table Id, Environment, Task, Creator, CreatedAt'
            Remarks = 'Owner and repository come from GITHUB_REPOSITORY, which the runner sets.'
        }
        @{
            Title   = 'Show the latest status of the last ten deployments'
            Code    = @'
Get-GhDeployment -First 10 | ForEach-Object {
    $latest = $_ | Get-GhDeploymentStatus -Latest
    [pscustomobject]@{ Id = $_.Id; Environment = $_.Environment; Ref = $_.Ref; State = $latest.State }
}
'@
            Remarks = 'Each deployment binds Owner, Repository and Id to Get-GhDeploymentStatus.'
        }
        @{
            Title   = 'Get a deployment by the ID an earlier Azure Pipelines stage handed over'
            Code    = @'
# azure-pipelines.yml, a job of a later stage (the step 'create' of job 'deploy' in stage 'Deploy' ran
# New-GhDeployment -CiOutputName DeploymentId):
#   variables:
#     DeploymentId: $[ stageDependencies.Deploy.deploy.outputs['create.DeploymentId'] ]
Get-GhDeployment -DeploymentId $env:DEPLOYMENTID | Format-List
'@
            Remarks = 'IDs are 64-bit numbers; they no longer fit in an Int32. Azure Pipelines gives each variable to the step''s script as an environment variable (upper case, dots as underscores), so the script reads $env:NAME; that also runs when pasted at a prompt. The $(NAME) macro form works only inside the pipeline''s YAML, and a later stage reads an earlier one''s output only through stageDependencies.'
        }
    )

    Notes       = 'Listing deployments needs read access to the repository''s deployments (the repo or repo_deployment scope of a classic token, or the Deployments: read permission).'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeployment'; Description = 'One object per deployment, newest first: Owner, Repository, Id, Sha, Ref, Task, Environment, Description, Payload, Creator, CreatedAt and more.' } )

    Links       = @('New-GhDeployment', 'Get-GhDeploymentStatus', 'Remove-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/deployments#list-deployments')
}
