# Issue 5, "Resilience and safety": bad input is refused early and clearly, with nothing sent; tokens never
# reach a stream, an error, an exception or a transcript; a redirect to another host drops the Authorization
# header. Through the BUILT module against the emulator process.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo { $script:token = Connect-TestRepo }

    Reset-Repo
}


Describe 'Bad input is refused before anything is sent' {
    BeforeAll { Reset-Repo }
    BeforeEach { Clear-GhEmulatorRequest }

    It '<Name>: <Id>' -TestCases @(
        # Owner and repository names (GitHub's rules)
        @{ Name = 'owner starting with a hyphen'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner '-octo' -Repository hello-world } }
        @{ Name = 'owner with a space'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner 'octo org' -Repository hello-world } }
        @{ Name = 'owner with a slash'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner 'octo/org' -Repository hello-world } }
        @{ Name = 'owner with an underscore'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner 'octo_org' -Repository hello-world } }
        @{ Name = 'owner of 40 characters'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner ('o' * 40) -Repository hello-world } }
        @{ Name = 'owner empty'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner '' -Repository hello-world } }
        @{ Name = 'owner with a trailing LF'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner "octo-org`n" -Repository hello-world } }
        @{ Name = 'owner with CR LF and a header'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner "octo`r`nX-Injected: 1" -Repository hello-world } }
        @{ Name = 'repository ..'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository '..' } }
        @{ Name = 'repository .'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository '.' } }
        @{ Name = 'repository with a slash'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository 'hello/world' } }
        @{ Name = 'repository with ?'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository 'hello?x=1' } }
        @{ Name = 'repository with #'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository 'hello#x' } }
        @{ Name = 'repository with %2F'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository 'hello%2Fx' } }
        @{ Name = 'repository of 101 characters'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository ('r' * 101) } }
        @{ Name = 'repository with a trailing LF'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Owner octo-org -Repository "hello-world`n" } }
        @{ Name = 'repository from the pipeline, bad'; Id = 'ParameterArgumentValidationError'; Script = { [pscustomobject]@{ Owner = 'octo-org'; Repository = 'a b'; Id = 5 } | Get-GhDeploymentStatus } }
        # Control characters in what reaches a URL (query), a header or a body
        @{ Name = 'environment with CR LF (list)'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Environment "staging`r`nX-Injected: 1" } }
        @{ Name = 'environment with NUL (bulk retire)'; Id = 'ParameterArgumentValidationError'; Script = { Set-GhDeploymentInactive -Environment "staging`0" } }
        @{ Name = 'environment with TAB (new deployment)'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeployment -Ref main -Environment "a`tb" } }
        @{ Name = 'environment with LF (new status)'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -Environment "a`nb" } }
        @{ Name = 'ref with CR LF'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeployment -Ref "main`r`nX-Injected: 1" } }
        @{ Name = 'ref with NUL (list filter)'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Ref "main`0" } }
        @{ Name = 'task with LF'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Task "deploy`n" } }
        @{ Name = 'sha not hex'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Sha 'xyz1' } }
        @{ Name = 'sha with a trailing LF'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Sha "abcd`n" } }
        @{ Name = 'a required context with LF'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeployment -Ref main -RequiredContext 'ci/build', "ci`ntest" } }
        @{ Name = 'Invoke-GhDeployment environment with CR'; Id = 'ParameterArgumentValidationError'; Script = { Invoke-GhDeployment -Ref main -Environment "a`rb" -ScriptBlock { 1 } } }
        # Ids
        @{ Name = 'deployment id 0'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeployment -Id 0 } }
        @{ Name = 'deployment id -1 (new status)'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId -1 -State success } }
        @{ Name = 'status id 0'; Id = 'ParameterArgumentValidationError'; Script = { Get-GhDeploymentStatus -DeploymentId 5 -StatusId 0 } }
        @{ Name = 'deployment id 0 (remove)'; Id = 'ParameterArgumentValidationError'; Script = { Remove-GhDeployment -Id 0 -Confirm:$false } }
        @{ Name = 'deployment id 0 (retire)'; Id = 'ParameterArgumentValidationError'; Script = { Set-GhDeploymentInactive -Id 0 } }
        @{ Name = 'deployment id not a number'; Id = 'CannotConvertArgumentNoMessage'; Script = { Get-GhDeployment -Id 'abc' } }
        @{ Name = 'deployment id over Int64'; Id = 'CannotConvertArgumentNoMessage'; Script = { Get-GhDeployment -Id '99999999999999999999' } }
        # URLs: absolute http(s) only
        @{ Name = 'log URL ftp://'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -LogUrl 'ftp://example.com/log' } }
        @{ Name = 'log URL relative'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -LogUrl 'builds/42' } }
        @{ Name = 'log URL file://'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -LogUrl 'file:///etc/passwd' } }
        @{ Name = 'target URL javascript:'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -TargetUrl 'javascript:alert(1)' } }
        @{ Name = 'environment URL with CR LF'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -EnvironmentUrl "https://example.com/a`r`nb" } }
        @{ Name = 'Invoke-GhDeployment log URL mailto:'; Id = 'ParameterArgumentValidationError'; Script = { Invoke-GhDeployment -Ref main -Environment qa -LogUrl 'mailto:a@example.com' -ScriptBlock { 1 } } }
        # What GitHub would answer 422 to
        @{ Name = 'description of 141 characters'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State success -Description ('d' * 141) } }
        @{ Name = 'state not GitHub''s'; Id = 'ParameterArgumentValidationError'; Script = { New-GhDeploymentStatus -DeploymentId 1 -State done } }
        # The connection
        @{ Name = 'API URI http:// to a host that is not loopback'; Id = 'GhInvalidHost'; Script = { Connect-GhAccount -ApiUri 'http://github.example.com/api/v3/' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'API URI ftp://'; Id = 'ParameterArgumentValidationError'; Script = { Connect-GhAccount -ApiUri 'ftp://github.example.com/' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'API URI relative'; Id = 'ParameterArgumentValidationError'; Script = { Connect-GhAccount -ApiUri 'github.example.com/api/v3' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'API URI with user information'; Id = 'GhInvalidHost'; Script = { Connect-GhAccount -ApiUri 'https://user:pw@github.example.com/' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'API URI with a query'; Id = 'GhInvalidHost'; Script = { Connect-GhAccount -ApiUri 'https://github.example.com/api/v3?x=1' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'host name with CR LF'; Id = 'ParameterArgumentValidationError'; Script = { Connect-GhAccount -HostName "github.example.com`r`n" -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'host name that is a URL'; Id = 'GhInvalidHost'; Script = { Connect-GhAccount -HostName 'https://github.example.com' -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) } }
        @{ Name = 'a plain-string token'; Id = 'ParameterArgumentTransformationError'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token 'ghp_plain' } }
        @{ Name = 'a token with a line break inside'; Id = 'GhNotConnected'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString "ghp_abc`nX-Injected: 1" -AsPlainText -Force) -Validate } }
        @{ Name = 'a token with a space inside'; Id = 'GhNotConnected'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'ghp_abc def' -AsPlainText -Force) -Validate } }
        @{ Name = 'a blank token'; Id = 'GhNotConnected'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString " `n" -AsPlainText -Force) -Validate } }
        @{ Name = 'a timeout of 0 s'; Id = 'ParameterArgumentValidationError'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) -TimeoutSec 0 } }
        @{ Name = 'a policy timeout of 0 s'; Id = 'GhInvalidPolicy'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) -Policy @{ TimeoutSeconds = 0 } } }
        @{ Name = 'a negative retry count'; Id = 'GhInvalidPolicy'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) -Policy @{ MaxRetries = -1 } } }
        @{ Name = 'an unknown policy knob'; Id = 'CannotConvertArgumentNoMessage'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'ghp_x' -AsPlainText -Force) -Policy @{ Retries = 1 } } }
    ) {
        $e = Invoke-Refused $Script
        $e | Should -Not -BeNullOrEmpty -Because "$Name must be refused"
        $e.FullyQualifiedErrorId | Should -BeLike "$Id,DeploymentStatus.Commands.*"
        @(Get-GhEmulatorRequest).Count | Should -Be 0 -Because 'nothing is sent for input GitHub would reject'
        # A refused connection leaves the previous one in place.
        (Get-GhContext).ApiUri | Should -Be $script:emu.ApiUri
    }

    It 'shows a control character it refuses as \uXXXX, so the message is one readable line' {
        $e = Invoke-Refused { Get-GhDeployment -Environment "staging`r`nX-Injected: 1" }
        "$e" | Should -BeLike '*staging\u000d\u000aX-Injected: 1*'
        "$e" | Should -Not -Match "`r|`n"
    }

    It 'accepts names at the edges of GitHub''s rules (and sends them)' -TestCases @(
        @{ Owner = 'a'; Repository = '.github' }
        @{ Owner = ('o' * 39); Repository = ('r' * 100) }
        @{ Owner = 'octo-org'; Repository = 'a.b_c-d' }
    ) {
        $e = Invoke-Refused { Get-GhDeployment -Owner $Owner -Repository $Repository }
        $e.FullyQualifiedErrorId | Should -BeLike 'GhNotFound,*'
        @(Get-GhEmulatorRequest).Count | Should -Be 1
    }

    It 'URL-encodes an environment name, slashes included, and finds it' {
        $name = 'review/pr-7 a&b=c#d?e+f%'
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment $name -States success
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment 'review' -States success
        Clear-GhEmulatorRequest
        @(Get-GhDeployment -Environment $name).Count | Should -Be 2
        $q = @(Get-GhEmulatorRequest)[0].query
        $q | Should -BeLike '*environment=review%2Fpr-7%20a%26b%3Dc%23d%3Fe%2Bf%25*'

        Clear-GhEmulatorRequest
        Set-GhDeploymentInactive -Environment $name -Keep 0 -ErrorAction Stop 6>$null
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').Count | Should -Be 2
        $state = Get-GhEmulatorState -Owner octo-org -Repo hello-world
        @($state.deployments | Where-Object environment -EQ $name | ForEach-Object { @($_.statuses)[0].state }) | Should -Be @('inactive', 'inactive')
        @($state.deployments | Where-Object environment -EQ 'review' | ForEach-Object { @($_.statuses)[0].state }) | Should -Be @('success')
    }

    It 'allows http:// to loopback (localhost and 127.0.0.1) and works there' {
        foreach ($h in 'localhost', '127.0.0.1') {
            Connect-GhAccount -ApiUri "http://$($h):$($script:emu.Uri.Port)/api/v3/" -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
            { Get-GhDeployment -ErrorAction Stop } | Should -Not -Throw
        }
        Reset-Repo
    }

    It 'refuses an http:// GITHUB_API_URL to a host that is not loopback for the implicit connection, sending nothing' {
        $ps = [PowerShell]::Create()
        try {
            $null = $ps.AddScript({
                    param($m)
                    $env:GITHUB_API_URL = 'http://ghe.example.com/api/v3'
                    $env:GH_ENTERPRISE_TOKEN = 'ghp_fromtheenvironment'
                    try {
                        Import-Module $m
                        Get-GhDeployment -Owner octo-org -Repository hello-world -ErrorAction Stop
                    }
                    catch { $_.FullyQualifiedErrorId }
                    finally { Remove-Item Env:GITHUB_API_URL, Env:GH_ENTERPRISE_TOKEN }
                }).AddArgument((Get-DsModulePath))
            $ps.Invoke() | Should -Be 'GhInvalidHost,DeploymentStatus.Commands.GetGhDeploymentCommand'
        }
        finally { $ps.Dispose() }
    }
}

