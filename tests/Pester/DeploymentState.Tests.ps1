# Issue 9, deployment state at scale, through the BUILT module against the emulator: every deployment's State read
# through GraphQL (one query per page of 100), decisions made with it (also for deployments older than GitHub's 90 days of
# statuses), GraphQL's own rate limit and errors, and the REST fallback where GraphQL is not available.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Add-Deployment([int] $Count = 1, [string] $Environment = 'staging', [string[]] $States = @('success'), [int] $AgeDays = 0) {
        $seed = @{ Owner = 'octo-org'; Repo = 'hello-world'; Count = $Count; Environment = $Environment; States = $States }
        if ($AgeDays) { $seed.AgeDays = $AgeDays }
        @(Add-GhEmulatorDeployment @seed)
    }

    function script:Get-Wire {
        # The API requests since the last clear, as "METHOD path" (ids as N), oldest first.
        @(Get-GhEmulatorRequest | ForEach-Object { '{0} {1}' -f $_.method, ($_.path -replace '\d{6,}', 'N') })
    }

    function script:Get-StatusPost { @(Get-GhEmulatorRequest -Method POST -PathLike '/repos/*/statuses') }
    function script:Get-GraphQLPost { @(Get-GhEmulatorRequest -Method POST -PathLike '*graphql') }

    $script:RateLimitedBody = '{"errors":[{"type":"RATE_LIMITED","code":"graphql_rate_limit","message":"API rate limit exceeded for user ID 1."}]}'
}

Describe 'State on every deployment' {
    BeforeEach {
        $null = Connect-TestRepo
        $script:staging = Add-Deployment -Count 250 -States success
        $null = Add-Deployment -Count 1 -Environment qa -States success, inactive
        Clear-GhEmulatorRequest
    }

    It 'lists 250 deployments with their states in 3 REST and 3 GraphQL requests, 100 a query' {
        $all = @(Get-GhDeployment -Environment staging)

        $all.Count | Should -Be 250
        Get-Wire | Should -Be @(
            'GET /repos/octo-org/hello-world/deployments', 'POST /api/graphql',
            'GET /repos/octo-org/hello-world/deployments', 'POST /api/graphql',
            'GET /repos/octo-org/hello-world/deployments', 'POST /api/graphql')
        $queries = @(Get-GraphQLPost | ForEach-Object { $_.body | ConvertFrom-Json })
        $queries.variables.ids.Count | Should -Be 250
        @($queries | ForEach-Object { @($_.variables.ids).Count }) | Should -Be @(100, 100, 50)
        $all[0].State | Should -Be 'active' -Because 'the newest successful deployment of staging is the active one'
        @($all | Select-Object -Skip 1 | Where-Object State -NE 'success').Count | Should -Be 0 -Because 'the older ones were successful (seeded without auto_inactive)'
    }

    It 'Select-Object -First 1 still makes one list request (and its one state query)' {
        $first = Get-GhDeployment -Environment staging | Select-Object -First 1
        $first.State | Should -Be 'active'
        Get-Wire | Should -Be @('GET /repos/octo-org/hello-world/deployments', 'POST /api/graphql')
    }

    It 'one deployment by id, and a new deployment, come with their state' {
        (Get-GhDeployment -DeploymentId $script:staging[0]).State | Should -Be 'success'
        (Get-GhDeployment -DeploymentId $script:staging[-1]).State | Should -Be 'active'
        (New-GhDeployment -Ref main -Environment qa).State | Should -Be 'pending'
    }

    It 'shows State in the default table' {
        (Get-GhDeployment -Environment qa | Format-Table | Out-String -Width 200) | Should -Match '\bState\b[\s\S]*\binactive\b'
    }

    It 'sends GraphQL to /api/graphql for an Enterprise Server root and to /graphql for any other root' {
        $null = Get-GhDeployment -First 1
        @(Get-GraphQLPost).path | Should -Be '/api/graphql'

        Connect-GhAccount -ApiUri $script:emu.Uri -Token (ConvertTo-SecureString (Connect-TestRepo) -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        $null = Add-Deployment
        Clear-GhEmulatorRequest
        $null = Get-GhDeployment -First 1
        @(Get-GraphQLPost).path | Should -Be '/graphql'
    }

    It 'Get-GhContext shows the GraphQL rate limit beside the REST one' {
        $null = Get-GhDeployment -First 1
        $context = Get-GhContext
        $context.RateLimit.Resource | Should -Be 'core'
        $context.GraphQLRateLimit.Resource | Should -Be 'graphql'
        ($context | Format-List | Out-String) | Should -Match 'GraphQLRateLimit'
    }
}

Describe 'Decisions made with GitHub''s state' {
    BeforeEach { $null = Connect-TestRepo }

    It 'a bulk retire of 300 deployments, 100 of them inactive, sends exactly 200 writes after at most 8 reads' {
        $null = Add-Deployment -Count 100 -Environment review -States success, inactive
        $null = Add-Deployment -Count 200 -Environment review -States in_progress
        Clear-GhEmulatorRequest

        Set-GhDeploymentInactive -Environment review -Keep 0 -InformationVariable summary -InformationAction SilentlyContinue

        (Get-StatusPost).Count | Should -Be 200
        $reads = @(Get-GhEmulatorRequest | Where-Object { $_.method -eq 'GET' -or $_.path -like '*graphql' })
        $reads.Count | Should -BeLessOrEqual 8
        "$summary" | Should -BeLike 'octo-org/hello-world (review): 200 retired, 100 skipped (already inactive), 0 failed, 0 kept*'
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object { @($_.statuses)[0].state -ne 'inactive' }).Count | Should -Be 0
    }

    It 'a 2-year-old active deployment, whose statuses GitHub no longer shows, is retired; a 2-year-old inactive one gets no write' {
        $active = Add-Deployment -Environment legacy -States success -AgeDays 730
        $inactive = Add-Deployment -Environment legacy -States success, inactive -AgeDays 731
        $newest = Add-Deployment -Environment legacy -States success
        @(Get-GhDeploymentStatus -DeploymentId $active[0]).Count | Should -Be 0 -Because 'REST keeps 90 days of statuses'
        Clear-GhEmulatorRequest

        Set-GhDeploymentInactive -Environment legacy -Keep 1 -InformationAction SilentlyContinue

        @(Get-StatusPost).path | Should -Be @("/repos/octo-org/hello-world/deployments/$($active[0])/statuses")
        (Get-GhDeployment -DeploymentId $active[0]).State | Should -Be 'inactive'
        (Get-GhDeployment -DeploymentId $inactive[0]).State | Should -Be 'inactive'
        (Get-GhDeployment -DeploymentId $newest[0]).State | Should -Be 'active'
    }

    It 'piping the same list into Set-GhDeploymentInactive twice writes nothing the second time' {
        $null = Add-Deployment -Count 3 -Environment review -States in_progress
        $null = Add-Deployment -Count 2 -Environment review -States success, inactive
        $list = @(Get-GhDeployment -Environment review)
        Clear-GhEmulatorRequest

        $list | Set-GhDeploymentInactive
        (Get-StatusPost).Count | Should -Be 3 -Because 'the two inactive ones need no write'
        @($list.State | Select-Object -Unique) | Should -Be 'inactive'

        Clear-GhEmulatorRequest
        $list | Set-GhDeploymentInactive
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }
}

