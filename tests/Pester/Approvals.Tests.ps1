# Issue 12, approvals: Get-GhPendingDeployment, Approve/Deny-GhPendingDeployment (required reviewers) and
# Approve/Deny-GhDeploymentProtectionRule (a GitHub App's custom rule) through the BUILT module against the emulator process:
# only the environments the caller may review, their ids sent in one request, -Environment narrowing it, -WhatIf sending
# no review, GITHUB_RUN_ID as the default run, an app reviewing its own rule.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Run {
        # octocat (the connected token) reviews staging and, through the ops team, production; hubot reviews qa only.
        $script:token = Connect-TestRepo
        $null = Add-GhEmulatorUser hubot
        $null = Add-GhEmulatorTeam -Org octo-org -Slug ops -Members octocat
        $script:staging = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -Reviewers octocat -WaitTimer 5
        $script:production = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name production -Reviewers octo-org/ops
        $script:qa = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name qa -Reviewers hubot
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name gated
        $script:run = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Actor hubot -Environments staging, production, qa, @{ name = 'gated'; apps = @('azure-gate') }
        Clear-GhEmulatorRequest
    }

    function script:Get-Gates { @((Get-GhEmulatorRun -Owner octo-org -Repo hello-world -RunId $script:run).gates) }
    function script:Get-Reviews { foreach ($g in Get-Gates) { "$($g.environment)=$($g.state)" } }
    function script:Get-Wire { foreach ($r in @(Get-GhEmulatorRequest)) { "$($r.method) $($r.status) $($r.path)" } }

    function script:With-RunId([string] $Value, [scriptblock] $Script) {
        $saved = $env:GITHUB_RUN_ID
        $env:GITHUB_RUN_ID = $Value
        try { & $Script } finally { $env:GITHUB_RUN_ID = $saved }
    }
}

AfterAll { Disconnect-GhAccount }


