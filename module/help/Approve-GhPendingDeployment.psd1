@{
    Synopsis    = 'Approves the deployments a GitHub Actions workflow run waits on.'

    Description = @'
Approve-GhPendingDeployment reviews the deployments a workflow run waits on for its required reviewers: it reads them (GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments), keeps those the connected account may review (CurrentUserCanApprove), and sends their environments' IDs in one request (POST …/pending_deployments with state approved and the comment). The review lets the run's jobs deploy.

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
            Title   = 'Approve everything you may approve in a run'
            Code    = @'
Approve-GhPendingDeployment -RunId 9000000042 -Comment 'Change CHG0042 approved'
'@
            Remarks = 'Every environment the run waits on that the connected account may approve, in one request.'
        }
        @{
            Title   = 'Approve some environments and get their deployments'
            Code    = @'
Approve-GhPendingDeployment -RunId $run -Environment staging, 'qa-*' -Comment 'Ship it' -PassThru
'@
            Remarks = 'Only staging and the qa environments; -PassThru returns their deployments.'
        }
    )

    Notes       = 'Only a required reviewer of an environment may review it (as a user, or as a member of a reviewing team), and not the one who triggered the run when the environment prevents self-review. The token needs Deployments: Read and write (fine-grained) or the repo scope (classic).'

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhDeployment'; Description = 'Nothing by default. With -PassThru, the deployments of the reviewed environments.' } )

    Links       = @('Get-GhPendingDeployment', 'Deny-GhPendingDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/actions/workflow-runs#review-pending-deployments-for-a-workflow-run')
}
