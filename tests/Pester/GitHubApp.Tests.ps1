# Connect-GhAccount -AppId -PrivateKeyPath -InstallationId through the BUILT module against the emulator process: the
# key file read (PKCS#1 and PKCS#8), the installation token minted with a Bearer JWT the emulator verifies for real and
# then sent as `token ghs_...`, minted again when nearly spent, bad key files refused without a byte of them shown,
# and the token masked for Azure Pipelines and GitHub Actions on the process's standard output and shown nowhere else.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    # The CI a test runs under must not decide what these tests see (a real runner sets these).
    $script:ciNames = 'TF_BUILD', 'GITHUB_ACTIONS', 'GITHUB_OUTPUT'
    $script:savedCi = @{}
    foreach ($n in $script:ciNames) { $script:savedCi[$n] = [Environment]::GetEnvironmentVariable($n); [Environment]::SetEnvironmentVariable($n, $null) }

    $script:key = New-GhTestAppKey
    $script:otherKey = New-GhTestAppKey
    $script:keyPath = Join-Path $TestDrive 'app.pem'
    $script:pkcs8Path = Join-Path $TestDrive 'app-pkcs8.pem'
    Set-Content -LiteralPath $script:keyPath -Value $script:key.PrivateKeyPem -NoNewline
    Set-Content -LiteralPath $script:pkcs8Path -Value $script:key.Pkcs8Pem -NoNewline
    # The key's base64 lines: none of them may ever appear in an error.
    $script:keyLines = @($script:key.PrivateKeyPem -split "`n" | Where-Object { $_ -and $_ -notlike '-----*' })

    function script:Reset-App([int] $TokenLifetimeSeconds = 3600) {
        $script:pat = Initialize-GhEmulatorRepo
        Add-GhEmulatorRepo -Owner octo-org -Name secret
        Add-GhEmulatorApp -AppId 123 -PublicKeyPem $script:key.PublicKeyPem -TokenLifetimeSeconds $TokenLifetimeSeconds `
            -Installations @{ id = 42; login = 'octo-org'; repos = @('octo-org/hello-world') }
    }

    function script:Connect-App([string] $Path = $script:keyPath, [long] $InstallationId = 42, [switch] $Validate) {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId 123 -PrivateKeyPath $Path -InstallationId $InstallationId -Owner octo-org -Repository hello-world -Policy $script:Fast -Validate:$Validate
    }

    function script:Get-Mint { @(Get-GhEmulatorRequest -Method POST -PathLike '/app/installations/*/access_tokens') }

    function script:ConvertFrom-Base64Url([string] $Text) {
        $padded = $Text.Replace('-', '+').Replace('_', '/')
        [Convert]::FromBase64String($padded + ('=' * ((4 - $padded.Length % 4) % 4)))
    }
}

AfterAll {
    Disconnect-GhAccount
    foreach ($n in $script:ciNames) { [Environment]::SetEnvironmentVariable($n, $script:savedCi[$n]) }
}

Describe 'Connect-GhAccount as a GitHub App' {
    BeforeEach {
        Reset-App
        Clear-GhEmulatorRequest
    }
    AfterEach { Disconnect-GhAccount }

    It 'reads the key and sends nothing until a cmdlet needs GitHub' {
        Connect-App
        @(Get-GhEmulatorRequest).Count | Should -Be 0
        $context = Get-GhContext
        $context.AuthKind | Should -Be 'GitHubApp'
        $context.TokenSource | Should -Be 'GitHubApp'
        $context.AppId | Should -Be '123'
        $context.InstallationId | Should -Be 42
        $context.PrivateKeyPath | Should -Be $script:keyPath
        $context.TokenExpiresAt | Should -BeNullOrEmpty
    }

    It 'lists deployments and creates a status with an installation token that a Bearer JWT minted' {
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging)
        Connect-App

        $listed = @(Get-GhDeployment -Environment staging)
        $status = $listed[0] | New-GhDeploymentStatus -State success -Description 'by the app'

        $listed.Id | Should -Be @($ids[1], $ids[0])
        $status.State | Should -Be 'success'
        $status.Creator | Should -Be 'app-123[bot]'
        $requests = @(Get-GhEmulatorRequest | Where-Object path -NotLike '*graphql')
        $requests.Count | Should -Be 3
        (Get-GhEmulatorRequest -PathLike '*graphql').headers.Authorization | Should -Match '^token ghs_' -Because 'the state query goes with the installation token too'
        # First the token request, with a JWT the emulator verified (201) ...
        $requests[0].method | Should -Be 'POST'
        $requests[0].path | Should -Be '/app/installations/42/access_tokens'
        $requests[0].status | Should -Be 201
        $requests[0].headers.Accept | Should -BeLike 'application/vnd.github+json*' -Because 'the token request goes through the HTTP policy like every other'
        $requests[0].headers.Authorization | Should -Match '^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$'
        $jwt = $requests[0].headers.Authorization.Substring(7).Split('.')
        [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $jwt[0])) | Should -BeExactly '{"alg":"RS256","typ":"JWT"}'
        $claims = [Text.Encoding]::UTF8.GetString((ConvertFrom-Base64Url $jwt[1])) | ConvertFrom-Json
        $claims.iss | Should -Be 123
        ($claims.exp - $claims.iat) | Should -Be 600
        $now = [DateTimeOffset]::UtcNow.ToUnixTimeSeconds()
        $claims.iat | Should -BeLessOrEqual ($now - 55)
        $claims.exp | Should -BeLessOrEqual ($now + 545)
        $rsa = [System.Security.Cryptography.RSA]::Create()
        $rsa.ImportFromPem($script:key.PublicKeyPem)
        $rsa.VerifyData([Text.Encoding]::ASCII.GetBytes($jwt[0] + '.' + $jwt[1]), (ConvertFrom-Base64Url $jwt[2]),
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1) | Should -BeTrue
        # ... then the calls, with the installation token.
        $requests[1].path | Should -Be '/repos/octo-org/hello-world/deployments'
        $requests[2].path | Should -Be "/repos/octo-org/hello-world/deployments/$($ids[1])/statuses"
        foreach ($r in $requests[1..2]) {
            $r.headers.Authorization | Should -Match '^token ghs_[A-Za-z0-9]{36}$'
            $r.status | Should -BeIn 200, 201
        }
        $requests[1].headers.Authorization | Should -BeExactly $requests[2].headers.Authorization
        (Get-GhContext).TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(55))
    }

    It 'sees only the installation''s repositories' {
        Connect-App
        { Get-GhDeployment -Owner octo-org -Repository secret -ErrorAction Stop } | Should -Throw -ErrorId 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'Get-GhRepository lists the installation''s repositories, of -Owner only when given' {
        Add-GhEmulatorRepo -Owner other-org -Name elsewhere
        Connect-App
        @(Get-GhRepository).Repository | Should -Be @('hello-world')
        @(Get-GhRepository -Owner other-org) | Should -BeNullOrEmpty
        @(Get-GhEmulatorRequest -Method GET -PathLike '/installation/repositories').Count | Should -Be 2
    }

    It 'reads a PKCS#8 key (-----BEGIN PRIVATE KEY-----) as well, from a path relative to the current location' {
        Push-Location $TestDrive
        try { Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId 123 -PrivateKeyPath ./app-pkcs8.pem -InstallationId 42 -Owner octo-org -Repository hello-world -Policy $script:Fast -Validate }
        finally { Pop-Location }
        (Get-GhContext).PrivateKeyPath | Should -Be $script:pkcs8Path
        New-GhDeployment -Ref main -Environment qa | Should -Not -BeNullOrEmpty
        @(Get-Mint).Count | Should -Be 1
    }

    It 'mints at once with -Validate, and -PassThru shows the expiry' {
        $context = Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId 123 -PrivateKeyPath $script:keyPath -InstallationId 42 -Validate -PassThru
        @(Get-Mint).Count | Should -Be 1
        @(Get-GhEmulatorRequest).Count | Should -Be 1 -Because 'an installation token may not call GET /user; the mint itself is the check'
        $context.AuthKind | Should -Be 'GitHubApp'
        $context.TokenExpiresAt | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(55))
        ($context | Format-List | Out-String) | Should -Match 'TokenExpiresAt'
    }

    It 'uses one token for many requests, and mints again when it has less than five minutes left' {
        Connect-App
        1..3 | ForEach-Object { $null = Get-GhDeployment }
        @(Get-Mint).Count | Should -Be 1

        Reset-App -TokenLifetimeSeconds 240   # every token GitHub gives is already nearly spent
        Clear-GhEmulatorRequest
        Connect-App
        1..3 | ForEach-Object { $null = Get-GhDeployment }
        @(Get-Mint).Count | Should -Be 3
        $tokens = @(Get-GhEmulatorRequest -Method GET | ForEach-Object { $_.headers.Authorization })
        @($tokens | Select-Object -Unique).Count | Should -Be 3
    }

    It 'a <Case> fails as usual: <Id>' -TestCases @(
        @{ Case = 'wrong installation'; Id = 'GhNotFound'; Category = 'ObjectNotFound'; Arrange = { }; Installation = 7
            Message = 'GitHub answered 404 to POST app/installations/7/access_tokens: GitHub App 123 has no installation 7. Check -InstallationId*' }
        @{ Case = 'key GitHub does not know'; Id = 'GhAuthenticationFailed'; Category = 'AuthenticationError'; Installation = 42
            Arrange = { Add-GhEmulatorApp -AppId 123 -PublicKeyPem $script:otherKey.PublicKeyPem -Installations @{ id = 42; login = 'octo-org' } }
            Message = 'GitHub answered 401 to POST app/installations/42/access_tokens: A JSON web token could not be decoded. Check that -AppId 123 names the app*' }
    ) {
        & $Arrange
        $e = Invoke-Refused { Connect-App -InstallationId $Installation -Validate }
        $e.FullyQualifiedErrorId | Should -Be "$Id,DeploymentStatus.Commands.ConnectGhAccountCommand"
        $e.CategoryInfo.Category | Should -Be $Category
        "$e" | Should -BeLike $Message
        Get-GhContext | Should -BeNullOrEmpty -Because 'a failed -Validate leaves no connection'
        # Lazily, the same failure reaches the first cmdlet.
        Connect-App -InstallationId $Installation
        { Get-GhDeployment -ErrorAction Stop } | Should -Throw -ErrorId "$Id,DeploymentStatus.Commands.GetGhDeploymentCommand"
        $text = ($e | Format-List * -Force | Out-String) + $e.Exception.ToString()
        $text | Should -Not -Match 'eyJ[A-Za-z0-9_-]{10}' -Because 'the JWT is never shown'
        (Get-Mint)[0].status | Should -Be $(if ($Id -eq 'GhNotFound') { 404 } else { 401 })
    }

    It 'takes the app ID into the JWT only when it could be one: <AppId>' -TestCases @(
        @{ AppId = 'a"b' }, @{ AppId = 'a b' }, @{ AppId = "12`n3" }, @{ AppId = '' }, @{ AppId = ('1' * 101) }
    ) {
        { Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId $AppId -PrivateKeyPath $script:keyPath -InstallationId 42 } |
            Should -Throw -ErrorId 'ParameterArgumentValidationError,DeploymentStatus.Commands.ConnectGhAccountCommand'
    }

    It 'has a GitHubApp parameter set whose three parameters are mandatory, and no plain-string secret' {
        $set = (Get-Command Connect-GhAccount).ParameterSets | Where-Object Name -eq 'GitHubApp'
        $set | Should -Not -BeNullOrEmpty
        foreach ($name in 'AppId', 'PrivateKeyPath', 'InstallationId') { ($set.Parameters | Where-Object Name -eq $name).IsMandatory | Should -BeTrue }
        ($set.Parameters | Where-Object Name -eq 'InstallationId').ParameterType | Should -Be ([long])
        @($set.Parameters.Name) | Should -Not -Contain 'Token'
        { Connect-GhAccount -AppId 1 -PrivateKeyPath $script:keyPath -InstallationId 1 -Token (ConvertTo-SecureString x -AsPlainText -Force) } | Should -Throw -ErrorId 'AmbiguousParameterSet,DeploymentStatus.Commands.ConnectGhAccountCommand'
    }

    It 'forgets the app on Disconnect-GhAccount' {
        Connect-App -Validate
        Disconnect-GhAccount
        Get-GhContext | Should -BeNullOrEmpty
    }
}

