# Issue 5, "Resilience and safety": the fault matrix, through the BUILT module against the emulator process.
# Every scenario counts the requests the emulator saw and times the cmdlet on a Stopwatch. The policy's waits are
# shortened (Connect-GhAccount -Policy) so that the suite stays fast; lower time bounds prove a wait happened, upper
# bounds are generous but far below what a wrong policy would take. The Ctrl+C bound (1 s) is the requirement itself.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    $script:SecondaryBody = '{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}'

    function script:New-Policy([hashtable] $Changes = @{}) {
        # The fast policy with some knobs changed.
        $p = $script:Fast.Clone()
        foreach ($k in $Changes.Keys) { $p[$k] = $Changes[$k] }
        $p
    }

    function script:Connect-Repo([hashtable] $Policy = @{}, [string] $Token = $script:token) {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $Token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy (New-Policy $Policy)
    }

    function script:Reset-Repo([hashtable] $Policy = @{}) {
        # A fresh repository, a new token, and a connection with the fast policy (plus any changes).
        $script:token = Connect-TestRepo -Policy (New-Policy $Policy)
    }

    function script:Measure-Call([scriptblock] $Script) {
        # Runs the script; returns its output, the errors it wrote (non-terminating), and how long it took.
        $ErrorActionPreference = 'Continue'
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $all = @(& $Script 2>&1)
        $sw.Stop()
        [pscustomobject]@{
            Output  = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors  = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
            Elapsed = $sw.Elapsed
        }
    }

    function script:Wait-Request([int] $Count, [string] $Method) {
        # The emulator records an abandoned request once it notices the client left: wait for it (2 s at most).
        $deadline = [DateTime]::UtcNow.AddSeconds(2)
        do {
            $r = @(Get-GhEmulatorRequest -Method $Method)
            if ($r.Count -ge $Count) { return $r }
            Start-Sleep -Milliseconds 20
        } while ([DateTime]::UtcNow -lt $deadline)
        $r
    }

    function script:Get-Statuses([string] $Method, [string] $PathLike) {
        @(Get-GhEmulatorRequest -Method $Method -PathLike $PathLike | ForEach-Object { [int]$_.status })
    }

    # Warm up (JIT, first connection), so that the first timed scenario times the policy only.
    Reset-Repo
    $null = Get-GhDeployment
}


Describe 'Transient failures' {
    BeforeAll {
        Reset-Repo
        $script:ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging -States success)
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It '502, 503, 504 then success: 4 GETs, the answer returned, under 1 s' {
        foreach ($s in 502, 503, 504) { Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status $s }
        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $got = @(Get-GhDeployment -ErrorAction Stop)
        $sw.Stop()
        $got.Count | Should -Be 3
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(502, 503, 504, 200)
        $sw.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
    }

    It 'connection dropped then success: 2 GETs, the first unanswered' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop
        $got = @(Get-GhDeployment -ErrorAction Stop)
        $got.Count | Should -Be 3
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(0, 200)
    }

    It 'a 5xx that never ends is GhServerError after 1 + MaxRetries GETs' {
        # Exactly 1 + MaxRetries faults: a sixth try would get the real answer and no error.
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 503 -Count 5
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'GhServerError,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(503, 503, 503, 503, 503)
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1.5))
    }

    It 'connections dropped every time are GhNetworkError after 1 + MaxRetries GETs' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop -Count 5
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'GhNetworkError,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ConnectionError'
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(0, 0, 0, 0, 0)
    }

    It 'a status POST that met 502 is checked with one GET before it is sent again: exactly one status added' {
        $id = $script:ids[0]
        $before = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $id | ForEach-Object statuses).Count
        Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 502
        $s = New-GhDeploymentStatus -DeploymentId $id -State in_progress -ErrorAction Stop
        $s.State | Should -Be 'in_progress'
        @(Get-GhEmulatorRequest | ForEach-Object { "$($_.method) $($_.status)" }) | Should -Be @('POST 502', 'GET 200', 'POST 201')
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $id | ForEach-Object statuses).Count | Should -Be ($before + 1)
    }

    It 'a deployment POST that met 502 is not sent again: GhServerError, 1 POST, nothing created' {
        $count = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments).Count
        Add-GhEmulatorFault -Method POST -Path 'deployments$' -Status 502
        $r = Measure-Call { New-GhDeployment -Ref main -Environment staging }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GhServerError,*'
        Get-Statuses POST '/repos/*/deployments' | Should -Be @(502)
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments).Count | Should -Be $count
    }
}

