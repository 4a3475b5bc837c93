# Defaults from the runner, through the BUILT module against the emulator: each with the variables a real runner sets
# (Azure Pipelines YAML deployment job, classic release, GitHub Actions job), each shown to give way to what the user
# passes, and none applying outside CI or where the variables cannot say for sure. The module's workflow commands go to
# a captured standard output (Invoke-CapturedStdout), never to a runner of these tests.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $script:sha = '7b3936492100f1b6f184e9b1ed9b4f97a8f61ed2'
    $script:jobId = '12f1170f-54f2-53f3-20dd-22fc7dff55f9'

    # A step of a YAML deployment job (runOnce) targeting staging, the pipeline's repository on GitHub.
    $script:azureDeploymentJob = @{
        TF_BUILD = 'True'; SYSTEM_HOSTTYPE = 'build'; SYSTEM_COLLECTIONURI = 'https://dev.azure.com/contoso/'; SYSTEM_TEAMPROJECT = 'Web Shop'
        SYSTEM_JOBID = $script:jobId; BUILD_BUILDID = '1234'; BUILD_SOURCEVERSION = $script:sha; BUILD_REPOSITORY_PROVIDER = 'GitHub'
        BUILD_REPOSITORY_NAME = 'octo-org/hello-world'; ENVIRONMENT_NAME = 'staging'; AGENT_JOBSTATUS = 'Succeeded'
    }
    $script:azureJobLog = "https://dev.azure.com/contoso/Web%20Shop/_build/results?buildId=1234&view=logs&j=$($script:jobId)"
    # A step of a classic release's stage QA: BUILD_* are the primary artifact's build.
    $script:azureRelease = @{
        TF_BUILD = 'True'; SYSTEM_HOSTTYPE = 'release'; SYSTEM_COLLECTIONURI = 'https://dev.azure.com/contoso/'; SYSTEM_TEAMPROJECT = 'Web Shop'
        SYSTEM_JOBID = $script:jobId; BUILD_BUILDID = '231'; BUILD_SOURCEVERSION = $script:sha; BUILD_REPOSITORY_PROVIDER = 'GitHub'
        BUILD_REPOSITORY_NAME = 'octo-org/hello-world'; RELEASE_RELEASEID = '118'; RELEASE_ENVIRONMENTNAME = 'QA'
        RELEASE_RELEASEWEBURL = 'https://dev.azure.com/contoso/f3325c6c/_release?releaseId=118&_a=release-summary'; AGENT_JOBSTATUS = 'Succeeded'
    }
    # A step of the GitHub Actions job deploy.
    $script:actionsJob = @{
        GITHUB_ACTIONS = 'true'; GITHUB_SHA = $script:sha; GITHUB_REPOSITORY = 'octo-org/hello-world'; GITHUB_RUN_ID = '1658821493'
        GITHUB_SERVER_URL = 'https://github.com'; GITHUB_JOB = 'deploy'
    }
    $script:actionsRun = 'https://github.com/octo-org/hello-world/actions/runs/1658821493'

    function script:Merge([hashtable] $Base, [hashtable] $Changes) {
        $merged = $Base.Clone()
        foreach ($k in $Changes.Keys) { $merged[$k] = $Changes[$k] }
        $merged
    }

    function script:Assert-NeedsEnvironment {
        # Invoke-GhDeployment with no environment from the user or the run: GhEnvironmentNotSpecified, nothing sent.
        Clear-GhEmulatorRequest
        $e = Invoke-Refused { Invoke-CapturedStdout { Invoke-GhDeployment { 'never' } } }
        $e.FullyQualifiedErrorId | Should -Be 'GhEnvironmentNotSpecified,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    function script:Get-LastBody([string] $PathLike) {
        $r = @(Get-GhEmulatorRequest -Method POST -PathLike $PathLike)
        if ($r.Count -eq 0) { return $null }
        $r[-1].body | ConvertFrom-Json -AsHashtable
    }

    function script:Get-OneDeployment {
        $all = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments)
        $all.Count | Should -Be 1
        $all[0]
    }
}

AfterAll {
    Reset-CiVariables
    Disconnect-GhAccount
}

