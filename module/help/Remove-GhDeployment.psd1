@{
    Synopsis    = 'Deletes GitHub deployments: one deployment, or the deployments of whole environments.'

    Description = @'
Remove-GhDeployment calls DELETE /repos/{owner}/{repo}/deployments/{deployment_id}. Deleting is permanent, so the cmdlet asks for confirmation (ConfirmImpact is High) unless you add -Confirm:$false.

GitHub deletes only an inactive deployment, or the repository's only deployment; anything else fails with 422 (GhValidationFailed). -Force first marks an active deployment inactive (POST .../statuses with state inactive) and then deletes it. A deployment piped from Get-GhDeployment brings its State, so -Force marks it inactive only when it needs it.

Deployments bind from the pipeline by property name (Owner, Repository and Id), so the output of Get-GhDeployment can be piped in. Each deletion shifts GitHub's later pages of a list, so Remove-GhDeployment takes its whole input first and deletes once the input has ended: Get-GhDeployment -Environment review-9 | Remove-GhDeployment -Force removes every deployment of the environment, however many pages it has. A deployment that cannot be deleted is a non-terminating error; the others are still deleted.

Or give it whole environments with -Environment: names or wildcards ('review/*', '*'). It keeps the newest -Keep deployments of each environment (none by default), deletes those that are inactive and, with -Force, marks the others inactive and deletes them; without -Force they are left, and counted. Repositories (Get-GhRepository) and environments (Get-GhEnvironment) pipe in. The run is planned first (each repository's deployments read once, with their states; archived repositories skipped with a note), -WhatIf prints the plan, the writes go within GitHub's write budget with a progress bar that shows the time left, and a summary line per repository (and a total) ends it; -PassThru returns one DeploymentStatus.GhCleanupResult per repository. When the write budget is spent for longer than the policy waits, the run stops with GhRateLimited naming when it refills and how many writes remain: the same command run again goes on where it stopped.
'@

    Parameters  = @{
        RepositoryObject = 'A repository from Get-GhRepository (DeploymentStatus.GhRepository), whose environments -Environment names. You do not need to name it: a repository piped in binds here, so -Environment is required and its ID is never taken for a deployment''s.'
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name (a repository from Get-GhRepository, a deployment, an environment).'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of the deployment to delete, a 64-bit number. Binds from the pipeline by property name, also from a property named Id, and a bare number from the pipeline.'
        InputObject  = 'A deployment from Get-GhDeployment, from the pipeline: its State tells whether -Force needs to mark it inactive first. You do not need to name it: a deployment piped in binds here.'
        Environment  = 'Deletes the deployments of these environments, except the newest -Keep of each. Names or wildcards (review/*, *). Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        EnvironmentObject = 'An environment from Get-GhEnvironment (DeploymentStatus.GhEnvironment), cleaned up as with -Environment. You do not need to name it: an environment piped in binds here, so that its deployments are deleted rather than its ID taken for a deployment''s.'
        Keep         = @{ Description = 'With -Environment, how many of the newest deployments of each environment stay. The default, 0, deletes them all.'; DefaultValue = '0' }
        Force        = 'Marks an active deployment inactive first, so that GitHub lets it be deleted. Without -Force, deleting an active deployment that is not the repository''s only one fails, and -Environment leaves active deployments as they are.'
        PassThru     = 'For deployments, returns each deleted deployment as it was just before (read with one more request unless it came from the pipeline). With -Environment, returns one DeploymentStatus.GhCleanupResult per repository. By default, Remove-GhDeployment returns nothing.'
    }

    Examples    = @(
        @{
            Title   = 'Delete the deployments of a review app that has been torn down'
            Code    = 'Remove-GhDeployment -Environment "review-$PRNumber" -Force -Confirm:$false'
            Remarks = '-Force retires each active deployment first, since GitHub deletes only inactive ones. -Confirm:$false is needed in a pipeline, where no one can answer the prompt.'
        }
        @{
            Title   = 'Delete what a list found'
            Code    = 'Get-GhDeployment -Environment review-9 | Remove-GhDeployment -Force -Confirm:$false'
            Remarks = 'The whole list is read before the first deletion, so no page is skipped.'
        }
        @{
            Title   = 'Delete one deployment by ID'
            Code    = 'Remove-GhDeployment -Owner octo-org -Repository hello-world -DeploymentId 2147483801'
            Remarks = 'PowerShell asks for confirmation first. If the deployment is still active, the error says so; retire it with Set-GhDeploymentInactive or add -Force.'
        }
        @{
            Title   = 'Preview a clean-up of every repository'
            Code    = 'Get-GhRepository -Owner acme | Remove-GhDeployment -Environment ''preview/*'' -Force -WhatIf'
            Remarks = '-WhatIf prints the plan (per environment and repository: kept, to delete, to mark inactive and delete; the writes and about how long they take) and sends nothing.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps). Deleting an active deployment takes two writes (a status, then the delete); GitHub allows 80 writes a minute and 500 an hour per token.'

    Outputs     = @(
        @{ Type = 'None, DeploymentStatus.GhDeployment or DeploymentStatus.GhCleanupResult'; Description = 'Nothing by default. With -PassThru, each deleted deployment as it was before; with -Environment, one result per repository.' }
    )

    Links       = @('Get-GhRepository', 'Set-GhDeploymentInactive', 'Get-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/deployments#delete-a-deployment')
}
