# Log groups and problems on the run's summary page, through the BUILT module: under Azure Pipelines and GitHub Actions,
# Invoke-GhDeployment and a whole environment's retirement fold their log into one group and report what went wrong as
# the runner's errors and warnings (on standard output, read here as the runner would); nothing outside CI; never a token.

BeforeDiscovery {
    $script:runners = @(
        @{ Ci = 'Azure Pipelines'; Variables = @{ TF_BUILD = 'True' }; Start = '##[group]'; End = '##[endgroup]'; Error = '##vso[task.logissue type=error]'; Warning = '##vso[task.logissue type=warning]' }
        @{ Ci = 'GitHub Actions'; Variables = @{ GITHUB_ACTIONS = 'true' }; Start = '::group::'; End = '::endgroup::'; Error = '::error::'; Warning = '::warning::' }
    )
}

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Get-Commands($Lines) {
        # The lines a runner acts on, in order (the host's own output, such as WARNING: lines, left out).
        @($Lines | Where-Object { $_ -match '^(##\[|##vso\[|::)' })
    }
}

AfterAll {
    Reset-CiVariables
    Disconnect-GhAccount
}

Describe 'Invoke-GhDeployment under <Ci>' -ForEach $script:runners {
    BeforeEach {
        $script:token = Connect-TestRepo
        Use-CiVariables $Variables
    }
    AfterEach { Reset-CiVariables }

    It 'folds the whole run into one group, the script''s output inside it' {
        $run = Invoke-CapturedStdout { Invoke-GhDeployment -Ref main -Environment production { [Console]::Out.WriteLine('deploying'); 'done' } }
        $run.Output | Should -Be 'done'
        $run.Lines | Should -Be @("$($Start)Deploy main to production (octo-org/hello-world)", 'deploying', $End)
    }

    It 'a failed script: an error naming the deployment, inside the group, which still closes' {
        $run = Invoke-CapturedStdout { try { Invoke-GhDeployment -Ref main -Environment production { throw 'the health check failed' } } catch { $_ } }
        $run.Output.FullyQualifiedErrorId | Should -Not -BeNullOrEmpty
        $id = (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments[0].id
        Get-Commands $run.Lines | Should -Be @(
            "$($Start)Deploy main to production (octo-org/hello-world)"
            "$($Error)Deployment $id of main to production failed: the health check failed"
            $End)
    }

    It 'a run stopped early: a warning that the deployment was cancelled' {
        $run = Invoke-CapturedStdout { Invoke-GhDeployment -Ref main -Environment qa { 1; 2; 3 } | Select-Object -First 1 }
        $run.Output | Should -Be 1
        $id = (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments[0].id
        Get-Commands $run.Lines | Should -Be @("$($Start)Deploy main to qa (octo-org/hello-world)", "$($Warning)Deployment $id of main to qa was cancelled.", $End)
    }

    It 'a deployment GitHub refuses: an error, and no script run' {
        Add-GhEmulatorFault -Method POST -Path 'deployments$' -Status 409 -Body '{"message":"Conflict: Commit status checks failed for main.","errors":[{"contexts":[{"context":"ci/build","state":"failure"}],"resource":"Deployment","field":"required_contexts","code":"invalid"}]}'
        $run = Invoke-CapturedStdout { try { Invoke-GhDeployment -Ref main -Environment qa { 'never' } } catch { $_ } }
        $commands = Get-Commands $run.Lines
        $commands.Count | Should -Be 3
        $commands[1] | Should -BeLike "$([WildcardPattern]::Escape($Error))The deployment of main to qa was not created: *ci/build*"
    }

    It 'a title is one line and never a command the runner would act on' {
        $run = Invoke-CapturedStdout { Invoke-GhDeployment -Ref main -Environment 'review ##vso[task.complete result=Failed]' { } }
        $title = $run.Lines[0]
        $title | Should -BeLike "$([WildcardPattern]::Escape($Start))Deploy main to review *"
        if ($Ci -eq 'Azure Pipelines') { $title | Should -Not -BeLike '*##vso`[*' }
    }

    It 'never prints the token, whatever goes wrong' {
        $run = Invoke-CapturedStdout {
            try { Invoke-GhDeployment -Ref main -Environment qa -Verbose { throw "the deploy failed" } 4>&1 } catch { $_ }
            Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 401 -Body '{"message":"Bad credentials"}'
            try { Invoke-GhDeployment -Ref main -Environment qa { } } catch { $_ }
        }
        ($run.Lines -join "`n") | Should -Not -BeLike "*$($script:token)*"
        (Get-Commands $run.Lines | Where-Object { $_ -like "$([WildcardPattern]::Escape($Error))*" }).Count | Should -Be 2
    }
}

Describe 'Set-GhDeploymentInactive -Environment under <Ci>' -ForEach $script:runners {
    BeforeEach {
        $script:token = Connect-TestRepo
        Use-CiVariables $Variables
    }
    AfterEach { Reset-CiVariables }

    It 'folds the retirement into one group, each failure an error on the summary page, the summary after the group' {
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging -Count 3 -States success)
        Add-GhEmulatorFault -Method POST -Path "deployments/$($ids[0])/statuses$" -Status 422 -Body '{"message":"Validation Failed","errors":[{"message":"this deployment is locked"}]}'
        $run = Invoke-CapturedStdout { Set-GhDeploymentInactive -Environment staging -Keep 1 -ErrorAction SilentlyContinue -InformationVariable info 6>$null; $info }
        Get-Commands $run.Lines | Should -Be @(
            "$($Start)Retire deployments of staging in octo-org/hello-world (keep 1)"
            (Get-Commands $run.Lines)[1]
            $End)
        (Get-Commands $run.Lines)[1] | Should -BeLike "$([WildcardPattern]::Escape($Error))*this deployment is locked*"
        "$($run.Output)" | Should -BeLike 'octo-org/hello-world (staging): 1 retired*1 failed*'
    }

    It 'one deployment is no bulk run: no group, its error only PowerShell''s' {
        $id = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging -States success)[0]
        Add-GhEmulatorFault -Method POST -Path "deployments/$id/statuses$" -Status 422 -Body '{"message":"Validation Failed"}'
        $run = Invoke-CapturedStdout { Set-GhDeploymentInactive -DeploymentId $id -ErrorVariable failed -ErrorAction SilentlyContinue; $failed }
        @($run.Output).Count | Should -Be 1
        Get-Commands $run.Lines | Should -BeNullOrEmpty
    }
}

Describe 'Outside CI' {
    BeforeEach {
        $null = Connect-TestRepo
        Use-CiVariables
    }
    AfterEach { Reset-CiVariables }

    It 'no group and no issue is printed' {
        $run = Invoke-CapturedStdout {
            Invoke-GhDeployment -Ref main -Environment qa { 'ok' }
            try { Invoke-GhDeployment -Ref main -Environment qa { throw 'boom' } } catch { }
            Set-GhDeploymentInactive -Environment qa -Keep 0
        }
        Get-Commands $run.Lines | Should -BeNullOrEmpty
    }
}
