@{
    Synopsis    = 'Creates a GitHub deployment of a ref to an environment.'

    Description = @'
New-GhDeployment calls POST /repos/{owner}/{repo}/deployments and returns the created deployment as a DeploymentStatus.GhDeployment object. A deployment is a request to deploy a specific ref (branch, tag or SHA) to an environment; your pipeline then reports its progress and result with New-GhDeploymentStatus, or lets Invoke-GhDeployment do all of it.

Only the parameters you give are sent, so GitHub's defaults apply to the rest: task deploy, environment production, auto-merge on, production_environment true only for production, and every status check of the ref required.

GitHub refuses a deployment with 409 Conflict when the required status checks of the ref have not passed or when auto-merging the default branch into the ref conflicts; the error (GhConflict) names the failing checks. -SkipStatusCheck sends an empty required_contexts list so that no check is required; -AutoMerge $false turns auto-merging off. When GitHub merges the default branch into the ref instead of creating a deployment (202 Accepted), the cmdlet writes a warning and no object.
'@

    Parameters  = @{
        Owner                 = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository            = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Ref                   = 'The ref to deploy: a branch name, a tag name or a commit SHA. Binds from the pipeline by property name. When not given, in CI the run''s own commit is the default for a deployment of the run''s own repository: GITHUB_SHA (GitHub Actions), BUILD_SOURCEVERSION when the pipeline''s repository is on GitHub (Azure Pipelines). Elsewhere it is required (GhRefNotSpecified).'
        Environment           = 'The name of the environment to deploy to, such as production, staging or qa. Binds from the pipeline by property name, also from a property named Name (an environment from Get-GhEnvironment). Tab completes the repository''s environments. When not given: in an Azure Pipelines deployment job the job''s environment (ENVIRONMENT_NAME), in a classic release the stage (RELEASE_ENVIRONMENTNAME); otherwise GitHub''s default, production.'
        Task                  = 'The kind of deployment, such as deploy or deploy:migrations. GitHub''s default is deploy.'
        Description           = 'A short description of the deployment.'
        Payload               = 'Extra information for the deployment: a hashtable, a PSCustomObject or a JSON string. It is sent as JSON with nested hashtables and arrays kept as nested JSON, and comes back in the Payload property.'
        TransientEnvironment  = 'Marks the environment as transient: one that is destroyed later, such as a review app. GitHub does not mark deployments of a transient environment inactive automatically.'
        ProductionEnvironment = 'Marks the environment as one your users interact with. GitHub''s default is true for an environment named production and false otherwise; give -ProductionEnvironment $true or $false to say otherwise.'
        RequiredContext       = 'The status check contexts that must have passed on the ref for the deployment to be created, such as ci/build. By default GitHub requires every context of the ref.'
        AutoMerge             = 'Whether GitHub merges the default branch into the ref first when the ref is behind it. GitHub''s default is true; -AutoMerge $false turns it off.'
        SkipStatusCheck       = 'Requires no status checks at all (sends an empty required_contexts list), so the deployment is created whatever the checks of the ref say. It cannot be combined with -RequiredContext.'
        CiOutputName          = 'Hands the new deployment''s ID to later CI steps under this name (letters, digits, _ and -). Under Azure Pipelines it sets an output variable of the step (the task.setvariable logging command with isOutput=true, on standard output): later steps of the job read $(STEP.NAME) in the YAML (or $env:STEP_NAME), later jobs dependencies.JOB.outputs[''STEP.NAME''], later stages stageDependencies.STAGE.JOB.outputs[''STEP.NAME'']. Under GitHub Actions it appends NAME=ID to the file named by GITHUB_OUTPUT: later steps read steps.STEP_ID.outputs.NAME, later jobs needs.JOB.outputs.NAME once the job maps it. In CI the ID and the repository also become variables of the job''s later steps (DEPLOYMENTSTATUS_DEPLOYMENT_ID, DEPLOYMENTSTATUS_REPOSITORY), which Complete-GhDeployment reads. Outside those CIs nothing is set and a warning says so. With several refs from the pipeline, the last deployment''s ID wins.'
    }

    Examples    = @(
        @{
            Title   = 'Create a deployment of the current commit in GitHub Actions'
            Code    = @'
# - id: deploy
#   shell: pwsh
#   run: New-GhDeployment -Ref $env:GITHUB_SHA -Environment staging -Description "Run $env:GITHUB_RUN_NUMBER" -CiOutputName deployment-id
# A later step: ${{ steps.deploy.outputs.deployment-id }}
New-GhDeployment -Ref $env:GITHUB_SHA -Environment staging -Description "Run $env:GITHUB_RUN_NUMBER" -CiOutputName deployment-id
'@
            Remarks = 'The token comes from GITHUB_TOKEN (give the job the deployments: write permission) and the repository from GITHUB_REPOSITORY. -CiOutputName appends deployment-id=ID to $GITHUB_OUTPUT, so later steps read the deployment ID as a step output.'
        }
        @{
            Title   = 'Create a deployment from Azure Pipelines and pass its ID on'
            Code    = @'
# - pwsh: New-GhDeployment ... -CiOutputName DeploymentId
#   name: create
# A later job: dependencies.<job>.outputs['create.DeploymentId']
# A later stage: stageDependencies.<stage>.<job>.outputs['create.DeploymentId']
New-GhDeployment -Owner contoso -Repository web-api -Ref $env:BUILD_SOURCEVERSION -Environment production -Payload @{ buildId = $env:BUILD_BUILDID; slots = @('blue', 'green') } -CiOutputName DeploymentId
'@
            Remarks = 'The payload is stored by GitHub as nested JSON. -CiOutputName sets the output variable DeploymentId of the step, so later steps, jobs and stages can report on the same deployment.'
        }
        @{
            Title   = 'Deploy a review app without waiting for status checks'
            Code    = 'New-GhDeployment -Ref feature/login -Environment "review-$PRNumber" -TransientEnvironment -ProductionEnvironment $false -SkipStatusCheck -AutoMerge $false'
            Remarks = 'A transient, non-production environment, created even though CI is still running on the branch, and without merging the default branch into it.'
        }
        @{
            Title   = 'See what would be sent'
            Code    = 'New-GhDeployment -Ref v2.4.0 -Environment production -RequiredContext ci/build, ci/test -WhatIf'
            Remarks = '-WhatIf shows the deployment that would be created and sends nothing.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps). A GITHUB_TOKEN needs "permissions: deployments: write" in the workflow.'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhDeployment'; Description = 'The created deployment. Nothing (and a warning) when GitHub merged the default branch into the ref instead.' } )

    Links       = @('New-GhDeploymentStatus', 'Invoke-GhDeployment', 'Get-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/deployments#create-a-deployment')
}
