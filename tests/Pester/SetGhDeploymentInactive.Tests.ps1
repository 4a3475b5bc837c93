# Set-GhDeploymentInactive through the built module against the emulator: one deployment from the pipeline, and a
# whole environment in bulk (every page, the newest -Keep kept, already inactive ones skipped without a write,
# -WhatIf writing nothing, per-item failures as non-terminating errors, progress, and a summary).

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        # A fresh repository and a new connection to it (a reset forgets the previous token).
        $script:token = Connect-TestRepo
    }

    function script:Add-Deployment([int] $Count = 1, [string] $Environment = 'staging', [string[]] $States = @('success')) {
        @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count $Count -Environment $Environment -States $States)
    }

    function script:Get-LatestState {
        # Deployment id -> its latest state, from the emulator's own state.
        $map = @{}
        foreach ($d in (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments) {
            $map[[long]$d.id] = if (@($d.statuses).Count) { @($d.statuses)[0].state } else { $null }
        }
        $map
    }

    function script:Get-StatusPost {
        # The POST …/statuses requests recorded, as [pscustomobject]@{ Id; State; Status }.
        foreach ($r in @(Get-GhEmulatorRequest -Method POST -PathLike '*/deployments/*/statuses')) {
            [pscustomobject]@{
                Id     = [long]($r.path -replace '^.*/deployments/(\d+)/statuses$', '$1')
                State  = ($r.body | ConvertFrom-Json).state
                Status = $r.status
            }
        }
    }

    Reset-Repo
}


