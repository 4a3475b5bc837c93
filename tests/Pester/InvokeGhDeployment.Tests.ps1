# Invoke-GhDeployment through the built module against the emulator: create -> in_progress -> run -> success, or
# failure with the error's first line (rethrown), or error "cancelled" when the pipeline is stopped (Ctrl+C).

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    $script:refs = @(
        @{ ref = 'behind'; behind = $true }
        @{ ref = 'conflicted'; behind = $true; mergeConflict = $true }
        @{ ref = 'red'; contexts = @{ 'ci/build' = 'failure' } }
    )

    function script:Reset-Repo {
        $script:token = Connect-TestRepo -Refs $script:refs
    }

    function script:Get-Post {
        # Every POST since the last clear, oldest first: Kind (deployment or status), State, Body (hashtable).
        foreach ($r in @(Get-GhEmulatorRequest -Method POST)) {
            $body = $r.body | ConvertFrom-Json -AsHashtable
            [pscustomobject]@{
                Kind   = if ($r.path -like '*/statuses') { 'status' } else { 'deployment' }
                State  = $body['state']
                Body   = $body
                Path   = $r.path
                Status = $r.status
            }
        }
    }

    function script:Get-Sequence {
        # "deployment, in_progress, success": what was posted, in order.
        (Get-Post | ForEach-Object { if ($_.Kind -eq 'deployment') { 'deployment' } else { $_.State } }) -join ', '
    }
}


