@{
    Synopsis    = 'Posts a deployment''s final status from how the CI job ended: success, failure, or error when it was cancelled.'

    Description = @'
Complete-GhDeployment is the last step of a CI job that deploys: it runs whatever happened before it (Azure Pipelines condition: always(), GitHub Actions if: always()) and reports how the job ended as the deployment's final status (POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses). It returns the created status as a DeploymentStatus.GhDeploymentStatus object.

How the job ended comes from -JobStatus, in either runner's words, or, under Azure Pipelines, from AGENT_JOBSTATUS:

- Succeeded, SucceededWithIssues (Azure Pipelines) and success (GitHub Actions) post success.
- Failed and failure post failure.
- Canceled and cancelled post error with the description "cancelled".

GitHub Actions has no variable for the job's status, so a workflow passes it: -JobStatus ${{ job.status }}. Any other value, or none, posts nothing and stops with GhJobStatusUnknown.

The deployment is -DeploymentId or, when you give none, the one that New-GhDeployment or Invoke-GhDeployment -CiOutputName created in an earlier step of the same job: besides the named output, they hand its ID and repository on as the job variables DEPLOYMENTSTATUS_DEPLOYMENT_ID and DEPLOYMENTSTATUS_REPOSITORY (Azure Pipelines: a job-scoped variable set with task.setvariable; GitHub Actions: a line in $GITHUB_ENV). So the usual last step is just Complete-GhDeployment. In another job or stage, pass the ID on with -CiOutputName and give it here: -DeploymentId $(DeploymentId) from a variable mapped in the YAML.

-LogUrl defaults to the job's log: Azure Pipelines' job log (_build/results?buildId=BUILD_BUILDID&view=logs&j=SYSTEM_JOBID), a classic release's RELEASE_RELEASEWEBURL, the GitHub Actions run (and the job's own page when the step maps JOB_CHECK_RUN_ID: ${{ job.check_run_id }}). -EnvironmentUrl and -Description are sent when given; the description otherwise says how the job ended.

Under Azure Pipelines and GitHub Actions a status that cannot be posted is also reported to the run's summary page as an error.
'@

    Parameters  = @{
        Owner          = 'The account or organization that owns the repository. Defaults to the repository of the handed-on deployment, then to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository     = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId   = 'The ID of the deployment to complete, a 64-bit number. Defaults to the deployment an earlier step of the same job created with -CiOutputName (DEPLOYMENTSTATUS_DEPLOYMENT_ID). Binds from the Id property of deployment objects and the DeploymentId property of status objects in the pipeline.'
        JobStatus      = 'How the CI job ended: Succeeded, SucceededWithIssues, Failed, Canceled (Azure Pipelines'' Agent.JobStatus) or success, failure, cancelled (GitHub Actions'' job.status). Under Azure Pipelines it defaults to AGENT_JOBSTATUS; under GitHub Actions pass ${{ job.status }}.'
        EnvironmentUrl = 'The URL where the deployed application can be reached, shown by GitHub as "View deployment".'
        Description    = 'A short description of the final status, at most 140 characters. By default: "The job succeeded", "The job succeeded with issues", "The job failed" or "cancelled".'
        LogUrl         = 'The URL of the job''s log. Defaults to the log of the current Azure Pipelines job or classic release, or to the GitHub Actions run (the job''s page when JOB_CHECK_RUN_ID is mapped).'
    }

    Examples    = @(
        @{
            Title   = 'The last step of an Azure Pipelines deployment job'
            Code    = @'
# steps:
# - pwsh: New-GhDeployment -CiOutputName DeploymentId
#   name: create
# - pwsh: ./deploy.ps1
# - pwsh: Complete-GhDeployment -EnvironmentUrl https://staging.example.com
#   condition: always()
#   env:
#     GH_TOKEN: $(GitHubToken)
Complete-GhDeployment -EnvironmentUrl https://staging.example.com
'@
            Remarks = 'The deployment is the one the create step handed on; the state comes from AGENT_JOBSTATUS (Failed when deploy.ps1 failed, Canceled when the run was cancelled) and the log URL is the job''s log.'
        }
        @{
            Title   = 'The last step of a GitHub Actions job'
            Code    = @'
# - if: always()
#   shell: pwsh
#   env:
#     GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
#     JOB_CHECK_RUN_ID: ${{ job.check_run_id }}
#   run: Complete-GhDeployment -JobStatus '${{ job.status }}' -EnvironmentUrl https://www.example.com
Complete-GhDeployment -JobStatus success -EnvironmentUrl https://www.example.com
'@
            Remarks = 'GitHub Actions has no variable for the job''s status, so the step passes ${{ job.status }}. Mapping job.check_run_id as JOB_CHECK_RUN_ID makes the log URL the job''s own page.'
        }
        @{
            Title   = 'Complete a deployment created in another stage'
            Code    = @'
# variables:
#   DeploymentId: $[ stageDependencies.Staging.DeployStaging.outputs['DeployStaging.create.DeploymentId'] ]
Complete-GhDeployment -DeploymentId $env:DEPLOYMENTID -JobStatus Succeeded
'@
            Remarks = 'Across jobs and stages the ID travels as the -CiOutputName output, mapped into a variable of the consuming job; nothing else is needed.'
        }
    )

    Notes       = 'Requires a token with the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps).'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeploymentStatus'; Description = 'The final status that was created.' } )

    Links       = @('New-GhDeployment', 'Invoke-GhDeployment', 'New-GhDeploymentStatus', 'about_DeploymentStatus', 'https://learn.microsoft.com/azure/devops/pipelines/build/variables', 'https://docs.github.com/actions/reference/workflows-and-actions/contexts#job-context')
}
