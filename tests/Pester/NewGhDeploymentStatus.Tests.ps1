# New-GhDeploymentStatus, the seed endpoint, through the built module against the emulator process.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Get-StatusPost {
        @(Get-GhEmulatorRequest -Method POST -PathLike '/repos/*/deployments/*/statuses')
    }
}


Describe 'New-GhDeploymentStatus' {
    BeforeEach {
        $null = Connect-TestRepo -NoDefaults
        $script:deploymentId = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging)[0]
        Clear-GhEmulatorRequest
    }

    It 'sends state <State> as GitHub spells it and returns a GhDeploymentStatus' -TestCases @(
        @{ State = 'error' }, @{ State = 'failure' }, @{ State = 'inactive' }, @{ State = 'in_progress' },
        @{ State = 'queued' }, @{ State = 'pending' }, @{ State = 'success' }
    ) {
        $status = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State $State

        $status | Should -BeOfType ([DeploymentStatus.GhDeploymentStatus])
        $status.State | Should -Be $State
        $status.DeploymentId | Should -Be $script:deploymentId
        $status.Owner | Should -Be 'octo-org'
        $status.Repository | Should -Be 'hello-world'
        $posts = Get-StatusPost
        $posts.Count | Should -Be 1
        $posts[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:deploymentId)/statuses"
        $body = $posts[0].body | ConvertFrom-Json -AsHashtable
        $body.Keys | Should -Be @('state')
        $body.state | Should -BeExactly $State
    }

    It 'accepts PowerShell spellings such as InProgress and sends in_progress' {
        $status = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State InProgress
        $status.State | Should -Be 'in_progress'
        ((Get-StatusPost)[0].body | ConvertFrom-Json).state | Should -Be 'in_progress'
    }

    It 'sends every field with GitHub''s name, as JSON, with the preview media types' {
        $description = 'x' * 140
        $status = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success `
            -Description $description -LogUrl 'https://ci.example.com/run/1' -TargetUrl 'https://ci.example.com/target/1' `
            -Environment 'staging-eu' -EnvironmentUrl 'https://staging.example.com/' -AutoInactive $false

        $post = (Get-StatusPost)[0]
        $body = $post.body | ConvertFrom-Json -AsHashtable
        $body.state | Should -Be 'success'
        $body.description | Should -Be $description
        $body.log_url | Should -Be 'https://ci.example.com/run/1'
        $body.target_url | Should -Be 'https://ci.example.com/target/1'
        $body.environment | Should -Be 'staging-eu'
        $body.environment_url | Should -Be 'https://staging.example.com/'
        $body.auto_inactive | Should -BeFalse
        $body.auto_inactive | Should -BeOfType ([bool])
        $body.Keys.Count | Should -Be 7
        $post.headers.'Content-Type' | Should -BeLike 'application/json*'
        $post.headers.Accept | Should -BeLike '*application/vnd.github+json*'
        $post.headers.Accept | Should -BeLike '*application/vnd.github.flash-preview+json*'
        $post.headers.Accept | Should -BeLike '*application/vnd.github.ant-man-preview+json*'
        $post.headers.Authorization | Should -BeLike 'token *'
        $post.headers.'User-Agent' | Should -BeLike 'DeploymentStatus/*'

        $status.Description | Should -Be $description
        $status.LogUrl | Should -Be 'https://ci.example.com/run/1'
        $status.EnvironmentUrl | Should -Be 'https://staging.example.com/'
        $status.Environment | Should -Be 'staging-eu'
    }

    It 'sends auto_inactive true when asked' {
        $null = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success -AutoInactive $true
        ((Get-StatusPost)[0].body | ConvertFrom-Json).auto_inactive | Should -BeTrue
    }

    It 'lets GitHub fill target_url from log_url and inherit the environment' {
        $status = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State in_progress -LogUrl 'https://ci.example.com/run/7'
        $status.TargetUrl | Should -Be 'https://ci.example.com/run/7'
        $status.Environment | Should -Be 'staging'
    }

    It 'rejects a 141-character description before sending anything' {
        { New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success -Description ('x' * 141) } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'rejects a state GitHub does not know at binding, before sending anything' {
        { New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State finished } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'rejects <Name> before sending anything' -TestCases @(
        @{ Name = 'a relative log URL'; Splat = @{ LogUrl = 'run/1' } }
        @{ Name = 'a non-http environment URL'; Splat = @{ EnvironmentUrl = 'ftp://example.com/' } }
        @{ Name = 'an environment with a line feed'; Splat = @{ Environment = "staging`nX-Injected: 1" } }
        @{ Name = 'deployment id 0'; Splat = @{ DeploymentId = 0 } }
    ) {
        $arguments = @{ Owner = 'octo-org'; Repository = 'hello-world'; DeploymentId = $script:deploymentId; State = 'success' }
        foreach ($key in $Splat.Keys) { $arguments[$key] = $Splat[$key] }
        { New-GhDeploymentStatus @arguments } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'shows what it would do under -WhatIf and sends nothing' {
        $result = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success -WhatIf
        $result | Should -BeNullOrEmpty
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'takes its identity from GhDeployment objects in the pipeline' {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging -Count 2
        $newest = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment production)[0]
        Clear-GhEmulatorRequest

        $status = Get-GhDeployment -Owner octo-org -Repository hello-world -Environment staging -First 1 | New-GhDeploymentStatus -State success

        $status.DeploymentId | Should -Not -Be $newest
        $status.State | Should -Be 'success'
        $gets = @(Get-GhEmulatorRequest -Method GET)
        $gets.Count | Should -Be 1
        $gets[0].query | Should -BeLike '*environment=staging*'
        (Get-StatusPost).Count | Should -Be 1
        (Get-StatusPost)[0].path | Should -Be "/repos/octo-org/hello-world/deployments/$($status.DeploymentId)/statuses"
    }

    It 'carries on past a missing deployment in the middle of a pipeline: two statuses, one GhNotFound error' {
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment qa -Count 2)
        Clear-GhEmulatorRequest
        $items = @(
            [pscustomobject]@{ Owner = 'octo-org'; Repository = 'hello-world'; Id = $ids[0] }
            [pscustomobject]@{ Owner = 'octo-org'; Repository = 'hello-world'; Id = 999999999999 }
            [pscustomobject]@{ Owner = 'octo-org'; Repository = 'hello-world'; Id = $ids[1] }
        )

        $statuses = @($items | New-GhDeploymentStatus -State success -ErrorVariable failures -ErrorAction SilentlyContinue)

        $statuses.Count | Should -Be 2
        $statuses.DeploymentId | Should -Be @($ids[0], $ids[1])
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].TargetObject | Should -Be 999999999999
        $failures[0].ToString() | Should -BeLike '*404*Not Found*'
        (Get-StatusPost).Count | Should -Be 3
    }

    It 'shows every errors[].message of a 422 (GhValidationFailed)' {
        $body = @{
            message = 'Validation Failed'
            errors  = @(
                @{ resource = 'DeploymentStatus'; code = 'custom'; field = 'description'; message = 'description is too long (maximum is 140 characters)' }
                @{ resource = 'DeploymentStatus'; code = 'custom'; field = 'environment'; message = 'environment is reserved' }
            )
        } | ConvertTo-Json -Depth 5
        Add-GhEmulatorFault -Method POST -Path '/statuses$' -Status 422 -Body $body

        New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success -ErrorVariable err -ErrorAction SilentlyContinue

        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhValidationFailed,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].ToString() | Should -BeLike '*422*Validation Failed*description is too long (maximum is 140 characters)*environment is reserved*'
        (Get-StatusPost).Count | Should -Be 1
    }

    It 'succeeds against an Enterprise Server 2.2x that needs the preview media types' {
        Set-GhEmulatorSetting -Settings @{ ghes22 = $true }
        try {
            # The emulator answers 422 without the previews; the module always sends them, so a plain GHES 2.2x
            # request only fails when forced to leave them out. Here it must pass with every preview-gated field.
            Clear-GhEmulatorRequest
            $status = New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State inactive `
                -LogUrl 'https://ci.example.com/1' -EnvironmentUrl 'https://s.example.com/' -Environment staging -AutoInactive $true
            $status.State | Should -Be 'inactive'
        }
        finally { Set-GhEmulatorSetting -Settings @{ ghes22 = $false } }
    }

    It 'maps 401 to GhAuthenticationFailed and 403 to GhPermissionDenied' {
        Add-GhEmulatorFault -Method POST -Path '/statuses$' -Status 403 -Body '{"message":"Resource not accessible by integration","documentation_url":"https://docs.github.com/rest"}'
        New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success -ErrorVariable denied -ErrorAction SilentlyContinue
        $denied[0].FullyQualifiedErrorId | Should -Be 'GhPermissionDenied,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        $denied[0].ToString() | Should -BeLike '*Resource not accessible by integration*'

        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'not-a-known-token' -AsPlainText -Force)
        $refused = Invoke-Refused { New-GhDeploymentStatus -Owner octo-org -Repository hello-world -DeploymentId $script:deploymentId -State success }
        $refused.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        $refused.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $refused.ToString() | Should -BeLike '*Bad credentials*'
    }
}
