# Complete-GhDeployment through the BUILT module against the emulator: every job status of both runners mapped to its
# state, AGENT_JOBSTATUS as the default, the deployment handed on by -CiOutputName earlier in the job (its repository
# too), what is refused before anything is sent, and a failure reported to the run's summary page.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Get-StatusBodies {
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses') | ForEach-Object { $_.body | ConvertFrom-Json -AsHashtable }
    }
}

AfterAll {
    Reset-CiVariables
    Disconnect-GhAccount
}

Describe 'Complete-GhDeployment' {
    BeforeEach {
        $script:token = Connect-TestRepo
        Use-CiVariables
        $script:d = New-GhDeployment -Ref main -Environment staging
        Clear-GhEmulatorRequest
    }
    AfterEach { Reset-CiVariables }

    It '-JobStatus <JobStatus> posts <State> ("<Description>")' -TestCases @(
        @{ JobStatus = 'Succeeded'; State = 'success'; Description = 'The job succeeded' }
        @{ JobStatus = 'SucceededWithIssues'; State = 'success'; Description = 'The job succeeded with issues' }
        @{ JobStatus = 'Failed'; State = 'failure'; Description = 'The job failed' }
        @{ JobStatus = 'Canceled'; State = 'error'; Description = 'cancelled' }
        @{ JobStatus = 'success'; State = 'success'; Description = 'The job succeeded' }
        @{ JobStatus = 'failure'; State = 'failure'; Description = 'The job failed' }
        @{ JobStatus = 'cancelled'; State = 'error'; Description = 'cancelled' }
    ) {
        $s = Complete-GhDeployment -DeploymentId $script:d.Id -JobStatus $JobStatus
        $s | Should -BeOfType DeploymentStatus.GhDeploymentStatus
        $s.State | Should -Be $State
        $s.Description | Should -Be $Description
        $s.DeploymentId | Should -Be $script:d.Id
        $body = @(Get-StatusBodies)
        $body.Count | Should -Be 1
        $body[0].state | Should -Be $State
        $body[0].Keys | Should -Not -Contain 'environment_url' -Because 'a parameter not given is not sent'
    }

    It 'sends -EnvironmentUrl, -Description and -LogUrl as given' {
        $s = Complete-GhDeployment -DeploymentId $script:d.Id -JobStatus success -EnvironmentUrl https://staging.example.com -Description 'Rolled out' -LogUrl https://ci.example.com/42
        $s.EnvironmentUrl | Should -Be 'https://staging.example.com'
        $body = @(Get-StatusBodies)[0]
        $body.environment_url | Should -Be 'https://staging.example.com'
        $body.description | Should -Be 'Rolled out'
        $body.log_url | Should -Be 'https://ci.example.com/42'
    }

    It 'takes the deployment id as its first positional argument (-Owner and -Repository are named)' {
        (Complete-GhDeployment $script:d.Id -JobStatus success).DeploymentId | Should -Be $script:d.Id
        (Get-Command Complete-GhDeployment).Parameters['Owner'].ParameterSets.Values.Position | Should -Be ([int]::MinValue)
    }

    It 'takes the deployment from the pipeline' {
        ($script:d | Complete-GhDeployment -JobStatus failure).State | Should -Be 'failure'
    }

    It 'refuses a job status no runner gives, before anything is sent' {
        { Complete-GhDeployment -DeploymentId $script:d.Id -JobStatus Skipped } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It '-WhatIf sends nothing' {
        Complete-GhDeployment -DeploymentId $script:d.Id -JobStatus success -WhatIf
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    Context 'under Azure Pipelines' {
        It 'AGENT_JOBSTATUS <AgentJobStatus> is the default: <State>' -TestCases @(
            @{ AgentJobStatus = 'Succeeded'; State = 'success' }
            @{ AgentJobStatus = 'SucceededWithIssues'; State = 'success' }
            @{ AgentJobStatus = 'Failed'; State = 'failure' }
            @{ AgentJobStatus = 'Canceled'; State = 'error' }
        ) {
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = $AgentJobStatus }
            $run = Invoke-CapturedStdout { Complete-GhDeployment -DeploymentId $script:d.Id }
            $run.Output.State | Should -Be $State
            $run.Lines | Should -BeNullOrEmpty
        }

        It '-JobStatus wins over AGENT_JOBSTATUS' {
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Succeeded' }
            (Complete-GhDeployment -DeploymentId $script:d.Id -JobStatus Failed).State | Should -Be 'failure'
        }

        It 'an AGENT_JOBSTATUS no runner gives is GhJobStatusUnknown naming it, and nothing is posted' {
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Skipped' }
            $e = Invoke-Refused { Invoke-CapturedStdout { Complete-GhDeployment -DeploymentId $script:d.Id } }
            $e.FullyQualifiedErrorId | Should -Be 'GhJobStatusUnknown,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
            $e.Exception.Message | Should -BeLike "*AGENT_JOBSTATUS is 'Skipped'*"
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }

        It 'the deployment handed on earlier in the job (DEPLOYMENTSTATUS_DEPLOYMENT_ID) is the default, in its own repository' {
            Add-GhEmulatorRepo -Owner octo-org -Name other-repo
            Add-GhEmulatorToken -Token $script:token -Login octocat -Repos 'octo-org/hello-world', 'octo-org/other-repo'
            Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Owner octo-org -Repository other-repo -Policy $script:Fast
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Failed'; DEPLOYMENTSTATUS_DEPLOYMENT_ID = "$($script:d.Id)"; DEPLOYMENTSTATUS_REPOSITORY = 'octo-org/hello-world' }
            $run = Invoke-CapturedStdout { Complete-GhDeployment -Verbose 4>&1 }
            $status = $run.Output | Where-Object { $_ -is [DeploymentStatus.GhDeploymentStatus] }
            $status.DeploymentId | Should -Be $script:d.Id
            $status.Repository | Should -Be 'hello-world' -Because 'the connection''s default repository is another one'
            $status.State | Should -Be 'failure'
            ($run.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) -join "`n" | Should -BeLike "*-DeploymentId defaults to $($script:d.Id)*DEPLOYMENTSTATUS_DEPLOYMENT_ID*-JobStatus defaults to Failed (AGENT_JOBSTATUS)*"
        }

        It '-DeploymentId wins over the handed-on one' {
            $other = New-GhDeployment -Ref main -Environment qa
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Succeeded'; DEPLOYMENTSTATUS_DEPLOYMENT_ID = "$($script:d.Id)"; DEPLOYMENTSTATUS_REPOSITORY = 'octo-org/hello-world' }
            (Complete-GhDeployment -DeploymentId $other.Id).DeploymentId | Should -Be $other.Id
        }

        It 'a status GitHub refuses is this item''s error, and an error on the run''s summary page' {
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Succeeded' }
            $run = Invoke-CapturedStdout { Complete-GhDeployment -DeploymentId 4242 -ErrorVariable failed -ErrorAction SilentlyContinue; $failed }
            $run.Output[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
            $run.Lines | Should -HaveCount 1
            $run.Lines[0] | Should -BeLike '##vso`[task.logissue type=error`]*Not Found*'
            $run.Lines[0] | Should -Not -BeLike "*$($script:token)*"
        }

        It 'no handed-on deployment: GhDeploymentNotSpecified naming -DeploymentId and -CiOutputName' {
            Use-CiVariables @{ TF_BUILD = 'True'; AGENT_JOBSTATUS = 'Succeeded' }
            $e = Invoke-Refused { Complete-GhDeployment }
            $e.FullyQualifiedErrorId | Should -Be 'GhDeploymentNotSpecified,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
            $e.Exception.Message | Should -BeLike '*-DeploymentId*-CiOutputName*'
        }
    }

    Context 'under GitHub Actions' {
        It 'needs -JobStatus ${{ job.status }}: GitHub Actions has no variable for it' {
            Use-CiVariables @{ GITHUB_ACTIONS = 'true'; DEPLOYMENTSTATUS_DEPLOYMENT_ID = "$($script:d.Id)" }
            $e = Invoke-Refused { Complete-GhDeployment }
            $e.FullyQualifiedErrorId | Should -Be 'GhJobStatusUnknown,DeploymentStatus.Commands.CompleteGhDeploymentCommand'
            $e.Exception.Message | Should -BeLike '*-JobStatus ${{ job.status }}*'
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }

        It 'the deployment handed on through $GITHUB_ENV is the default' {
            Use-CiVariables @{ GITHUB_ACTIONS = 'true'; DEPLOYMENTSTATUS_DEPLOYMENT_ID = "$($script:d.Id)"; DEPLOYMENTSTATUS_REPOSITORY = 'octo-org/hello-world' }
            $s = Complete-GhDeployment -JobStatus cancelled
            $s.DeploymentId | Should -Be $script:d.Id
            $s.State | Should -Be 'error'
            $s.Description | Should -Be 'cancelled'
        }
    }
}
