# Issue 12, environments: Get-GhEnvironment, Set-GhEnvironment, Remove-GhEnvironment through the BUILT module against the
# emulator process. Every parameter on the wire (PUT bodies exactly as GitHub's schema wants them, only the settings given),
# reviewers resolved to {type, id}, -WhatIf sending nothing, bad input refused before a request, a token that may not
# administer told which permission it lacks (and, for the Actions GITHUB_TOKEN, that it never will), GhEnvironment piped on.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        $script:token = Connect-TestRepo
        $script:hubot = Add-GhEmulatorUser hubot
        $script:monalisa = Add-GhEmulatorUser monalisa
        $script:ops = Add-GhEmulatorTeam -Org octo-org -Slug ops -Members octocat
    }

    function script:Get-Wire {
        foreach ($r in @(Get-GhEmulatorRequest)) {
            [pscustomobject]@{ Method = $r.method; Status = $r.status; Path = $r.path; RawPath = $r.rawPath; Query = $r.query; Body = $r.body; Headers = $r.headers }
        }
    }

    function script:Get-Environments { @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).environments) }
    function script:Get-EnvironmentNames { @(Get-Environments | ForEach-Object name) }

    function script:Get-WhatIf([scriptblock] $Script) {
        # The -WhatIf lines go to the host only: a transcript catches them.
        $path = Join-Path $TestDrive "whatif-$([guid]::NewGuid()).txt"
        $null = Start-Transcript -LiteralPath $path
        try { $null = & $Script } finally { $null = Stop-Transcript }
        (Get-Content -LiteralPath $path | Where-Object { $_ -like 'What if:*' }) -join "`n"
    }
}

AfterAll { Disconnect-GhAccount }


