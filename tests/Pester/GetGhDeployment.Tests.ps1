# Get-GhDeployment: by id, filtered lists, streaming pagination, through the built module against the emulator.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $null = Connect-TestRepo
    # 250 staging deployments (3 pages of 100), then 5 production ones from another ref, newest last.
    $script:staging = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 250 -Environment staging -Ref main -States success)
    $script:production = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 5 -Environment production -Ref release -Task deploy:migrations)
}


Describe 'Get-GhDeployment' {
    BeforeEach { Clear-GhEmulatorRequest }

    It 'lists every page, newest first, 100 a page' {
        $all = @(Get-GhDeployment)
        $all.Count | Should -Be 255
        $all[0].Id | Should -Be $script:production[-1]
        $all[-1].Id | Should -Be $script:staging[0]
        $gets = @(Get-GhEmulatorRequest -Method GET)
        $gets.Count | Should -Be 3
        $gets | ForEach-Object { $_.query | Should -BeLike '*per_page=100*' }
    }

    It 'streams: Select-Object -First 1 makes one list request (and one query for its page''s states)' {
        $first = Get-GhDeployment -Environment staging | Select-Object -First 1
        $first.Id | Should -Be $script:staging[-1]
        @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 1
        @(Get-GhEmulatorRequest -Method POST -PathLike '*graphql').Count | Should -Be 1
    }

    It 'pages with -First and -Skip without reading pages it skips' {
        $some = @(Get-GhDeployment -Environment staging -Skip 210 -First 20)
        $some.Count | Should -Be 20
        $some[0].Id | Should -Be $script:staging[249 - 210]
        $gets = @(Get-GhEmulatorRequest -Method GET)
        $gets.Count | Should -Be 1
        $gets[0].query | Should -BeLike '*page=3*'
    }

    It 'sends the filters GitHub knows: <Name>' -TestCases @(
        @{ Name = 'environment'; Splat = @{ Environment = 'production' }; Query = 'environment=production'; Count = 5 }
        @{ Name = 'ref'; Splat = @{ Ref = 'release' }; Query = 'ref=release'; Count = 5 }
        @{ Name = 'task'; Splat = @{ Task = 'deploy:migrations' }; Query = 'task=deploy%3Amigrations'; Count = 5 }
    ) {
        $found = @(Get-GhDeployment @Splat)
        $found.Count | Should -Be $Count
        (Get-GhEmulatorRequest -Method GET)[0].query | Should -BeLike "*$Query*"
    }

    It 'filters by sha' {
        $sha = (Get-GhDeployment -Environment production -First 1).Sha
        Clear-GhEmulatorRequest
        @(Get-GhDeployment -Sha $sha).Count | Should -BeGreaterThan 0
        (Get-GhEmulatorRequest -Method GET)[0].query | Should -BeLike "*sha=$sha*"
    }

    It 'URL-encodes environment names, slashes included' {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment 'review/pr 7'
        Clear-GhEmulatorRequest
        $found = @(Get-GhDeployment -Environment 'review/pr 7')
        $found.Count | Should -Be 1
        $found[0].Environment | Should -Be 'review/pr 7'
        (Get-GhEmulatorRequest -Method GET)[0].query | Should -BeLike '*environment=review%2Fpr%207*'
    }

    It 'gets one deployment by -Id with every property' {
        $id = $script:production[0]
        $d = Get-GhDeployment -Id $id
        $d | Should -BeOfType ([DeploymentStatus.GhDeployment])
        $d.Id | Should -Be $id
        $d.Id | Should -BeOfType ([long])
        $d.Id | Should -BeGreaterThan ([int]::MaxValue)
        $d.Owner | Should -Be 'octo-org'
        $d.Repository | Should -Be 'hello-world'
        $d.Environment | Should -Be 'production'
        $d.Ref | Should -Be 'release'
        $d.Task | Should -Be 'deploy:migrations'
        $d.Sha | Should -Match '^[0-9a-f]{40}$'
        $d.Creator | Should -Not -BeNullOrEmpty
        $d.Url | Should -BeLike "*/repos/octo-org/hello-world/deployments/$id"
        $d.StatusesUrl | Should -BeLike "*/deployments/$id/statuses"
        (Get-GhEmulatorRequest)[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$id"
    }

    It 'writes GhNotFound for a missing id and carries on' {
        $found = @($script:production[0], 424242424242, $script:production[1] |
                ForEach-Object { [pscustomobject]@{ Id = $_ } } |
                Get-GhDeployment -ErrorVariable err -ErrorAction SilentlyContinue)
        $found.Count | Should -Be 2
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'hides a repository the token cannot see as GhNotFound' {
        Get-GhDeployment -Owner someone-else -Repository secret -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'has a default table view' {
        $text = Get-GhDeployment -Environment production -First 2 | Out-String
        $text | Should -Match 'Id\s+Environment\s+State\s+Ref'
        $text | Should -Match 'production\s+active\s+release'
    }
}