Describe 'In an Azure Pipelines YAML deployment job' {
    BeforeEach {
        $null = Connect-TestRepo
        Use-CiVariables $script:azureDeploymentJob
    }
    AfterEach { Reset-CiVariables }

    It 'New-GhDeployment deploys BUILD_SOURCEVERSION to ENVIRONMENT_NAME, and says so with -Verbose' {
        $run = Invoke-CapturedStdout { New-GhDeployment -Verbose 4>&1 }
        $verbose = ($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -BeLike "*-Ref defaults to $($script:sha) (BUILD_SOURCEVERSION)*"
        $verbose | Should -BeLike '*-Environment defaults to staging (ENVIRONMENT_NAME)*'
        $d = Get-OneDeployment
        $d.ref | Should -Be $script:sha
        $d.environment | Should -Be 'staging'
        $run.Lines | Should -BeNullOrEmpty -Because 'no command is printed without -CiOutputName'
    }

    It 'New-GhDeploymentStatus links the job''s log (view=logs&j=SYSTEM_JOBID)' {
        $d = New-GhDeployment -Ref main
        $s = $d | New-GhDeploymentStatus -State in_progress
        $s.LogUrl | Should -Be $script:azureJobLog
        (Get-LastBody '*/statuses').log_url | Should -Be $script:azureJobLog
    }

    It 'what the user passes wins' {
        $d = New-GhDeployment -Ref v1.2 -Environment qa
        $d.Ref | Should -Be 'v1.2'
        $d.Environment | Should -Be 'qa'
        ($d | New-GhDeploymentStatus -State success -LogUrl https://ci.example.com/7).LogUrl | Should -Be 'https://ci.example.com/7'
    }

    It 'Invoke-GhDeployment needs neither -Ref nor -Environment, and every status links the job''s log' {
        $run = Invoke-CapturedStdout { Invoke-GhDeployment { 'deployed' } }
        $run.Output | Should -Be 'deployed'
        $d = Get-OneDeployment
        $d.ref | Should -Be $script:sha
        $d.environment | Should -Be 'staging'
        @($d.statuses | Sort-Object id).log_url | Should -Be @($script:azureJobLog, $script:azureJobLog)
    }

    It 'a deployment of another repository takes no ref from this run: GhRefNotSpecified, nothing sent' {
        Clear-GhEmulatorRequest
        $e = Invoke-Refused { New-GhDeployment -Owner octo-org -Repository other-repo }
        $e.FullyQualifiedErrorId | Should -Be 'GhRefNotSpecified,DeploymentStatus.Commands.NewGhDeploymentCommand'
        $e.Exception.Message | Should -BeLike '*pass -Ref*octo-org/other-repo*'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'a pipeline whose repository is in Azure Repos (<Provider>) takes no ref from it' -TestCases @(
        @{ Provider = 'TfsGit' }, @{ Provider = 'TfsVersionControl' }
    ) {
        Use-CiVariables (Merge $script:azureDeploymentJob @{ BUILD_REPOSITORY_PROVIDER = $Provider })
        Clear-GhEmulatorRequest
        (Invoke-Refused { New-GhDeployment }).FullyQualifiedErrorId | Should -BeLike 'GhRefNotSpecified,*'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'a plain job (no ENVIRONMENT_NAME): New-GhDeployment leaves the environment to GitHub, Invoke-GhDeployment asks for one' {
        Use-CiVariables (Merge $script:azureDeploymentJob @{ ENVIRONMENT_NAME = '' })
        (New-GhDeployment).Environment | Should -Be 'production' -Because 'GitHub''s default'
        Assert-NeedsEnvironment
    }
}

Describe 'In an Azure Pipelines classic release' {
    BeforeEach {
        $null = Connect-TestRepo
        Use-CiVariables $script:azureRelease
    }
    AfterEach { Reset-CiVariables }

    It 'the environment is the stage (RELEASE_ENVIRONMENTNAME), the ref the artifact''s commit, the log the release''s page (never the artifact''s build)' {
        $d = New-GhDeployment
        $d.Environment | Should -Be 'QA'
        $d.Ref | Should -Be $script:sha
        ($d | New-GhDeploymentStatus -State success).LogUrl | Should -Be $script:azureRelease.RELEASE_RELEASEWEBURL
    }
}

Describe 'In a GitHub Actions job' {
    BeforeEach {
        $null = Connect-TestRepo
        Use-CiVariables $script:actionsJob
    }
    AfterEach { Reset-CiVariables }

    It 'New-GhDeployment deploys GITHUB_SHA; the environment stays GitHub''s default (Actions has no variable for it)' {
        $d = New-GhDeployment
        $d.Ref | Should -Be $script:sha
        $d.Environment | Should -Be 'production'
        $d.Environment | Should -Not -Be 'deploy' -Because 'GITHUB_JOB is the job''s YAML id, no environment'
    }

    It 'the log is the run''s page, never made from GITHUB_JOB' {
        $s = New-GhDeployment -Environment staging | New-GhDeploymentStatus -State in_progress
        $s.LogUrl | Should -Be $script:actionsRun
    }

    It 'the log is the job''s own page when the step maps JOB_CHECK_RUN_ID: ${{ job.check_run_id }}' {
        Use-CiVariables (Merge $script:actionsJob @{ JOB_CHECK_RUN_ID = '51725241954' })
        $s = New-GhDeployment -Environment staging | New-GhDeploymentStatus -State in_progress
        $s.LogUrl | Should -Be "$($script:actionsRun)/job/51725241954"
    }

    It 'Invoke-GhDeployment still needs -Environment: GhEnvironmentNotSpecified, nothing sent' {
        Assert-NeedsEnvironment
    }
}

Describe 'Outside CI, with every runner variable copied into the shell but neither TF_BUILD nor GITHUB_ACTIONS' {
    BeforeEach {
        $null = Connect-TestRepo
        $all = Merge (Merge $script:azureDeploymentJob $script:azureRelease) $script:actionsJob
        $all.Remove('TF_BUILD'); $all.Remove('GITHUB_ACTIONS')
        $all.JOB_CHECK_RUN_ID = '51725241954'
        $all.DEPLOYMENTSTATUS_DEPLOYMENT_ID = '3000000001'; $all.DEPLOYMENTSTATUS_REPOSITORY = 'octo-org/hello-world'
        Use-CiVariables $all
    }
    AfterEach { Reset-CiVariables }

    It 'no ref: GhRefNotSpecified, nothing sent' {
        Clear-GhEmulatorRequest
        (Invoke-Refused { New-GhDeployment }).FullyQualifiedErrorId | Should -Be 'GhRefNotSpecified,DeploymentStatus.Commands.NewGhDeploymentCommand'
        (Invoke-Refused { Invoke-GhDeployment -Environment qa { } }).FullyQualifiedErrorId | Should -Be 'GhRefNotSpecified,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'no environment, no log URL' {
        $d = New-GhDeployment -Ref main
        $d.Environment | Should -Be 'production'
        $null = $d | New-GhDeploymentStatus -State success
        (Get-LastBody '*/statuses').Keys | Should -Not -Contain 'log_url'
        (Invoke-Refused { Invoke-GhDeployment -Ref main { } }).FullyQualifiedErrorId | Should -BeLike 'GhEnvironmentNotSpecified,*'
    }

    It 'no deployment handed on and no job status: Complete-GhDeployment asks for both' {
        (Invoke-Refused { Complete-GhDeployment -JobStatus success }).FullyQualifiedErrorId | Should -Be 'GhDeploymentNotSpecified,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
        (Invoke-Refused { Complete-GhDeployment -DeploymentId 3000000001 }).FullyQualifiedErrorId | Should -Be 'GhJobStatusUnknown,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
    }

    It 'Get-GhContext sees no CI and no default' {
        $ci = (Get-GhContext).Ci
        $ci.Kind | Should -Be 'None'
        foreach ($p in 'Repository', 'Ref', 'Environment', 'LogUrl', 'JobStatus', 'DeploymentId') { $ci.$p | Should -BeNullOrEmpty -Because "$p has no default outside CI" }
    }
}

Describe 'Get-GhContext shows what it detected' {
    BeforeEach { $null = Connect-TestRepo }
    AfterEach { Reset-CiVariables }

    It 'in an Azure Pipelines deployment job' {
        Use-CiVariables (Merge $script:azureDeploymentJob @{ DEPLOYMENTSTATUS_DEPLOYMENT_ID = '3000000007'; DEPLOYMENTSTATUS_REPOSITORY = 'octo-org/hello-world' })
        $ci = (Get-GhContext).Ci
        $ci.Kind | Should -Be 'AzurePipelines'
        $ci.ClassicRelease | Should -BeFalse
        $ci.Repository | Should -Be 'octo-org/hello-world'
        $ci.Ref | Should -Be $script:sha
        $ci.RefSource | Should -Be 'BUILD_SOURCEVERSION'
        $ci.Environment | Should -Be 'staging'
        $ci.EnvironmentSource | Should -Be 'ENVIRONMENT_NAME'
        $ci.LogUrl.AbsoluteUri | Should -Be $script:azureJobLog
        $ci.JobStatus | Should -Be 'Succeeded'
        $ci.DeploymentId | Should -Be 3000000007
        $ci.DeploymentRepository | Should -Be 'octo-org/hello-world'
        (Get-GhContext | Format-List | Out-String) | Should -BeLike '*Ci*AzurePipelines octo-org/hello-world (staging)*'
        ($ci | Format-List | Out-String) | Should -BeLike "*$($script:sha) (BUILD_SOURCEVERSION)*"
    }

    It 'in a classic release' {
        Use-CiVariables $script:azureRelease
        $ci = (Get-GhContext).Ci
        $ci.ClassicRelease | Should -BeTrue
        $ci.Environment | Should -Be 'QA'
        $ci.EnvironmentSource | Should -Be 'RELEASE_ENVIRONMENTNAME'
        $ci.LogUrl | Should -Be $script:azureRelease.RELEASE_RELEASEWEBURL
    }

    It 'in a GitHub Actions job' {
        Use-CiVariables $script:actionsJob
        $ci = (Get-GhContext).Ci
        $ci.Kind | Should -Be 'GitHubActions'
        $ci.Ref | Should -Be $script:sha
        $ci.RefSource | Should -Be 'GITHUB_SHA'
        $ci.Environment | Should -BeNullOrEmpty
        $ci.LogUrl | Should -Be $script:actionsRun
        $ci.JobStatus | Should -BeNullOrEmpty
    }
}