Describe 'Tokens' {
    BeforeEach { Reset-Repo; Clear-GhEmulatorRequest }

    It 'a token read from a file with its line break is trimmed and works' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString "$($script:token)`r`n" -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        { Get-GhDeployment -ErrorAction Stop } | Should -Not -Throw
        @(Get-GhEmulatorRequest)[0].headers.Authorization | Should -BeExactly "Token $($script:token)"
    }

    It 'a token with a line break inside is refused without being repeated, and nothing is sent' {
        $e = Invoke-Refused { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString "$($script:token)`nX-Injected: 1" -AsPlainText -Force) -Validate }
        $e.FullyQualifiedErrorId | Should -Be 'GhNotConnected,DeploymentStatus.Commands.ConnectGhAccountCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        ($e | Format-List * -Force | Out-String) + $e.Exception.ToString() | Should -Not -BeLike "*$($script:token)*"
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'follows a redirect to <RedirectHost> <Outcome> the Authorization header' -TestCases @(
        @{ RedirectHost = 'localhost'; Outcome = 'without'; Keeps = $false }
        @{ RedirectHost = '127.0.0.1'; Outcome = 'with'; Keeps = $true }
    ) {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging
        Clear-GhEmulatorRequest
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 307 -Headers @{ Location = "http://$($RedirectHost):$($script:emu.Uri.Port)/api/v3/repos/octo-org/hello-world/deployments?moved=1" }
        $e = Invoke-Refused { Get-GhDeployment }
        $r = @(Get-GhEmulatorRequest -Method GET)
        $r.Count | Should -Be 2
        $r[0].status | Should -Be 307
        $r[0].headers.PSObject.Properties.Name | Should -Contain 'Authorization'
        $r[1].query | Should -Be '?moved=1'
        if ($Keeps) {
            $e | Should -BeNullOrEmpty
            $r[1].headers.Authorization | Should -BeExactly "Token $($script:token)"
        }
        else {
            $r[1].headers.PSObject.Properties.Name | Should -Not -Contain 'Authorization'
            $e.FullyQualifiedErrorId | Should -BeLike 'GhAuthenticationFailed,*'
        }
    }

    It 'appears in no stream, error, exception or transcript, with -Verbose -Debug, whatever fails' {
        # A real host in a fresh process: Start-Transcript, every stream at Continue, every cmdlet with -Verbose
        # -Debug, the token given each way it is accepted (environment, -Token, -Credential), and failures of
        # every kind. All of it is then written to the host (so into the transcript), and every ErrorRecord is
        # formatted in full, its exception, inner exceptions, details and target object included.
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging -States success)
        $dir = Join-Path ([System.IO.Path]::GetTempPath()) ("ds-leak-" + [guid]::NewGuid().ToString('n'))
        $null = New-Item -ItemType Directory -Path $dir
        $child = Join-Path $dir 'leak.ps1'
        $transcript = Join-Path $dir 'transcript.txt'
        $dump = Join-Path $dir 'records.txt'
        Set-Content -LiteralPath $child -Encoding utf8 -Value @'
