# Issue 13, "Wait for a deployment, at no rate-limit cost", through the BUILT module against the emulator process. The
# workflow that carries the deployment out is played by the emulator's deployment scripts (Add-GhEmulatorDeploymentScript):
# statuses that arrive one per poll, or after a number of polls, so that no test depends on how fast this machine is.
# Waits are short (-IntervalSec 0.1 grows to 0.4 s at most); exact timings are the xunit tests' (DeploymentWaitTests).

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Add-Deployment([string] $Environment = 'staging', [string[]] $States = @('queued'), [int] $Count = 1) {
        @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count $Count -Environment $Environment -States $States)
    }

    function script:Add-Script([long] $DeploymentId, [object[]] $Steps) {
        $null = Add-GhEmulatorDeploymentScript -Owner octo-org -Repo hello-world -DeploymentId $DeploymentId -Steps $Steps
    }

    function script:Get-StatusPoll { @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/*/deployments/*/statuses') }

    function script:New-ConnectedRunspace([string] $Token) {
        # A runspace of its own with the module imported and connected: its streams are its own, and it can be stopped.
        $rs = [runspacefactory]::CreateRunspace()
        $rs.Open()
        $ps = [PowerShell]::Create()
        $ps.Runspace = $rs
        $null = $ps.AddScript({
                param($m, $u, $t)
                Import-Module $m -Force
                Connect-GhAccount -ApiUri $u -Token (ConvertTo-SecureString $t -AsPlainText -Force) -Owner octo-org -Repository hello-world
            }).AddArgument((Get-DsModulePath)).AddArgument($script:emu.ApiUri).AddArgument($Token).Invoke()
        $ps.Dispose()
        $rs
    }

    $script:Quick = @{ IntervalSec = 0.1; TimeoutSec = 20 }
    $script:Sha = '2222222222222222222222222222222222222222'
}

Describe 'Wait-GhDeployment returns the status that ended the wait' {
    BeforeEach {
        $null = Connect-TestRepo -Refs @(@{ ref = 'v2'; sha = $script:Sha })
    }

    It 'returns the success of a deployment piped from New-GhDeployment' {
        $deployment = New-GhDeployment -Ref main -Environment staging
        Add-Script $deployment.Id @('queued', 'in_progress', @{ state = 'success'; description = 'Deployed'; environmentUrl = 'https://staging.example.com/' })

        $status = $deployment | Wait-GhDeployment @Quick

        $status | Should -BeOfType DeploymentStatus.GhDeploymentStatus
        $status.State | Should -Be 'success'
        $status.DeploymentId | Should -Be $deployment.Id
        $status.EnvironmentUrl | Should -Be 'https://staging.example.com/'
        $status.Description | Should -Be 'Deployed'
        @(Get-StatusPoll).Count | Should -BeGreaterOrEqual 4
    }

    It 'returns a state -State asks for (InProgress spelled as PowerShell would), by -DeploymentId' {
        $id = Add-Deployment
        Add-Script $id @(@{ state = 'in_progress'; afterPolls = 2 }, 'success')

        $status = Wait-GhDeployment -DeploymentId $id -State InProgress @Quick

        $status.State | Should -Be 'in_progress'
    }

    It 'takes a piped environment as -Environment, and a status that is already there at once' {
        $null = Add-Deployment -States 'in_progress', 'success'
        Clear-GhEmulatorRequest

        $status = Get-GhEnvironment -Name staging | Wait-GhDeployment @Quick

        $status.State | Should -Be 'success'
        @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/*/deployments*').Count | Should -Be 2 -Because 'the newest deployment, then its statuses, one request each'
    }

    It 'waits for a deployment created after it started (-Environment -Sha), not an older one of another commit' {
        $older = Add-Deployment -States 'success'
        $scriptId = Add-GhEmulatorDeploymentScript -Owner octo-org -Repo hello-world -Create @{ environment = 'staging'; ref = 'v2'; afterPolls = 3 } -Steps 'queued', 'in_progress', 'success'
        Clear-GhEmulatorRequest

        $status = Wait-GhDeployment -Environment staging -Sha $script:Sha @Quick

        $created = @(Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object sha -EQ $script:Sha
        $status.State | Should -Be 'success'
        $status.DeploymentId | Should -Be $created.id
        $status.DeploymentId | Should -Not -Be $older[0]
        Get-GhEmulatorDeploymentScript -Owner octo-org -Repo hello-world -Id $scriptId | Should -BeNullOrEmpty -Because 'the script ran to its end'
        $lists = @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/*/deployments')
        $lists[0].query | Should -Match "sha=$script:Sha"
        $lists[0].status | Should -Be 200
        @($lists | Select-Object -Skip 1 -First 2).status | Should -Be @(304, 304) -Because 'before it existed, the list did not change'
    }
}