Describe 'GraphQL''s own limits and errors' {
    BeforeEach {
        $null = Connect-TestRepo
        $null = Add-Deployment -Count 3
        Clear-GhEmulatorRequest
    }

    It 'RATE_LIMITED is waited out like a secondary limit, then the query is sent again' {
        Add-GhEmulatorFault -Method POST -Path 'graphql$' -Status 200 -Body $script:RateLimitedBody
        $all = @(Get-GhDeployment -WarningVariable warned -WarningAction SilentlyContinue)
        $all.State | Should -Not -Contain $null
        Get-Wire | Should -Be @('GET /repos/octo-org/hello-world/deployments', 'POST /api/graphql', 'POST /api/graphql')
        "$warned" | Should -BeLike "*secondary rate limit*"
    }

    It 'any other GraphQL error is GhGraphQLError with GitHub''s message' {
        Add-GhEmulatorFault -Method POST -Path 'graphql$' -Status 200 -Body '{"errors":[{"type":"SERVICE_UNAVAILABLE","message":"Something went wrong while executing your query."}]}'
        $e = Invoke-Refused { Get-GhDeployment }
        $e.FullyQualifiedErrorId | Should -Be 'GhGraphQLError,DeploymentStatus.Commands.GetGhDeploymentCommand'
        "$e" | Should -BeLike '*SERVICE_UNAVAILABLE: Something went wrong while executing your query.*'
    }
}

Describe 'Where GitHub''s GraphQL API is not available' {
    BeforeEach {
        $null = Connect-TestRepo
        # An old Enterprise Server: no GraphQL API at all.
        Add-GhEmulatorFault -Method POST -Path 'graphql$' -Status 404 -Count 1000 -Body '{"message":"Not Found"}'
        $null = Add-Deployment -Count 150 -Environment review -States success, inactive
        $null = Add-Deployment -Count 2 -Environment review -States in_progress
        Clear-GhEmulatorRequest
    }

    It 'State is $null, one warning says why (and names the 90 days), and the list still works' {
        $all = @(Get-GhDeployment -Environment review -WarningVariable warned -WarningAction SilentlyContinue)
        $all.Count | Should -Be 152
        @($all | Where-Object { $null -ne $_.State }).Count | Should -Be 0
        @($warned).Count | Should -Be 1
        "$warned" | Should -BeLike '*GraphQL API is not available*404*90 days*'
        @(Get-GraphQLPost).Count | Should -Be 1 -Because 'once GitHub said so, the module stops asking'
    }

    It 'a bulk retire falls back to the newest statuses, right for young deployments' {
        Set-GhDeploymentInactive -Environment review -Keep 0 -WarningAction SilentlyContinue -InformationVariable summary -InformationAction SilentlyContinue
        (Get-StatusPost).Count | Should -Be 2
        "$summary" | Should -BeLike 'octo-org/hello-world (review): 2 retired, 150 skipped (already inactive)*'
    }
}
