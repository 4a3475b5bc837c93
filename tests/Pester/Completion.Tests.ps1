# Issue 12, tab completion through the BUILT module: -Environment of every cmdlet completes the repository's environments
# from one request, kept for a minute for the session (so completion makes at most one request a minute), and a slow answer
# never holds the prompt; -Reviewer completes only what the session already knows, and never sends a request.
# (The minute itself is asserted on a manual clock in xunit: EnvironmentCacheTests.)

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        $script:token = Connect-TestRepo
        $null = Add-GhEmulatorUser hubot
        $null = Add-GhEmulatorTeam -Org octo-org -Slug ops
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name production -Reviewers hubot, octo-org/ops
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name 'review/pr 7'
        Clear-GhEmulatorRequest
    }

    function script:Complete([string] $Line) {
        # The completion texts (quoted as they would be typed).
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }

    function script:Get-ListRequests { @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/*/environments') }

    function script:Wait-Until([scriptblock] $Condition, [int] $Seconds = 10) {
        # Waits for something the emulator records (an answer sent in the background); never for a fixed time.
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
        & $Condition | Should -BeTrue
    }
}

AfterAll { Disconnect-GhAccount }


Describe '-Environment completion' {
    BeforeEach { Reset-Repo }

    It 'completes the repository''s environments with one request, whatever cmdlet and however often' {
        $null = Complete 'Get-GhDeploymentBranchPolicy -Environment '
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Complete 'Get-GhDeploymentBranchPolicy -Environment ' | Should -Be @('production', "'review/pr 7'", 'staging')
        Complete 'Get-GhDeployment -Environment st' | Should -Be @('staging')
        Complete 'New-GhDeployment -Ref main -Environment P' | Should -Be @('production')
        Complete 'Set-GhDeploymentInactive -Environment ''rev' | Should -Be @("'review/pr 7'")
        Complete 'Approve-GhPendingDeployment -RunId 1 -Comment x -Environment sta' | Should -Be @('staging')
        Complete 'Set-GhEnvironment -Name pro' | Should -Be @('production')
        @(Complete 'Remove-GhEnvironment -Name ').Count | Should -Be 3
        Complete 'New-GhDeploymentStatus -Id 1 -State success -Environment s' | Should -Be @('staging')
        $list = Get-ListRequests
        $list.Count | Should -Be 1
        $list[0].query | Should -Be '?per_page=100'
        @(Get-GhEmulatorRequest).Count | Should -Be 1
    }

    It 'completes the repository named on the command line' {
        Add-GhEmulatorRepo -Owner octo-org -Name other
        Add-GhEmulatorToken $script:token -Login octocat
        $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo other -Name canary
        $null = Complete 'Get-GhDeployment -Owner octo-org -Repository other -Environment '
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Complete 'Get-GhDeployment -Owner octo-org -Repository other -Environment ' | Should -Be @('canary')
        @(Get-ListRequests).path | Should -Be @('/repos/octo-org/other/environments')
    }

    It 'never holds the prompt for a slow answer: it returns before GitHub answers, and the answer serves the next Tab' {
        Add-GhEmulatorFault -Method GET -Path '/environments$' -DelayMs 2500
        $first = Complete 'Get-GhDeploymentBranchPolicy -Environment '
        # Had the Tab waited for the answer, the emulator would have recorded it (it records an answer as it is sent).
        @(Get-ListRequests).Count | Should -Be 0
        $first | Should -Not -Contain 'production'
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Complete 'Get-GhDeploymentBranchPolicy -Environment pro' | Should -Be @('production')
        @(Get-ListRequests).Count | Should -Be 1
    }

    It 'a failed answer is not asked again within the minute, and is no error' {
        Add-GhEmulatorFault -Method GET -Path '/environments$' -Status 404
        $null = Complete 'Get-GhDeployment -Environment '
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Complete 'Get-GhDeployment -Environment pro' | Should -Not -Contain 'production'
        @(Get-ListRequests).Count | Should -Be 1
    }

    It 'knows environments the session creates or deletes, without a request' {
        $null = Complete 'Get-GhDeployment -Environment '
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Set-GhEnvironment -Name canary
        Remove-GhEnvironment -Name staging -Confirm:$false
        Complete 'Get-GhDeployment -Environment ' | Should -Be @('canary', 'production', "'review/pr 7'")
        @(Get-ListRequests).Count | Should -Be 1
    }

    It 'without a connection it completes nothing and sends nothing' {
        Disconnect-GhAccount
        Complete 'Get-GhDeployment -Environment pro' | Should -Not -Contain 'production'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }
}


Describe '-Reviewer completion' {
    BeforeEach { Reset-Repo }

    It 'sends no request, even when the session knows no environments yet' {
        Complete 'Set-GhEnvironment -Name qa -Reviewer ' | Should -Not -Contain 'hubot'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'offers the reviewers the session already knows from the repository''s environments' {
        $null = Complete 'Set-GhEnvironment -Name '
        Wait-Until { @(Get-ListRequests).Count -eq 1 }
        Complete 'Set-GhEnvironment -Name qa -Reviewer ' | Should -Be @('hubot', 'octo-org/ops')
        Complete 'Set-GhEnvironment -Name qa -Reviewer octo' | Should -Be @('octo-org/ops')
        @(Get-GhEmulatorRequest).Count | Should -Be 1
    }
}
