@{
    Synopsis    = 'Marks GitHub deployments inactive: one deployment, or the older deployments of an environment.'

    Description = @'
Set-GhDeploymentInactive creates a status with state inactive (POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses) for each deployment it retires. GitHub shows an inactive deployment as no longer live, and only an inactive deployment can be deleted.

Give it one deployment with -DeploymentId, or pipe deployments in (they bind Owner, Repository and Id by property name). A deployment piped from Get-GhDeployment brings its State: one already inactive or destroyed gets no write, and the piped object's State is brought up to date after a write, so piping the same list twice writes nothing the second time. Or give it a whole environment with -Environment: it lists the environment's deployments, newest first, keeps the newest -Keep of them (1 by default) and retires the others that are not already inactive or destroyed. -Keep 0 retires them all, for example when the environment has been destroyed.

For an environment, each page of 100 deployments comes with their states in one GraphQL query (GitHub's own state, kept on the deployment: it is right for deployments of any age, while GitHub keeps statuses for 90 days only). The next page is read while this page's writes go out. It shows progress and ends with a summary on the information stream: how many were retired, skipped, kept and failed. Where GitHub's GraphQL API is not available (an old GitHub Enterprise Server), it reads the newest status of each deployment instead, and warns that a deployment older than 90 days then shows none.

It returns nothing unless you add -PassThru. A deployment that cannot be retired is a non-terminating error, and the others are still retired.
'@

    Parameters  = @{
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of the deployment to mark inactive, a 64-bit number. Binds from the pipeline by property name, also from a property named Id, and a bare number from the pipeline.'
        InputObject  = 'A deployment from Get-GhDeployment, from the pipeline. Its State decides whether it needs a write (not when inactive or destroyed), and is set to the new state after one. You do not need to name it: a deployment piped in binds here.'
        Environment  = 'Retires the deployments of this environment, except the newest -Keep of them. Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        EnvironmentObject = 'An environment from Get-GhEnvironment (DeploymentStatus.GhEnvironment), retired as with -Environment. You do not need to name it: an environment piped in binds here, so that its deployments are retired rather than its ID taken for a deployment''s.'
        Keep         = @{ Description = 'With -Environment, how many of the newest deployments stay as they are. The default, 1, leaves the current deployment live; 0 retires them all.'; DefaultValue = '1' }
        PassThru     = 'Returns the inactive status created for each deployment. By default, Set-GhDeploymentInactive returns nothing.'
    }

    Examples    = @(
        @{
            Title   = 'Keep only the current staging deployment live'
            Code    = 'Set-GhDeploymentInactive -Environment staging'
            Remarks = 'Every deployment to staging except the newest is marked inactive.'
        }
        @{
            Title   = 'Retire a review environment when its pull request closes (GitHub Actions)'
            Code    = @'
# on: pull_request: types: [closed]
Set-GhDeploymentInactive -Environment "review-$env:PR_NUMBER" -Keep 0 -PassThru | Format-Table DeploymentId, State, CreatedAt
'@
            Remarks = 'With -Keep 0 no deployment of the environment stays active. -PassThru shows the statuses that were created.'
        }
        @{
            Title   = 'Retire deployments from the pipeline'
            Code    = 'Get-GhDeployment -Ref release/1.8 | Set-GhDeploymentInactive -WhatIf'
            Remarks = '-WhatIf lists the deployments that would be retired and sends nothing.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps). On GitHub Enterprise Server versions that still need it, the request carries the ant-man preview media type that the inactive state requires.'

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhDeploymentStatus'; Description = 'Nothing by default. With -PassThru, the inactive status created for each deployment.' } )

    Links       = @('New-GhDeploymentStatus', 'Remove-GhDeployment', 'Get-GhDeployment', 'about_DeploymentStatus')
}