Describe 'What a wait costs' {
    BeforeEach {
        $null = Connect-TestRepo
        $script:id = Add-Deployment -States 'in_progress'
        Add-Script $script:id @(@{ state = 'success'; afterPolls = 6 })
        Clear-GhEmulatorRequest
    }

    It 'polls with If-None-Match; the 304s leave x-ratelimit-used as it was, and -Verbose says they are free' {
        $verbose = @(Wait-GhDeployment -DeploymentId $script:id @Quick -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)

        $polls = @(Get-StatusPoll)
        $polls.status | Should -Be @(200, 304, 304, 304, 304, 304, 200)
        @($polls | Select-Object -Skip 1 | ForEach-Object { $_.headers.'If-None-Match' }) | Should -Not -Contain $null
        $polls[1].headers.'If-None-Match' | Should -Match '^W/"[0-9a-f]{64}"$'
        @($polls | Select-Object -Skip 1 -First 5).rateLimitUsed | Should -Be @(1, 1, 1, 1, 1) -Because 'a 304 is not counted'
        $polls[-1].rateLimitUsed | Should -Be 2
        $settings = Invoke-GhEmulatorControl -Method PUT -Path settings -Body @{}
        $settings.rateLimit.remaining | Should -Be 4998
        @($verbose -match '-> 304 Not Modified .*free \(not counted against the rate limit\)').Count | Should -Be 5
        $verbose[-1] | Should -Be "Waited for octo-org/hello-world deployment $($script:id): 7 checks, 7 requests, 5 of them answered 304 Not Modified (free), 2 counted against the rate limit."
        (Get-GhContext).RateLimit.Used | Should -Be 2
    }
}

Describe 'How a wait ends without the state asked for' {
    BeforeEach {
        $null = Connect-TestRepo
    }

    It 'a failure not asked for is GhDeploymentFailed with the description and the log URL' {
        $id = Add-Deployment -States 'in_progress'
        Add-Script $id @(@{ state = 'failure'; description = 'Health check failed'; logUrl = 'https://ci.example.com/runs/7' })

        $err = Invoke-Refused { Wait-GhDeployment -DeploymentId $id -State success @Quick }

        $err.FullyQualifiedErrorId | Should -Be 'GhDeploymentFailed,DeploymentStatus.Commands.WaitGhDeploymentCommand'
        $err.CategoryInfo.Category | Should -Be 'InvalidResult'
        $err.Exception.Message | Should -Match "deployment $id ended in failure after .*: Health check failed\. Log: https://ci\.example\.com/runs/7"
        $err.TargetObject | Should -BeOfType DeploymentStatus.GhDeploymentStatus
        $err.TargetObject.State | Should -Be 'failure'
    }

    It 'the time running out is GhTimeout naming the last state seen' {
        $id = Add-Deployment -States 'queued', 'in_progress'

        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $err = Invoke-Refused { Wait-GhDeployment -DeploymentId $id -TimeoutSec 1 -IntervalSec 0.1 }
        $sw.Stop()

        $err.FullyQualifiedErrorId | Should -Be 'GhTimeout,DeploymentStatus.Commands.WaitGhDeploymentCommand'
        $err.CategoryInfo.Category | Should -Be 'OperationTimeout'
        $err.Exception.Message | Should -Match "deployment $id did not reach success, failure, error, inactive within .* \(-TimeoutSec 1\): its last state was in_progress\."
        $sw.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 1
        @(Get-StatusPoll).Count | Should -BeGreaterOrEqual 2 -Because 'the first poll, and a last one at the deadline'
        @(Get-StatusPoll | Select-Object -Skip 1).status | Should -Not -Contain 200 -Because 'nothing changed'
    }

    It 'no matching deployment appearing is GhTimeout saying so' {
        $err = Invoke-Refused { Wait-GhDeployment -Environment staging -Ref release/9 -TimeoutSec 0.3 -IntervalSec 0.1 }

        $err.FullyQualifiedErrorId | Should -Be 'GhTimeout,DeploymentStatus.Commands.WaitGhDeploymentCommand'
        $err.Exception.Message | Should -Match '^No deployment of staging \(ref release/9\) in octo-org/hello-world appeared within'
    }

    It 'a deployment GitHub does not know is GhNotFound' {
        $err = Invoke-Refused { Wait-GhDeployment -DeploymentId 42 @Quick }

        $err.FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.WaitGhDeploymentCommand'
    }

    It 'several piped deployments are each waited for and each reported' {
        $ids = Add-Deployment -Count 3 -States 'in_progress'
        Add-Script $ids[0] @('success')
        Add-Script $ids[1] @(@{ state = 'error'; description = 'Rollout aborted' })
        Add-Script $ids[2] @(@{ state = 'success'; afterPolls = 1000 })
        $deployments = Get-GhDeployment -Environment staging | Sort-Object Id

        $out = @($deployments | Wait-GhDeployment -State success -TimeoutSec 3 -IntervalSec 0.1 -ErrorVariable failed -ErrorAction SilentlyContinue)

        $out.Count | Should -Be 1
        $out[0].DeploymentId | Should -Be $ids[0]
        $failed.Count | Should -Be 2
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'GhDeploymentFailed,*'
        $failed[0].TargetObject.DeploymentId | Should -Be $ids[1]
        $failed[0].Exception.Message | Should -Match 'Rollout aborted'
        $failed[1].FullyQualifiedErrorId | Should -BeLike 'GhTimeout,*'
        $failed[1].TargetObject.Id | Should -Be $ids[2]
    }
}

