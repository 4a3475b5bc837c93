# Remove-GhDeployment through the built module against the emulator: GitHub deletes only an inactive deployment
# (or the only one); -Force marks an active one inactive first; without it the refusal says what to do.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        $script:token = Connect-TestRepo
    }

    function script:Get-DeploymentIds {
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | ForEach-Object { [long]$_.id })
    }

    function script:Get-LatestState([long] $Id) {
        $d = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $Id)
        if ($d) { @($d[0].statuses)[0].state }
    }

    function script:Get-Wire {
        # Every API request since the last clear: method, answer, path (without /api/v3), body.
        foreach ($r in @(Get-GhEmulatorRequest)) {
            [pscustomobject]@{
                Method = $r.method
                Status = $r.status
                Path   = $r.path
                Body   = $r.body
            }
        }
    }
}


Describe 'Remove-GhDeployment' {
    BeforeEach {
        Reset-Repo
        # Oldest first: an inactive one, two active ones.
        $script:inactive = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging -States success, inactive
        $script:active = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging -States success)
        Clear-GhEmulatorRequest
    }

    It 'deletes an inactive deployment with one DELETE and returns nothing' {
        $out = Remove-GhDeployment -DeploymentId $script:inactive -Confirm:$false
        $out | Should -BeNullOrEmpty
        $wire = @(Get-Wire)
        $wire.Count | Should -Be 1
        $wire[0].Method | Should -Be 'DELETE'
        $wire[0].Path | Should -Be "/repos/octo-org/hello-world/deployments/$($script:inactive)"
        $wire[0].Status | Should -Be 204
        Get-DeploymentIds | Should -Not -Contain $script:inactive
    }

    It 'refuses an active deployment without -Force: GhValidationFailed naming -Force, and no status is posted' {
        $id = $script:active[0]
        Remove-GhDeployment -DeploymentId $id -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhValidationFailed,DeploymentStatus.Commands.RemoveGhDeploymentCommand'
        $err[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $err[0].TargetObject | Should -Be $id
        $text = "$($err[0])"
        $text | Should -BeLike '*cannot delete an active deployment*'
        $text | Should -BeLike "*The deployment is still active: use -Force*"
        $text | Should -BeLike '*-Force*'
        $wire = @(Get-Wire)
        $wire.Count | Should -Be 1
        $wire[0].Method | Should -Be 'DELETE'
        $wire[0].Status | Should -Be 422
        @(Get-GhEmulatorRequest -Method POST).Count | Should -Be 0
        Get-DeploymentIds | Should -Contain $id
        Get-LatestState $id | Should -Be 'success'
    }

    It 'with -Force marks an active deployment inactive, then deletes it' {
        $id = $script:active[0]
        Remove-GhDeployment -DeploymentId $id -Force -Confirm:$false -ErrorVariable err
        $err.Count | Should -Be 0
        $wire = @(Get-Wire)
        ($wire | ForEach-Object { "$($_.Method) $($_.Status)" }) -join ', ' | Should -Be 'DELETE 422, POST 201, DELETE 204'
        $wire.Path | Should -Be @(
            "/repos/octo-org/hello-world/deployments/$id"
            "/repos/octo-org/hello-world/deployments/$id/statuses"
            "/repos/octo-org/hello-world/deployments/$id")
        ($wire[1].Body | ConvertFrom-Json).state | Should -Be 'inactive'
        Get-DeploymentIds | Should -Not -Contain $id
    }

    It 'with -Force sends no status for a deployment that is already inactive' {
        Remove-GhDeployment -DeploymentId $script:inactive -Force -Confirm:$false
        @(Get-Wire | ForEach-Object { "$($_.Method) $($_.Status)" }) | Should -Be @('DELETE 204')
    }

    It 'sends nothing with -WhatIf, even with -Force' {
        Remove-GhDeployment -DeploymentId $script:active[0] -Force -WhatIf
        Remove-GhDeployment -DeploymentId $script:inactive -WhatIf
        @(Get-GhEmulatorRequest).Count | Should -Be 0
        @(Get-DeploymentIds).Count | Should -Be 3
    }

    It 'has ConfirmImpact High, so it asks first: with no one to answer, nothing is deleted' {
        $attribute = (Get-Command Remove-GhDeployment).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue

        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Assembly, $ApiUri, $Token, $Id)
                    Import-Module -Assembly $Assembly
                    Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world
                    Remove-GhDeployment -DeploymentId $Id
                }).AddArgument([DeploymentStatus.GhDeployment].Assembly).AddArgument($script:emu.ApiUri).AddArgument($script:token).AddArgument($script:inactive)
            $null = $ps.Invoke()
            @($ps.Streams.Error).Count | Should -Be 1
            $ps.Streams.Error[0].FullyQualifiedErrorId | Should -BeLike 'HostFunctionNotImplemented,*'
            "$($ps.Streams.Error[0])" | Should -BeLike '*request confirmation*Delete deployment*'
        }
        finally { $ps.Dispose() }
        @(Get-GhEmulatorRequest).Count | Should -Be 0
        Get-DeploymentIds | Should -Contain $script:inactive
    }

    It 'deletes the repository''s only deployment even while it is active' {
        Reset-Repo
        $only = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment production -States success
        Clear-GhEmulatorRequest
        Remove-GhDeployment -DeploymentId $only -Confirm:$false -ErrorVariable err
        $err.Count | Should -Be 0
        @(Get-Wire | ForEach-Object { "$($_.Method) $($_.Status)" }) | Should -Be @('DELETE 204')
        @(Get-DeploymentIds).Count | Should -Be 0
    }

    It 'takes deployments from Get-GhDeployment: -Force deletes a torn-down environment''s deployments' {
        $review = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment review-7 -States success)
        Clear-GhEmulatorRequest
        Get-GhDeployment -Environment review-7 | Remove-GhDeployment -Force -Confirm:$false -ErrorVariable err
        $err.Count | Should -Be 0
        $left = Get-DeploymentIds
        $review | ForEach-Object { $left | Should -Not -Contain $_ }
        @($left).Count | Should -Be 3
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').Count | Should -Be 3
    }

    It '-PassThru returns the deployment as it was before it was deleted' {
        $d = Remove-GhDeployment -DeploymentId $script:inactive -PassThru -Confirm:$false
        $d | Should -BeOfType ([DeploymentStatus.GhDeployment])
        $d.Id | Should -Be $script:inactive
        $d.Environment | Should -Be 'staging'
        Get-DeploymentIds | Should -Not -Contain $script:inactive
    }

    It 'an unknown deployment is a non-terminating GhNotFound, and the next piped one is still deleted' {
        [pscustomobject]@{ Id = 99 }, [pscustomobject]@{ Id = $script:inactive } |
            Remove-GhDeployment -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable err
        $err.Count | Should -Be 1
        $err[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.RemoveGhDeploymentCommand'
        Get-DeploymentIds | Should -Not -Contain $script:inactive
    }
}