Describe 'Get-GhPendingDeployment' {
    BeforeEach { Reset-Run }

    It 'lists each waiting environment: wait timer, reviewers, whether the caller may approve' {
        $pending = @(Get-GhPendingDeployment -RunId $script:run)
        $pending.Environment | Should -Be @('staging', 'production', 'qa', 'gated')
        $pending[0] | Should -BeOfType ([DeploymentStatus.GhPendingDeployment])
        $pending[0].RunId | Should -Be $script:run
        $pending[0].EnvironmentId | Should -Be $script:staging
        $pending[0].WaitTimer | Should -Be 5
        $pending[0].WaitTimerStartedAt | Should -Not -BeNullOrEmpty
        $pending[1].WaitTimerStartedAt | Should -BeNullOrEmpty
        $pending[1].Reviewers | Should -Be @('octo-org/ops')
        $pending.CurrentUserCanApprove | Should -Be @($true, $true, $false, $false)
        @(Get-Wire) | Should -Be @("GET 200 /repos/octo-org/hello-world/actions/runs/$($script:run)/pending_deployments")
    }

    It 'defaults -RunId to GITHUB_RUN_ID' {
        $pending = With-RunId "$($script:run)" { @(Get-GhPendingDeployment) }
        $pending.Count | Should -Be 4
    }

    It 'without -RunId or GITHUB_RUN_ID it stops with GhRunNotSpecified and sends nothing' {
        $err = With-RunId $null { Invoke-Refused { Get-GhPendingDeployment } }
        $err.FullyQualifiedErrorId | Should -Be 'GhRunNotSpecified,DeploymentStatus.Commands.GetGhPendingDeploymentCommand'
        "$err" | Should -BeLike '*-RunId*GITHUB_RUN_ID*'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'an unknown run is GhNotFound' {
        Get-GhPendingDeployment -RunId 1 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhPendingDeploymentCommand'
    }

    It 'has a default table view that fits 80 columns' {
        $lines = (Get-GhPendingDeployment -RunId $script:run | Out-String -Width 80) -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Environment\s+CanApprove\s+WaitTimer\s+Reviewers'
        $lines | Where-Object { $_ -like 'production*' } | Should -Match '^production\s+True\s+0 octo-org/ops'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}


Describe 'Approve-GhPendingDeployment and Deny-GhPendingDeployment' {
    BeforeEach { Reset-Run }

    It 'approves every environment the caller may approve, their ids in one request, and returns nothing' {
        $out = Approve-GhPendingDeployment -RunId $script:run -Comment 'Ship it'
        $out | Should -BeNullOrEmpty
        @(Get-Wire) | Should -Be @(
            "GET 200 /repos/octo-org/hello-world/actions/runs/$($script:run)/pending_deployments"
            "POST 200 /repos/octo-org/hello-world/actions/runs/$($script:run)/pending_deployments")
        $post = @(Get-GhEmulatorRequest -Method POST)[0]
        $post.body | Should -Be ('{"environment_ids":[' + $script:staging + ',' + $script:production + '],"state":"approved","comment":"Ship it"}')
        $post.headers.'Content-Type' | Should -BeLike 'application/json*'
        Get-Reviews | Should -Be @('staging=approved', 'production=approved', 'qa=waiting', 'gated=approved')
        (Get-Gates)[0].reviews[0].comment | Should -Be 'Ship it'
    }

    It 'Deny sends state rejected; -Environment narrows it (wildcards allowed); -PassThru returns the deployments' {
        $out = @(Deny-GhPendingDeployment -RunId $script:run -Environment 'prod*' -Comment 'Freeze' -PassThru)
        @(Get-GhEmulatorRequest -Method POST)[0].body | Should -Be ('{"environment_ids":[' + $script:production + '],"state":"rejected","comment":"Freeze"}')
        $out.Count | Should -Be 1
        $out[0] | Should -BeOfType ([DeploymentStatus.GhDeployment])
        $out[0].Environment | Should -Be 'production'
        $out[0].Id | Should -Be (Get-Gates)[1].deploymentId
        Get-Reviews | Should -Be @('staging=waiting', 'production=rejected', 'qa=waiting', 'gated=approved')
    }

    It 'an environment named that the caller may not review, or that the run does not wait on, is an error of its own; the rest is reviewed' {
        Approve-GhPendingDeployment -RunId $script:run -Environment staging, qa, nope -Comment ok -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 2
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotAReviewer,DeploymentStatus.Commands.ApproveGhPendingDeploymentCommand'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($err[0])" | Should -BeLike "*waits on qa (reviewers: hubot), and the token's account may not review it*"
        $err[1].FullyQualifiedErrorId | Should -Be 'GhNotPending,DeploymentStatus.Commands.ApproveGhPendingDeploymentCommand'
        "$($err[1])" | Should -BeLike "*does not wait on 'nope'*"
        @(Get-GhEmulatorRequest -Method POST)[0].body | Should -Be ('{"environment_ids":[' + $script:staging + '],"state":"approved","comment":"ok"}')
        Get-Reviews | Should -Be @('staging=approved', 'production=waiting', 'qa=waiting', 'gated=approved')
    }

    It 'nothing the caller may review: an error, and no review is sent' {
        Approve-GhPendingDeployment -RunId $script:run -Environment qa -Comment ok -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GhNotAReviewer,*'
        @(Get-GhEmulatorRequest -Method POST).Count | Should -Be 0
        $quiet = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Environments qa
        Approve-GhPendingDeployment -RunId $quiet -Comment ok -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GhNotAReviewer,*'
        "$($err[0])" | Should -BeLike '*may review none of them*'
        $none = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Environments @()
        Approve-GhPendingDeployment -RunId $none -Comment ok -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GhNotPending,*'
        @(Get-GhEmulatorRequest -Method POST).Count | Should -Be 0
    }

    It '-WhatIf reads the pending deployments and sends no review' {
        Approve-GhPendingDeployment -RunId $script:run -Comment ok -WhatIf
        Deny-GhPendingDeployment -RunId $script:run -Environment staging -Comment no -WhatIf
        @(Get-GhEmulatorRequest | Where-Object method -NE 'GET').Count | Should -Be 0
        Get-Reviews | Should -Be @('staging=waiting', 'production=waiting', 'qa=waiting', 'gated=approved')
    }

    It 'pending deployments pipe in (RunId and Environment bind by property name)' {
        Get-GhPendingDeployment -RunId $script:run | Where-Object CurrentUserCanApprove | Approve-GhPendingDeployment -Comment 'piped'
        @(Get-GhEmulatorRequest -Method POST).body | Should -Be @(
            ('{"environment_ids":[' + $script:staging + '],"state":"approved","comment":"piped"}')
            ('{"environment_ids":[' + $script:production + '],"state":"approved","comment":"piped"}'))
    }

    It 'defaults -RunId to GITHUB_RUN_ID and takes an empty comment' {
        With-RunId "$($script:run)" { Approve-GhPendingDeployment -Environment staging -Comment '' }
        @(Get-GhEmulatorRequest -Method POST)[0].body | Should -Be ('{"environment_ids":[' + $script:staging + '],"state":"approved","comment":""}')
    }

    It 'a run whose actor is the caller, on an environment that prevents self-review: GitHub says no, and so does the module' {
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name release -Reviewers octocat -PreventSelfReview
        $mine = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Actor octocat -Environments release
        Approve-GhPendingDeployment -RunId $mine -Comment ok -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -BeLike 'GhNotAReviewer,*'
        @(Get-GhEmulatorRequest -Method POST).Count | Should -Be 0
    }
}


Describe 'Approve-GhDeploymentProtectionRule and Deny-GhDeploymentProtectionRule' {
    BeforeAll {
        $script:key = New-GhTestAppKey
        $script:keyPath = Join-Path $TestDrive 'gate.pem'
        Set-Content -LiteralPath $script:keyPath -Value $script:key.PrivateKeyPem -NoNewline
    }
    BeforeEach {
        Reset-Run
        Add-GhEmulatorApp -AppId 77 -Slug azure-gate -PublicKeyPem $script:key.PublicKeyPem -Installations @{ id = 7; login = 'octo-org' }
        Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId 77 -PrivateKeyPath $script:keyPath -InstallationId 7 -Owner octo-org -Repository hello-world -Policy $script:Fast
    }

    It 'the app approves its own rule: { environment_name, state, comment } and nothing returned' {
        $out = Approve-GhDeploymentProtectionRule -RunId $script:run -Environment gated -Comment 'Azure Pipelines gate passed'
        $out | Should -BeNullOrEmpty
        $post = @(Get-GhEmulatorRequest -Method POST -PathLike '*/deployment_protection_rule')
        $post.Count | Should -Be 1
        $post[0].status | Should -Be 204
        $post[0].body | Should -Be '{"environment_name":"gated","state":"approved","comment":"Azure Pipelines gate passed"}'
        $post[0].headers.'Content-Type' | Should -BeLike 'application/json*'
        $post[0].headers.Authorization | Should -BeLike 'token ghs_*'
        (Get-Gates)[3].rules.'azure-gate' | Should -Be 'approved'
    }

    It 'Deny sends state rejected, without a comment when none is given' {
        Deny-GhDeploymentProtectionRule -RunId $script:run -Environment gated
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/deployment_protection_rule')[0].body | Should -Be '{"environment_name":"gated","state":"rejected"}'
        (Get-Gates)[3].rules.'azure-gate' | Should -Be 'rejected'
    }

    It 'pending deployments pipe in; GITHUB_RUN_ID is the default run' {
        Get-GhPendingDeployment -RunId $script:run | Where-Object Environment -EQ gated | Approve-GhDeploymentProtectionRule
        (Get-Gates)[3].rules.'azure-gate' | Should -Be 'approved'
        $other = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Environments @{ name = 'gated'; apps = @('azure-gate') }
        With-RunId "$other" { Deny-GhDeploymentProtectionRule -Environment gated -Comment 'Health check failed' }
        (Get-GhEmulatorRun -Owner octo-org -Repo hello-world -RunId $other).gates[0].rules.'azure-gate' | Should -Be 'rejected'
    }

    It '-WhatIf sends no review' {
        Approve-GhDeploymentProtectionRule -RunId $script:run -Environment gated -WhatIf
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/deployment_protection_rule').Count | Should -Be 0
    }

    It 'a rule the app does not hold there is GitHub''s refusal, an item''s error' {
        Approve-GhDeploymentProtectionRule -RunId $script:run -Environment staging -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhValidationFailed,DeploymentStatus.Commands.ApproveGhDeploymentProtectionRuleCommand'
        "$($err[0])" | Should -BeLike '*azure-gate*staging*'
    }
}
