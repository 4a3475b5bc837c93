# Get-GhDeploymentStatus through the built module against the emulator: every page streamed, one by -StatusId,
# -Latest in one request, and the pipeline from Get-GhDeployment.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $null = Connect-TestRepo

    # One deployment with 150 statuses (queued, then 148 in_progress, then success: the newest), so the list
    # needs two pages of 100; three qa deployments with two statuses each; one with no status at all.
    $states = @('queued') + @('in_progress') * 148 + @('success')
    $script:long = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging -States $states
    $script:qa = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment qa -States in_progress, success)
    $script:bare = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment bare -States @()

    # Oldest first, by id (whatever order the state endpoint gives them in).
    $script:longStatuses = @(@((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $script:long)[0].statuses |
        Sort-Object { [long]$_.id })
}


Describe 'Get-GhDeploymentStatus' {
    BeforeEach { Clear-GhEmulatorRequest }

    It 'lists every status across pages, newest first, 100 a page' {
        $all = @(Get-GhDeploymentStatus -DeploymentId $script:long)
        $all.Count | Should -Be 150
        $all[0].State | Should -Be 'success'
        $all[0].Id | Should -Be $script:longStatuses[-1].id
        $all[-1].State | Should -Be 'queued'
        $all[-1].Id | Should -Be $script:longStatuses[0].id
        ($all.Id | Select-Object -Unique).Count | Should -Be 150

        $gets = @(Get-GhEmulatorRequest -Method GET)
        $gets.Count | Should -Be 2
        $gets | ForEach-Object {
            $_.path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:long)/statuses"
            $_.query | Should -BeLike '*per_page=100*'
        }
        $gets[1].query | Should -BeLike '*page=2*'
    }

    It 'returns GhDeploymentStatus objects that carry the repository and the deployment id' {
        $s = Get-GhDeploymentStatus -DeploymentId $script:qa[0] | Select-Object -First 1
        $s | Should -BeOfType ([DeploymentStatus.GhDeploymentStatus])
        $s.Owner | Should -Be 'octo-org'
        $s.Repository | Should -Be 'hello-world'
        $s.DeploymentId | Should -Be $script:qa[0]
        $s.DeploymentId | Should -BeOfType ([long])
        $s.Id | Should -BeOfType ([long])
        $s.Id | Should -BeGreaterThan ([int]::MaxValue)
        $s.Environment | Should -Be 'qa'
    }

    It 'streams: Select-Object -First 1 reads one page only' {
        $first = Get-GhDeploymentStatus -DeploymentId $script:long | Select-Object -First 1
        $first.State | Should -Be 'success'
        @(Get-GhEmulatorRequest).Count | Should -Be 1
    }

    It 'gets one status by -StatusId with one request' {
        $wanted = $script:longStatuses[10]
        $s = Get-GhDeploymentStatus -DeploymentId $script:long -StatusId $wanted.id
        $s.Id | Should -Be $wanted.id
        $s.State | Should -Be 'in_progress'
        $s.DeploymentId | Should -Be $script:long
        $gets = @(Get-GhEmulatorRequest)
        $gets.Count | Should -Be 1
        $gets[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:long)/statuses/$($wanted.id)"
    }

    It '-Latest makes exactly one request, with per_page=1, and returns the newest status' {
        $s = @(Get-GhDeploymentStatus -DeploymentId $script:long -Latest)
        $s.Count | Should -Be 1
        $s[0].State | Should -Be 'success'
        $s[0].Id | Should -Be $script:longStatuses[-1].id
        $gets = @(Get-GhEmulatorRequest)
        $gets.Count | Should -Be 1
        $gets[0].method | Should -Be 'GET'
        $gets[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:long)/statuses"
        $gets[0].query | Should -Match '(^\?|&)per_page=1(&|$)'
    }

    It '-Latest returns nothing, and no error, for a deployment without statuses' {
        $s = Get-GhDeploymentStatus -DeploymentId $script:bare -Latest -ErrorVariable err
        $s | Should -BeNullOrEmpty
        $err.Count | Should -Be 0
    }

    It 'takes deployments from Get-GhDeployment (Id binds to -DeploymentId)' {
        $latest = @(Get-GhDeployment -Environment qa | Get-GhDeploymentStatus -Latest)
        $latest.Count | Should -Be 3
        $latest.State | Should -Be @('success', 'success', 'success')
        @($latest.DeploymentId | Sort-Object) | Should -Be @($script:qa | Sort-Object)
        @(Get-GhEmulatorRequest -Method GET -PathLike '*/statuses').Count | Should -Be 3
    }

    It 'accepts -Id as an alias of -DeploymentId' {
        (Get-GhDeploymentStatus -Id $script:qa[1] -Latest).DeploymentId | Should -Be $script:qa[1]
    }

    It 'binds a piped status by its DeploymentId, not by its own Id' {
        $status = Get-GhDeploymentStatus -DeploymentId $script:qa[2] -Latest
        Clear-GhEmulatorRequest
        $again = $status | Get-GhDeploymentStatus -Latest
        $again.Id | Should -Be $status.Id
        (Get-GhEmulatorRequest)[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:qa[2])/statuses"
    }

    It 'an unknown deployment is a non-terminating GhNotFound, and the pipeline goes on' {
        $found = @(12345, $script:qa[0] | ForEach-Object { [pscustomobject]@{ DeploymentId = [long]$_ } } |
            Get-GhDeploymentStatus -Latest -ErrorAction SilentlyContinue -ErrorVariable err)
        $found.Count | Should -Be 1
        $found[0].DeploymentId | Should -Be $script:qa[0]
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentStatusCommand'
        $err[0].TargetObject | Should -Be 12345
    }

    It 'an unknown -StatusId is GhNotFound' {
        $null = Get-GhDeploymentStatus -DeploymentId $script:qa[0] -StatusId 1 -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentStatusCommand'
    }

    It '-StatusId and -Latest cannot be combined' {
        { Get-GhDeploymentStatus -DeploymentId $script:qa[0] -StatusId 1 -Latest } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }
}