Describe 'Invoke-GhDeployment' {
    BeforeEach {
        Reset-Repo
        $script:ran = $false
        $script:afterFirst = $false
    }

    Context 'the script succeeds' {
        It 'creates the deployment, posts in_progress, runs the script, then posts success with the environment URL' {
            $out = Invoke-GhDeployment -Ref main -Environment staging -EnvironmentUrl https://staging.example.com/ -LogUrl https://ci.example.com/runs/7 -ScriptBlock {
                $script:during = Get-Sequence
                'deployed'
            }
            $script:during | Should -Be 'deployment, in_progress' -Because 'the script runs after in_progress and before success'
            Get-Sequence | Should -Be 'deployment, in_progress, success'
            $posts = @(Get-Post)

            $posts[0].Body.Keys | Sort-Object | Should -Be @('environment', 'ref')
            $posts[0].Body.ref | Should -Be 'main'
            $posts[0].Body.environment | Should -Be 'staging'
            $id = (Get-GhDeployment -Environment staging).Id
            $posts[1].Path | Should -Be "/repos/octo-org/hello-world/deployments/$id/statuses"
            $posts[2].Path | Should -Be "/repos/octo-org/hello-world/deployments/$id/statuses"

            $posts[1].Body.log_url | Should -Be 'https://ci.example.com/runs/7'
            $posts[1].Body.description | Should -Be 'Deploying main to staging'
            $posts[1].Body.ContainsKey('environment_url') | Should -BeFalse
            $posts[2].Body.environment_url | Should -Be 'https://staging.example.com/'
            $posts[2].Body.log_url | Should -Be 'https://ci.example.com/runs/7'
            $posts[2].Body.description | Should -Be 'Deployed main to staging'

            $out | Should -Be 'deployed'
        }

        It 'passes the script''s output on down the pipeline, and nothing of its own' {
            $doubled = @(Invoke-GhDeployment -Ref main -Environment qa { 1, 2, 3 } | ForEach-Object { $_ * 2 })
            $doubled | Should -Be @(2, 4, 6)
        }

        It '-PassThru adds the success status after the script''s output' {
            $out = @(Invoke-GhDeployment -Ref main -Environment qa -PassThru { 'a'; 'b' })
            $out.Count | Should -Be 3
            $out[0..1] | Should -Be @('a', 'b')
            $out[2] | Should -BeOfType ([DeploymentStatus.GhDeploymentStatus])
            $out[2].State | Should -Be 'success'
            $out[2].DeploymentId | Should -Be (Get-GhDeployment -Environment qa).Id
        }

        It 'sends -Description, -Task, -Payload and -SkipStatusCheck with the deployment' {
            $null = Invoke-GhDeployment -Ref red -Environment qa -Description 'Release 9' -Task deploy:web -Payload @{ build = @{ id = 9 } } -SkipStatusCheck { }
            $posts = @(Get-Post)
            $posts[0].Body.description | Should -Be 'Release 9'
            $posts[0].Body.task | Should -Be 'deploy:web'
            $posts[0].Body.payload.build.id | Should -Be 9
            $posts[0].Body.ContainsKey('required_contexts') | Should -BeTrue
            $posts[0].Body.required_contexts.Count | Should -Be 0
            $posts[1].Body.description | Should -Be 'Release 9'
            $posts[2].Body.description | Should -Be 'Release 9'
        }

        It 'defaults -LogUrl to the GitHub Actions run' {
            $saved = @{}
            $ci = @{ GITHUB_ACTIONS = 'true'; GITHUB_SERVER_URL = 'https://github.com'; GITHUB_REPOSITORY = 'octo-org/hello-world'; GITHUB_RUN_ID = '4242' }
            foreach ($name in $ci.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name); [Environment]::SetEnvironmentVariable($name, $ci[$name]) }
            try {
                $null = Invoke-GhDeployment -Ref main -Environment qa { }
            }
            finally {
                foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
            }
            $posts = @(Get-Post)
            $posts[1].Body.log_url | Should -Be 'https://github.com/octo-org/hello-world/actions/runs/4242'
            $posts[2].Body.log_url | Should -Be 'https://github.com/octo-org/hello-world/actions/runs/4242'
        }

        It 'streams the script''s output while it runs, so a consumer that stops early stops the deployment (cancelled)' {
            $first = Invoke-GhDeployment -Ref main -Environment qa { 1; $script:afterFirst = $true; 2; 3 } | Select-Object -First 1
            $first | Should -Be 1
            $script:afterFirst | Should -BeFalse
            Get-Sequence | Should -Be 'deployment, in_progress, error'
            (@(Get-Post))[-1].Body.description | Should -Be 'cancelled'
        }

        It 'passes on what the script wrote before it failed' {
            $seen = [System.Collections.Generic.List[object]]::new()
            { Invoke-GhDeployment -Ref main -Environment qa { 'step 1 done'; throw 'step 2 failed' } | ForEach-Object { $seen.Add($_) } } |
                Should -Throw -ExpectedMessage 'step 2 failed'
            $seen | Should -Be @('step 1 done')
            Get-Sequence | Should -Be 'deployment, in_progress, failure'
        }

        It 'sends nothing and runs nothing with -WhatIf' {
            Invoke-GhDeployment -Ref main -Environment qa -WhatIf { $script:ran = $true }
            $script:ran | Should -BeFalse
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }
    }

    Context 'the script fails' {
        It 'posts failure with the error''s first line and rethrows the error' {
            $thrown = { Invoke-GhDeployment -Ref main -Environment qa -LogUrl https://ci.example.com/1 { 'partial'; throw "Disk full on web-1`nat line 2" } } |
                Should -Throw -PassThru
            $thrown.Exception.Message | Should -Be "Disk full on web-1`nat line 2"
            Get-Sequence | Should -Be 'deployment, in_progress, failure'
            $failure = @(Get-Post)[-1]
            $failure.Body.description | Should -Be 'Disk full on web-1'
            $failure.Body.log_url | Should -Be 'https://ci.example.com/1'
            $failure.Status | Should -Be 201
        }

        It 'cuts a long first line to 140 characters, ending with an ellipsis' {
            $long = 'x' * 120 + 'y' * 80
            { Invoke-GhDeployment -Ref main -Environment qa { throw $long } } | Should -Throw
            $description = @(Get-Post)[-1].Body.description
            $description.Length | Should -Be 140
            $description | Should -Be ($long.Substring(0, 139) + [char]0x2026)
            Get-Sequence | Should -Be 'deployment, in_progress, failure'
        }

        It 'reports a command''s terminating error (-ErrorAction Stop) and rethrows it as it was' {
            $thrown = { Invoke-GhDeployment -Ref main -Environment qa { Get-Item -LiteralPath '/no/such/path' -ErrorAction Stop } } |
                Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'PathNotFound,*'
            @(Get-Post)[-1].Body.description | Should -Be "Cannot find path '/no/such/path' because it does not exist."
            Get-Sequence | Should -Be 'deployment, in_progress, failure'
        }

        It 'reports an advanced function''s ThrowTerminatingError as failure, without a second status' {
            function Fail-Deploy {
                [CmdletBinding()] param()
                $PSCmdlet.ThrowTerminatingError([System.Management.Automation.ErrorRecord]::new(
                        [InvalidOperationException]::new('Slot swap refused'), 'SwapRefused', 'InvalidOperation', $null))
            }
            $thrown = { Invoke-GhDeployment -Ref main -Environment qa { Fail-Deploy } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -BeLike 'SwapRefused,*'
            Get-Sequence | Should -Be 'deployment, in_progress, failure'
            @(Get-Post)[-1].Body.description | Should -Be 'Slot swap refused'
        }

        It 'a script that exits with <Code> reports <State> and exits the script' -TestCases @(
            @{ Code = 3; State = 'failure'; Description = 'The deployment script exited with code 3' }
            @{ Code = 0; State = 'success'; Description = 'Deployed main to qa' }
        ) {
            $ps = New-ChildShell { param($Code) Invoke-GhDeployment -Ref main -Environment qa { 'out'; exit $Code }; 'after' } -Arguments $Code
            try { $result = @($ps.Invoke()) } finally { $ps.Dispose() }
            $result | Should -Not -Contain 'after'
            Get-Sequence | Should -Be "deployment, in_progress, $State"
            @(Get-Post)[-1].Body.description | Should -Be $Description
        }
    }

    Context 'the deployment is not created' {
        It 'a 202 (GitHub merged instead) is a terminating GhDeploymentNotCreated, and the script does not run' {
            $thrown = { Invoke-GhDeployment -Ref behind -Environment qa { $script:ran = $true } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'GhDeploymentNotCreated,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
            "$thrown" | Should -BeLike '*did not run*Auto-merged main into behind*'
            $script:ran | Should -BeFalse
            Get-Sequence | Should -Be 'deployment'
        }

        It 'a 409 (<Case>) is a terminating GhConflict that says so, and the script does not run' -ForEach @(
            @{ Case = 'failed checks'; Ref = 'red'; Text = "Required status checks have not passed on 'red': 'ci/build' is failure*-SkipStatusCheck*" }
            @{ Case = 'merge conflict'; Ref = 'conflicted'; Text = 'Merge conflict:*' }
        ) {
            $thrown = { Invoke-GhDeployment -Ref $Ref -Environment qa { $script:ran = $true } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'GhConflict,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
            "$thrown" | Should -BeLike $Text
            $script:ran | Should -BeFalse
            Get-Sequence | Should -Be 'deployment'
        }

        It 'a failed in_progress status is a terminating error, and the script does not run' {
            Add-GhEmulatorFault -Method POST -Path '/statuses$' -Status 404
            $thrown = { Invoke-GhDeployment -Ref main -Environment qa { $script:ran = $true } } | Should -Throw -PassThru
            $thrown.FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
            $script:ran | Should -BeFalse
        }
    }

    Context 'the pipeline is stopped (Ctrl+C)' {
        It 'posts error "cancelled" before it ends' {
            $signal = [hashtable]::Synchronized(@{})
            $ps = New-ChildShell {
                param($Signal)
                Invoke-GhDeployment -Ref main -Environment qa { $Signal.Started = $true; Start-Sleep -Seconds 60; $Signal.Finished = $true }
            } -Arguments $signal
            try {
                $run = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not $signal.ContainsKey('Started') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $signal.ContainsKey('Started') | Should -BeTrue -Because 'the script block started'

                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()
                $ps.InvocationStateInfo.State | Should -Be 'Stopped'
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
                $signal.ContainsKey('Finished') | Should -BeFalse
            }
            finally { $ps.Dispose() }

            Get-Sequence | Should -Be 'deployment, in_progress, error'
            $cancelled = @(Get-Post)[-1]
            $cancelled.Body.description | Should -Be 'cancelled'
            $cancelled.Status | Should -Be 201
        }

        It 'still ends within a second when GitHub does not answer the cancelled status' {
            $signal = [hashtable]::Synchronized(@{})
            $ps = New-ChildShell {
                param($Signal)
                Invoke-GhDeployment -Ref main -Environment qa { $Signal.Started = $true; Start-Sleep -Seconds 60 }
            } -Arguments $signal
            try {
                $run = $ps.BeginInvoke()
                $deadline = [DateTime]::UtcNow.AddSeconds(30)
                while (-not $signal.ContainsKey('Started') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 50 }
                $signal.ContainsKey('Started') | Should -BeTrue -Because 'the script block started'
                Add-GhEmulatorFault -Method POST -Path '/statuses$' -DelayMs 10000

                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()
                $watch.Elapsed.TotalSeconds | Should -BeLessThan 1
            }
            finally { $ps.Dispose() }
        }
    }
}
