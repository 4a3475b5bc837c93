# The templates users copy (examples/azure-pipelines, examples/github-actions), run as their runners would run them
# (tests/Pester/CiRunner.psm1): every PowerShell step in order, a fresh `dotnet pwsh` each, with the variables the runner
# gives it and nothing else, the BUILT module on PSModulePath, against the emulator. The deploy script is a stub that
# succeeds, or fails (the job's status becomes Failed / failure), or the run is cancelled after it (Canceled / cancelled):
# the last step, Complete-GhDeployment under condition: always() / if: always(), must then post success, failure or error.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    Import-Module "$PSScriptRoot/CiRunner.psm1" -Force
    $script:root = Get-DsRepoRoot
    $script:sha = '7b3936492100f1b6f184e9b1ed9b4f97a8f61ed2'

    function script:New-Workspace {
        # The repository's scripts the examples call: stubs.
        $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path (Join-Path $dir 'scripts')
        Set-Content -LiteralPath (Join-Path $dir 'scripts/build.ps1') -Value "Write-Host 'built'"
        Set-Content -LiteralPath (Join-Path $dir 'scripts/deploy.ps1') -Value "param([string] `$Environment) Write-Host ""deployed to `$Environment"""
        Set-Content -LiteralPath (Join-Path $dir 'scripts/smoke-test.ps1') -Value "param([string] `$Url) if (-not `$Url) { throw 'no URL to test' }; Write-Host ""smoke-tested `$Url"""
        $dir
    }

    function script:Get-Deployment([string] $Environment) {
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object environment -eq $Environment)
    }

    function script:Assert-EndedIn($Job, [string] $Environment, [string] $State, [string] $Description) {
        # The last step ran however the job went (always()), saw how it went, and posted the final state after in_progress.
        $last = $Job.Steps | Where-Object Name -eq 'Report the outcome to GitHub'
        $last.Ran | Should -BeTrue -Because 'the last step runs under always()'
        $last.JobStatus | Should -Be $Job.Status
        $last.ExitCode | Should -Be 0
        $statuses = @((Get-Deployment $Environment)[0].statuses | Sort-Object id)
        $statuses.state | Should -Be @('in_progress', $State)
        $statuses[1].description | Should -Be $Description
    }

    function script:Assert-StepsRan($Job) {
        foreach ($s in @($Job.Steps | Where-Object Ran)) {
            $s.ExitCode | Should -Be 0 -Because "step '$($s.Name)' should succeed (stderr: $($s.StdErr); stdout: $($s.Lines -join ' | '))"
        }
    }
}

