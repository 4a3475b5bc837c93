@{
    Synopsis    = 'Gets the environments a GitHub Actions workflow run waits on, and who may approve them.'

    Description = @'
Get-GhPendingDeployment calls GET /repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments and writes one DeploymentStatus.GhPendingDeployment for each environment the run's jobs wait on: its wait timer (and when it started), its reviewers (user logins, and teams as ORG/TEAM-SLUG), and CurrentUserCanApprove, whether the connected account may approve or reject it.

-RunId defaults to GITHUB_RUN_ID, the run of the GitHub Actions job it runs in; elsewhere, without -RunId, it stops with GhRunNotSpecified. The objects pipe into Approve-GhPendingDeployment and Deny-GhPendingDeployment (RunId and Environment bind by property name).
'@

    Parameters  = @{
        Owner      = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        RunId      = 'The workflow run: the number in its URL (…/actions/runs/RUN_ID). Defaults to GITHUB_RUN_ID. Binds from the pipeline by property name.'
    }

    Examples    = @(
        @{
            Title   = 'What is run 9000000042 waiting for?'
            Code    = 'Get-GhPendingDeployment -RunId 9000000042 | Format-Table Environment, WaitTimer, Reviewers, CurrentUserCanApprove'
        }
        @{
            Title   = 'Approve what you may approve, after a look'
            Code    = @'
$waiting = Get-GhPendingDeployment -RunId $run
$waiting | Where-Object CurrentUserCanApprove | Approve-GhPendingDeployment -Comment 'Smoke tests passed'
'@
            Remarks = 'Each pending deployment binds RunId and Environment.'
        }
    )

    Notes       = 'Anyone with read access to the repository may list a run''s pending deployments.'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhPendingDeployment'; Description = 'Owner, Repository, RunId, Environment, EnvironmentId, WaitTimer, WaitTimerStartedAt, Reviewers, CurrentUserCanApprove.' } )

    Links       = @('Approve-GhPendingDeployment', 'Deny-GhPendingDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/actions/workflow-runs#get-pending-deployments-for-a-workflow-run')
}
