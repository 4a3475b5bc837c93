# Clean-up at scale, through the BUILT module against the emulator process: GitHub's write budget (the module's own,
# against an emulator that enforces GitHub's content-creation limits), environments by wildcard with -Keep per
# environment, every repository of an organisation (Get-GhRepository, archived ones skipped), the plan (-WhatIf), the
# summary and its objects (-PassThru), and Remove-GhDeployment over a list of more than one page.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Add-Deployment([string] $Environment, [int] $Count = 1, [string[]] $States = @('success'), [string] $Repo = 'hello-world', [string] $Owner = 'octo-org') {
        @(Add-GhEmulatorDeployment -Owner $Owner -Repo $Repo -Environment $Environment -Count $Count -States $States)
    }

    # The writes the emulator received (statuses and deletes; GraphQL queries are reads), with their answers.
    function script:Get-Write { @(Get-GhEmulatorRequest | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*graphql' }) }

    # Deployment id → its newest state, from the emulator's own record of a repository.
    function script:Get-State([string] $Repo = 'hello-world', [string] $Owner = 'octo-org') {
        $states = @{}
        foreach ($d in (Get-GhEmulatorState -Owner $Owner -Repo $Repo).deployments) { $states[[long]$d.id] = $d.state }
        $states
    }

    function script:Connect-Token([string] $Token, [hashtable] $Policy = $script:Fast) {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $Policy
    }

    # GitHub's budget scaled down: the module may write 8 an hour (the minute ample), waits 2 s at most; the emulator
    # refuses a token's writes beyond 10 an hour, as GitHub does beyond 500.
    $script:Budgeted = $script:Fast.Clone()
    $script:Budgeted.WritesPerMinute = 80
    $script:Budgeted.WritesPerHour = 8
    $script:Budgeted.MaxRateLimitWaitSeconds = 2
}

Describe 'The write budget' {
    BeforeEach {
        $null = Connect-TestRepo -Policy $script:Budgeted
        Set-GhEmulatorSetting -Settings @{ contentLimits = @{ perMinute = 0; perHour = 10 } }
        $script:ids = Add-Deployment -Environment review/1 -Count 12
        Clear-GhEmulatorRequest
    }

    It 'a retire of 12 makes exactly 8 writes, none refused, then stops with GhRateLimited naming the refill; the next run does the other 4' {
        $err = $null
        try { Set-GhDeploymentInactive -Environment review/1 -Keep 0 -ErrorAction Stop -InformationVariable first -InformationAction Ignore }
        catch { $err = $_ }

        $writes = Get-Write
        $writes.Count | Should -Be 8
        @($writes | Where-Object status -NE 201).Count | Should -Be 0 -Because 'the module kept within the budget: GitHub refused nothing'
        $err.FullyQualifiedErrorId | Should -Be 'GhRateLimited,DeploymentStatus.Commands.SetGhDeploymentInactiveCommand'
        $err.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        "$err" | Should -Match "write budget of 8 writes an hour \(WritesPerHour\) is spent: the next write may go at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"
        "$err" | Should -BeLike '*4 writes for 4 deployments remain.'
        "$($first[0])" | Should -Be 'octo-org/hello-world (review/1): 8 retired, 0 skipped (already inactive), 0 failed, 0 kept (newest), 4 remaining (the write budget ran out).'

        # The budget refilled: a fresh token is a fresh budget, for the module and for the emulator alike.
        $fresh = New-GhTestToken
        Add-GhEmulatorToken -Token $fresh -Repos octo-org/hello-world
        Connect-Token $fresh -Policy $script:Budgeted
        Clear-GhEmulatorRequest
        $result = Set-GhDeploymentInactive -Environment review/1 -Keep 0 -PassThru -InformationAction Ignore

        $second = Get-Write
        $second.Count | Should -Be 4
        $firstIds = @($writes.path | ForEach-Object { ($_ -split '/')[-2] })
        @($second.path | ForEach-Object { ($_ -split '/')[-2] } | Where-Object { $_ -in $firstIds }) | Should -BeNullOrEmpty -Because 'no deployment is written twice'
        $result.Retired | Should -Be 4
        $result.Skipped | Should -Be 8
        $result.Remaining | Should -Be 0
        $states = Get-State
        foreach ($id in $script:ids) { $states[$id] | Should -Be 'INACTIVE' }
    }

    It 'two runspaces retiring in parallel with the same token share one budget: 8 writes in all, none refused' {
        $token = New-GhTestToken
        Add-GhEmulatorToken -Token $token -Repos octo-org/hello-world
        $null = Add-Deployment -Environment review/2 -Count 12
        Clear-GhEmulatorRequest
        $module = Get-DsModulePath
        $outcomes = 'review/1', 'review/2' | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:module
            Connect-GhAccount -ApiUri $using:emu.ApiUri -Token (ConvertTo-SecureString $using:token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $using:Budgeted
            try {
                Set-GhDeploymentInactive -Environment $_ -Keep 0 -PassThru -ErrorAction Stop -InformationAction Ignore
                'finished'
            }
            catch { $_.FullyQualifiedErrorId }
        }

        $writes = Get-Write
        $writes.Count | Should -Be 8
        @($writes | Where-Object status -NE 201).Count | Should -Be 0
        @($outcomes | Where-Object { $_ -like 'GhRateLimited,*' }).Count | Should -Be 2 -Because 'each wanted 12 writes of the 8 the two shared'
    }
}

Describe 'Environments by wildcard, -Keep per environment' {
    BeforeEach {
        $null = Connect-TestRepo
        $script:review1 = Add-Deployment -Environment review/1 -Count 3
        $script:review2 = Add-Deployment -Environment review/2 -Count 2
        $script:production = Add-Deployment -Environment production -Count 2
        $script:preview = Add-Deployment -Environment preview-review/1 -Count 2
        Clear-GhEmulatorRequest
    }

    It 'review/* retires only the matching environments, keeping the newest of each, from one read of the list' {
        Set-GhDeploymentInactive -Environment 'review/*' -Keep 1 -InformationVariable info -InformationAction Ignore

        $states = Get-State
        $script:review1[0..1] + $script:review2[0] | ForEach-Object { $states[$_] | Should -Be 'INACTIVE' }
        $states[$script:review1[-1]] | Should -Be 'ACTIVE'
        $states[$script:review2[-1]] | Should -Be 'ACTIVE'
        $script:production + $script:preview | ForEach-Object { $states[$_] | Should -Not -Be 'INACTIVE' }
        @(Get-Write).Count | Should -Be 3
        $lists = @(Get-GhEmulatorRequest -Method GET -PathLike '*/deployments')
        $lists.Count | Should -Be 1 -Because 'the repository''s deployments are read once, not once per environment'
        $lists[0].query | Should -Not -BeLike '*environment=*'
        "$($info[0])" | Should -Be 'octo-org/hello-world (review/1, review/2): 3 retired, 0 skipped (already inactive), 0 failed, 2 kept (newest).'
    }

    It '* with -Keep 1 leaves the newest deployment of every environment' {
        Set-GhDeploymentInactive -Environment * -Keep 1 -InformationAction Ignore
        $states = Get-State
        foreach ($group in $script:review1, $script:review2, $script:production, $script:preview) {
            $states[$group[-1]] | Should -Not -Be 'INACTIVE'
            foreach ($id in $group | Select-Object -SkipLast 1) { $states[$id] | Should -Be 'INACTIVE' }
        }
    }

    It 'an exact name asks GitHub for that environment alone, whatever its case' {
        Set-GhDeploymentInactive -Environment PRODUCTION -Keep 0 -InformationAction Ignore
        @(Get-Write).Count | Should -Be 2
        @(Get-GhEmulatorRequest -Method GET -PathLike '*/deployments')[0].query | Should -BeLike '*environment=PRODUCTION*'
    }

    It 'Remove-GhDeployment -Environment deletes the inactive ones, and the active ones only with -Force' {
        $null = Add-Deployment -Environment review/2 -Count 2 -States success, inactive
        Clear-GhEmulatorRequest
        Remove-GhDeployment -Environment 'review/*' -Confirm:$false -PassThru -InformationVariable info -InformationAction Ignore -OutVariable without
        $without.Deleted | Should -Be 2
        $without.Skipped | Should -Be 5
        "$($info[0])" | Should -Be 'octo-org/hello-world (review/1, review/2): 2 deleted (0 marked inactive first), 5 left active (-Force deletes them), 0 failed, 0 kept (newest).'

        Clear-GhEmulatorRequest
        $with = Remove-GhDeployment -Environment 'review/*' -Keep 1 -Force -Confirm:$false -PassThru -InformationAction Ignore
        $with.Deleted | Should -Be 3
        $with.Retired | Should -Be 3
        $with.Kept | Should -Be 2
        @(Get-Write).Count | Should -Be 6 -Because 'each active one takes its inactive status and its delete; none is refused first'
        @(Get-Write | Where-Object status -GE 400).Count | Should -Be 0
        $left = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object environment -Like 'review/*')
        @($left.id | Sort-Object) | Should -Be @($script:review1[-1], $script:review2[-1] | Sort-Object)
    }
}