Describe 'Get-GhEnvironment' {
    BeforeAll {
        Reset-Repo
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name production -WaitTimer 30 -Reviewers hubot, octo-org/ops `
            -PreventSelfReview -BranchPolicy custom -Policies 'release/*' -CanAdminsBypass $false
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -BranchPolicy protected
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name 'review/pr-7'
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It 'lists every environment in one request of 100, with its protection rules' {
        $all = @(Get-GhEnvironment)
        $all.Name | Should -Be @('production', 'review/pr-7', 'staging')
        $all[0] | Should -BeOfType ([DeploymentStatus.GhEnvironment])
        $p = $all[0]
        $p.Owner | Should -Be 'octo-org'
        $p.Repository | Should -Be 'hello-world'
        $p.Id | Should -BeGreaterThan ([int]::MaxValue)
        $p.NodeId | Should -Not -BeNullOrEmpty
        $p.Url | Should -BeLike '*/repos/octo-org/hello-world/environments/production'
        $p.HtmlUrl | Should -BeLike '*environments_filter=production'
        $p.WaitTimer | Should -Be 30
        $p.Reviewers | Should -Be @('hubot', 'octo-org/ops')
        $p.PreventSelfReview | Should -BeTrue
        $p.DeploymentBranchPolicy | Should -Be 'CustomBranches'
        $p.CanAdminsBypass | Should -BeFalse
        $all[1].DeploymentBranchPolicy | Should -Be 'None'
        $all[1].Reviewers.Count | Should -Be 0
        $all[1].CanAdminsBypass | Should -BeTrue
        $all[2].DeploymentBranchPolicy | Should -Be 'ProtectedBranches'
        $wire = @(Get-Wire)
        $wire.Count | Should -Be 1
        "$($wire[0].Method) $($wire[0].Path)$($wire[0].Query)" | Should -Be 'GET /repos/octo-org/hello-world/environments?per_page=100'
    }

    It 'gets one by -Name with one request; a name with a slash is one encoded segment' {
        (Get-GhEnvironment -Name 'review/pr-7').Name | Should -Be 'review/pr-7'
        (Get-GhEnvironment -Name staging).DeploymentBranchPolicy | Should -Be 'ProtectedBranches'
        $wire = @(Get-Wire)
        $wire.RawPath | Should -Be @('/api/v3/repos/octo-org/hello-world/environments/review%2Fpr-7', '/api/v3/repos/octo-org/hello-world/environments/staging')
    }

    It 'matches wildcards against the list; no match is no error' {
        (Get-GhEnvironment -Name 'PROD*', '*pr-?').Name | Should -Be @('production', 'review/pr-7')
        @(Get-GhEnvironment -Name 'nothing*' -ErrorVariable err).Count | Should -Be 0
        $err.Count | Should -Be 0
        @(Get-Wire | Where-Object Path -NE '/repos/octo-org/hello-world/environments').Count | Should -Be 0
    }

    It 'an unknown name is a non-terminating GhNotFound; the next name is still read' {
        $got = Get-GhEnvironment -Name nope, staging -ErrorAction SilentlyContinue -ErrorVariable err
        $got.Name | Should -Be 'staging'
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhEnvironmentCommand'
        $err[0].TargetObject | Should -Be 'nope'
    }

    It 'pipes into Get-GhDeployment: each environment''s deployments' {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment 'review/pr-7'
        Clear-GhEmulatorRequest
        $deployments = @(Get-GhEnvironment -Name staging, 'review/pr-7' | Get-GhDeployment)
        $deployments.Environment | Should -Be @('staging', 'staging', 'review/pr-7')
        @(Get-Wire | Where-Object Path -EQ '/repos/octo-org/hello-world/deployments').Query | Should -Be @('?environment=staging&per_page=100', '?environment=review%2Fpr-7&per_page=100')
    }

    It 'a deployment piped into Get-GhDeployment is still read by its id, not listed by its environment' {
        $id = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment qa)[0]
        Clear-GhEmulatorRequest
        $again = Get-GhDeployment -Id $id | Get-GhDeployment
        $again.Id | Should -Be $id
        @(Get-Wire | Where-Object Path -NotLike '*graphql').Path | Should -Be @("/repos/octo-org/hello-world/deployments/$id", "/repos/octo-org/hello-world/deployments/$id")
    }

    It 'has a default table view that fits 80 columns' {
        $text = Get-GhEnvironment | Out-String -Width 80
        $lines = $text -split "`r?`n" | Where-Object { $_.Trim() }
        $lines[0] | Should -Match '^Name\s+WaitTimer\s+DeploymentBranchPolicy\s+Reviewers'
        $lines | Where-Object { $_ -like 'production*' } | Should -Match '^production\s+30 CustomBranches\s+hubot, octo-org/ops'
        $lines | ForEach-Object { $_.Length | Should -BeLessOrEqual 80 }
    }
}


Describe 'Set-GhEnvironment' {
    BeforeEach {
        Reset-Repo
        Clear-GhEmulatorRequest
    }

    It 'sends every setting under GitHub''s name, reviewers resolved to {type, id}, as JSON' {
        $out = Set-GhEnvironment -Name production -WaitTimer 30 -Reviewer hubot, octo-org/ops -PreventSelfReview -DeploymentBranchPolicy CustomBranches -CanAdminsBypass:$false
        $out | Should -BeNullOrEmpty
        $wire = @(Get-Wire)
        ($wire | ForEach-Object { "$($_.Method) $($_.Status) $($_.Path)" }) | Should -Be @(
            'GET 200 /users/hubot'
            'GET 200 /orgs/octo-org/teams/ops'
            'PUT 200 /repos/octo-org/hello-world/environments/production')
        $wire[2].Headers.'Content-Type' | Should -BeLike 'application/json*'
        $wire[2].Body | Should -Be ('{"wait_timer":30,"prevent_self_review":true,"reviewers":[{"type":"User","id":' + $script:hubot + '},{"type":"Team","id":' + $script:ops + '}],' +
            '"deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true},"can_admins_bypass":false}')
        $env = (Get-Environments)[0]
        $env.name | Should -Be 'production'
        $env.can_admins_bypass | Should -BeFalse
        @($env.protection_rules.type) | Should -Be @('wait_timer', 'required_reviewers', 'branch_policy')
    }

    It 'sends only the settings given; the others keep their values' {
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -WaitTimer 5 -Reviewers monalisa -BranchPolicy protected
        Clear-GhEmulatorRequest
        $result = Set-GhEnvironment -Name staging -WaitTimer 10 -PassThru
        @(Get-Wire).Body | Should -Be '{"wait_timer":10}'
        $result | Should -BeOfType ([DeploymentStatus.GhEnvironment])
        $result.WaitTimer | Should -Be 10
        $result.Reviewers | Should -Be @('monalisa')
        $result.DeploymentBranchPolicy | Should -Be 'ProtectedBranches'
    }

    It '<Name> sends <Body>' -TestCases @(
        @{ Name = '-DeploymentBranchPolicy None'; Splat = @{ DeploymentBranchPolicy = 'None' }; Body = '{"deployment_branch_policy":null}' }
        @{ Name = '-DeploymentBranchPolicy ProtectedBranches'; Splat = @{ DeploymentBranchPolicy = 'ProtectedBranches' }; Body = '{"deployment_branch_policy":{"protected_branches":true,"custom_branch_policies":false}}' }
        @{ Name = '-PreventSelfReview:$false'; Splat = @{ PreventSelfReview = $false }; Body = '{"prevent_self_review":false}' }
        @{ Name = '-CanAdminsBypass'; Splat = @{ CanAdminsBypass = $true }; Body = '{"can_admins_bypass":true}' }
        @{ Name = '-WaitTimer 0'; Splat = @{ WaitTimer = 0 }; Body = '{"wait_timer":0}' }
        @{ Name = '-WaitTimer 43200'; Splat = @{ WaitTimer = 43200 }; Body = '{"wait_timer":43200}' }
        @{ Name = '-Reviewer @()'; Splat = @{ Reviewer = @() }; Body = '{"reviewers":[]}' }
        @{ Name = 'nothing'; Splat = @{}; Body = '{}' }
    ) {
        Set-GhEnvironment -Name qa @Splat
        $wire = @(Get-Wire)
        $wire.Count | Should -Be 1
        $wire[0].Method | Should -Be 'PUT'
        $wire[0].Body | Should -Be $Body
    }

    It 'creates an environment named with a slash as one encoded segment' {
        Set-GhEnvironment -Name 'review/pr-9' -WaitTimer 1
        @(Get-Wire).RawPath | Should -Be '/api/v3/repos/octo-org/hello-world/environments/review%2Fpr-9'
        (Get-EnvironmentNames) | Should -Contain 'review/pr-9'
    }

    It 'looks each reviewer up once, whatever the case' {
        Set-GhEnvironment -Name qa -Reviewer hubot, HUBOT, octo-org/ops
        @(Get-Wire).Path | Should -Be @('/users/hubot', '/orgs/octo-org/teams/ops', '/repos/octo-org/hello-world/environments/qa')
    }

    It 'a reviewer GitHub does not know is GhNotFound naming it, and nothing is changed' {
        Set-GhEnvironment -Name qa -Reviewer hubot, nobody -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.SetGhEnvironmentCommand'
        "$($err[0])" | Should -BeLike "*Reviewer 'nobody'*no user*"
        @(Get-GhEmulatorRequest -Method PUT).Count | Should -Be 0
        Set-GhEnvironment -Name qa -Reviewer octo-org/nope -ErrorAction SilentlyContinue -ErrorVariable err
        "$($err[0])" | Should -BeLike "*Reviewer 'octo-org/nope'*no team 'nope'*organization 'octo-org'*"
        (Get-EnvironmentNames) | Should -Not -Contain 'qa'
    }

    It '-WhatIf names the settings and sends nothing, not even the lookups' {
        $said = Get-WhatIf { Set-GhEnvironment -Name production -Reviewer hubot, octo-org/ops -WaitTimer 30 -WhatIf }
        $said | Should -BeLike "*(wait timer 30 minutes, reviewers hubot, octo-org/ops)*octo-org/hello-world environment 'production'*"
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'takes environments from the pipeline' {
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name a
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name b
        Clear-GhEmulatorRequest
        Get-GhEnvironment | Set-GhEnvironment -WaitTimer 2
        @(Get-GhEmulatorRequest -Method PUT).path | Should -Be @('/repos/octo-org/hello-world/environments/a', '/repos/octo-org/hello-world/environments/b')
    }

    It 'refuses <Name> before anything is sent' -TestCases @(
        @{ Name = 'a wait timer over 43200'; Script = { Set-GhEnvironment -Name qa -WaitTimer 43201 } }
        @{ Name = 'a negative wait timer'; Script = { Set-GhEnvironment -Name qa -WaitTimer -1 } }
        @{ Name = 'seven reviewers'; Script = { Set-GhEnvironment -Name qa -Reviewer a, b, c, d, e, f, g } }
        @{ Name = 'a reviewer with a space'; Script = { Set-GhEnvironment -Name qa -Reviewer 'mona lisa' } }
        @{ Name = 'a team without a slug'; Script = { Set-GhEnvironment -Name qa -Reviewer 'octo-org/' } }
        @{ Name = 'a team path too deep'; Script = { Set-GhEnvironment -Name qa -Reviewer 'octo-org/ops/x' } }
        @{ Name = 'a reviewer with LF'; Script = { Set-GhEnvironment -Name qa -Reviewer "hubot`n" } }
        @{ Name = 'a branch policy GitHub lacks'; Script = { Set-GhEnvironment -Name qa -DeploymentBranchPolicy Everything } }
        @{ Name = 'a name of 256 characters'; Script = { Set-GhEnvironment -Name ('n' * 256) } }
        @{ Name = 'a name with CR LF'; Script = { Set-GhEnvironment -Name "qa`r`nX-Injected: 1" } }
        @{ Name = 'an empty name'; Script = { Set-GhEnvironment -Name '' } }
    ) {
        $err = Invoke-Refused $Script
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }
}


