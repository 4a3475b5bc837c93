@{
    Synopsis    = 'Creates a status for a GitHub deployment: queued, pending, in_progress, success, failure, error or inactive.'

    Description = @'
New-GhDeploymentStatus calls POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses and returns the created status as a DeploymentStatus.GhDeploymentStatus object.

Every parameter you give reaches GitHub under GitHub's own field name (state, description, log_url, target_url, environment, environment_url, auto_inactive); a parameter you leave out is not sent, so GitHub's defaults apply. The request carries the preview media types that older GitHub Enterprise Server versions need for in_progress, queued and inactive states and for the environment fields.

Deployments bind from the pipeline by property name (Owner, Repository and Id), so the output of Get-GhDeployment or New-GhDeployment can be piped straight in. A failure for one deployment is a non-terminating error, and the pipeline carries on with the next.

When you do not give -LogUrl and the cmdlet runs in a pipeline, -LogUrl defaults to the log of the current job: under GitHub Actions $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID (with /job/ID when the step maps JOB_CHECK_RUN_ID: ${{ job.check_run_id }}), under Azure Pipelines $(System.CollectionUri)$(System.TeamProject)/_build/results?buildId=$(Build.BuildId)&view=logs&j=$(System.JobId), in a classic release $(Release.ReleaseWebURL).
'@

    Parameters  = @{
        Owner          = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository     = 'The name of the repository, without the owner. Defaults to the connection''s repository, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        DeploymentId   = 'The ID of the deployment, a 64-bit number. Binds from the Id property of deployment objects and the DeploymentId property of status objects in the pipeline, and from a bare number in the pipeline.'
        State          = 'The state of the status: error, failure, inactive, in_progress, queued, pending or success. Tab completion offers them; anything else is rejected before a request is made. The value sent is always GitHub''s spelling (in_progress).'
        Description    = 'A short description of the status, at most 140 characters. A longer text is rejected before any request is made.'
        LogUrl         = 'The full URL of the deployment''s output, such as the log of the pipeline run. GitHub also uses it as the target URL when -TargetUrl is not given. Defaults to the log of the current Azure Pipelines job or classic release, or to the GitHub Actions run.'
        TargetUrl      = 'The target URL to associate with this status. GitHub recommends -LogUrl, which replaces it; this parameter is for older tools that read target_url.'
        Environment    = 'The name of the environment the deployment went to, such as production or staging. When omitted, GitHub keeps the environment of the previous status, else the deployment''s. Not taken from the pipeline (a piped deployment''s environment would be sent with every status). Tab completes the repository''s environments.'
        EnvironmentUrl = 'The URL where the deployed application can be reached, shown by GitHub as "View deployment".'
        AutoInactive   = 'Whether GitHub marks earlier non-transient, non-production deployments of the same environment as inactive when this status is success. GitHub''s default is true; pass $false to keep them active.'
    }

    Examples    = @(
        @{
            Title   = 'Report success for the newest staging deployment'
            Code    = 'Get-GhDeployment -Environment staging -First 1 | New-GhDeploymentStatus -State success -EnvironmentUrl https://staging.example.com'
            Remarks = 'The deployment object binds Owner, Repository and Id by property name.'
        }
        @{
            Title   = 'Report progress and the result from a GitHub Actions job'
            Code    = @'
$deployment = New-GhDeployment -Ref $env:GITHUB_SHA -Environment production
$deployment | New-GhDeploymentStatus -State in_progress -Description 'Rolling out'
try {
    ./deploy.ps1
    $deployment | New-GhDeploymentStatus -State success -EnvironmentUrl https://www.example.com
}
catch {
    $deployment | New-GhDeploymentStatus -State failure -Description $_.Exception.Message.Substring(0, [Math]::Min(140, $_.Exception.Message.Length))
    throw
}
'@
            Remarks = '-LogUrl is not given, so it defaults to the page of the workflow run. Invoke-GhDeployment wraps this pattern in one cmdlet.'
        }
        @{
            Title   = 'Set a status on a deployment by id, from Azure Pipelines'
            Code    = @'
# azure-pipelines.yml, a job of a later stage:
#   variables:
#     DeploymentId: $[ stageDependencies.Deploy.deploy.outputs['create.DeploymentId'] ]
New-GhDeploymentStatus -Owner contoso -Repository web-api -DeploymentId $env:DEPLOYMENTID -State success -Environment production -AutoInactive $false
'@
            Remarks = 'The deployment id was handed over by an earlier stage as an output variable (-CiOutputName DeploymentId). -AutoInactive $false keeps the previous deployments of the environment active. Azure Pipelines gives each variable to the step''s script as an environment variable (upper case, dots as underscores), so the script reads $env:NAME; that also runs when pasted at a prompt. The $(NAME) macro form works only inside the pipeline''s YAML, and a later stage reads an earlier one''s output only through stageDependencies.'
        }
    )

    Notes       = 'Requires a token with the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps).'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeploymentStatus'; Description = 'The created status.' } )

    Links       = @('New-GhDeployment', 'Get-GhDeploymentStatus', 'Set-GhDeploymentInactive', 'Invoke-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/statuses#create-a-deployment-status')
}