Describe 'examples/azure-pipelines' {
    BeforeAll {
        $script:pipelinePath = Join-Path $script:root 'examples/azure-pipelines/azure-pipelines.yml'
        $script:pipeline = Read-CiYaml (Get-Content -LiteralPath $script:pipelinePath -Raw)

        function script:Invoke-AzureJob([string] $Stage, [string] $Job, [hashtable] $Outputs, [string[]] $FailStep = @(), [string] $CancelAfter) {
            $predefined = @{
                'Build.SourceVersion'       = $script:sha
                'Build.SourceBranch'        = 'refs/heads/main'
                'Build.Repository.Provider' = 'GitHub'
                'Build.Repository.Name'     = 'octo-org/hello-world'
                'Build.BuildId'             = '1234'
                'Build.BuildNumber'         = '20250101.1'
                'System.CollectionUri'      = 'https://dev.azure.com/contoso/'
                'System.TeamProject'        = 'Web Shop'
                'System.HostType'           = 'build'
            }
            $run = @{
                Pipeline = $script:pipeline; Path = $script:pipelinePath; Stage = $Stage; Job = $Job
                Predefined = $predefined; Secrets = @{ GitHubToken = $script:token }; Outputs = $Outputs
                # The emulator stands for a GitHub Enterprise Server, whose token the module takes from GH_ENTERPRISE_TOKEN
                # (on github.com the steps' GH_TOKEN: $(GitHubToken) is the one).
                Machine = @{ GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri; GH_ENTERPRISE_TOKEN = $script:token }
                FailStep = $FailStep; CancelAfter = $CancelAfter; WorkingDirectory = $script:workspace
            }
            Invoke-AzurePipelineJob @run
        }
    }

    BeforeEach {
        $script:token = Initialize-GhEmulatorRepo
        $script:workspace = New-Workspace
    }

    It 'builds, deploys to staging through the step template, verifies it from the next stage, deploys to production: each deployment ends in success with its job''s log' {
        $outputs = @{}
        $build = Invoke-AzureJob Build Build $outputs
        $staging = Invoke-AzureJob Staging DeployStaging $outputs
        $verify = Invoke-AzureJob Verify Verify $outputs
        $production = Invoke-AzureJob Production DeployProduction $outputs

        foreach ($job in $build, $staging, $verify, $production) { Assert-StepsRan $job; $job.Status | Should -Be 'Succeeded' }
        @($staging.Steps | Where-Object Ran).Name | Should -Be @('Create the GitHub deployment', 'Deploy', 'Report the outcome to GitHub') -Because 'the template''s three steps run'
        @($production.Steps | Where-Object Ran).Count | Should -Be 3

        $stagingDeployment = Get-Deployment staging
        $stagingDeployment.Count | Should -Be 1 -Because 'ENVIRONMENT_NAME of the deployment job is the environment'
        $stagingDeployment[0].ref | Should -Be $script:sha -Because 'the ref is BUILD_SOURCEVERSION'
        $outputs['Staging/DeployStaging']['DeployStaging.create.DeploymentId'] | Should -Be $stagingDeployment[0].id
        $verify.Variables['StagingDeploymentId'] | Should -Be $stagingDeployment[0].id -Because 'the Verify stage maps the output with stageDependencies'
        ($verify.Steps | Where-Object Ran).Lines | Should -Contain 'smoke-tested https://staging.example.com'

        $jobLog = 'https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234&view=logs&j=' + $staging.Variables['System.JobId']
        $states = @($stagingDeployment[0].statuses | Sort-Object id)
        $states.state | Should -Be @('in_progress', 'success')
        $states.log_url | Should -Be @($jobLog, $jobLog)
        $states[1].environment_url | Should -Be 'https://staging.example.com'
        $states[1].description | Should -Be 'The job succeeded'

        $productionDeployment = Get-Deployment production
        $productionDeployment.Count | Should -Be 1
        $productionDeployment[0].ref | Should -Be $script:sha
        @($productionDeployment[0].statuses | Sort-Object id).state | Should -Be @('in_progress', 'success')
        @($productionDeployment[0].statuses | Sort-Object id)[1].log_url | Should -Be ('https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234&view=logs&j=' + $production.Variables['System.JobId'])
    }

    It 'a failed deploy step: AGENT_JOBSTATUS Failed, and the deployment ends in failure' {
        $production = Invoke-AzureJob Production DeployProduction @{} -FailStep 'Deploy'
        $production.Status | Should -Be 'Failed'
        Assert-EndedIn $production production failure 'The job failed'
    }

    It 'a cancelled run: AGENT_JOBSTATUS Canceled, and the deployment ends in error "cancelled"' {
        $staging = Invoke-AzureJob Staging DeployStaging @{} -CancelAfter 'Deploy'
        $staging.Status | Should -Be 'Canceled'
        Assert-EndedIn $staging staging error cancelled
    }
}

