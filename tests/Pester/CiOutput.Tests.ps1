# -CiOutputName on New-GhDeployment and Invoke-GhDeployment, through the BUILT module against the emulator: the new
# deployment's id handed to later CI steps, as Azure Pipelines reads it (the setvariable command on the process's
# standard output, read here from a child `dotnet pwsh`) and as GitHub Actions reads it (a NAME=ID line in the file
# named by GITHUB_OUTPUT), and a warning outside CI.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    # Whatever CI runs these tests, each test sets the CI it means.
    $script:ciNames = 'TF_BUILD', 'GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'GITHUB_ENV'
    $script:savedCi = @{}
    foreach ($n in $script:ciNames) { $script:savedCi[$n] = [Environment]::GetEnvironmentVariable($n) }

    function script:Clear-Ci { foreach ($n in $script:ciNames) { [Environment]::SetEnvironmentVariable($n, $null) } }

    $script:token = Connect-TestRepo
}

AfterAll {
    Disconnect-GhAccount
    foreach ($n in $script:ciNames) { [Environment]::SetEnvironmentVariable($n, $script:savedCi[$n]) }
}

Describe '-CiOutputName under GitHub Actions' {
    BeforeEach {
        Clear-Ci
        $env:GITHUB_ACTIONS = 'true'
        $script:output = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $env:GITHUB_OUTPUT = $script:output
        $script:envFile = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
        $env:GITHUB_ENV = $script:envFile
    }
    AfterEach { Clear-Ci }

    It 'New-GhDeployment appends NAME=ID to $GITHUB_OUTPUT, creating it, in UTF-8 without a BOM, one line each' {
        Test-Path -LiteralPath $script:output | Should -BeFalse
        $first = New-GhDeployment -Ref main -Environment staging -CiOutputName deployment_id -WarningVariable warnings
        $second = New-GhDeployment -Ref main -Environment qa -CiOutputName qa-deployment -WarningVariable +warnings

        $warnings | Should -BeNullOrEmpty
        $first.Id | Should -BeGreaterThan ([int]::MaxValue)
        [System.IO.File]::ReadAllText($script:output) | Should -BeExactly "deployment_id=$($first.Id)`nqa-deployment=$($second.Id)`n"
        $bytes = [System.IO.File]::ReadAllBytes($script:output)
        $bytes[0] | Should -Be ([byte][char]'d') -Because 'no byte-order mark: the runner would read it as part of the first name'
    }

    It 'also hands the id and the repository to the later steps of the job through $GITHUB_ENV, the last deployment winning' {
        $first = New-GhDeployment -Ref main -Environment staging -CiOutputName deployment_id
        $second = New-GhDeployment -Ref main -Environment qa -CiOutputName qa-deployment
        [System.IO.File]::ReadAllText($script:envFile) | Should -BeExactly (
            "DEPLOYMENTSTATUS_DEPLOYMENT_ID=$($first.Id)`nDEPLOYMENTSTATUS_REPOSITORY=octo-org/hello-world`n" +
            "DEPLOYMENTSTATUS_DEPLOYMENT_ID=$($second.Id)`nDEPLOYMENTSTATUS_REPOSITORY=octo-org/hello-world`n")
    }

    It 'keeps what earlier steps wrote' {
        [System.IO.File]::WriteAllText($script:output, "earlier=1`n")
        $d = New-GhDeployment -Ref main -CiOutputName deployment_id
        [System.IO.File]::ReadAllText($script:output) | Should -BeExactly "earlier=1`ndeployment_id=$($d.Id)`n"
    }

    It 'Invoke-GhDeployment hands the id on as soon as the deployment exists, so a failed deploy still hands it on' {
        $script:seenByScript = $null
        # (Standard output captured: the run's log group and error annotation are for a runner, not for this test's.)
        { Invoke-CapturedStdout { Invoke-GhDeployment -Ref main -Environment production -CiOutputName deployment_id -ErrorAction Stop {
                    $script:seenByScript = [System.IO.File]::ReadAllText($env:GITHUB_OUTPUT)
                    throw 'the deploy failed'
                } } } | Should -Throw '*the deploy failed*'
        $id = (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments[0].id
        $script:seenByScript | Should -BeExactly "deployment_id=$id`n" -Because 'the id is written before the script block runs'
        [System.IO.File]::ReadAllText($script:output) | Should -BeExactly "deployment_id=$id`n"
    }

    It 'says with -Verbose where the id went' {
        $d = New-GhDeployment -Ref main -CiOutputName deployment_id -Verbose 4>&1 | Group-Object { $_ -is [System.Management.Automation.VerboseRecord] } -AsHashTable -AsString
        ($d['True'] | Out-String) | Should -BeLike "*GitHub Actions step output deployment_id*$($d['False'][0].Id)*"
    }

    It 'a file that cannot be written is a GhCiOutputFailed error, and the deployment is still returned' {
        $env:GITHUB_OUTPUT = $TestDrive   # a directory
        $d = New-GhDeployment -Ref main -CiOutputName deployment_id -ErrorVariable errors -ErrorAction SilentlyContinue
        $d.Id | Should -BeGreaterThan 0
        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'GhCiOutputFailed,DeploymentStatus.Commands.NewGhDeploymentCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'WriteError'
    }

    It 'GITHUB_OUTPUT unset: a warning, nothing written' {
        Remove-Item Env:GITHUB_OUTPUT
        $d = New-GhDeployment -Ref main -CiOutputName deployment_id -WarningVariable warnings -WarningAction SilentlyContinue
        $d | Should -Not -BeNullOrEmpty
        "$warnings" | Should -BeLike '*GITHUB_OUTPUT is not set*'
    }

    It 'GITHUB_ENV unset: a warning for each job variable, the step output still set' {
        Remove-Item Env:GITHUB_ENV
        $d = New-GhDeployment -Ref main -CiOutputName deployment_id -WarningVariable warnings -WarningAction SilentlyContinue
        [System.IO.File]::ReadAllText($script:output) | Should -BeExactly "deployment_id=$($d.Id)`n"
        @($warnings).Count | Should -Be 2
        "$warnings" | Should -BeLike '*GITHUB_ENV is not set*DEPLOYMENTSTATUS_DEPLOYMENT_ID*'
    }
}

Describe '-CiOutputName under Azure Pipelines' {
    # The setvariable command goes to the process's standard output, which the agent reads: a child `dotnet pwsh`.
    # (The test name holds no workflow command: the Azure Pipelines agent acts on one anywhere in a line of the log.)
    It 'New-GhDeployment and Invoke-GhDeployment write the task.setvariable command (isOutput=true) with the id, then the job variables for the job''s later steps, and nothing else' {
        $child = Join-Path $TestDrive 'azure-step.ps1'
        Set-Content -LiteralPath $child -Encoding utf8 -Value @'
param($Module, $ApiUri)
Import-Module $Module
Connect-GhAccount -ApiUri $ApiUri -Owner octo-org -Repository hello-world -Policy @{ WriteIntervalSeconds = 0 }
$d = New-GhDeployment -Ref main -Environment staging -CiOutputName deployment_id
"CREATED:$($d.Id)"
$s = Invoke-GhDeployment -Ref main -Environment production -CiOutputName prod-deployment -PassThru { Write-Host 'deploying' }
"INVOKED:$($s.DeploymentId)"
'@
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $child, '-Module', (Get-DsModulePath), '-ApiUri', $script:emu.ApiUri.AbsoluteUri)) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($n in 'GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_ENTERPRISE_TOKEN') { $null = $psi.Environment.Remove($n) }
        $psi.Environment['TF_BUILD'] = 'True'
        $psi.Environment['GH_ENTERPRISE_TOKEN'] = $script:token
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderrTask = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit(60000) | Should -BeTrue
        $stderr = $stderrTask.Result
        $lines = @($stdout -split '\r?\n')

        $created = ($lines | Where-Object { $_ -like 'CREATED:*' }) -replace '^CREATED:'
        $invoked = ($lines | Where-Object { $_ -like 'INVOKED:*' }) -replace '^INVOKED:'
        $created | Should -Match '^\d+$' -Because "the step ran (stderr: $stderr)"
        $invoked | Should -Match '^\d+$'
        $commands = @($lines | Where-Object { $_ -like '*##vso*' })
        $commands | Should -Be @(
            "##vso[task.setvariable variable=deployment_id;isOutput=true]$created"
            "##vso[task.setvariable variable=DEPLOYMENTSTATUS_DEPLOYMENT_ID]$created"
            '##vso[task.setvariable variable=DEPLOYMENTSTATUS_REPOSITORY]octo-org/hello-world'
            "##vso[task.setvariable variable=prod-deployment;isOutput=true]$invoked"
            "##vso[task.setvariable variable=DEPLOYMENTSTATUS_DEPLOYMENT_ID]$invoked"
            '##vso[task.setvariable variable=DEPLOYMENTSTATUS_REPOSITORY]octo-org/hello-world'
        ) -Because 'the named output, then the job variables Complete-GhDeployment reads (not outputs)'
        [array]::IndexOf($lines, $commands[3]) | Should -BeLessThan ([array]::IndexOf($lines, 'deploying')) -Because 'Invoke-GhDeployment hands the id on before the script runs'
        $stderr | Should -BeNullOrEmpty
    }
}