Describe 'Remove-GhEnvironment' {
    BeforeEach {
        Reset-Repo
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment 'review/pr-7'
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging
        Clear-GhEmulatorRequest
    }

    It '-WhatIf says how many deployments it holds, with one read, and deletes nothing' {
        $said = Get-WhatIf { Remove-GhEnvironment -Name 'review/pr-7' -WhatIf }
        $said | Should -BeLike "*octo-org/hello-world environment 'review/pr-7', which holds 3 deployments*"
        $wire = @(Get-Wire)
        $wire.Count | Should -Be 1
        "$($wire[0].Method) $($wire[0].Path)$($wire[0].Query)" | Should -Be 'GET /repos/octo-org/hello-world/deployments?environment=review%2Fpr-7&per_page=1'
        (Get-EnvironmentNames) | Should -Contain 'review/pr-7'
        (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments.Count | Should -Be 4
    }

    It 'deletes the environment (and GitHub its deployments) with one DELETE after the count' {
        $out = Remove-GhEnvironment -Name 'review/pr-7' -Confirm:$false
        $out | Should -BeNullOrEmpty
        (Get-Wire | ForEach-Object { "$($_.Method) $($_.Status) $($_.RawPath)" }) | Should -Be @(
            'GET 200 /api/v3/repos/octo-org/hello-world/deployments'
            'DELETE 204 /api/v3/repos/octo-org/hello-world/environments/review%2Fpr-7')
        (Get-EnvironmentNames) | Should -Be @('staging')
    }

    It 'says 1 deployment and no deployments' {
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name empty
        (Get-WhatIf { Remove-GhEnvironment -Name staging -WhatIf }) | Should -BeLike '*which holds 1 deployment"*'
        (Get-WhatIf { Remove-GhEnvironment -Name empty -WhatIf }) | Should -BeLike '*which holds no deployments"*'
    }

    It 'has ConfirmImpact High: with no one to answer, nothing is deleted' {
        $attribute = (Get-Command Remove-GhEnvironment).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Assembly, $ApiUri, $Token)
                    Import-Module -Assembly $Assembly
                    Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world
                    Remove-GhEnvironment -Name staging
                }).AddArgument([DeploymentStatus.GhEnvironment].Assembly).AddArgument($script:emu.ApiUri).AddArgument($script:token)
            $null = $ps.Invoke()
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented,*'
            "$($ps.Streams.Error[0])" | Should -BeLike "*environment 'staging', which holds 1 deployment*"
        }
        finally { $ps.Dispose() }
        @(Get-GhEmulatorRequest -Method DELETE).Count | Should -Be 0
    }

    It 'an unknown environment is GhNotFound' {
        Remove-GhEnvironment -Name nope -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.RemoveGhEnvironmentCommand'
    }
}