Describe 'A token GitHub refuses is replaced once' {
    # GitHub refuses an installation token it revoked, or when the installation's permissions changed, or when its clock
    # and ours disagree about the expiry: the module mints a new one and sends the request once more; a second 401 is final.
    BeforeEach {
        Reset-App
        $script:deployment = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Environment staging)[0]
        Connect-App
        $null = Get-GhDeployment -DeploymentId $script:deployment   # the first token, minted and used
        Clear-GhEmulatorRequest
    }
    AfterEach { Disconnect-GhAccount }

    It 'a <Method> refused after the tokens were revoked succeeds with exactly one new mint' -ForEach @(
        @{ Method = 'GET'; Call = { Get-GhDeployment -DeploymentId $script:deployment } }
        @{ Method = 'POST'; Call = { New-GhDeploymentStatus -DeploymentId $script:deployment -State in_progress } }
    ) {
        Revoke-GhEmulatorInstallationToken -InstallationId 42 | Should -Be 1

        $result = & $Call -ErrorAction Stop

        $result | Should -Not -BeNullOrEmpty
        $wire = @(Get-GhEmulatorRequest | ForEach-Object { '{0} {1} {2}' -f $_.method, ($_.path -replace '\d{6,}', 'N'), $_.status })
        $path = if ($Method -eq 'GET') { '/repos/octo-org/hello-world/deployments/N' } else { '/repos/octo-org/hello-world/deployments/N/statuses' }
        $answer = if ($Method -eq 'GET') { 200 } else { 201 }
        $expected = @("$Method $path 401", 'POST /app/installations/42/access_tokens 201', "$Method $path $answer")
        if ($Method -eq 'GET') { $expected += 'POST /api/graphql 200' }   # the deployment's state, with the new token
        $wire | Should -Be $expected
        @(Get-GhEmulatorRequest)[0].headers.Authorization | Should -Not -Be @(Get-GhEmulatorRequest)[2].headers.Authorization
        if ($Method -eq 'POST') {
            @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments[0].statuses).Count | Should -Be 2 -Because 'the refused POST was not applied, the second one was'
        }
    }

    It 'a token refused twice is one GhAuthenticationFailed naming the app, the installation and what to check, and no loop' {
        Add-GhEmulatorFault -Method GET -Path '^/repos/octo-org/hello-world/deployments/\d+$' -Status 401 -Count 5 -Body '{"message":"Bad credentials"}'

        $e = Invoke-Refused { Get-GhDeployment -DeploymentId $script:deployment }

        $e.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.GetGhDeploymentCommand'
        "$e" | Should -BeLike 'GitHub answered 401: Bad credentials*GitHub App 123, installation 42*private key*installation 42 still exists*Deployments permission*'
        @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 2
        @(Get-Mint).Count | Should -Be 1
    }

    It 'a personal access token''s 401 is final: one request, no mint' {
        $null = Connect-TestRepo
        Add-GhEmulatorFault -Method GET -Path '^/repos/octo-org/hello-world/deployments$' -Status 401 -Body '{"message":"Bad credentials"}'
        Clear-GhEmulatorRequest

        $e = Invoke-Refused { Get-GhDeployment }

        $e.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.GetGhDeploymentCommand'
        @(Get-GhEmulatorRequest).Count | Should -Be 1
        "$e" | Should -Not -BeLike '*GitHub App*'
    }
}