Describe 'Set-GhDeploymentInactive' {
    Context 'one deployment' {
        BeforeAll {
            Reset-Repo
            $script:ids = Add-Deployment -Count 4 -Environment qa
        }
        BeforeEach { Clear-GhEmulatorRequest }

        It 'marks a piped deployment inactive with one POST and returns nothing' {
            $d = Get-GhDeployment -Id $script:ids[0]
            Clear-GhEmulatorRequest
            $out = $d | Set-GhDeploymentInactive
            $out | Should -BeNullOrEmpty
            $all = @(Get-GhEmulatorRequest)
            $all.Count | Should -Be 1
            $all[0].method | Should -Be 'POST'
            $all[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:ids[0])/statuses"
            ($all[0].body | ConvertFrom-Json -AsHashtable).Keys | Should -Be @('state')
            ($all[0].body | ConvertFrom-Json).state | Should -Be 'inactive'
            (Get-LatestState)[$script:ids[0]] | Should -Be 'inactive'
        }

        It '-PassThru returns the inactive status' {
            $s = Set-GhDeploymentInactive -DeploymentId $script:ids[1] -PassThru
            $s | Should -BeOfType ([DeploymentStatus.GhDeploymentStatus])
            $s.State | Should -Be 'inactive'
            $s.DeploymentId | Should -Be $script:ids[1]
        }

        It 'takes several deployments from Get-GhDeployment, one POST each, none to one already inactive' {
            $active = Add-Deployment -Count 2 -Environment qa-more
            $null = Add-Deployment -Count 1 -Environment qa-more -States success, inactive
            $null = Get-GhDeployment -Environment qa-more | Set-GhDeploymentInactive
            @(Get-StatusPost).Id | Sort-Object | Should -Be @($active | Sort-Object)
        }

        It 'sends nothing with -WhatIf' {
            Set-GhDeploymentInactive -Id $script:ids[3] -WhatIf
            @(Get-GhEmulatorRequest).Count | Should -Be 0
            (Get-LatestState)[$script:ids[3]] | Should -Be 'success'
        }

        It 'an unknown deployment is a non-terminating GhNotFound' {
            Set-GhDeploymentInactive -DeploymentId 42 -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.SetGhDeploymentInactiveCommand'
        }
    }

    Context 'a whole environment: 250 deployments, 100 of them already inactive' {
        BeforeAll {
            Reset-Repo
            # Oldest first, in five runs of 50 so that active and inactive ones share every page of the list:
            # active, inactive, active, inactive, active (the newest).
            $script:active = [System.Collections.Generic.List[long]]::new()
            $script:inactive = [System.Collections.Generic.List[long]]::new()
            foreach ($run in 1..5) {
                if ($run % 2) { $script:active.AddRange([long[]](Add-Deployment -Count 50 -States success)) }
                else { $script:inactive.AddRange([long[]](Add-Deployment -Count 50 -States success, inactive)) }
            }
            $script:production = Add-Deployment -Count 3 -Environment production
            Clear-GhEmulatorRequest

            $script:watch = [System.Diagnostics.Stopwatch]::StartNew()
            $script:out = Set-GhDeploymentInactive -Environment staging -Keep 0 -InformationVariable info -InformationAction Ignore -ErrorVariable err
            $script:watch.Stop()
            $script:info = $info
            $script:err = $err
            $script:requests = @(Get-GhEmulatorRequest)
        }

        It 'sends exactly 150 writes, one to each active deployment, none to those already inactive' {
            $script:active.Count | Should -Be 150
            $script:inactive.Count | Should -Be 100
            $posts = @(Get-StatusPost)
            $posts.Count | Should -Be 150
            @($script:requests | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*graphql' }).Count | Should -Be 150
            @($posts.Id | Sort-Object -Unique) | Should -Be @($script:active | Sort-Object)
            $posts.State | Select-Object -Unique | Should -Be 'inactive'
            $posts.Status | Select-Object -Unique | Should -Be 201
        }

        It 'leaves all 250 inactive, and the other environments alone' {
            $latest = Get-LatestState
            @($script:active + $script:inactive | Where-Object { $latest[$_] -ne 'inactive' }) | Should -BeNullOrEmpty
            @($script:production | ForEach-Object { $latest[$_] }) | Should -Be @('success', 'success', 'success')
        }

        It 'walks every page of the environment''s list, 100 a page' {
            $lists = @($script:requests | Where-Object { $_.method -eq 'GET' -and $_.path -eq '/repos/octo-org/hello-world/deployments' })
            $lists.Count | Should -Be 3
            $lists | ForEach-Object {
                $_.query | Should -BeLike '*environment=staging*'
                $_.query | Should -BeLike '*per_page=100*'
            }
            $lists[1].query | Should -BeLike '*page=2*'
            $lists[2].query | Should -BeLike '*page=3*'
        }

        It 'reads the states of each page of 100 in one GraphQL query, and no status list' {
            @($script:requests | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/statuses' }) | Should -BeNullOrEmpty
            $queries = @($script:requests | Where-Object path -Like '*graphql')
            $queries.Count | Should -Be 3
            @($queries | ForEach-Object { @(($_.body | ConvertFrom-Json).variables.ids).Count }) | Should -Be @(100, 100, 50)
            # 3 pages, 3 state queries, the repository (is it archived?), 150 writes.
            @($script:requests).Count | Should -Be (3 + 3 + 1 + 150)
        }

        It 'returns nothing, writes no error, and ends with a summary on the information stream' {
            $script:out | Should -BeNullOrEmpty
            $script:err.Count | Should -Be 0
            $script:info.Count | Should -Be 1
            "$($script:info[0])" | Should -Be 'octo-org/hello-world (staging): 150 retired, 100 skipped (already inactive), 0 failed, 0 kept (newest).'
        }

        It 'takes seconds, not minutes, without pacing' {
            # The policy's write interval is 0 here; the bound only catches a hang or a serial crawl.
            $script:watch.Elapsed.TotalSeconds | Should -BeLessThan 30
        }

        It 'with -WhatIf prints the plan and sends no write at all (the reads only)' {
            $fresh = Add-Deployment -Count 5 -States success
            Clear-GhEmulatorRequest
            $result = Set-GhDeploymentInactive -Environment staging -Keep 0 -WhatIf -PassThru -InformationVariable info -InformationAction Ignore
            @(Get-GhEmulatorRequest | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*graphql' }).Count | Should -Be 0
            $latest = Get-LatestState
            foreach ($id in $fresh) { $latest[$id] | Should -Be 'success' }
            @($info | ForEach-Object { "$_" }) | Should -Be @(
                'octo-org/hello-world staging: 255 deployments: 0 kept, 250 already inactive, 5 to retire.'
                'Plan: 5 writes in 1 repository, about 0 s (writes 0 s apart, no write budget).')
            $result.Remaining | Should -Be 5
            $result.Retired | Should -Be 0
        }
    }

    Context 'a whole environment: -Keep' {
        BeforeEach {
            Reset-Repo
            $script:ids = Add-Deployment -Count 10 -States success
            Clear-GhEmulatorRequest
        }

        It 'keeps the newest by default (-Keep 1)' {
            Set-GhDeploymentInactive -Environment staging -InformationVariable info -InformationAction Ignore
            $latest = Get-LatestState
            $latest[$script:ids[-1]] | Should -Be 'success'
            foreach ($id in $script:ids[0..8]) { $latest[$id] | Should -Be 'inactive' }
            @(Get-StatusPost).Count | Should -Be 9
            "$($info[0])" | Should -BeLike '*9 retired*1 kept (newest)*'
        }

        It 'keeps the <Keep> newest with -Keep <Keep>' -TestCases @(@{ Keep = 3 }, @{ Keep = 0 }) {
            Set-GhDeploymentInactive -Environment staging -Keep $Keep -InformationAction Ignore
            $latest = Get-LatestState
            $kept = @($script:ids | Select-Object -Last $Keep)
            foreach ($id in $script:ids) {
                $latest[$id] | Should -Be $(if ($id -in $kept) { 'success' } else { 'inactive' })
            }
            @(Get-StatusPost).Count | Should -Be (10 - $Keep)
            # The kept ones are not even read.
            foreach ($id in $kept) { @(Get-GhEmulatorRequest -PathLike "*/deployments/$id/statuses").Count | Should -Be 0 }
        }

        It 'writes nothing when -Keep covers them all' {
            Set-GhDeploymentInactive -Environment staging -Keep 25 -InformationAction Ignore
            @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 1
            @(Get-StatusPost).Count | Should -Be 0
        }

        It 'retires a deployment that has no status at all' {
            $bare = Add-Deployment -Count 1 -States @()
            $newest = Add-Deployment -Count 1
            Clear-GhEmulatorRequest
            Set-GhDeploymentInactive -Environment staging -Keep 1 -InformationAction Ignore
            (Get-LatestState)[$bare[0]] | Should -Be 'inactive'
            (Get-LatestState)[$newest[0]] | Should -Be 'success'
        }
    }

    Context 'a whole environment: failures' {
        BeforeEach {
            Reset-Repo
            $script:ids = Add-Deployment -Count 6 -States success
            Clear-GhEmulatorRequest
        }

        It 'a <Status> on one write is a non-terminating error, sent once, and the others are retired' -TestCases @(
            @{ Status = 404; ErrorId = 'GhNotFound' }
            @{ Status = 422; ErrorId = 'GhValidationFailed' }
        ) {
            $bad = $script:ids[2]
            Add-GhEmulatorFault -Method POST -Path "/deployments/$bad/statuses$" -Status $Status -Body '{"message":"Scripted failure"}'
            Set-GhDeploymentInactive -Environment staging -Keep 0 -ErrorAction SilentlyContinue -ErrorVariable err -InformationVariable info -InformationAction Ignore

            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be "$ErrorId,DeploymentStatus.Commands.SetGhDeploymentInactiveCommand"
            $err[0].TargetObject.Id | Should -Be $bad
            "$($err[0])" | Should -BeLike '*Scripted failure*'

            $posts = @(Get-StatusPost)
            $posts.Count | Should -Be 6
            @($posts | Where-Object Id -EQ $bad).Count | Should -Be 1
            $latest = Get-LatestState
            $latest[$bad] | Should -Be 'success'
            foreach ($id in $script:ids | Where-Object { $_ -ne $bad }) { $latest[$id] | Should -Be 'inactive' }
            "$($info[0])" | Should -BeLike 'octo-org/hello-world (staging): 5 retired, 0 skipped (already inactive), 1 failed, 0 kept*'
        }

        It 'without GraphQL, a failed read of one deployment''s newest status is a non-terminating error, and that one is not written' {
            $bad = $script:ids[4]
            Add-GhEmulatorFault -Method POST -Path 'graphql$' -Status 404
            Add-GhEmulatorFault -Method GET -Path "/deployments/$bad/statuses$" -Status 404
            Set-GhDeploymentInactive -Environment staging -Keep 0 -ErrorAction SilentlyContinue -ErrorVariable err -InformationVariable info -InformationAction Ignore -WarningAction SilentlyContinue
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.SetGhDeploymentInactiveCommand'
            @(Get-StatusPost | Where-Object Id -EQ $bad).Count | Should -Be 0
            @(Get-StatusPost).Count | Should -Be 5
            "$($info[0])" | Should -BeLike '*5 retired*1 failed*'
        }

        It 'a failed page of the list is an error, and the summary still comes' {
            Add-GhEmulatorFault -Method GET -Path '/repos/octo-org/hello-world/deployments$' -Status 404
            Set-GhDeploymentInactive -Environment staging -ErrorAction SilentlyContinue -ErrorVariable err -InformationVariable info -InformationAction Ignore
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.SetGhDeploymentInactiveCommand'
            $info.Count | Should -Be 1
            "$($info[0])" | Should -BeLike '*0 retired*could not be read to its end*'
        }
    }

    Context 'a whole environment: progress' {
        It 'shows the reading, then writes done of the total, the percentage and the time left, and completes' {
            Reset-Repo
            $null = Add-Deployment -Count 120 -States success
            $ps = [PowerShell]::Create()
            try {
                $null = $ps.AddScript({
                        param($Assembly, $ApiUri, $Token)
                        # The built module's assembly, already loaded from out/ by this process.
                        Import-Module -Assembly $Assembly
                        # Writes 20 ms apart: 120 of them are 2.4 s of pacing ahead at the start.
                        Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy @{ WriteIntervalSeconds = 0.02; WritesPerMinute = 0; WritesPerHour = 0 }
                        $ProgressPreference = 'Continue'
                        Set-GhDeploymentInactive -Environment staging -Keep 0
                    }).AddArgument([DeploymentStatus.GhDeployment].Assembly).AddArgument($script:emu.ApiUri).AddArgument($script:token)
                $null = $ps.Invoke()
                $ps.Streams.Error.Count | Should -Be 0
                $progress = @($ps.Streams.Progress)
            }
            finally { $ps.Dispose() }

            $progress[0].Activity | Should -Be 'Reading deployments'
            $progress[0].StatusDescription | Should -Be 'octo-org/hello-world (1 of 1)'
            $writing = @($progress | Where-Object Activity -EQ 'Retiring deployments')
            $running = @($writing | Where-Object RecordType -EQ 'Processing')
            $running.Count | Should -Be 120
            $running[0].StatusDescription | Should -Be '0 of 120 writes, 0% (0 retired, 0 failed)'
            $running[0].SecondsRemaining | Should -BeGreaterOrEqual 2 -Because '120 writes 20 ms apart take 2.4 s at the least'
            $running[60].StatusDescription | Should -Be '60 of 120 writes, 50% (60 retired, 0 failed)'
            $running[60].PercentComplete | Should -Be 50
            $running[60].CurrentOperation | Should -BeLike 'Deployment * (staging) in octo-org/hello-world'
            $running[-1].SecondsRemaining | Should -BeLessOrEqual $running[0].SecondsRemaining
            $writing[-1].RecordType | Should -Be 'Completed'
        }
    }
}