Describe 'Secondary rate limits' {
    BeforeAll {
        Reset-Repo @{ SecondaryLimitWaitSeconds = 0.1 }
        $script:ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging -States success)
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It '<Status> without retry-after: waits the secondary wait (0.1 s), then 0.2 s, and succeeds' -TestCases @(@{ Status = 403 }, @{ Status = 429 }) {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status $Status -Count 2 -Body $script:SecondaryBody
        $r = Measure-Call { Get-GhDeployment -WarningVariable w -WarningAction SilentlyContinue; $script:w = $w }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 2
        Get-Statuses GET '/repos/*/deployments' | Should -Be @($Status, $Status, 200)
        $r.Elapsed | Should -BeGreaterThan ([TimeSpan]::FromSeconds(0.29))
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(2))
        @($script:w).Count | Should -Be 2
        "$($script:w[0])" | Should -BeLike "GitHub's secondary rate limit answered $Status; waiting 0.1 s*"
    }

    It '<Status> with retry-after: 1 on a status POST: waits 1 s, sends it again, one status added' -TestCases @(@{ Status = 403 }, @{ Status = 429 }) {
        $id = $script:ids[0]
        $before = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $id | ForEach-Object statuses).Count
        Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status $Status -Headers @{ 'retry-after' = '1' } -Body $script:SecondaryBody
        $r = Measure-Call { New-GhDeploymentStatus -DeploymentId $id -State queued -WarningAction SilentlyContinue }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output[0].State | Should -Be 'queued'
        Get-Statuses POST '/repos/*/statuses' | Should -Be @($Status, 201)
        @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 0
        $r.Elapsed | Should -BeGreaterThan ([TimeSpan]::FromSeconds(0.99))
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(3))
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $id | ForEach-Object statuses).Count | Should -Be ($before + 1)
    }

    It 'a retry-after beyond MaxRateLimitWaitSeconds fails at once with GhRateLimited' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 429 -Headers @{ 'retry-after' = '3600' } -Body $script:SecondaryBody
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GhRateLimited,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'LimitsExceeded'
        "$($r.Errors[0])" | Should -Match 'try again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ'
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(429)
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
    }

    It 'a limit that does not lift is GhRateLimited after 1 + MaxRetries tries' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 403 -Count 3 -Body $script:SecondaryBody
        Connect-Repo @{ MaxRetries = 2; SecondaryLimitWaitSeconds = 0.01 }
        try {
            $r = Measure-Call { Get-GhDeployment -WarningAction SilentlyContinue }
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GhRateLimited,*'
            "$($r.Errors[0])" | Should -BeLike '*try 3 of 3*'
            Get-Statuses GET '/repos/*/deployments' | Should -Be @(403, 403, 403)
        }
        finally { Connect-Repo @{ SecondaryLimitWaitSeconds = 0.1 } }
    }
}