param($Harness, $Module, $Emulator, $ApiUri, $Transcript, $Dump, [string] $IdList)
$Ids = [long[]]($IdList -split ',')
$ErrorActionPreference = 'Continue'
$VerbosePreference = 'Continue'; $DebugPreference = 'Continue'; $InformationPreference = 'Continue'; $WarningPreference = 'Continue'
$ProgressPreference = 'SilentlyContinue'
Import-Module $Harness
Import-Module $Module
$PSDefaultParameterValues['*-GhEmulator*:Emulator'] = $Emulator
# PowerShell turns -Debug into WarningAction Inquire for any cmdlet (a prompt, which fails in -NonInteractive);
# an explicit WarningAction keeps the rate-limit warnings flowing to the stream instead.
$PSDefaultParameterValues['*-Gh*:WarningAction'] = 'Continue'
$null = Start-Transcript -LiteralPath $Transcript
$fast = @{ TimeoutSeconds = 0.5; MaxRetries = 2; RetryBaseDelaySeconds = 0.01; MaxRetryDelaySeconds = 0.05; SecondaryLimitWaitSeconds = 0.02; WriteIntervalSeconds = 0; MaxRateLimitWaitSeconds = 1 }
$all = & {
    'implicit connection from GITHUB_API_URL + GH_ENTERPRISE_TOKEN'
    Get-GhDeployment -Owner octo-org -Repository hello-world -Verbose -Debug
    Get-GhContext | Format-List * | Out-String
    'connection with -Token'
    Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $env:DS_LEAK_TOKEN -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $fast -Validate -PassThru -Verbose -Debug | Format-List * | Out-String
    Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 502
    Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop
    Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 429 -Headers @{ 'retry-after' = '0' }
    Get-GhDeployment -Verbose -Debug
    Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 502
    Add-GhEmulatorFault -Method POST -Path 'statuses$' -Drop
    Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 403 -Body '{"message":"You have exceeded a secondary rate limit."}'
    New-GhDeploymentStatus -DeploymentId $Ids[0] -State in_progress -Verbose -Debug
    'GhNotFound'; Get-GhDeployment -Id 999 -Verbose -Debug
    'GhValidationFailed'
    Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 422 -Body '{"message":"Validation Failed","errors":[{"message":"for the test"}]}'
    New-GhDeploymentStatus -DeploymentId $Ids[0] -State success -Verbose -Debug
    'GhPermissionDenied'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 403 -Body '{"message":"Resource not accessible by integration"}'
    Get-GhDeployment -Verbose -Debug
    'GhServerError'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 503 -Count 3
    Get-GhDeployment -Verbose -Debug
    'GhNetworkError'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop -Count 3
    Get-GhDeployment -Verbose -Debug
    'GhTimeout'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -DelayMs 3000
    Get-GhDeployment -Verbose -Debug
    'GhRateLimited (secondary)'; Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 429 -Count 3
    Get-GhDeployment -Verbose -Debug
    'GhRateLimited (primary)'; Set-GhEmulatorSetting @{ rateLimit = @{ limit = 5000; remaining = 0; resetSeconds = 3600 } }
    Get-GhDeployment -Verbose -Debug
    Set-GhEmulatorSetting @{ rateLimit = @{ limit = 5000; remaining = 5000; resetSeconds = 3600 } }
    'bulk retire with faults'
    Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 502
    Set-GhDeploymentInactive -Environment staging -Keep 1 -Verbose -Debug
    'Invoke-GhDeployment, succeeding and failing'
    Invoke-GhDeployment -Ref main -Environment qa -ScriptBlock { 'the work' } -Verbose -Debug
    # A failed deployment ends the script, as its throw would: caught here so the run goes on.
    try { Invoke-GhDeployment -Ref main -Environment qa -ScriptBlock { throw 'the work failed' } -Verbose -Debug } catch { $_ }
    'Remove-GhDeployment of an active one (422)'
    Remove-GhDeployment -Id $Ids[2] -Confirm:$false -Verbose -Debug
    'connection with -Credential'
    Connect-GhAccount -ApiUri $ApiUri -Credential ([pscredential]::new('someone', (ConvertTo-SecureString $env:DS_LEAK_TOKEN -AsPlainText -Force))) -Policy $fast -Validate -PassThru -Verbose -Debug | Format-List * | Out-String
    'GhAuthenticationFailed with -Validate (another token)'
    try { Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString ($env:DS_LEAK_TOKEN + 'x') -AsPlainText -Force) -Validate -Verbose -Debug } catch { $_ }
    'GhNotConnected: the token with a line break inside'
    try { Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString ($env:DS_LEAK_TOKEN + "`nX: 1") -AsPlainText -Force) -Verbose -Debug } catch { $_ }
    Get-GhDeployment -Owner octo-org -Repository hello-world -Verbose -Debug
    Get-GhContext | Format-List * | Out-String
    Disconnect-GhAccount -Verbose -Debug
} *>&1
# The same kinds of output written by the host itself, straight into the transcript.
Connect-GhAccount -ApiUri $ApiUri -Token (ConvertTo-SecureString $env:DS_LEAK_TOKEN -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $fast -Verbose -Debug
Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 502
Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 403 -Body '{"message":"You have exceeded a secondary rate limit."}'
Get-GhDeployment -Verbose -Debug | Out-Host
Get-GhDeployment -Id 999 -Verbose -Debug
Add-GhEmulatorFault -Method GET -Path 'deployments$' -DelayMs 3000
Get-GhDeployment -Verbose -Debug
$text = [System.Text.StringBuilder]::new()
foreach ($record in $all) {
    $prefix = if ($record -is [System.Management.Automation.VerboseRecord]) { 'VERBOSE: ' }
    elseif ($record -is [System.Management.Automation.DebugRecord]) { 'DEBUG: ' }
    elseif ($record -is [System.Management.Automation.WarningRecord]) { 'WARNING: ' }
    elseif ($record -is [System.Management.Automation.InformationRecord]) { 'INFORMATION: ' }
    elseif ($record -is [System.Management.Automation.ErrorRecord]) { 'ERROR: ' }
    else { '' }
    [void]$text.AppendLine($prefix + ($record | Out-String -Width 500).TrimEnd())
}
foreach ($e in $Error) {
    [void]$text.AppendLine(($e | Format-List * -Force | Out-String -Width 500))
    [void]$text.AppendLine(($e.Exception | Format-List * -Force | Out-String -Width 500))
    [void]$text.AppendLine($e.Exception.ToString())
    for ($x = $e.Exception.InnerException; $x; $x = $x.InnerException) { [void]$text.AppendLine(($x | Format-List * -Force | Out-String -Width 500)) }
    [void]$text.AppendLine("$($e.ErrorDetails)")
    [void]$text.AppendLine(($e.TargetObject | Format-List * -Force | Out-String -Width 500))
    [void]$text.AppendLine(($e.InvocationInfo | Format-List * -Force | Out-String -Width 500))
}
$text.ToString() | Out-Host
Set-Content -LiteralPath $Dump -Value $text.ToString() -Encoding utf8
$null = Stop-Transcript
"DONE: $($all.Count) records, $($Error.Count) errors"
'@
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        # The same PowerShell that runs this test: under `dotnet pwsh` the process is dotnet, given pwsh.dll.
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $child, '-Harness', "$PSScriptRoot/EmulatorHarness.psm1", '-Module', (Get-DsModulePath),
                '-Emulator', $script:emu.Uri.AbsoluteUri, '-ApiUri', $script:emu.ApiUri.AbsoluteUri, '-Transcript', $transcript, '-Dump', $dump, '-IdList', ($ids -join ','))) {
            $psi.ArgumentList.Add($a)
        }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['DS_LEAK_TOKEN'] = $script:token
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['GITHUB_API_URL'] = $script:emu.ApiUri.AbsoluteUri
        $psi.Environment['GH_ENTERPRISE_TOKEN'] = $script:token
        foreach ($n in 'GH_TOKEN', 'GITHUB_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GH_HOST') { $null = $psi.Environment.Remove($n) }
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderrTask = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit(60000) | Should -BeTrue
        $stderr = $stderrTask.Result
        try {
            $stdout | Should -Match 'DONE: \d+ records, \d+ errors' -Because "the child ends its run (stderr: $($stderr -replace '\x1b\[[0-9;]*m'))"
            $transcriptText = Get-Content -LiteralPath $transcript -Raw
            $dumpText = Get-Content -LiteralPath $dump -Raw

            # The run did reach every kind of failure and every stream it should have.
            foreach ($expected in 'VERBOSE:', 'WARNING:', 'rate limit', 'GhNotFound', 'GhValidationFailed', 'GhPermissionDenied', 'GhServerError',
                'GhNetworkError', 'GhTimeout', 'GhRateLimited', 'GhAuthenticationFailed', 'GhNotConnected', 'the work failed', 'checking whether GitHub applied it') {
                $transcriptText | Should -BeLike "*$expected*" -Because "the transcript should show $expected"
            }
            # Three connections were made with the token (environment, -Token, -Credential) and the server saw it.
            @(Get-GhEmulatorRequest | Where-Object { $_.headers.Authorization -eq "token $($script:token)" }).Count | Should -BeGreaterThan 20

            foreach ($place in @(@{ Name = 'stdout'; Text = $stdout }, @{ Name = 'stderr'; Text = $stderr }, @{ Name = 'transcript'; Text = $transcriptText }, @{ Name = 'records'; Text = $dumpText })) {
                $place.Text.Contains($script:token) | Should -BeFalse -Because "the token must not appear in $($place.Name)"
                # Nor its secret part on its own (say, after a line break in a narrow rendering).
                $place.Text.Contains($script:token.Substring(4, 20)) | Should -BeFalse -Because "no part of the token may appear in $($place.Name)"
            }
        }
        finally { Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue }
    }
}
