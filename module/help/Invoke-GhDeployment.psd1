@{
    Synopsis    = 'Runs a deployment script inside a GitHub deployment: creates the deployment, reports in_progress, runs the script, and reports success or failure.'

    Description = @'
Invoke-GhDeployment wraps a script block in the whole lifecycle of a GitHub deployment:

1. It creates a deployment of -Ref to -Environment (POST /repos/{owner}/{repo}/deployments).
2. It reports the state in_progress, with -LogUrl and -Description.
3. It runs -ScriptBlock, whose output goes to the pipeline as usual.
4. When the script block finishes, it reports success with -EnvironmentUrl. When the script block throws (or a command in it writes an error while $ErrorActionPreference is Stop, or fails with -ErrorAction Stop), it reports failure with the first line of the error as the description, and the error goes on up as a terminating error. When the script's last native command exited with a non-zero code, it reports failure naming the code, and stops with the error GhDeploymentScriptFailed. When the run is stopped (Ctrl+C, a cancelled pipeline job), it reports error with the description "cancelled".

A native command (bash, az, kubectl, dotnet) does not throw when it fails; its exit code is in $LASTEXITCODE. Invoke-GhDeployment sets $LASTEXITCODE to 0 before the script block runs and reads it afterwards, so the exit code of the script's last native command (or of a script file it ran last, or of exit N) decides. A tool whose non-zero codes are not failures (robocopy returns 1 to 7 when it copied files) is covered by -SuccessExitCode, which lists the codes that mean success. A failed native command earlier in the script does not count unless the script checks $LASTEXITCODE itself (or sets $PSNativeCommandUseErrorActionPreference = $true in PowerShell 7.4 and later, which makes it an error).

The script block's output goes to the pipeline. In CI, what you leave out comes from the run: -Ref from its commit (GITHUB_SHA, or BUILD_SOURCEVERSION of a GitHub repository; only for the run's own repository), -Environment from an Azure Pipelines deployment job (ENVIRONMENT_NAME) or classic release stage (RELEASE_ENVIRONMENTNAME), and -LogUrl from the job's log, so every status links back to it. When GitHub cannot create the deployment (for example failed status checks, or a merge of the default branch instead of a deployment), the script block does not run and the cmdlet stops with an error.

