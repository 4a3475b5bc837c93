# Issue 12, deployment branch policies: Get/Add/Remove-GhDeploymentBranchPolicy through the BUILT module against the emulator
# process. Bodies as GitHub's schema wants them, a known pattern answered with the existing policy (GitHub's 303), and a clear
# error (GhNotCustomBranches, with what to run) where GitHub's bare 404 says nothing about the environment's policy.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        $script:token = Connect-TestRepo
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name production -BranchPolicy custom -Policies main, 'tag:v*'
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -BranchPolicy protected
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name qa
        Clear-GhEmulatorRequest
    }

    function script:Get-Policies([string] $Environment) {
        $env = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).environments | Where-Object name -EQ $Environment)
        @($env[0].branch_policies | ForEach-Object { "$($_.type):$($_.name)" })
    }

    function script:Get-Wire { foreach ($r in @(Get-GhEmulatorRequest)) { "$($r.method) $($r.status) $($r.path)$($r.query)" } }
}

AfterAll { Disconnect-GhAccount }


Describe 'Get-GhDeploymentBranchPolicy' {
    BeforeEach { Reset-Repo }

    It 'lists an environment''s patterns in one request' {
        $all = @(Get-GhDeploymentBranchPolicy -Environment production)
        $all.Count | Should -Be 2
        $all[0] | Should -BeOfType ([DeploymentStatus.GhDeploymentBranchPolicy])
        $all[0].Owner | Should -Be 'octo-org'
        $all[0].Environment | Should -Be 'production'
        "$($all[0].Type):$($all[0].Name)" | Should -Be 'branch:main'
        "$($all[1].Type):$($all[1].Name)" | Should -Be 'tag:v*'
        $all[0].PolicyId | Should -BeGreaterThan ([int]::MaxValue)
        @(Get-Wire) | Should -Be @('GET 200 /repos/octo-org/hello-world/environments/production/deployment-branch-policies?per_page=100')
    }

    It 'gets one by -PolicyId' {
        $id = (Get-GhDeploymentBranchPolicy -Environment production)[1].PolicyId
        Clear-GhEmulatorRequest
        (Get-GhDeploymentBranchPolicy -Environment production -PolicyId $id).Name | Should -Be 'v*'
        @(Get-Wire) | Should -Be @("GET 200 /repos/octo-org/hello-world/environments/production/deployment-branch-policies/$id")
    }

    It 'an environment from Get-GhEnvironment pipes in by its Name' {
        (Get-GhEnvironment -Name production | Get-GhDeploymentBranchPolicy).Name | Should -Be @('main', 'v*')
    }

    It 'an environment without custom branch policies: GhNotCustomBranches naming its policy and what to run' {
        Get-GhDeploymentBranchPolicy -Environment staging -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotCustomBranches,DeploymentStatus.Commands.GetGhDeploymentBranchPolicyCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $err[0].TargetObject | Should -Be 'staging'
        "$($err[0])" | Should -BeLike "*'staging' of octo-org/hello-world lets only protected branches deploy (its deployment branch policy is ProtectedBranches)*Set-GhEnvironment -Name 'staging' -DeploymentBranchPolicy CustomBranches*"
        @(Get-Wire) | Should -Be @(
            'GET 404 /repos/octo-org/hello-world/environments/staging/deployment-branch-policies?per_page=100'
            'GET 200 /repos/octo-org/hello-world/environments/staging')
    }

    It 'an environment that does not exist: GhNotFound saying so' {
        Get-GhDeploymentBranchPolicy -Environment nope -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentBranchPolicyCommand'
        "$($err[0])" | Should -BeLike "*no environment 'nope' in octo-org/hello-world*"
    }

    It 'a policy id the environment lacks is GitHub''s own GhNotFound' {
        Get-GhDeploymentBranchPolicy -Environment production -PolicyId 1 -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentBranchPolicyCommand'
        "$($err[0])" | Should -BeLike '*GitHub answered 404*'
    }
}