Describe 'A token that may not administer the repository' {
    BeforeEach {
        Reset-Repo
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -BranchPolicy custom
    }
    AfterEach { Disconnect-GhAccount }

    It 'a classic token of a non-admin (GitHub hides the route: 404): the error names administration=write' {
        $writer = New-GhTestToken
        Add-GhEmulatorToken $writer -Login hubot -NoAdmin
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $writer -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        Set-GhEnvironment -Name staging -WaitTimer 5 -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.SetGhEnvironmentCommand'
        "$($err[0])" | Should -BeLike "*needs administration of the repository*GitHub documents 'administration=write'*"
        "$($err[0])" | Should -Not -BeLike '*GITHUB_TOKEN*'
        "$($err[0])" | Should -Not -BeLike "*$writer*"
    }

    It 'a fine-grained token (403): the error names the permission GitHub''s X-Accepted-GitHub-Permissions gives' {
        $fine = New-GhTestToken -Prefix 'github_pat_'
        Add-GhEmulatorToken $fine -Login hubot -NoAdmin -Kind fine-grained
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $fine -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        Remove-GhEnvironment -Name staging -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhPermissionDenied,DeploymentStatus.Commands.RemoveGhEnvironmentCommand'
        $err[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        "$($err[0])" | Should -BeLike "*Resource not accessible by personal access token*accepts this call with 'administration=write' (X-Accepted-GitHub-Permissions)*"
        Add-GhDeploymentBranchPolicy -Environment staging -Name main -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhPermissionDenied,DeploymentStatus.Commands.AddGhDeploymentBranchPolicyCommand'
        "$($err[0])" | Should -BeLike "*'administration=write'*"
        (Get-EnvironmentNames) | Should -Contain 'staging'
    }

    It 'the Actions GITHUB_TOKEN (from the environment, in a GitHub Actions job): the error says it cannot administer environments' {
        $names = 'GITHUB_ACTIONS', 'GITHUB_TOKEN', 'GH_TOKEN', 'GITHUB_API_URL', 'GITHUB_REPOSITORY'
        $saved = @{}
        foreach ($n in $names) { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
        $actions = New-GhTestToken -Prefix 'ghs_'
        Add-GhEmulatorToken $actions -Login 'github-actions[bot]' -NoAdmin -Kind integration
        try {
            Disconnect-GhAccount
            $env:GH_TOKEN = $null
            $env:GITHUB_ACTIONS = 'true'
            $env:GITHUB_TOKEN = $actions
            $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
            $env:GITHUB_REPOSITORY = 'octo-org/hello-world'
            Set-GhEnvironment -Name production -ErrorAction SilentlyContinue -ErrorVariable err
        }
        finally { foreach ($n in $names) { [Environment]::SetEnvironmentVariable($n, $saved[$n]) } }
        $err[0].FullyQualifiedErrorId | Should -Be 'GhPermissionDenied,DeploymentStatus.Commands.SetGhEnvironmentCommand'
        $text = "$($err[0])"
        $text | Should -BeLike '*Resource not accessible by integration*'
        $text | Should -BeLike "*'administration=write'*"
        $text | Should -BeLike '*GITHUB_TOKEN*cannot administer environments*'
        $text | Should -Not -BeLike "*$actions*"
        (Get-EnvironmentNames) | Should -Not -Contain 'production'
    }
}


Describe 'A GhEnvironment pipes into every cmdlet that takes -Environment' {
    BeforeEach {
        Reset-Repo
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -BranchPolicy custom -Policies main
        $script:old = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging)
        Clear-GhEmulatorRequest
        $script:staging = Get-GhEnvironment -Name staging
        Clear-GhEmulatorRequest
    }

    It 'Set-GhDeploymentInactive retires its deployments (its Id is not taken for a deployment''s)' {
        $script:staging | Set-GhDeploymentInactive -Keep 1 6>$null
        $posts = @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses')
        $posts.path | Should -Be @("/repos/octo-org/hello-world/deployments/$($script:old[1])/statuses", "/repos/octo-org/hello-world/deployments/$($script:old[0])/statuses")
        @(Get-GhEmulatorRequest -Method GET)[0].query | Should -Be '?environment=staging&per_page=100'
    }

    It 'a deployment piped into Set-GhDeploymentInactive is still that one deployment' {
        Get-GhDeployment -Id $script:old[0] | Set-GhDeploymentInactive
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').path | Should -Be @("/repos/octo-org/hello-world/deployments/$($script:old[0])/statuses")
    }

    It 'New-GhDeployment deploys to it' {
        $d = $script:staging | New-GhDeployment -Ref main
        $d.Environment | Should -Be 'staging'
        @(Get-GhEmulatorRequest -Method POST)[0].body | Should -Be '{"ref":"main","environment":"staging"}'
    }

    It 'Invoke-GhDeployment deploys to it' {
        $out = $script:staging | Invoke-GhDeployment -Ref main { 'deployed' }
        $out | Should -Be 'deployed'
        (@(Get-GhEmulatorRequest -Method POST)[0].body | ConvertFrom-Json).environment | Should -Be 'staging'
    }

    It 'Get-, Add- and Remove-GhDeploymentBranchPolicy act on it' {
        ($script:staging | Get-GhDeploymentBranchPolicy).Name | Should -Be 'main'
        ($script:staging | Add-GhDeploymentBranchPolicy -Name 'release/*').Name | Should -Be 'release/*'
        $script:staging | Get-GhDeploymentBranchPolicy | Where-Object Name -EQ main | Remove-GhDeploymentBranchPolicy -Confirm:$false
        (Get-GhDeploymentBranchPolicy -Environment staging).Name | Should -Be 'release/*'
    }

    It 'Approve-GhPendingDeployment and the protection-rule cmdlets take its Name as -Environment' {
        foreach ($name in 'Approve-GhPendingDeployment', 'Deny-GhPendingDeployment', 'Approve-GhDeploymentProtectionRule', 'Deny-GhDeploymentProtectionRule',
            'Get-GhDeploymentBranchPolicy', 'Remove-GhDeploymentBranchPolicy', 'Get-GhDeployment', 'Set-GhDeploymentInactive', 'New-GhDeployment', 'Invoke-GhDeployment') {
            $parameter = (Get-Command $name).Parameters['Environment']
            $parameter.Aliases | Should -Contain 'Name' -Because $name
            @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ValueFromPipelineByPropertyName }).Count |
                Should -BeGreaterThan 0 -Because $name
        }
    }

    It 'New-GhDeploymentStatus takes no environment from a piped deployment (it would be sent with every status)' {
        Get-GhDeployment -Id $script:old[2] | New-GhDeploymentStatus -State success
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses')[0].body | Should -Be '{"state":"success"}'
    }
}