Describe 'The primary rate limit' {
    BeforeEach {
        Reset-Repo
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging
        Clear-GhEmulatorRequest
    }

    It 'a near reset (1 s, answered 403) is waited for, with a warning naming it, then the GET succeeds' {
        # The wait is measured on the server's clock (its Date header, whole seconds and, from Kestrel, up to a second
        # old), so "1 s" may be waited as up to 3 s: the cap here leaves room for that.
        $Status = 403
        Connect-Repo @{ MaxRateLimitWaitSeconds = 5 }
        Set-GhEmulatorSetting @{ rateLimit = @{ limit = 100; remaining = 0; resetSeconds = 1; status = $Status } }
        $r = Measure-Call { Get-GhDeployment -WarningVariable w -WarningAction SilentlyContinue; $script:w = $w }
        $r.Errors | Should -BeNullOrEmpty
        $r.Output.Count | Should -Be 1
        Get-Statuses GET '/repos/*/deployments' | Should -Be @($Status, 200)
        $r.Elapsed | Should -BeGreaterThan ([TimeSpan]::FromSeconds(0.5))
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(4.5))
        "$($script:w)" | Should -BeLike "GitHub's rate limit is used up; waiting * s for its reset at *"
        (Get-GhContext).RateLimit.Remaining | Should -Be 99
    }

    It 'a far reset (1 h, answered 429) fails at once with GhRateLimited naming the reset time: 1 GET' {
        Set-GhEmulatorSetting @{ rateLimit = @{ limit = 5000; remaining = 0; resetSeconds = 3600; status = 429 } }
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors.Count | Should -Be 1
        $e = $r.Errors[0]
        $e.FullyQualifiedErrorId | Should -Be 'GhRateLimited,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $reset = (Get-GhContext).RateLimit.Reset
        "$e" | Should -BeLike "*used up until $($reset.ToString('u', [cultureinfo]::InvariantCulture))*"
        $reset | Should -BeGreaterThan ([DateTimeOffset]::UtcNow.AddMinutes(50))
        Get-Statuses GET '/repos/*/deployments' | Should -Be @(429)
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
    }
}

Describe 'Final answers are not retried' {
    BeforeAll {
        Reset-Repo
        $script:ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging)
    }
    BeforeEach { Clear-GhEmulatorRequest }

    It '401: GhAuthenticationFailed after 1 request' {
        Connect-Repo -Token (New-GhTestToken)
        try {
            $e = Invoke-Refused { Get-GhDeployment }
            $e.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.GetGhDeploymentCommand'
            $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
            "$e" | Should -BeLike '*Bad credentials*'
            Get-Statuses GET '*' | Should -Be @(401)
        }
        finally { Connect-Repo }
    }

    It '404: GhNotFound after 1 request' {
        $r = Measure-Call { Get-GhDeployment -Id 999 }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'GhNotFound,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        Get-Statuses GET '*' | Should -Be @(404)
    }

    It '422: GhValidationFailed with every errors[].message, after 1 request' {
        Add-GhEmulatorFault -Method POST -Path 'statuses$' -Status 422 -Body '{"message":"Validation Failed","errors":[{"resource":"DeploymentStatus","code":"custom","message":"first problem"},{"resource":"DeploymentStatus","code":"custom","message":"second problem"}]}'
        $r = Measure-Call { New-GhDeploymentStatus -DeploymentId $script:ids[0] -State success }
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'GhValidationFailed,DeploymentStatus.Commands.NewGhDeploymentStatusCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        "$($r.Errors[0])" | Should -BeLike '*first problem*second problem*'
        Get-Statuses POST '*' | Should -Be @(422)
        @(Get-GhEmulatorRequest -Method GET).Count | Should -Be 0
    }

    It '<Status>: <Id> after 1 request' -TestCases @(
        @{ Status = 400; Id = 'GhRequestFailed' }
        @{ Status = 403; Id = 'GhPermissionDenied' }
        @{ Status = 409; Id = 'GhConflict' }
        @{ Status = 410; Id = 'GhRequestFailed' }
        @{ Status = 451; Id = 'GhRequestFailed' }
    ) {
        # One fault only: a retry would get the real answer and no error.
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status $Status -Body '{"message":"No, for the test"}'
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        "$($r.Errors[0])" | Should -BeLike '*No, for the test*'
        Get-Statuses GET '*' | Should -Be @($Status)
    }
}

