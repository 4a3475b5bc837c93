@{
    Synopsis    = 'Waits until a GitHub deployment reaches a state (by default, until it ends), at no rate-limit cost.'

    Description = @'
Wait-GhDeployment waits for a deployment that someone else carries out (a GitHub Actions workflow triggered by the deployment event, a CD controller that posts statuses) and returns the status that ended the wait: the first new status whose state is one of -State (by default success, failure, error or inactive).

Give it a deployment with -DeploymentId, or pipe deployments in (New-GhDeployment ... | Wait-GhDeployment). Or give it -Environment, with -Ref or -Sha to narrow it: it waits for the newest deployment that matches, including one created after the wait began (the common case: the pipeline waits for the deployment of the commit it just handed on). When a newer matching deployment appears while it waits, that one is waited for.

It polls GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses (and, with -Environment, the deployment list) with conditional requests: each poll sends If-None-Match with the ETag of the last answer, and GitHub answers 304 Not Modified, which does not count against the rate limit, for as long as nothing has changed. A wait of any length costs one counted request, plus one for each change GitHub reports (two with -Environment). -Verbose shows each request, each 304 and the cost at the end.

Polls are -IntervalSec apart, longer (by half each time, up to four times the interval, at most a minute) while nothing changes, never less than the X-Poll-Interval GitHub may ask for. Each poll reads the statuses it has not seen, oldest first, so a state that came and went between two polls still counts; of a deployment that existed before the wait began, only its current (newest) status counts.

Ending in failure or error when -State does not name it is a GhDeploymentFailed error (category InvalidResult) with the status's description and log URL; the status is the error's TargetObject. When -TimeoutSec runs out first, it is a GhTimeout error naming the last state seen. Both are non-terminating, so several deployments piped in are each waited for and reported; -TimeoutSec bounds the whole command, and a deployment whose turn comes after it is checked once. A poll GitHub cannot answer (a 5xx or a network failure, after the policy's retries) is a warning, and the wait goes on.

It shows progress (the state, the time waited, the next check). Under Azure Pipelines (TF_BUILD) or GitHub Actions (GITHUB_ACTIONS) it writes no progress; instead each change of state is one line in the log. Ctrl+C ends it within a second.
'@

    Parameters  = @{
        RepositoryObject = 'A repository from Get-GhRepository (DeploymentStatus.GhRepository), in which -Environment''s newest deployment is waited for. You do not need to name it: a repository piped in binds here, so -Environment is required and its ID is never taken for a deployment''s.'
        Owner             = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository        = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId      = 'The ID of the deployment to wait for, a 64-bit number. Binds from the pipeline by property name, also from a property named Id.'
        InputObject       = 'A deployment from New-GhDeployment or Get-GhDeployment, from the pipeline, waited for by its ID. You do not need to name it: a deployment piped in binds here, so that its Environment is not taken for -Environment.'
        Environment       = 'Waits for the newest deployment of this environment (narrowed by -Ref and -Sha), including one created while waiting. Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        EnvironmentObject = 'An environment from Get-GhEnvironment (DeploymentStatus.GhEnvironment), waited on as with -Environment. You do not need to name it: an environment piped in binds here, so that its ID is not taken for a deployment''s.'
        Ref               = 'With -Environment, only deployments of this ref (a branch, tag or SHA, as the deployment named it).'
        Sha               = 'With -Environment, only deployments of this commit SHA.'
        State             = @{ Description = 'The states that end the wait, returning the status that reached one: any of error, failure, inactive, in_progress, queued, pending, success (InProgress is accepted for in_progress). failure and error end the wait anyway, as a GhDeploymentFailed error, unless named here.'; DefaultValue = 'success, failure, error, inactive' }
        TimeoutSec        = @{ Description = 'How long to wait, in seconds (fractions allowed), for all the deployments of the command together; 0 checks once. When it runs out, the wait ends with a GhTimeout error naming the last state seen.'; DefaultValue = '1800 (30 minutes)' }
        IntervalSec       = @{ Description = 'The time between two polls, in seconds (0.1 to 3600, fractions allowed). While nothing changes it grows by half each poll, up to four times this and at most a minute (unless this is longer); it is never less than GitHub''s X-Poll-Interval. An unchanged answer (304) costs no rate limit.'; DefaultValue = '5' }
    }

    Examples    = @(
        @{
            Title   = 'Hand a deployment to a GitHub Actions workflow, wait for it, then run the smoke tests'
            Code    = @'
$deployment = New-GhDeployment -Ref $env:BUILD_SOURCEVERSION -Environment staging -Description "Build $env:BUILD_BUILDNUMBER"
$status = $deployment | Wait-GhDeployment -TimeoutSec 1200 -ErrorAction Stop
./smoke-tests.ps1 -BaseUri $status.EnvironmentUrl
'@
            Remarks = 'The deployment event starts the workflow, which posts in_progress and then success or failure. Wait-GhDeployment returns the success status (with the environment URL the workflow gave it), or stops the script with GhDeploymentFailed or GhTimeout. Under Azure Pipelines each state change is one line of the log.'
        }
        @{
            Title   = 'Wait for the deployment a push started, by its commit'
            Code    = 'Wait-GhDeployment -Environment production -Sha $env:GITHUB_SHA -State success -IntervalSec 10 -Verbose'
            Remarks = 'Waits for the newest production deployment of that commit, also when it is created after the wait began, until it succeeds. -Verbose shows each poll: "304 Not Modified ... free (not counted against the rate limit)".'
        }
        @{
            Title   = 'Wait for several deployments, each reported'
            Code    = @'
$deployments = 'eu', 'us', 'ap' | ForEach-Object { New-GhDeployment -Ref v2.4.0 -Environment "production-$_" }
$deployments | Wait-GhDeployment -TimeoutSec 900 -ErrorVariable failed | Format-Table DeploymentId, Environment, State, EnvironmentUrl
$failed | ForEach-Object { "$($_.FullyQualifiedErrorId): $($_.Exception.Message)" }
'@
            Remarks = 'One deployment per region, waited for one after the other within 15 minutes in all. Each that succeeds is returned; each that fails or is still running at the end is its own non-terminating error (GhDeploymentFailed, GhTimeout), collected by -ErrorVariable.'
        }
    )

    Notes       = 'Requires read access to deployments: the repo_deployment scope (classic tokens) or the Deployments: read permission (fine-grained tokens and GitHub Apps). GitHub counts a conditional request answered 304 Not Modified against no rate limit, so a long wait costs the first answer and the changes only.'

    Links       = @('New-GhDeployment', 'Get-GhDeploymentStatus', 'Invoke-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api#use-conditional-requests-if-appropriate')
}
