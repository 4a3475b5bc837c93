@{
    Synopsis    = 'Rejects the deployments a GitHub Actions workflow run waits on.'

    Description = @'
Deny-GhPendingDeployment reviews the deployments a workflow run waits on for its required reviewers: it reads them (GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments), keeps those the connected account may review (CurrentUserCanApprove), and sends their environments' IDs in one request (POST …/pending_deployments with state rejected and the comment). The review rejects the run's jobs waiting on the environments, which then fail.

Without -Environment it reviews every environment the account may review. -Environment narrows it to the environments named (wildcards allowed). A name the run does not wait on is a GhNotPending error, one the account may not review a GhNotAReviewer error; the others are still reviewed. When there is nothing left to review, nothing is sent.

-RunId defaults to GITHUB_RUN_ID. Pending deployments from Get-GhPendingDeployment pipe in. -WhatIf and -Confirm list the environments before anything is sent. Nothing is returned unless -PassThru, which returns the deployments GitHub answers with.
'@

    Parameters  = @{
        Owner       = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository  = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        RunId       = 'The workflow run: the number in its URL (…/actions/runs/RUN_ID). Defaults to GITHUB_RUN_ID. Binds from the pipeline by property name.'
        Environment = 'Only these environments of the run (wildcards allowed). Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        Comment     = 'The comment GitHub shows with the review (required by GitHub; may be empty).'
        PassThru    = 'Returns the deployments of the reviewed environments, as GitHub answers them.'
    }

    Examples    = @(
        @{
            Title   = 'Reject a run''s production deployment'
            Code    = @'
Deny-GhPendingDeployment -RunId 9000000042 -Environment production -Comment 'Freeze until Monday'
'@
            Remarks = 'The run''s production job fails; its other pending jobs still wait.'
        }
        @{
            Title   = 'Preview rejecting the production environments of a run'
            Code    = @'
Get-GhPendingDeployment -RunId $run | Where-Object Environment -like 'prod*' | Deny-GhPendingDeployment -Comment 'Rolled back' -WhatIf
'@
            Remarks = '-WhatIf reads the pending deployments and says what it would reject; it sends no review.'
        }
    )

    Notes       = 'Only a required reviewer of an environment may review it (as a user, or as a member of a reviewing team), and not the one who triggered the run when the environment prevents self-review. The token needs Deployments: Read and write (fine-grained) or the repo scope (classic).'

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhDeployment'; Description = 'Nothing by default. With -PassThru, the deployments of the reviewed environments.' } )

    Links       = @('Get-GhPendingDeployment', 'Approve-GhPendingDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/actions/workflow-runs#review-pending-deployments-for-a-workflow-run')
}