Describe 'What a wait shows' {
    BeforeAll {
        $script:token = Connect-TestRepo
        $script:rs = New-ConnectedRunspace $script:token

        function script:Invoke-Wait {
            # Waits for a new deployment whose statuses arrive one per poll; returns the output and the streams.
            $id = Add-Deployment -States 'queued'
            Add-Script $id @('in_progress', @{ state = 'in_progress'; description = 'Still rolling out'; afterPolls = 2 }, @{ state = 'success'; description = 'Deployed' })
            $ps = [PowerShell]::Create()
            $ps.Runspace = $script:rs
            try {
                $output = $ps.AddScript("`$ProgressPreference = 'Continue'; Wait-GhDeployment -DeploymentId $id -IntervalSec 0.1 -TimeoutSec 20").Invoke()
                [pscustomobject]@{ Id = $id; Output = $output; Progress = @($ps.Streams.Progress); Information = @($ps.Streams.Information) }
            }
            finally { $ps.Dispose() }
        }
    }
    AfterAll { $script:rs.Dispose() }
    AfterEach { Remove-Item Env:TF_BUILD -ErrorAction SilentlyContinue }

    It 'progress shows the state and the time waited, and goes away at the end' {
        $r = Invoke-Wait

        $r.Output[0].State | Should -Be 'success'
        $r.Progress.Count | Should -BeGreaterThan 2
        $r.Progress[0].Activity | Should -Be "Waiting for octo-org/hello-world deployment $($r.Id)"
        @($r.Progress.StatusDescription) -match '^in_progress, \d+(\.\d)? s$' | Should -Not -BeNullOrEmpty
        @($r.Progress.CurrentOperation) -match '^Next check in \d+(\.\d)? s$' | Should -Not -BeNullOrEmpty
        $r.Progress[-1].RecordType | Should -Be 'Completed'
        $r.Information.Count | Should -Be 0
    }

    It 'under Azure Pipelines, each change of state is one log line and there is no progress' {
        $env:TF_BUILD = 'True'
        $r = Invoke-Wait

        $r.Output[0].State | Should -Be 'success'
        $r.Progress.Count | Should -Be 0
        $lines = @($r.Information | ForEach-Object { "$($_.MessageData)" })
        $lines.Count | Should -Be 3 -Because 'queued, in_progress, success: the second in_progress status is no change of state'
        $lines[0] | Should -Match "^octo-org/hello-world deployment $($r.Id): queued after "
        $lines[1] | Should -Match ': in_progress after '
        $lines[2] | Should -Match ': success after .* \(Deployed\)$'
        @($r.Information.Tags | Select-Object -Unique) | Should -Be 'PSHOST'
    }
}

Describe 'Ctrl+C ends a wait within a second' {
    BeforeAll {
        $script:token = Connect-TestRepo
        $script:rs = New-ConnectedRunspace $script:token
    }
    AfterAll { $script:rs.Dispose() }

    It 'between two polls 30 s apart' {
        $id = Add-Deployment -States 'in_progress'
        Clear-GhEmulatorRequest
        $ps = [PowerShell]::Create()
        $ps.Runspace = $script:rs
        $null = $ps.AddScript("Wait-GhDeployment -DeploymentId $id -IntervalSec 30")
        $handle = $ps.BeginInvoke()
        $deadline = [DateTime]::UtcNow.AddSeconds(10)
        while (@(Get-StatusPoll).Count -lt 1 -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        Start-Sleep -Milliseconds 300

        $running = -not $handle.IsCompleted
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $ps.Stop()
        $sw.Stop()

        $running | Should -BeTrue
        $ps.InvocationStateInfo.State | Should -Be 'Stopped'
        $sw.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        @(Get-StatusPoll).Count | Should -Be 1
        $ps.Dispose()
    }
}