Describe 'Timeouts' {
    BeforeEach {
        Reset-Repo @{ TimeoutSeconds = 0.3 }
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging
        Clear-GhEmulatorRequest
    }

    It 'a GET over TimeoutSeconds (0.3 s) is GhTimeout (OperationTimeout), 1 request, not retried' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -DelayMs 5000
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors.Count | Should -Be 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'GhTimeout,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $r.Elapsed | Should -BeGreaterThan ([TimeSpan]::FromSeconds(0.29))
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1.5))
        @(Wait-Request 1 GET).Count | Should -Be 1
    }

    It 'Connect-GhAccount -TimeoutSec 1 sets the timeout: GhTimeout after about 1 s' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy (New-Policy) -TimeoutSec 1
        (Get-GhContext).Policy.TimeoutSeconds | Should -Be 1
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -DelayMs 5000
        $r = Measure-Call { Get-GhDeployment }
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'GhTimeout,*'
        $r.Elapsed | Should -BeGreaterThan ([TimeSpan]::FromSeconds(0.99))
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(2.5))
    }
}

Describe 'Ctrl+C (StopProcessing) ends a cmdlet within 1 s' {
    BeforeAll {
        Reset-Repo
        $script:stopIds = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 250 -Environment staging -States success)
        # One runspace with the module imported, reused by every case (so the timing is the stop's alone).
        $script:rs = [runspacefactory]::CreateRunspace()
        $script:rs.Open()
        $ps = [PowerShell]::Create()
        $ps.Runspace = $script:rs
        $null = $ps.AddScript({ param($m) Import-Module $m -Force }).AddArgument((Get-DsModulePath)).Invoke()
        $ps.Dispose()

        function script:Stop-After([hashtable] $Policy, [scriptblock] $Script, [int] $AfterMs = 400, [scriptblock] $Until) {
            # Connects in the runspace with the policy, starts the script, waits until -Until holds (if given) and AfterMs
            # more, then stops it; returns whether it was still running and how long Stop() took.
            $p = New-Policy $Policy
            $ps = [PowerShell]::Create()
            $ps.Runspace = $script:rs
            $null = $ps.AddScript({
                    param($u, $t, $p)
                    Connect-GhAccount -ApiUri $u -Token (ConvertTo-SecureString $t -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $p
                }).AddArgument($script:emu.ApiUri).AddArgument($script:token).AddArgument($p).Invoke()
            $ps.Commands.Clear()
            $null = $ps.AddScript($Script)
            $handle = $ps.BeginInvoke()
            if ($Until) {
                $deadline = [DateTime]::UtcNow.AddSeconds(10)
                while (-not (& $Until) -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 20 }
            }
            Start-Sleep -Milliseconds $AfterMs
            $running = -not $handle.IsCompleted
            $sw = [System.Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $sw.Stop()
            $state = $ps.InvocationStateInfo.State
            $ps.Dispose()
            [pscustomobject]@{ Running = $running; Elapsed = $sw.Elapsed; State = $state }
        }
    }
    AfterAll { $script:rs.Dispose() }
    BeforeEach { Clear-GhEmulatorRequest }

    It 'while waiting on a hung request (30 s delay)' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -DelayMs 30000
        $r = Stop-After @{ TimeoutSeconds = 60 } { Get-GhDeployment }
        $r.Running | Should -BeTrue
        $r.State | Should -Be 'Stopped'
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
    }

    It 'while sleeping in a backoff (30 s)' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 502
        $r = Stop-After @{ RetryBaseDelaySeconds = 30; MaxRetryDelaySeconds = 60 } { Get-GhDeployment }
        $r.Running | Should -BeTrue
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        Get-Statuses GET '*' | Should -Be @(502)
    }

    It 'while waiting out a secondary rate limit (60 s)' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 403 -Body $script:SecondaryBody
        $r = Stop-After @{ SecondaryLimitWaitSeconds = 60; MaxRateLimitWaitSeconds = 300 } { Get-GhDeployment }
        $r.Running | Should -BeTrue
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
    }

    It 'between pages, while the pipeline consumes a page' {
        $r = Stop-After @{} { Get-GhDeployment | ForEach-Object { Start-Sleep -Milliseconds 20 } } -AfterMs 600
        $r.Running | Should -BeTrue
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        # It stopped on the way: not every page was read.
        @(Get-GhEmulatorRequest -Method GET -PathLike '/repos/*/deployments').Count | Should -BeLessThan 3
    }

    It 'between paced writes of a bulk retire (5 s apart), and no write is sent after the stop' {
        $r = Stop-After @{ WriteIntervalSeconds = 5 } { Set-GhDeploymentInactive -Environment staging -Keep 0 } -AfterMs 200 -Until { @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').Count -ge 1 }
        $r.Running | Should -BeTrue
        $r.Elapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(1))
        $posts = @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').Count
        $posts | Should -Be 1
        Start-Sleep -Milliseconds 500
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/statuses').Count | Should -Be $posts
    }
}