Under Azure Pipelines and GitHub Actions the whole run is one collapsible group of the log (##[group] or ::group::), and its problems (a failed script, a cancelled run, a status that could not be posted) are also reported as the runner's errors and warnings (task.logissue, ::error::, ::warning::), so they show on the run's summary page. Groups do not nest: a script that opens its own groups ends this one early.
'@

    Parameters  = @{
        Owner          = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository     = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Ref            = 'The ref to deploy: a branch name, a tag name or a commit SHA. When not given, in CI the run''s own commit is the default for a deployment of the run''s own repository: GITHUB_SHA (GitHub Actions), BUILD_SOURCEVERSION when the pipeline''s repository is on GitHub (Azure Pipelines). Elsewhere it is required (GhRefNotSpecified).'
        Environment    = 'The name of the environment to deploy to, such as production or staging. Binds from the pipeline by property name, also from a property named Name (an environment from Get-GhEnvironment). Tab completes the repository''s environments. When not given: the Azure Pipelines deployment job''s environment (ENVIRONMENT_NAME) or the classic release stage (RELEASE_ENVIRONMENTNAME); elsewhere it is required (GhEnvironmentNotSpecified).'
        EnvironmentUrl = 'The URL where the deployed application can be reached, sent with the success status and shown by GitHub as "View deployment".'
        LogUrl         = 'The URL of the deployment''s log, sent with every status. Defaults to the log of the current Azure Pipelines job (a classic release''s page in a release) or to the GitHub Actions run (the job''s page when the step maps JOB_CHECK_RUN_ID: ${{ job.check_run_id }}).'
        Description    = 'A short description, at most 140 characters, for the deployment and its in_progress and success statuses. By default the statuses say "Deploying REF to ENVIRONMENT" and "Deployed REF to ENVIRONMENT".'
        ScriptBlock    = 'The deployment itself: the script block to run between the in_progress status and the success or failure status. It is the first positional parameter, so the script block can follow the cmdlet name directly.'
        Task           = 'The kind of deployment, such as deploy or deploy:migrations. GitHub''s default is deploy.'
        Payload        = 'Extra information for the deployment: a hashtable, a PSCustomObject or a JSON string. It is sent to GitHub as JSON, nested hashtables and arrays kept as nested JSON.'
        SkipStatusCheck = 'Requires no status checks on the ref (sends an empty required_contexts list), so the deployment is created even though checks are missing or failed. By default GitHub requires every status check of the ref to have passed.'
        PassThru       = 'Also returns the success status, after the script block''s own output. By default only the script block''s output is returned.'
        SuccessExitCode = @{ Description = 'The exit codes of the script''s last native command (or of exit N in the script) that mean success; any other marks the deployment failure. List every such code, 0 included: -SuccessExitCode (0..7) for robocopy.'; DefaultValue = '0' }
        CiOutputName   = 'Hands the deployment''s ID to later CI steps under this name (letters, digits, _ and -) as soon as the deployment is created, before the script block runs, so a later step can report on it even when the deployment failed. Under Azure Pipelines it sets an output variable of the step (the task.setvariable logging command with isOutput=true, on standard output); under GitHub Actions it appends NAME=ID to the file named by GITHUB_OUTPUT. In CI the ID and the repository also become variables of the job''s later steps (DEPLOYMENTSTATUS_DEPLOYMENT_ID, DEPLOYMENTSTATUS_REPOSITORY), so a last step of Complete-GhDeployment finds it. Outside those CIs nothing is set and a warning says so.'
    }

    Examples    = @(
        @{
            Title   = 'Deploy to staging from a GitHub Actions job'
            Code    = @'
Invoke-GhDeployment -Ref $env:GITHUB_SHA -Environment staging -EnvironmentUrl https://staging.example.com -ScriptBlock {
    ./deploy.ps1 -Target staging
}
'@
            Remarks = 'The workflow run''s page becomes the log URL of every status. If deploy.ps1 throws, the deployment is marked failure and the step fails.'
        }
        @{
            Title   = 'Hand the deployment''s ID to a later clean-up step in GitHub Actions'
            Code    = @'
# - id: deploy
#   shell: pwsh
#   run: Invoke-GhDeployment -Ref $env:GITHUB_SHA -Environment review -CiOutputName deployment_id { ./deploy.ps1 }
# - if: always()
#   shell: pwsh
#   run: Set-GhDeploymentInactive -DeploymentId ${{ steps.deploy.outputs.deployment_id }}
Invoke-GhDeployment -Ref $env:GITHUB_SHA -Environment review -CiOutputName deployment_id { ./deploy.ps1 }
'@
            Remarks = 'The ID is written to $GITHUB_OUTPUT right after the deployment is created, so the clean-up step finds it even when deploy.ps1 failed.'
        }
        @{
            Title   = 'Deploy to production from an Azure Pipelines deployment job'
            Code    = @'
Invoke-GhDeployment -Owner contoso -Repository web-api -Ref $env:BUILD_SOURCEVERSION -Environment production `
    -Description "Release $env:BUILD_BUILDNUMBER" -Payload @{ buildId = $env:BUILD_BUILDID } -ScriptBlock {
        az webapp deploy --resource-group web --name web-api --src-path ./drop/web-api.zip
    }
'@
            Remarks = 'The log URL defaults to the build results page of this run. az is the script''s last native command: when it exits with a non-zero code, the deployment is marked failure with that code and the step fails.'
        }
        @{
            Title   = 'Deploy files with robocopy, whose codes 1 to 7 mean success'
            Code    = @'
Invoke-GhDeployment -Ref main -Environment intranet -SuccessExitCode (0..7) {
    robocopy ./site \\web01\wwwroot /MIR
}
'@
            Remarks = 'robocopy exits with 1 when it copied files and 8 or more when something failed; only those codes mark the deployment failure.'
        }
        @{
            Title   = 'Run database migrations as their own deployment task'
            Code    = @'
$status = Invoke-GhDeployment -Ref main -Environment qa -Task deploy:migrations -SkipStatusCheck -PassThru {
    ./migrate.ps1 | Out-Host
}
"Migrations recorded as deployment $($status.DeploymentId)"
'@
            Remarks = 'The script block is the positional parameter. With -PassThru the success status is returned; its DeploymentId names the deployment that was created.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps).'

    Outputs     = @( @{ Type = 'System.Object'; Description = 'Whatever the script block writes. With -PassThru, also the success status (DeploymentStatus.GhDeploymentStatus) at the end.' } )

    Links       = @('New-GhDeployment', 'New-GhDeploymentStatus', 'about_DeploymentStatus')
}
