# Smoke test of the test harness itself (EmulatorHarness.psm1) against the real emulator process.
# It does not need the module: it talks to the emulator with Invoke-RestMethod.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
}


Describe 'EmulatorHarness' {
    BeforeAll {
        $script:token = Initialize-GhEmulatorRepo
        $script:headers = @{ Authorization = "token $script:token"; Accept = 'application/vnd.github+json' }
    }

    It 'starts the emulator on a loopback port and exposes the API root under api/v3/' {
        $script:emu.Uri.Host | Should -Be '127.0.0.1'
        $script:emu.Uri.Port | Should -BeGreaterThan 0
        $script:emu.ApiUri.AbsoluteUri | Should -Be ($script:emu.Uri.AbsoluteUri + 'api/v3/')
        $script:emu.Process.HasExited | Should -BeFalse
    }

    It 'gives random tokens in the personal-access-token shape' {
        $a = New-GhTestToken
        $a | Should -Match '^ghp_[A-Za-z0-9]{36}$'
        New-GhTestToken | Should -Not -Be $a
    }

    It 'returns the absolute path of the built module manifest' {
        $path = Get-DsModulePath
        [System.IO.Path]::IsPathRooted($path) | Should -BeTrue
        $path | Should -BeLike '*out*DeploymentStatus*DeploymentStatus.psd1'
    }

    It 'seeds deployments that the API lists newest first, with 64-bit ids' {
        Clear-GhEmulatorRequest
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging -States success)
        $ids.Count | Should -Be 3
        $ids | ForEach-Object { $_ | Should -BeOfType [long] }
        $ids[0] | Should -BeGreaterThan ([int]::MaxValue)

        $uri = [System.Uri]::new($script:emu.ApiUri, 'repos/octo-org/hello-world/deployments?environment=staging')
        $listed = Invoke-RestMethod -Uri $uri -Headers $script:headers -NoProxy
        @($listed).Count | Should -Be 3
        @($listed)[0].id | Should -Be $ids[2]
        @($listed)[0].environment | Should -Be 'staging'
    }

    It 'records API requests (and not control calls), with the path without /api/v3' {
        $requests = @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/octo-org/hello-world/deployments')
        $requests.Count | Should -Be 1
        $requests[0].status | Should -Be 200
        $requests[0].query | Should -Match 'environment=staging'
        @(Get-GhEmulatorRequest -Method POST).Count | Should -Be 0
        Clear-GhEmulatorRequest
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'refuses an unknown token with 401 Bad credentials' {
        $uri = [System.Uri]::new($script:emu.ApiUri, 'repos/octo-org/hello-world/deployments')
        $err = { Invoke-RestMethod -Uri $uri -Headers @{ Authorization = "token $(New-GhTestToken)" } -NoProxy } |
            Should -Throw -PassThru
        $err.Exception.Response.StatusCode.value__ | Should -Be 401
        $err.ErrorDetails.Message | Should -Match 'Bad credentials'
    }

    It 'plays a scripted fault on the next matching request only' {
        Clear-GhEmulatorRequest
        Add-GhEmulatorFault -Method GET -Path '^/repos/octo-org/hello-world/deployments$' -Status 502 -Count 1
        $uri = [System.Uri]::new($script:emu.ApiUri, 'repos/octo-org/hello-world/deployments')
        { Invoke-RestMethod -Uri $uri -Headers $script:headers -NoProxy } | Should -Throw
        { Invoke-RestMethod -Uri $uri -Headers $script:headers -NoProxy } | Should -Not -Throw
        (Get-GhEmulatorRequest -Method GET).status | Should -Be @(502, 200)
    }

    It 'shows the repository state for assertions' {
        $state = Get-GhEmulatorState -Owner octo-org -Repo hello-world
        @($state.deployments).Count | Should -Be 3
        @($state.deployments)[0].statuses[-1].state | Should -Be 'success'
        @($state.deployments).state | Should -Be @('ACTIVE', 'SUCCESS', 'SUCCESS')
    }

    It 'seeds aged deployments: their statuses are gone from REST while GraphQL keeps their state' {
        $token = New-GhTestToken
        Add-GhEmulatorToken -Token $token -Repos octo-org/archive
        $id = @(Add-GhEmulatorDeployment -Owner octo-org -Repo archive -Environment staging -States success, inactive -AgeDays 400)[0]
        $auth = @{ Authorization = "bearer $token" }

        $uri = [System.Uri]::new($script:emu.ApiUri, "repos/octo-org/archive/deployments/$id")
        $deployment = Invoke-RestMethod -Uri $uri -Headers $auth -NoProxy
        (Invoke-WebRequest -Uri "$uri/statuses" -Headers $auth -NoProxy).Content | Should -Be '[]'

        $query = 'query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { id state } } }'
        $body = @{ query = $query; variables = @{ ids = @($deployment.node_id) } } | ConvertTo-Json -Depth 5
        $answer = Invoke-WebRequest -Uri ([System.Uri]::new($script:emu.Uri, 'graphql')) -Method Post -Headers $auth -Body $body `
            -ContentType 'application/json' -NoProxy
        $answer.Headers['x-ratelimit-resource'] | Should -Be 'graphql'
        ($answer.Content | ConvertFrom-Json).data.nodes[0].state | Should -Be 'INACTIVE'
    }

}

# Last: Start-GhEmulator makes the emulator it starts the one the control functions talk to.
Describe 'A second emulator' {
    It 'runs beside the first and stops when asked' {
        $other = Start-GhEmulator
        $other.Uri.Port | Should -Not -Be $script:emu.Uri.Port
        $id = $other.Process.Id
        Stop-GhEmulator $other
        Get-Process -Id $id -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        # The first one still answers.
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world -Emulator $script:emu).deployments).Count | Should -Be 3
    }
}