Describe '-Owner and -Repository reach the wire on every new cmdlet' {
    BeforeAll {
        Reset-Repo
        Add-GhEmulatorRepo -Owner octo-org -Name other
        Add-GhEmulatorToken $script:token -Login octocat
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo other -Name prod -BranchPolicy custom -Policies main -Reviewers octocat
        $script:otherRun = Add-GhEmulatorRun -Owner octo-org -Repo other -Environments prod
        $script:policy = [long](Get-GhEmulatorState -Owner octo-org -Repo other).environments[0].branch_policies[0].id
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It '<Name>' -TestCases @(
        @{ Name = 'Get-GhEnvironment'; Script = { Get-GhEnvironment -Owner octo-org -Repository other } }
        @{ Name = 'Set-GhEnvironment'; Script = { Set-GhEnvironment -Owner octo-org -Repository other -Name prod -WaitTimer 1 } }
        @{ Name = 'Get-GhDeploymentBranchPolicy'; Script = { Get-GhDeploymentBranchPolicy -Owner octo-org -Repository other -Environment prod -PolicyId $script:policy } }
        @{ Name = 'Add-GhDeploymentBranchPolicy'; Script = { Add-GhDeploymentBranchPolicy -Owner octo-org -Repo other -Environment prod -Name 'release/*' } }
        @{ Name = 'Get-GhPendingDeployment'; Script = { Get-GhPendingDeployment -Owner octo-org -Repository other -RunId $script:otherRun } }
        @{ Name = 'Approve-GhPendingDeployment'; Script = { Approve-GhPendingDeployment -Owner octo-org -Repository other -RunId $script:otherRun -Comment ok } }
        @{ Name = 'Deny-GhDeploymentProtectionRule'; Script = { Deny-GhDeploymentProtectionRule -Owner octo-org -Repository other -RunId $script:otherRun -Environment prod -ErrorAction SilentlyContinue } }
        @{ Name = 'Remove-GhDeploymentBranchPolicy'; Script = { Remove-GhDeploymentBranchPolicy -Owner octo-org -Repository other -Environment prod -PolicyId $script:policy -Confirm:$false } }
        @{ Name = 'Remove-GhEnvironment'; Script = { Remove-GhEnvironment -Owner octo-org -Repository other -Name prod -Confirm:$false } }
    ) {
        $null = & $Script
        $paths = @(Get-GhEmulatorRequest | ForEach-Object path)
        $paths.Count | Should -BeGreaterThan 0
        $paths | ForEach-Object { $_ | Should -BeLike '/repos/octo-org/other/*' }
    }
}