Describe 'A key file that cannot be used' {
    BeforeAll {
        Reset-App
        $pem = $script:key.PrivateKeyPem
        $lines = $pem.TrimEnd("`n") -split "`n"
        $damaged = $lines.Clone(); $damaged[5] = $damaged[5].Substring(0, 20) + '!' + $damaged[5].Substring(21)
        $flipped = $lines.Clone(); $flipped[8] = $flipped[8].Substring(0, 30) + $(if ($flipped[8][30] -eq 'A') { 'B' } else { 'A' }) + $flipped[8].Substring(31)
        $rsa = [System.Security.Cryptography.RSA]::Create(2048)
        $encrypted = $rsa.ExportEncryptedPkcs8PrivateKeyPem('secret', [System.Security.Cryptography.PbeParameters]::new('Aes256Cbc', 'SHA256', 1000))
        $rsa.Dispose()
        $script:badFiles = @{
            'empty'              = ''
            'not a PEM file'     = 'ghp_notakeyatall0123456789'
            'a public key only'  = $script:key.PublicKeyPem
            'cut short'          = ($lines[0..12] -join "`n")
            'a line lost'        = (($lines[0..10] + $lines[12..($lines.Count - 1)]) -join "`n")
            'not base64'         = ($damaged -join "`n")
            'one character changed' = ($flipped -join "`n")
            'encrypted'          = $encrypted
        }
        $script:badDir = Join-Path $TestDrive 'bad'
        $null = New-Item -ItemType Directory -Path $script:badDir
        foreach ($name in $script:badFiles.Keys) { Set-Content -LiteralPath (Join-Path $script:badDir "$name.pem") -Value $script:badFiles[$name] -NoNewline }
    }
    BeforeEach { Clear-GhEmulatorRequest }
    AfterEach { Disconnect-GhAccount }

    It '<Name>: GhNotConnected naming the file, not its content' -TestCases @(
        @{ Name = 'empty' }, @{ Name = 'not a PEM file' }, @{ Name = 'a public key only' }, @{ Name = 'cut short' }, @{ Name = 'a line lost' },
        @{ Name = 'not base64' }, @{ Name = 'one character changed' }, @{ Name = 'encrypted' }, @{ Name = 'missing' }, @{ Name = 'a directory' }
    ) {
        $path = switch ($Name) { 'missing' { Join-Path $script:badDir 'missing.pem' } 'a directory' { $script:badDir } default { Join-Path $script:badDir "$Name.pem" } }
        $e = Invoke-Refused { Connect-GhAccount -ApiUri $script:emu.ApiUri -AppId 123 -PrivateKeyPath $path -InstallationId 42 }
        $e | Should -Not -BeNullOrEmpty
        $e.FullyQualifiedErrorId | Should -Be 'GhNotConnected,DeploymentStatus.Commands.ConnectGhAccountCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $e.Exception.Message | Should -BeLike "*'$path'*"
        $text = ($e | Format-List * -Force | Out-String -Width 500) + ($e.Exception | Format-List * -Force | Out-String -Width 500) + $e.Exception.ToString()
        foreach ($line in $script:keyLines) { $text | Should -Not -BeLike "*$($line.Substring(0, 16))*" -Because 'no line of the key is ever shown' }
        $content = if ($script:badFiles.ContainsKey($Name)) { $script:badFiles[$Name] } else { '' }
        foreach ($line in @($content -split "`n" | Where-Object { $_.Length -ge 16 -and $_ -notlike '-----*' })) {
            $text | Should -Not -BeLike "*$($line.Substring(0, 16))*" -Because 'nothing of the file is quoted'
        }
        @(Get-GhEmulatorRequest).Count | Should -Be 0
        Get-GhContext | Should -BeNullOrEmpty
    }
}