Describe 'Verbose output' {
    BeforeAll {
        Reset-Repo
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment staging
    }

    It 'shows each retry and the rate-limit headers of each response, never the token' {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 502
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop
        $lines = @(Get-GhDeployment -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        $lines | Where-Object { $_ -like '*answered 502; try 2 of 5 in *' } | Should -HaveCount 1
        $lines | Where-Object { $_ -like '*failed (*); try 3 of 5 in *' } | Should -HaveCount 1
        $last = $lines | Where-Object { $_ -like '*-> 200 in * ms; rate limit */5000 (core), resets *' }
        $last | Should -HaveCount 1
        $ctx = Get-GhContext
        $last | Should -BeLike "*rate limit $($ctx.RateLimit.Remaining)/5000*"
        ($lines -join "`n") | Should -Not -BeLike "*$($script:token)*"
    }
}

Describe 'Bulk retire of 200 deployments with faults sprinkled in' {
    BeforeAll {
        Reset-Repo @{ WriteIntervalSeconds = 0.005; MaxRetries = 4 }
        $script:bulk = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 200 -Environment staging -States success)
        $other = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment production -States success)
        $script:before = @{}
        foreach ($d in (Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments) { $script:before[[long]$d.id] = @($d.statuses).Count }
        Clear-GhEmulatorRequest

        $at = { param($i) '/deployments/{0}/statuses$' -f $script:bulk[$i] }
        # The list: page 1 meets a 502 and then a dropped connection.
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status 502
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Drop
        # The states of the deployments, one GraphQL query a page: the first meets a 502, then a dropped connection.
        Add-GhEmulatorFault -Method POST -Path 'graphql$' -Status 502
        Add-GhEmulatorFault -Method POST -Path 'graphql$' -Drop
        # Writes: 9 failures on 8 deployments, none applied by GitHub.
        $script:writeFaults = @(
            @{ Index = 3; Fault = @{ Status = 502 } }
            @{ Index = 40; Fault = @{ Status = 502 } }
            @{ Index = 77; Fault = @{ Status = 503; Count = 2 } }      # fails twice: checked and sent again twice
            @{ Index = 101; Fault = @{ Drop = $true } }
            @{ Index = 150; Fault = @{ Drop = $true } }
            @{ Index = 160; Fault = @{ Status = 504 } }
            @{ Index = 170; Fault = @{ Status = 403; Body = $script:SecondaryBody } }
            @{ Index = 199; Fault = @{ Status = 429; Headers = @{ 'retry-after' = '0' } } }
        )
        foreach ($w in $script:writeFaults) { $f = $w.Fault; Add-GhEmulatorFault -Method POST -Path (& $at $w.Index) @f }

        $sw = [System.Diagnostics.Stopwatch]::StartNew()
        $errs = $null
        $script:out = @(Set-GhDeploymentInactive -Environment staging -Keep 0 -ErrorVariable errs -WarningAction SilentlyContinue 6>$null)
        $sw.Stop()
        $script:bulkErrors = @($errs)
        $script:bulkElapsed = $sw.Elapsed
        $script:state = Get-GhEmulatorState -Owner octo-org -Repo hello-world
        $script:requests = @(Get-GhEmulatorRequest)
    }

    It 'ends without an error' {
        $script:bulkErrors | Should -BeNullOrEmpty
        $script:out | Should -BeNullOrEmpty
    }

    It 'retires every deployment exactly once: one inactive status more each, none lost, none duplicated' {
        $bulkSet = [System.Collections.Generic.HashSet[long]]::new([long[]]$script:bulk)
        $retired = @($script:state.deployments | Where-Object { $bulkSet.Contains([long]$_.id) })
        $retired.Count | Should -Be 200
        $wrong = foreach ($d in $retired) {
            $statuses = @($d.statuses)
            $inactive = @($statuses | Where-Object state -EQ 'inactive').Count
            if ($statuses.Count -ne $script:before[[long]$d.id] + 1 -or $statuses[0].state -ne 'inactive' -or $inactive -ne 1) {
                "deployment $($d.id): $($statuses.Count) statuses, $inactive inactive, latest $($statuses[0].state)"
            }
        }
        $wrong | Should -BeNullOrEmpty
    }

    It 'leaves the other environment alone' {
        foreach ($d in $script:state.deployments | Where-Object environment -EQ 'production') {
            @($d.statuses).Count | Should -Be $script:before[[long]$d.id]
        }
    }

    It 'counts on the wire: 200 applied writes + 9 refused, 4 list reads, 2 state queries (the first tried three times), 7 checks of ambiguous writes' {
        $posts = @($script:requests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/statuses' })
        @($posts | Where-Object status -EQ 201).Count | Should -Be 200
        $posts.Count | Should -Be 209
        @($posts | Where-Object status -NE 201 | ForEach-Object status | Sort-Object) | Should -Be @(0, 0, 403, 429, 502, 502, 503, 503, 504)
        # States come from GraphQL (a query a page, sent again after the 502 and the dropped connection, as a read is);
        # the status reads only check ambiguous writes (502, 502, 503 x2, drop x2, 504).
        @($script:requests | Where-Object { $_.path -like '*graphql' } | ForEach-Object status) | Should -Be @(502, 0, 200, 200)
        @($script:requests | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/statuses' }).Count | Should -Be 7
        @($script:requests | Where-Object { $_.method -eq 'GET' -and $_.path -like '*/deployments' } | ForEach-Object status) | Should -Be @(502, 0, 200, 200)
        # No write to a deployment twice with success.
        $posts | Where-Object status -EQ 201 | Group-Object path | Where-Object Count -GT 1 | Should -BeNullOrEmpty
    }

    It 'paces the writes (WriteIntervalSeconds 0.005): 209 writes span at least 208 intervals' {
        # The emulator stamps a request when its middleware sees it, so one gap may look shorter than the client
        # made it (a late stamp on the previous one); the span and the median cannot. The exact gap between the end
        # of one write and the start of the next is asserted client-side in the xunit PolicyHandlerTests.
        $times = @($script:requests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/statuses' } | ForEach-Object { ([DateTimeOffset]$_.time).ToUnixTimeMilliseconds() })
        $times.Count | Should -Be 209
        ($times[-1] - $times[0]) | Should -BeGreaterOrEqual (208 * 5)
        $gaps = @(for ($i = 1; $i -lt $times.Count; $i++) { $times[$i] - $times[$i - 1] }) | Sort-Object
        $gaps[[int]($gaps.Count / 2)] | Should -BeGreaterOrEqual 5
    }

    It 'takes seconds (<20 s), not minutes' {
        Write-Host "    bulk retire of 200 with 17 faults took $([Math]::Round($script:bulkElapsed.TotalSeconds, 2)) s"
        $script:bulkElapsed | Should -BeLessThan ([TimeSpan]::FromSeconds(20))
    }
}
