# The whole deployment lifecycle as a user drives it from PowerShell, through the built module against the
# emulator: each cmdlet's output piped into the next, from creation to deletion.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $null = Connect-TestRepo
}


Describe 'The deployment lifecycle' {
    It 'creates, reports, reads, retires and deletes a deployment, each step piped into the next' {
        $deployment = New-GhDeployment -Ref main -Environment review-12 -TransientEnvironment -Payload @{ pr = 12 }
        $deployment | New-GhDeploymentStatus -State in_progress | Should -Not -BeNullOrEmpty
        $deployment | New-GhDeploymentStatus -State success -EnvironmentUrl https://review-12.example.com/ | Should -Not -BeNullOrEmpty

        $latest = $deployment | Get-GhDeploymentStatus -Latest
        $latest.State | Should -Be 'success'
        $latest.EnvironmentUrl | Should -Be 'https://review-12.example.com/'
        @($deployment | Get-GhDeploymentStatus).State | Should -Be @('success', 'in_progress')

        $retired = $deployment | Set-GhDeploymentInactive -PassThru
        $retired.State | Should -Be 'inactive'
        ($retired | Get-GhDeploymentStatus -Latest).State | Should -Be 'inactive'

        $deployment | Remove-GhDeployment -Confirm:$false
        $null = Get-GhDeployment -Id $deployment.Id -ErrorAction SilentlyContinue -ErrorVariable gone
        $gone[0].FullyQualifiedErrorId | Should -BeLike 'GhNotFound,*'
    }

    It 'wraps a deployment script: Invoke-GhDeployment leaves a success the other cmdlets read' {
        $status = Invoke-GhDeployment -Ref main -Environment staging -EnvironmentUrl https://staging.example.com/ -PassThru { 'deployed' } |
            Select-Object -Last 1
        $status.State | Should -Be 'success'
        (Get-GhDeployment -Id $status.DeploymentId | Get-GhDeploymentStatus -Latest).Id | Should -Be $status.Id
    }

    It 'cleans up years of stale deployments in one line' {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 130 -Environment legacy -States success
        $current = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment legacy -States success)
        Set-GhDeploymentInactive -Environment legacy -InformationAction Ignore
        @(Get-GhDeployment -Environment legacy | Get-GhDeploymentStatus -Latest | Where-Object State -EQ 'inactive').Count | Should -Be 130

        # Retired, they can be deleted. The list is read whole first (the parentheses): deleting while Get-GhDeployment
        # still streams its pages would shift the later pages under it.
        (Get-GhDeployment -Environment legacy | Select-Object -Skip 1) | Remove-GhDeployment -Confirm:$false
        @(Get-GhDeployment -Environment legacy).Id | Should -Be $current
    }
}