Describe 'The installation token is masked for the CI and shown nowhere else' {
    # A real host in a fresh process, as a CI step runs it: every stream on, -Verbose -Debug, a transcript, failures.
    # The module writes the masking command to the process's standard output (Console.Out), which the runner reads.
    BeforeAll {
        Reset-App
        $script:child = Join-Path $TestDrive 'app-step.ps1'
        Set-Content -LiteralPath $script:child -Encoding utf8 -Value @'
param($Harness, $Module, $Emulator, $ApiUri, $KeyPath, $Transcript, $Dump)
$ErrorActionPreference = 'Continue'
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Harness
Import-Module $Module
$PSDefaultParameterValues['*-GhEmulator*:Emulator'] = $Emulator
$PSDefaultParameterValues['*-Gh*:WarningAction'] = 'Continue'
$null = Start-Transcript -LiteralPath $Transcript
$fast = @{ TimeoutSeconds = 0.5; MaxRetries = 2; RetryBaseDelaySeconds = 0.01; MaxRetryDelaySeconds = 0.05; WriteIntervalSeconds = 0 }
$all = & {
    Connect-GhAccount -ApiUri $ApiUri -AppId 123 -PrivateKeyPath $KeyPath -InstallationId 42 -Owner octo-org -Repository hello-world -Policy $fast -Validate -PassThru -Verbose -Debug | Format-List * | Out-String
    $d = New-GhDeployment -Ref main -Environment staging -Verbose -Debug
    $d | New-GhDeploymentStatus -State success -Verbose -Debug
    Get-GhDeployment -Verbose -Debug
    'GhNotFound'; Get-GhDeployment -Id 999 -Verbose -Debug
    'GhPermissionDenied'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 403 -Body '{"message":"Resource not accessible by integration"}'
    Get-GhDeployment -Verbose -Debug
    'A revoked token, replaced once'; $null = Revoke-GhEmulatorInstallationToken -InstallationId 42
    Get-GhDeployment -Verbose -Debug
    'GhServerError on the token request, then a fresh token'; Add-GhEmulatorFault -Method POST -Path 'access_tokens$' -Status 502
    Connect-GhAccount -ApiUri $ApiUri -AppId 123 -PrivateKeyPath $KeyPath -InstallationId 42 -Owner octo-org -Repository hello-world -Policy $fast -Verbose -Debug
    Invoke-GhDeployment -Ref main -Environment qa -ScriptBlock { 'the work' } -Verbose -Debug
    'GhNotFound for the installation'
    try { Connect-GhAccount -ApiUri $ApiUri -AppId 123 -PrivateKeyPath $KeyPath -InstallationId 7 -Validate -Verbose -Debug } catch { $_ }
    Get-GhContext | Format-List * | Out-String
} *>&1
Connect-GhAccount -ApiUri $ApiUri -AppId 123 -PrivateKeyPath $KeyPath -InstallationId 42 -Owner octo-org -Repository hello-world -Policy $fast -Verbose -Debug
Get-GhDeployment -Verbose -Debug | Out-Host
Get-GhContext | Format-List * | Out-Host
$text = [System.Text.StringBuilder]::new()
foreach ($record in $all) { [void]$text.AppendLine(($record | Out-String -Width 500).TrimEnd()) }
foreach ($e in $Error) {
    [void]$text.AppendLine(($e | Format-List * -Force | Out-String -Width 500))
    [void]$text.AppendLine(($e.Exception | Format-List * -Force | Out-String -Width 500))
    [void]$text.AppendLine($e.Exception.ToString())
    [void]$text.AppendLine("$($e.ErrorDetails)")
}
$text.ToString() | Out-Host
Set-Content -LiteralPath $Dump -Value $text.ToString() -Encoding utf8
$null = Stop-Transcript
"DONE: $($all.Count) records, $($Error.Count) errors"
'@

        function script:Invoke-Step([hashtable] $Environment) {
            # Runs the step in a child `dotnet pwsh`; returns its stdout, stderr, transcript and record dump, and the
            # tokens and JWTs the emulator saw meanwhile.
            Clear-GhEmulatorRequest
            $dir = Join-Path $TestDrive ([guid]::NewGuid().ToString('n'))
            $null = New-Item -ItemType Directory -Path $dir
            $transcript = Join-Path $dir 'transcript.txt'
            $dump = Join-Path $dir 'records.txt'
            $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
            if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
            foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $script:child, '-Harness', "$PSScriptRoot/EmulatorHarness.psm1", '-Module', (Get-DsModulePath),
                    '-Emulator', $script:emu.Uri.AbsoluteUri, '-ApiUri', $script:emu.ApiUri.AbsoluteUri, '-KeyPath', $script:keyPath, '-Transcript', $transcript, '-Dump', $dump)) {
                $psi.ArgumentList.Add($a)
            }
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            $psi.Environment['NO_COLOR'] = '1'
            foreach ($n in 'TF_BUILD', 'GITHUB_ACTIONS', 'GITHUB_OUTPUT', 'GH_TOKEN', 'GITHUB_TOKEN', 'GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN') { $null = $psi.Environment.Remove($n) }
            foreach ($n in $Environment.Keys) { $psi.Environment[$n] = $Environment[$n] }
            $p = [System.Diagnostics.Process]::Start($psi)
            $stderrTask = $p.StandardError.ReadToEndAsync()
            $stdout = $p.StandardOutput.ReadToEnd()
            $p.WaitForExit(90000) | Should -BeTrue
            $stderr = $stderrTask.Result
            $stdout | Should -Match 'DONE: \d+ records, \d+ errors' -Because "the step runs to its end (stderr: $stderr)"
            $requests = @(Get-GhEmulatorRequest)
            [pscustomobject]@{
                StdOut     = $stdout
                StdErr     = $stderr
                Transcript = Get-Content -LiteralPath $transcript -Raw
                Records    = Get-Content -LiteralPath $dump -Raw
                Tokens     = @($requests | ForEach-Object { $_.headers.Authorization } | Where-Object { $_ -match '^token (ghs_\w+)$' } | ForEach-Object { $Matches[1] } | Select-Object -Unique)
                Jwts       = @($requests | ForEach-Object { $_.headers.Authorization } | Where-Object { $_ -like 'Bearer *' } | ForEach-Object { $_.Substring(7) })
                Mints      = @($requests | Where-Object { $_.path -like '/app/installations/*/access_tokens' })
            }
        }

        function script:Assert-Hidden($Step, [string[]] $Places) {
            foreach ($place in $Places) {
                $text = $Step.$place
                foreach ($token in $Step.Tokens) {
                    $text.Contains($token) | Should -BeFalse -Because "an installation token must not appear in $place"
                    $text.Contains($token.Substring(4, 20)) | Should -BeFalse -Because "no part of a token may appear in $place"
                }
                foreach ($jwt in $Step.Jwts) {
                    $text.Contains($jwt.Split('.')[1]) | Should -BeFalse -Because "a JWT must not appear in $place"
                    $text.Contains($jwt.Split('.')[2].Substring(0, 20)) | Should -BeFalse -Because "no part of a JWT may appear in $place"
                }
                foreach ($line in $script:keyLines) { $text.Contains($line.Substring(0, 16)) | Should -BeFalse -Because "the key must not appear in $place" }
            }
        }
    }

    # (Test names never hold a workflow command: the Azure Pipelines agent acts on one anywhere in a line of the log.)
    It 'under <Ci> each minted token is masked (<Command>) on standard output, before anything else, and appears nowhere else' -TestCases @(
        @{ Ci = 'Azure Pipelines'; Environment = @{ TF_BUILD = 'True' }; Command = 'task.setsecret'; Prefix = '##vso[task.setsecret]' }
        @{ Ci = 'GitHub Actions'; Environment = @{ GITHUB_ACTIONS = 'true' }; Command = 'add-mask'; Prefix = '::add-mask::' }
    ) {
        $step = Invoke-Step $Environment
        # Four tokens were minted and used: -Validate, the one replacing it once GitHub revoked it, the reconnection (after a
        # 502 that was tried again), the last one.
        @($step.Mints | Where-Object status -eq 201).Count | Should -Be 4
        $step.Tokens.Count | Should -Be 4
        $lines = @($step.StdOut -split '\r?\n')
        $maskLines = @($lines | Where-Object { $_.StartsWith($Prefix) })
        $maskLines | Should -Be @($step.Tokens | ForEach-Object { $Prefix + $_ }) -Because 'every token used was masked, once, in the order minted'
        foreach ($token in $step.Tokens) {
            ([regex]::Matches($step.StdOut, [regex]::Escape($token))).Count | Should -Be 1 -Because 'the masking line is the only place a token is printed'
            $maskAt = [array]::IndexOf($lines, $Prefix + $token)
            $maskAt | Should -BeLessThan ([array]::FindIndex($lines, [Predicate[string]] { param($l) $l -like '*Minted an installation token*' })) -Because 'the runner learns the mask before anything else is written'
        }
        $step.StdOut | Should -BeLike '*Minted an installation token for GitHub App 123, installation 42*'
        $step.Transcript | Should -BeLike '*GhNotFound*'
        $step.Transcript | Should -BeLike '*GhPermissionDenied*'
        $step.Transcript | Should -BeLike '*masked in the*log*'
        # Nowhere else: the masking lines removed, stdout holds no token; nor do stderr, the transcript, the records.
        $step | Add-Member -NotePropertyName StdOutWithoutMasks -NotePropertyValue (($lines | Where-Object { -not $_.StartsWith($Prefix) }) -join "`n")
        Assert-Hidden $step 'StdOutWithoutMasks', 'StdErr', 'Transcript', 'Records'
    }

    It 'outside CI no masking line is written, and no token appears anywhere' {
        $step = Invoke-Step @{}
        $step.Tokens.Count | Should -Be 4
        $step.StdOut | Should -Not -Match '##vso\[|::add-mask::'
        $step.Transcript | Should -Not -BeLike '*masked in the*'
        Assert-Hidden $step 'StdOut', 'StdErr', 'Transcript', 'Records'
    }
}