Describe 'examples/github-actions' {
    BeforeAll {
        $script:workflow = Read-CiYaml (Get-Content -LiteralPath (Join-Path $script:root 'examples/github-actions/deploy.yml') -Raw)
        $script:github = @{
            sha = $script:sha; ref = 'refs/heads/main'; repository = 'octo-org/hello-world'; run_id = '1658821493'; run_attempt = '1'
            run_number = '3'; server_url = 'https://github.com'
        }

        function script:Invoke-WorkflowJob([string] $Job, [hashtable] $Needs = @{}, [long] $CheckRunId, [string[]] $FailStep = @(), [string] $CancelAfter) {
            $github = $script:github.Clone()
            # The emulator stands for the GitHub server the runner belongs to: GITHUB_API_URL names it, and the module
            # takes the job's GITHUB_TOKEN for it.
            $github.api_url = $script:emu.ApiUri.AbsoluteUri.TrimEnd('/')
            $run = @{
                Workflow = $script:workflow; Job = $Job; Github = $github; Secrets = @{ GITHUB_TOKEN = $script:token }
                Needs = $Needs; CheckRunId = $CheckRunId; FailStep = $FailStep; CancelAfter = $CancelAfter; WorkingDirectory = $script:workspace
            }
            Invoke-ActionsJob @run
        }
    }

    BeforeEach {
        $script:token = Initialize-GhEmulatorRepo
        $script:workspace = New-Workspace
    }

    It 'builds, deploys to staging, verifies it in the next job through needs, deploys to production: each deployment ends in success with its job''s page' {
        $build = Invoke-WorkflowJob build -CheckRunId 51725241950
        $staging = Invoke-WorkflowJob deploy-staging -Needs @{ build = $build.Outputs } -CheckRunId 51725241954
        $verify = Invoke-WorkflowJob verify-staging -Needs @{ 'deploy-staging' = $staging.Outputs } -CheckRunId 51725241960
        $production = Invoke-WorkflowJob deploy-production -Needs @{ 'verify-staging' = $verify.Outputs } -CheckRunId 51725241970

        foreach ($job in $build, $staging, $verify, $production) { Assert-StepsRan $job; $job.Status | Should -Be 'success' }
        @($staging.Steps | Where-Object Ran).Name | Should -Be @('Create the GitHub deployment', 'Deploy', 'Report the outcome to GitHub')
        @($staging.Steps | Where-Object { -not $_.Ran }).Skipped | Should -Be @('not a run step') -Because 'only actions/checkout is not PowerShell'

        $stagingDeployment = Get-Deployment staging
        $stagingDeployment.Count | Should -Be 1
        $stagingDeployment[0].ref | Should -Be $script:sha -Because 'the ref is GITHUB_SHA'
        $staging.Outputs['deployment-id'] | Should -Be $stagingDeployment[0].id -Because 'the job maps the step output for needs.deploy-staging.outputs'
        ($staging.Steps | Where-Object Name -eq 'Create the GitHub deployment').Env['DEPLOYMENTSTATUS_DEPLOYMENT_ID'] | Should -Be $stagingDeployment[0].id -Because 'the id goes to $GITHUB_ENV for the last step'
        ($verify.Steps | Where-Object Ran).Lines | Should -Contain 'smoke-tested https://staging.example.com'

        $states = @($stagingDeployment[0].statuses | Sort-Object id)
        $states.state | Should -Be @('in_progress', 'success')
        $states.log_url | Should -Be (@('https://github.com/octo-org/hello-world/actions/runs/1658821493/job/51725241954') * 2) -Because 'the steps map JOB_CHECK_RUN_ID: job.check_run_id'
        $states[1].environment_url | Should -Be 'https://staging.example.com'

        $productionDeployment = Get-Deployment production
        @($productionDeployment[0].statuses | Sort-Object id).state | Should -Be @('in_progress', 'success')
        @($productionDeployment[0].statuses | Sort-Object id)[1].log_url | Should -Be 'https://github.com/octo-org/hello-world/actions/runs/1658821493/job/51725241970'
    }

    It 'a failed deploy step: job.status failure, and the deployment ends in failure' {
        $production = Invoke-WorkflowJob deploy-production -Needs @{ 'verify-staging' = @{} } -CheckRunId 51725241970 -FailStep 'Deploy'
        $production.Status | Should -Be 'failure'
        Assert-EndedIn $production production failure 'The job failed'
    }

    It 'a cancelled run: job.status cancelled, and the deployment ends in error "cancelled"' {
        $staging = Invoke-WorkflowJob deploy-staging -Needs @{ build = @{} } -CheckRunId 51725241954 -CancelAfter 'Deploy'
        $staging.Status | Should -Be 'cancelled'
        Assert-EndedIn $staging staging error cancelled
    }
}