Describe 'Every repository of an organisation' {
    BeforeEach {
        $token = Initialize-GhEmulatorRepo -Owner acme -Name api
        Add-GhEmulatorRepo -Owner acme -Name web
        Add-GhEmulatorRepo -Owner acme -Name legacy -Archived
        Add-GhEmulatorToken -Token $token
        Connect-Token $token
        $script:api = Add-Deployment -Owner acme -Repo api -Environment review/1 -Count 3
        $script:web = Add-Deployment -Owner acme -Repo web -Environment review/7 -Count 2
        $script:webProduction = Add-Deployment -Owner acme -Repo web -Environment production -Count 2
        $script:legacy = Add-Deployment -Owner acme -Repo legacy -Environment review/1 -Count 2
        Clear-GhEmulatorRequest
    }

    It 'Get-GhRepository lists them by name, with their archived flag' {
        $repos = @(Get-GhRepository -Owner acme)
        $repos.Repository | Should -Be @('api', 'legacy', 'web')
        $repos[1].Archived | Should -BeTrue
        $repos[1].Owner | Should -Be 'acme'
        $repos[1].DefaultBranch | Should -Be 'main'
        $repos[1].PSObject.TypeNames[0] | Should -Be 'DeploymentStatus.GhRepository'
        @(Get-GhEmulatorRequest -Method GET -PathLike '/orgs/acme/repos').Count | Should -Be 1
    }

    It 'is cleaned in one pipeline: one summary line per repository and a total, the archived one skipped with a note and not written to' {
        $results = Get-GhRepository -Owner acme | Set-GhDeploymentInactive -Environment 'review/*' -Keep 0 -PassThru -InformationVariable info -InformationAction Ignore

        @($info | ForEach-Object { "$_" }) | Should -Be @(
            'acme/api (review/1): 3 retired, 0 skipped (already inactive), 0 failed, 0 kept (newest).'
            'acme/legacy (review/1): 0 retired, 0 skipped (already inactive), 0 failed, 0 kept (newest), 2 remaining (archived: GitHub refuses writes there).'
            'acme/web (review/7): 2 retired, 0 skipped (already inactive), 0 failed, 0 kept (newest).'
            'Total: 3 repositories (1 archived, left as they are): 5 retired, 0 skipped (already inactive), 0 failed, 0 kept (newest), 2 remaining.')
        $writes = Get-Write
        $writes.Count | Should -Be 5
        @($writes | Where-Object path -Like '*/legacy/*') | Should -BeNullOrEmpty
        @($results).Count | Should -Be 3
        ($results | Where-Object Repository -EQ legacy).Archived | Should -BeTrue
        ($results | Where-Object Repository -EQ web).Environment | Should -Be @('review/7')
        (Get-State -Owner acme -Repo web)[$script:webProduction[-1]] | Should -Be 'ACTIVE'
    }

    It 'the repository and result tables fit an 80-column terminal, each header on one line' {
        $repos = @((Get-GhRepository -Owner acme | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $repos[0] | Should -Match '^Owner\s+Repository\s+Private\s+Archived\s+DefaultBranch$'
        $repos[3] | Should -Match '^acme\s+legacy\s+False\s+True\s+main$'
        $results = Get-GhRepository -Owner acme | Set-GhDeploymentInactive -Environment 'review/*' -Keep 0 -PassThru -InformationAction Ignore
        $table = @(($results | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
        $table[0] | Should -Match '^Repository\s+Retired\s+Deleted\s+Skipped\s+Kept\s+Failed\s+Remaining\s+Note$'
        $table[3] | Should -Match '^acme/legacy\s+0\s+0\s+0\s+0\s+0\s+2 archived$'
        foreach ($line in $repos + $table) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' should fit" }
    }

    It '-WhatIf prints the plan for every repository and sends no write' {
        Get-GhRepository -Owner acme | Remove-GhDeployment -Environment 'review/*' -Force -WhatIf -InformationVariable info -InformationAction Ignore
        @(Get-Write).Count | Should -Be 0
        @($info | ForEach-Object { "$_" }) | Should -Be @(
            'acme/api review/1: 3 deployments: 0 kept, 0 to delete, 3 to mark inactive and delete, 0 left active (-Force deletes them).'
            'acme/legacy review/1: 2 deployments: 0 kept, 0 to delete, 2 to mark inactive and delete, 0 left active (-Force deletes them).'
            'acme/legacy is skipped (archived: GitHub refuses writes there).'
            'acme/web review/7: 2 deployments: 0 kept, 0 to delete, 2 to mark inactive and delete, 0 left active (-Force deletes them).'
            'Plan: 10 writes in 3 repositories, about 0 s (writes 0 s apart, no write budget).')
    }

    It 'the plan says how long the writes take under the write budget' {
        $policy = $script:Fast.Clone()
        $policy.WriteIntervalSeconds = 1
        $policy.WritesPerMinute = 2
        $policy.WritesPerHour = 500
        Connect-Token (Initialize-GhEmulatorRepo) -Policy $policy
        $null = Add-Deployment -Environment review/1 -Count 5
        Set-GhDeploymentInactive -Environment review/1 -Keep 0 -WhatIf -InformationVariable info -InformationAction Ignore
        # Two a minute: the fifth write goes two minutes after the first.
        "$($info[-1])" | Should -Be 'Plan: 5 writes in 1 repository, about 2 min 0 s (writes 1 s apart, at most 2 a minute and 500 an hour).'
    }

    It 'a repository piped in without -Environment is refused before anything is sent' {
        { Get-GhRepository -Owner acme -Name web | Remove-GhDeployment -Force -Confirm:$false -ErrorAction Stop } | Should -Throw
        @(Get-Write).Count | Should -Be 0
    }
}

Describe 'Get-GhRepository' {
    BeforeAll {
        $script:token = Initialize-GhEmulatorRepo -Owner big -Name r000
        foreach ($i in 1..149) { Add-GhEmulatorRepo -Owner big -Name ('r{0:000}' -f $i) }
        Add-GhEmulatorRepo -Owner octocat -Name mine
        Add-GhEmulatorToken -Token $script:token
        Connect-Token $script:token
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It 'streams an organisation''s repositories a page of 100 at a time' {
        @(Get-GhRepository -Owner big).Count | Should -Be 150
        @(Get-GhEmulatorRequest -Method GET -PathLike '*/orgs/big/repos').Count | Should -Be 2
        Clear-GhEmulatorRequest
        @(Get-GhRepository -Owner big | Select-Object -First 3).Repository | Should -Be @('r000', 'r001', 'r002')
        @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 1
    }

    It 'filters by wildcard, and reads a name without one directly' {
        @(Get-GhRepository -Owner big -Name r14*).Repository | Should -Be @('r140', 'r141', 'r142', 'r143', 'r144', 'r145', 'r146', 'r147', 'r148', 'r149')
        Clear-GhEmulatorRequest
        (Get-GhRepository -Owner big -Name R007).Repository | Should -Be 'r007'
        @(Get-GhEmulatorRequest).path | Should -Be @('/repos/big/R007')
    }

    It 'lists a user''s repositories when the owner is no organisation' {
        @(Get-GhRepository -Owner octocat).Repository | Should -Be @('mine')
        @(Get-GhEmulatorRequest).path | Should -Be @('/orgs/octocat/repos', '/users/octocat/repos')
    }

    It 'an unknown owner is a non-terminating GhNotFound' {
        Get-GhRepository -Owner nobody -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhRepositoryCommand'
    }

    It 'a repository pipes into Get-GhDeployment as the repository, never as a deployment id' {
        $null = Add-Deployment -Owner big -Repo r001 -Environment staging -Count 2
        $deployments = @(Get-GhRepository -Owner big -Name r001 | Get-GhDeployment)
        $deployments.Count | Should -Be 2
        $deployments[0].Repository | Should -Be 'r001'
    }
}

Describe 'Remove-GhDeployment from a list of more than a page' {
    It 'removes all 150 deployments a piped list names, however GitHub''s pages shift' {
        $null = Connect-TestRepo
        $active = Add-Deployment -Environment review-9 -Count 100
        $inactive = Add-Deployment -Environment review-9 -Count 50 -States success, inactive
        $others = Add-Deployment -Environment production -Count 2
        Clear-GhEmulatorRequest

        Get-GhDeployment -Environment review-9 | Remove-GhDeployment -Force -Confirm:$false

        $left = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments)
        @($left | Where-Object environment -EQ review-9) | Should -BeNullOrEmpty
        @($left.id | Sort-Object) | Should -Be @($others | Sort-Object)
        # Each state was known from the list: 100 inactive statuses and 150 deletes, none refused.
        @(Get-Write).Count | Should -Be 250
        @(Get-Write | Where-Object status -GE 400).Count | Should -Be 0
        $null = $active, $inactive
    }
}