Describe '-CiOutputName outside CI' {
    BeforeEach { Clear-Ci }

    It '<Cmdlet> warns that nothing was set, and still returns what it made' -TestCases @(
        @{ Cmdlet = 'New-GhDeployment'; Script = { New-GhDeployment -Ref main -CiOutputName deployment_id } }
        @{ Cmdlet = 'Invoke-GhDeployment'; Script = { Invoke-GhDeployment -Ref main -Environment qa -CiOutputName deployment_id -PassThru { } } }
    ) {
        $result = & $Script 3>&1
        $warning = @($result | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $object = @($result | Where-Object { $_ -isnot [System.Management.Automation.WarningRecord] })
        $warning.Count | Should -Be 1
        $warning[0].Message | Should -BeLike '*no CI output deployment_id was set*'
        $object.Count | Should -Be 1
        $warning[0].Message | Should -BeLike "*$(if ($object[0].PSObject.Properties['DeploymentId']) { $object[0].DeploymentId } else { $object[0].Id })*"
    }

    It '-WhatIf creates nothing and hands nothing on' {
        Clear-GhEmulatorRequest
        $output = Join-Path $TestDrive 'whatif-output'
        $env:GITHUB_ACTIONS = 'true'; $env:GITHUB_OUTPUT = $output
        try { New-GhDeployment -Ref main -CiOutputName deployment_id -WhatIf -WarningVariable warnings }
        finally { Clear-Ci }
        Test-Path -LiteralPath $output | Should -BeFalse
        $warnings | Should -BeNullOrEmpty
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }
}

Describe '-CiOutputName is a name a runner can take' {
    BeforeEach { Clear-GhEmulatorRequest }

    It 'refuses <Name> before anything is sent' -TestCases @(
        @{ Name = "'a b'"; Value = 'a b' }
        @{ Name = "'id;isOutput=false'"; Value = 'id;isOutput=false' }
        @{ Name = "'id]x'"; Value = 'id]x' }
        @{ Name = "'a.b'"; Value = 'a.b' }
        @{ Name = "'a=b'"; Value = 'a=b' }
        @{ Name = 'a trailing line feed'; Value = "id`n" }
        @{ Name = 'an empty name'; Value = '' }
        @{ Name = "'déploiement'"; Value = 'déploiement' }
    ) {
        { New-GhDeployment -Ref main -CiOutputName $Value } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.NewGhDeploymentCommand'
        { Invoke-GhDeployment -Ref main -Environment qa -CiOutputName $Value { } } | Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'takes letters, digits, _ and -' {
        $env:GITHUB_ACTIONS = 'true'; $env:GITHUB_OUTPUT = Join-Path $TestDrive 'ok-output'
        try { $d = New-GhDeployment -Ref main -CiOutputName Deploy_ID-2 }
        finally { $out = [System.IO.File]::ReadAllText($env:GITHUB_OUTPUT); Clear-Ci }
        $out | Should -BeExactly "Deploy_ID-2=$($d.Id)`n"
    }
}