Describe 'Add-GhDeploymentBranchPolicy' {
    BeforeEach { Reset-Repo }

    It 'posts each pattern as { name } (and type when given) and returns the policies' {
        $added = @(Add-GhDeploymentBranchPolicy -Environment production -Name 'release/*', 'hotfix/*')
        $tag = Add-GhDeploymentBranchPolicy -Environment production -Name 'v2.*' -Type tag
        $added.Name | Should -Be @('release/*', 'hotfix/*')
        $tag.Type | Should -Be 'tag'
        $posts = @(Get-GhEmulatorRequest -Method POST)
        $posts.body | Should -Be @('{"name":"release/*"}', '{"name":"hotfix/*"}', '{"name":"v2.*","type":"tag"}')
        $posts[0].headers.'Content-Type' | Should -BeLike 'application/json*'
        Get-Policies production | Should -Be @('branch:main', 'tag:v*', 'branch:release/*', 'branch:hotfix/*', 'tag:v2.*')
    }

    It 'a pattern already there is answered with that policy (GitHub''s 303, followed)' {
        $existing = (Get-GhDeploymentBranchPolicy -Environment production)[0]
        Clear-GhEmulatorRequest
        $again = Add-GhDeploymentBranchPolicy -Environment production -Name main
        $again.PolicyId | Should -Be $existing.PolicyId
        @(Get-Wire) | Should -Be @(
            'POST 303 /repos/octo-org/hello-world/environments/production/deployment-branch-policies'
            "GET 200 /repos/octo-org/hello-world/environments/production/deployment-branch-policies/$($existing.PolicyId)")
        (Get-Policies production).Count | Should -Be 2
    }

    It 'takes a GhEnvironment from the pipeline (-InputObject), since -Name is the pattern here' {
        Get-GhEnvironment -Name production | Add-GhDeploymentBranchPolicy -Name 'release/*'
        Get-Policies production | Should -Contain 'branch:release/*'
    }

    It 'an environment whose policy is None: GhNotCustomBranches, and nothing added' {
        Add-GhDeploymentBranchPolicy -Environment qa -Name main -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotCustomBranches,DeploymentStatus.Commands.AddGhDeploymentBranchPolicyCommand'
        "$($err[0])" | Should -BeLike "*'qa' of octo-org/hello-world lets every branch deploy (its deployment branch policy is None)*-DeploymentBranchPolicy CustomBranches*"
        Get-Policies qa | Should -BeNullOrEmpty
    }

    It 'explains GitHub''s 422 the same way (some answer 422 where GitHub documents 404)' {
        Add-GhEmulatorFault -Method POST -Path 'deployment-branch-policies$' -Status 422 -Body '{"message":"Validation Failed"}'
        Add-GhDeploymentBranchPolicy -Environment staging -Name main -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotCustomBranches,DeploymentStatus.Commands.AddGhDeploymentBranchPolicyCommand'
    }

    It 'a refusal GitHub has another reason for stays GitHub''s' {
        Add-GhEmulatorFault -Method POST -Path 'deployment-branch-policies$' -Status 422 -Body '{"message":"Validation Failed","errors":[{"code":"custom","message":"name is invalid"}]}'
        Add-GhDeploymentBranchPolicy -Environment production -Name '[' -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhValidationFailed,DeploymentStatus.Commands.AddGhDeploymentBranchPolicyCommand'
        "$($err[0])" | Should -BeLike '*name is invalid*'
    }

    It '-WhatIf sends nothing' {
        Add-GhDeploymentBranchPolicy -Environment production -Name 'release/*' -WhatIf
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'refuses <Name> before anything is sent' -TestCases @(
        @{ Name = 'a type GitHub lacks'; Script = { Add-GhDeploymentBranchPolicy -Environment production -Name main -Type commit } }
        @{ Name = 'an empty pattern'; Script = { Add-GhDeploymentBranchPolicy -Environment production -Name '' } }
        @{ Name = 'a pattern with LF'; Script = { Add-GhDeploymentBranchPolicy -Environment production -Name "main`n" } }
        @{ Name = 'an environment with NUL'; Script = { Add-GhDeploymentBranchPolicy -Environment "prod`0" -Name main } }
    ) {
        (Invoke-Refused $Script).FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentValidationError,*'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }
}


Describe 'Remove-GhDeploymentBranchPolicy' {
    BeforeEach { Reset-Repo }

    It 'policies piped in bind Environment and PolicyId; one DELETE each' {
        $policies = @(Get-GhDeploymentBranchPolicy -Environment production)
        Clear-GhEmulatorRequest
        $policies | Remove-GhDeploymentBranchPolicy -Confirm:$false
        @(Get-Wire) | Should -Be @($policies | ForEach-Object { "DELETE 204 /repos/octo-org/hello-world/environments/production/deployment-branch-policies/$($_.PolicyId)" })
        Get-Policies production | Should -BeNullOrEmpty
    }

    It 'has ConfirmImpact High, and -WhatIf sends nothing' {
        $attribute = (Get-Command Remove-GhDeploymentBranchPolicy).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        Remove-GhDeploymentBranchPolicy -Environment production -PolicyId 3000000001 -WhatIf
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'an environment whose policy is not CustomBranches: GhNotCustomBranches' {
        Remove-GhDeploymentBranchPolicy -Environment staging -PolicyId 3000000001 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotCustomBranches,DeploymentStatus.Commands.RemoveGhDeploymentBranchPolicyCommand'
    }
}
