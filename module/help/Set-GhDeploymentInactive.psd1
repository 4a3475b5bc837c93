@{
    Synopsis    = 'Marks GitHub deployments inactive: one deployment, or the older deployments of whole environments.'

    Description = @'
Set-GhDeploymentInactive creates a status with state inactive (POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses) for each deployment it retires. GitHub shows an inactive deployment as no longer live, and only an inactive deployment can be deleted.

Give it one deployment with -DeploymentId, or pipe deployments in (they bind Owner, Repository and Id by property name). A deployment piped from Get-GhDeployment brings its State: one already inactive or destroyed gets no write, and the piped object's State is brought up to date after a write, so piping the same list twice writes nothing the second time.

Or give it whole environments with -Environment: names or wildcards ('review/*', '*'). It keeps the newest -Keep deployments of each environment (1 by default) and retires the others that are not already inactive or destroyed; -Keep 0 retires them all, for example when the environment has been destroyed. Repositories (Get-GhRepository) and environments (Get-GhEnvironment) pipe in; all of them are cleaned up once the input has ended, as one run:

- First the plan: each repository's deployments are read once (only the environment's own when -Environment names one environment exactly), a hundred a page, each page with its states in one GraphQL query (GitHub's own state, kept on the deployment: right for deployments of any age, while GitHub keeps statuses for 90 days only). A repository with something to write is read once more, and skipped with a note when it is archived (GitHub refuses writes there). -WhatIf prints the plan (deployments per environment and repository, the writes, and about how long they take under the write budget) and writes nothing; -Verbose prints it before a run.
- Then the writes, one repository at a time (each confirmed once with -Confirm), paced and within GitHub's write budget (see about_DeploymentStatus): the progress bar shows writes done of the total, the percentage and the time left. When the budget is spent for longer than the policy waits (MaxRateLimitWaitSeconds), the run stops with GhRateLimited, naming when the budget refills and how many writes remain. Nothing is lost: the same command run again skips what is already inactive and does the rest.
- Last, a summary on the information stream: a line per repository (retired, skipped, failed, kept, remaining) and, for more than one, a total. With -PassThru the same figures come as one DeploymentStatus.GhCleanupResult per repository.

Where GitHub's GraphQL API is not available (an old GitHub Enterprise Server), the newest status of each deployment is read instead, with a warning that a deployment older than 90 days then shows none.

Under Azure Pipelines and GitHub Actions the run is one collapsible group of the log (##[group] or ::group::), and each deployment that could not be retired is also reported as the runner's error (task.logissue, ::error::), so it shows on the run's summary page.

A deployment that cannot be retired is a non-terminating error, and the others are still retired.
'@

    Parameters  = @{
        RepositoryObject = 'A repository from Get-GhRepository (DeploymentStatus.GhRepository), whose environments -Environment names. You do not need to name it: a repository piped in binds here, so -Environment is required and its ID is never taken for a deployment''s.'
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name (a repository from Get-GhRepository, a deployment, an environment).'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of the deployment to mark inactive, a 64-bit number. Binds from the pipeline by property name, also from a property named Id, and a bare number from the pipeline.'
        InputObject  = 'A deployment from Get-GhDeployment, from the pipeline. Its State decides whether it needs a write (not when inactive or destroyed), and is set to the new state after one. You do not need to name it: a deployment piped in binds here.'
        Environment  = 'Retires the deployments of these environments, except the newest -Keep of each. Names or wildcards (review/*, *). Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        EnvironmentObject = 'An environment from Get-GhEnvironment (DeploymentStatus.GhEnvironment), retired as with -Environment. You do not need to name it: an environment piped in binds here, so that its deployments are retired rather than its ID taken for a deployment''s.'
        Keep         = @{ Description = 'With -Environment, how many of the newest deployments of each environment stay as they are. The default, 1, leaves the current deployment live; 0 retires them all.'; DefaultValue = '1' }
        PassThru     = 'For one deployment, returns the inactive status created. With -Environment, returns one DeploymentStatus.GhCleanupResult per repository (Retired, Skipped, Failed, Kept, Remaining, Archived). By default, Set-GhDeploymentInactive returns nothing.'
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
Set-GhDeploymentInactive -Environment "review-$env:PR_NUMBER" -Keep 0
'@
            Remarks = 'With -Keep 0 no deployment of the environment stays active.'
        }
        @{
            Title   = 'Clean up every review environment of an organization, and act on the result'
            Code    = @'
$results = Get-GhRepository -Owner acme | Set-GhDeploymentInactive -Environment 'review/*' -Keep 0 -PassThru
$results | Where-Object Failed -GT 0 | ForEach-Object { Write-Warning "$_ had failures" }
'@
            Remarks = 'Every repository''s deployments are read once and grouped by environment; archived repositories are skipped. One GhCleanupResult per repository comes back.'
        }
        @{
            Title   = 'See the plan first'
            Code    = 'Set-GhDeploymentInactive -Environment * -Keep 1 -WhatIf'
            Remarks = 'Prints, per environment, how many deployments would be kept, are already inactive and would be retired, then the writes and about how long they take under the write budget. Nothing is written.'
        }
        @{
            Title   = 'Retire deployments from the pipeline'
            Code    = 'Get-GhDeployment -Ref release/1.8 | Set-GhDeploymentInactive -WhatIf'
            Remarks = '-WhatIf lists the deployments that would be retired and sends nothing.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps). On GitHub Enterprise Server versions that still need it, the request carries the ant-man preview media type that the inactive state requires. GitHub allows 80 writes a minute and 500 an hour per token: retiring 2,000 deployments takes about three hours (see "Cleaning up an organization" in the README).'

    Outputs     = @(
        @{ Type = 'None, DeploymentStatus.GhDeploymentStatus or DeploymentStatus.GhCleanupResult'; Description = 'Nothing by default. With -PassThru, the inactive status created for a deployment; with -Environment, one result per repository.' }
    )

    Links       = @('Get-GhRepository', 'New-GhDeploymentStatus', 'Remove-GhDeployment', 'Get-GhDeployment', 'about_DeploymentStatus')
}
