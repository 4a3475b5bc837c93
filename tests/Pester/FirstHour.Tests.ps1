# Issue 10, "A new user's first hour": the defects a new user met, through the BUILT module against the emulator.
# A refused token ends the script; a 404 names what was asked for; a failed native command fails the deployment; any JSON
# media type is read and anything else is a clear error (never a NullReferenceException); short SHAs and other common
# mistakes are answered in the module's own words.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    function script:Reset-Repo {
        $script:token = Connect-TestRepo
        $script:ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging -States success)
        Clear-GhEmulatorRequest
    }

    function script:Invoke-Fresh {
        # Runs a script in a fresh `pwsh -NoProfile -NonInteractive -Command` as a user would, with the built module's path in
        # DS_MODULE and the emulator's API root in DS_API; no token variable but those given. Returns Out, Err and ExitCode.
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{})
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', $Script) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        foreach ($n in 'GH_TOKEN', 'GITHUB_TOKEN', 'GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_API_URL', 'GH_HOST', 'GITHUB_REPOSITORY',
            'GITHUB_ACTIONS', 'TF_BUILD') { $null = $psi.Environment.Remove($n) }
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['DS_MODULE'] = Get-DsModulePath
        $psi.Environment['DS_API'] = $script:emu.ApiUri.AbsoluteUri
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $out = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit(60000) | Should -BeTrue
        # The error view wraps long messages under a '|' gutter: one line again, so that a message can be matched whole.
        [pscustomobject]@{ Out = $out; Err = (($err.Result -replace '\x1b\[[0-9;]*m') -replace '\s*\r?\n\s*(\|\s*)?', ' '); ExitCode = $p.ExitCode }
    }

    function script:Invoke-Isolated([string] $Script) {
        # Runs a script in a runspace of its own (New-ChildShell), where the error action is PowerShell's default: a
        # statement-terminating error would let the next line run, a script-terminating one does not. Returns Output and
        # Error (the error that ended the script, or $null).
        $ps = New-ChildShell ([scriptblock]::Create($Script))
        try {
            $output = $null
            $thrown = $null
            try { $output = $ps.Invoke() } catch { $thrown = $_.Exception.InnerException.ErrorRecord }
            [pscustomobject]@{ Output = @($output); Error = $thrown }
        }
        finally { $ps.Dispose() }
    }

    function script:Get-LastStatus([long] $Id) {
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object id -EQ $Id)[0].statuses[0]
    }

    function script:Get-Raw([string] $Path) {
        # GitHub's own answer, as the emulator gives it, for faults that relabel it.
        (Invoke-WebRequest -Uri ($script:emu.ApiUri.AbsoluteUri + $Path) -Headers @{ Authorization = "token $($script:token)" } -NoProxy).Content
    }
}


Describe 'A refused token ends the script (item 2)' {
    BeforeEach { Reset-Repo }

    It 'New-GhDeployment with a wrong -Token: one 401, the next line does not run, and the error names -Token and -Validate' {
        $r = Invoke-Fresh @'
Import-Module $env:DS_MODULE
Connect-GhAccount -ApiUri $env:DS_API -Token (ConvertTo-SecureString 'ghp_not_a_token_github_knows_0000000000' -AsPlainText -Force) -Owner octo-org -Repository hello-world
New-GhDeployment -Ref main -Environment staging
'next line'
'@
        $r.Out | Should -Not -BeLike '*next line*'
        $r.ExitCode | Should -Not -Be 0
        $r.Err | Should -BeLike '*GitHub answered 401: Bad credentials.*'
        $r.Err | Should -BeLike '*token from Connect-GhAccount -Token*'
        $r.Err | Should -BeLike '*Connect-GhAccount -Validate*'
        @(Get-GhEmulatorRequest | ForEach-Object { "$($_.method) $($_.path) $($_.status)" }) | Should -Be @('POST /repos/octo-org/hello-world/deployments 401')
    }

    It 'connected implicitly from GH_TOKEN (and a loopback GITHUB_API_URL): the error names GH_TOKEN' {
        try {
            $env:GH_TOKEN = 'ghp_not_a_token_github_knows_0000000000'
            $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
            $r = Invoke-Isolated "Disconnect-GhAccount; Get-GhDeployment -Owner octo-org -Repository hello-world; 'next line'"
        }
        finally { $env:GH_TOKEN = $null; $env:GITHUB_API_URL = $null }
        $r.Output | Should -Not -Contain 'next line'
        $r.Error.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.GetGhDeploymentCommand'
        "$($r.Error)" | Should -BeLike '*token from the GH_TOKEN environment variable*Connect-GhAccount -Validate*'
    }

    It 'a pipeline of ids stops at the first 401 instead of sending every one' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString (New-GhTestToken) -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        $e = Invoke-Refused { $script:ids | Get-GhDeployment }
        $e.FullyQualifiedErrorId | Should -Be 'GhAuthenticationFailed,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
        @(Get-GhEmulatorRequest).Count | Should -Be 1
    }

    It 'the other setup failures end the script too (no repository)' {
        $r = Invoke-Isolated "Connect-GhAccount -ApiUri '$($script:emu.ApiUri)' -Token (ConvertTo-SecureString '$($script:token)' -AsPlainText -Force); Get-GhDeployment; 'next line'"
        $r.Output | Should -Not -Contain 'next line'
        $r.Error.FullyQualifiedErrorId | Should -Be 'GhRepositoryNotSpecified,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }
}

Describe 'A 404 names what was asked for (item 3)' {
    BeforeAll { Reset-Repo }

    It '<Name>' -TestCases @(
        @{ Name = 'a deployment'; Script = { Get-GhDeployment -Id 3000000099 }; Asked = 'octo-org/hello-world deployment 3000000099' }
        @{ Name = 'a status of a deployment'; Script = { Get-GhDeploymentStatus -Id $script:ids[0] -StatusId 12 }; Asked = 'status 12 of octo-org/hello-world deployment {0}' }
        @{ Name = 'the statuses of a deployment'; Script = { Get-GhDeploymentStatus -Id 3000000099 }; Asked = 'octo-org/hello-world deployment 3000000099' }
        @{ Name = 'a new status'; Script = { New-GhDeploymentStatus -Id 3000000099 -State success }; Asked = 'octo-org/hello-world deployment 3000000099' }
        @{ Name = 'a repository'; Script = { Get-GhDeployment -Owner octo-org -Repository hello-wrld }; Asked = 'repository octo-org/hello-wrld' }
        @{ Name = 'a new deployment in a repository'; Script = { New-GhDeployment -Owner acme -Repository app -Ref main }; Asked = 'repository acme/app' }
        @{ Name = 'an environment'; Script = { Get-GhEnvironment -Name nope }; Asked = "octo-org/hello-world environment 'nope'" }
        @{ Name = 'a workflow run'; Script = { Get-GhPendingDeployment -RunId 9 }; Asked = 'octo-org/hello-world workflow run 9' }
    ) {
        $e = Invoke-Refused $Script
        $e.FullyQualifiedErrorId | Should -BeLike 'GhNotFound,*'
        "$e" | Should -BeExactly ("GitHub answered 404 (Not Found) for $Asked. GitHub answers 404 also for what exists but the token cannot see." -f $script:ids[0])
    }
}

Describe 'A failed native command fails the deployment (item 4)' {
    BeforeAll {
        function script:Exit-Native([int] $Code) {
            # A native command that exits with the code (what `bash -c 'exit 3'` does), on any platform.
            if ($IsWindows) { cmd /c "exit $Code" } else { sh -c "exit $Code" }
        }
    }
    BeforeEach { Reset-Repo }

    It 'exit code 3 of the last native command: failure naming the code, GhDeploymentScriptFailed' {
        $e = Invoke-Refused { Invoke-GhDeployment -Ref main -Environment qa { Exit-Native 3 } }
        $e.FullyQualifiedErrorId | Should -Be 'GhDeploymentScriptFailed,DeploymentStatus.Commands.InvokeGhDeploymentCommand'
        "$e" | Should -BeLike "The deployment script's last native command exited with code 3; deployment * is marked failure.*-SuccessExitCode*"
        $status = Get-LastStatus $e.TargetObject.Id
        $status.state | Should -Be 'failure'
        $status.description | Should -Be "The deployment script's last native command exited with code 3"
    }

    It 'and the script''s next line does not run' {
        $r = Invoke-Isolated "Invoke-GhDeployment -Ref main -Environment qa { if (`$IsWindows) { cmd /c 'exit 3' } else { sh -c 'exit 3' } }; 'next line'"
        $r.Output | Should -Not -Contain 'next line'
        "$($r.Error)" | Should -BeLike '*exited with code 3*'
    }

    It '-SuccessExitCode names the codes that mean success' {
        $s = Invoke-GhDeployment -Ref main -Environment qa -SuccessExitCode 0, 1, 3 -PassThru { Exit-Native 3 }
        $s.State | Should -Be 'success'
        $e = Invoke-Refused { Invoke-GhDeployment -Ref main -Environment qa -SuccessExitCode 0, 1 { Exit-Native 0 }; Invoke-GhDeployment -Ref main -Environment qa -SuccessExitCode 1 { Exit-Native 0 } }
        "$e" | Should -BeLike '*exited with code 0 (success: 1)*'
    }

    It 'the last native command decides: an earlier failure the script got past is not the deployment''s' {
        $s = Invoke-GhDeployment -Ref main -Environment qa -PassThru { Exit-Native 2; Exit-Native 0; 'done' }
        $s[-1].State | Should -Be 'success'
    }

    It 'a code left by a command before Invoke-GhDeployment does not count' {
        Exit-Native 5
        $LASTEXITCODE | Should -Be 5
        (Invoke-GhDeployment -Ref main -Environment qa -PassThru { 'no native command' })[-1].State | Should -Be 'success'
    }

    It 'an error the script writes under $ErrorActionPreference = ''Stop'' is a failure' {
        $e = Invoke-Refused { Invoke-GhDeployment -Ref main -Environment qa { $ErrorActionPreference = 'Stop'; Write-Error 'disk full'; 'not reached' } }
        "$e" | Should -Be 'disk full'
        $qa = @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | Where-Object environment -EQ 'qa')
        $qa.Count | Should -Be 1
        $qa[0].statuses[0].state | Should -Be 'failure'
        $qa[0].statuses[0].description | Should -Be 'disk full'
    }
}

Describe 'Any JSON media type is JSON; anything else is a clear error (item 5)' {
    BeforeEach { Reset-Repo }

    It 'reads a deployment labelled <Type>, created and got' -TestCases @(
        @{ Type = 'application/vnd.github+json' }
        @{ Type = 'application/vnd.github.v3+json; charset=utf-8' }
        @{ Type = 'application/json; charset=UTF-8' }
        @{ Type = 'Application/JSON' }
    ) {
        $raw = Get-Raw "repos/octo-org/hello-world/deployments/$($script:ids[0])"
        Add-GhEmulatorFault -Method POST -Path 'deployments$' -Status 201 -Headers @{ 'Content-Type' = $Type } -Body $raw
        (New-GhDeployment -Ref main -Environment staging -ErrorAction Stop).Id | Should -Be $script:ids[0]
        Add-GhEmulatorFault -Method GET -Path 'deployments/\d+$' -Headers @{ 'Content-Type' = $Type } -Status 200 -Body $raw
        (Get-GhDeployment -Id $script:ids[0] -ErrorAction Stop).Environment | Should -Be 'staging'
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Headers @{ 'Content-Type' = $Type } -Status 200 -Body (Get-Raw 'repos/octo-org/hello-world/deployments')
        @(Get-GhDeployment -ErrorAction Stop).Count | Should -Be 2
    }

    It '<Name>: GhInvalidResponse naming the status, the content type and the host' -TestCases @(
        @{ Name = 'an HTML page answered 200'; Status = 200; Headers = @{ 'Content-Type' = 'text/html; charset=utf-8' }; Body = '<html><head><title>Sign in - Contoso proxy</title></head><body>…</body></html>'
            Expected = 'GET http://127.0.0.1:{0}/api/v3/repos/octo-org/hello-world/deployments was answered 200 with text/html (a page titled "Sign in - Contoso proxy") from 127.0.0.1:{0}, where GitHub answers JSON. Something other than GitHub''s API answered*' }
        @{ Name = 'an empty 200'; Status = 200; Headers = @{}; Body = ''
            Expected = 'GET http://127.0.0.1:{0}/api/v3/repos/octo-org/hello-world/deployments was answered 200 with an empty body from 127.0.0.1:{0}, where GitHub answers JSON.*' }
        @{ Name = 'plain text labelled JSON'; Status = 200; Headers = @{}; Body = 'OK'
            Expected = '*was answered 200 with a body labelled application/json that is not a JSON object or array from 127.0.0.1:{0}*' }
    ) {
        Add-GhEmulatorFault -Method GET -Path 'deployments$' -Status $Status -Headers $Headers -Body $Body
        $e = Invoke-Refused { Get-GhDeployment }
        $e.FullyQualifiedErrorId | Should -Be 'GhInvalidResponse,DeploymentStatus.Commands.GetGhDeploymentCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidResult'
        "$e" | Should -BeLike ($Expected -f $script:emu.Uri.Port)
    }

    It 'an HTML error page is said as such, not quoted' {
        Add-GhEmulatorFault -Method GET -Path 'deployments/\d+$' -Status 404 -Headers @{ 'Content-Type' = 'text/html' } -Body '<html><title>Not here</title><body>secret internal page</body></html>'
        $e = Invoke-Refused { Get-GhDeployment -Id $script:ids[0] }
        $e.FullyQualifiedErrorId | Should -BeLike 'GhNotFound,*'
        "$e" | Should -BeLike "127.0.0.1:$($script:emu.Uri.Port) answered 404 for octo-org/hello-world deployment $($script:ids[0]) with text/html (a page titled ""Not here""), not with GitHub's JSON.*"
        "$e" | Should -Not -BeLike '*secret internal page*'
    }

    It 'never a NullReferenceException: every cmdlet against every unreadable answer' {
        $cmdlets = [ordered]@{
            'Get-GhDeployment'                   = @{ Route = 'deployments$'; Script = { Get-GhDeployment } }
            'Get-GhDeployment -Id'               = @{ Route = 'deployments/\d+$'; Script = { Get-GhDeployment -Id $script:ids[0] } }
            'Get-GhDeployment -IncludeTotalCount' = @{ Route = 'deployments$'; Script = { Get-GhDeployment -IncludeTotalCount } }
            'New-GhDeployment'                   = @{ Route = 'deployments$'; Script = { New-GhDeployment -Ref main } }
            'Invoke-GhDeployment'                = @{ Route = 'deployments$'; Script = { Invoke-GhDeployment -Ref main -Environment qa { } } }
            'Invoke-GhDeployment (status)'       = @{ Route = 'statuses$'; Script = { Invoke-GhDeployment -Ref main -Environment qa { } } }
            'New-GhDeploymentStatus'             = @{ Route = 'statuses$'; Script = { New-GhDeploymentStatus -Id $script:ids[0] -State success } }
            'Get-GhDeploymentStatus'             = @{ Route = 'statuses$'; Script = { Get-GhDeploymentStatus -Id $script:ids[0] } }
            'Get-GhDeploymentStatus -Latest'     = @{ Route = 'statuses$'; Script = { Get-GhDeploymentStatus -Id $script:ids[0] -Latest } }
            'Get-GhDeploymentStatus -StatusId'   = @{ Route = 'statuses/\d+$'; Script = { Get-GhDeploymentStatus -Id $script:ids[0] -StatusId 1 } }
            'Set-GhDeploymentInactive'           = @{ Route = 'statuses$'; Script = { Set-GhDeploymentInactive -Id $script:ids[0] } }
            'Set-GhDeploymentInactive -Environment' = @{ Route = 'deployments$'; Script = { Set-GhDeploymentInactive -Environment staging } }
            'Remove-GhDeployment'                = @{ Route = 'deployments/\d+$'; Script = { Remove-GhDeployment -Id $script:ids[0] -Force -Confirm:$false } }
            'Get-GhEnvironment'                  = @{ Route = 'environments$'; Script = { Get-GhEnvironment } }
            'Get-GhEnvironment -Name'            = @{ Route = 'environments/[^/]+$'; Script = { Get-GhEnvironment -Name staging } }
            'Set-GhEnvironment'                  = @{ Route = 'environments/[^/]+$'; Script = { Set-GhEnvironment -Name staging -WaitTimer 1 } }
            'Get-GhDeploymentBranchPolicy'       = @{ Route = 'deployment-branch-policies$'; Script = { Get-GhDeploymentBranchPolicy -Environment staging } }
            'Get-GhPendingDeployment'            = @{ Route = 'pending_deployments$'; Script = { Get-GhPendingDeployment -RunId $runId } }
            'the state query'                    = @{ Route = 'graphql$'; Script = { Get-GhDeployment } }
            'Connect-GhAccount -Validate'        = @{ Route = '^/user$'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Validate } }
        }
        $faults = [ordered]@{
            'HTML 200'           = @{ Status = 200; Headers = @{ 'Content-Type' = 'text/html' }; Body = '<html><title>Proxy</title></html>' }
            'empty 200'          = @{ Status = 200; Body = '' }
            'empty object'       = @{ Status = 200; Body = '{}' }
            'null'               = @{ Status = 200; Body = 'null' }
            'an array for one'   = @{ Status = 200; Body = '[]' }
            'an object for many' = @{ Status = 200; Body = '{"id": 1}' }
            'cut short'          = @{ Status = 200; Body = '{"id": 1, "sha": "ab' }
            'octet-stream 201'   = @{ Status = 201; Headers = @{ 'Content-Type' = 'application/octet-stream' }; Body = 'xx' }
            'HTML 404'           = @{ Status = 404; Headers = @{ 'Content-Type' = 'text/html' }; Body = '<html>gone</html>' }
            'text 401'           = @{ Status = 401; Headers = @{ 'Content-Type' = 'text/plain' }; Body = 'Unauthorized' }
            'HTML 502'           = @{ Status = 502; Headers = @{ 'Content-Type' = 'text/html' }; Body = '<html>bad gateway</html>'; Count = 5 }   # every try of the fast policy
            'vnd JSON 422'       = @{ Status = 422; Headers = @{ 'Content-Type' = 'application/vnd.github+json' }; Body = '{"message":"Validation Failed"}' }
        }
        $seen = [System.Collections.Generic.List[string]]::new()
        $ran = 0
        foreach ($c in $cmdlets.GetEnumerator()) {
            # A repository per cmdlet; each fault is used up by the cmdlet's first request to its route.
            $script:token = Connect-TestRepo
            $null = Add-GhEmulatorEnvironment -Owner octo-org -Repo hello-world -Name staging -BranchPolicy custom
            $script:ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment staging -States success)
            $runId = Add-GhEmulatorRun -Owner octo-org -Repo hello-world -Environments staging
            foreach ($f in $faults.GetEnumerator()) {
                $fault = @{ Path = $c.Value.Route; Status = $f.Value.Status; Body = $f.Value.Body; Count = $(if ($f.Value.ContainsKey('Count')) { $f.Value.Count } else { 1 }) }
                if ($f.Value.ContainsKey('Headers')) { $fault.Headers = $f.Value.Headers }
                Add-GhEmulatorFault @fault
                $records = @(try { & $c.Value.Script 2>&1 3>$null | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] } } catch { $_ })
                foreach ($r in $records) {
                    $text = "$r`n$($r.Exception.ToString())`n$($r.ErrorDetails)"
                    if ($text -match 'NullReference|Object reference not set') { $seen.Add("$($c.Key) / $($f.Key): $text") }
                }
                $ran++
            }
        }
        $ran | Should -Be ($cmdlets.Count * $faults.Count)
        $seen | Should -BeNullOrEmpty
    }
}

Describe 'A short SHA is refused before any request (item 6)' {
    BeforeAll { Reset-Repo }

    It '<Sha>: refused, saying GitHub matches the whole 40 digits; nothing sent' -TestCases @(
        @{ Sha = '1f5327f'; Like = "*'1f5327f' is not a full commit SHA: GitHub matches a deployment's SHA whole, all 40 hexadecimal digits, so a short SHA finds nothing*git rev-parse 1f5327f*" }
        @{ Sha = ('a' * 39); Like = '*a short SHA finds nothing*' }
        @{ Sha = ('a' * 41); Like = '*is not a full commit SHA*' }
        @{ Sha = 'main'; Like = '*is not a full commit SHA*' }
    ) {
        $e = Invoke-Refused { Get-GhDeployment -Sha $Sha }
        $e.FullyQualifiedErrorId | Should -Be 'ParameterArgumentValidationError,DeploymentStatus.Commands.GetGhDeploymentCommand'
        "$e" | Should -BeLike $Like
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'the full SHA a deployment carries finds it' {
        $sha = (Get-GhDeployment -Id $script:ids[0]).Sha
        $sha.Length | Should -Be 40
        @(Get-GhDeployment -Sha $sha).Count | Should -Be 2
        @(Get-GhDeployment -Sha $sha.ToUpperInvariant()).Count | Should -BeGreaterOrEqual 0   # accepted: hexadecimal in either case
    }
}

Describe 'Common mistakes, answered in the module''s words (item 7)' {
    BeforeEach { Reset-Repo }

    It '-Repository OWNER/NAME suggests -Owner OWNER -Repository NAME (<Cmdlet>)' -TestCases @(
        @{ Cmdlet = 'Get-GhDeployment'; Script = { Get-GhDeployment -Repository octo-org/hello-world } }
        @{ Cmdlet = 'Connect-GhAccount'; Script = { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'x' -AsPlainText -Force) -Repository octo-org/hello-world } }
    ) {
        $e = Invoke-Refused $Script
        "$e" | Should -BeLike "*'octo-org/hello-world' is an owner and a repository together; give them apart: -Owner octo-org -Repository hello-world."
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'a description of 141 characters: GitHub''s limit is 140 (<Cmdlet>)' -TestCases @(
        @{ Cmdlet = 'New-GhDeploymentStatus'; Script = { New-GhDeploymentStatus -Id $script:ids[0] -State success -Description ('x' * 141) } }
        @{ Cmdlet = 'Invoke-GhDeployment'; Script = { Invoke-GhDeployment -Ref main -Environment qa -Description ('x' * 141) { } } }
    ) {
        $e = Invoke-Refused $Script
        "$e" | Should -BeLike "*The description has 141 characters; GitHub's limit for a deployment status description is 140.*"
        @(Get-GhEmulatorRequest).Count | Should -Be 0
        { New-GhDeploymentStatus -Id $script:ids[0] -State success -Description ('x' * 140) -ErrorAction Stop } | Should -Not -Throw
    }

    It 'a token as a plain string says how to make a SecureString, and never shows the string' {
        $e = Invoke-Refused { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token 'ghp_plainTextToken1234567890' }
        "$e" | Should -BeLike "*-Token takes a SecureString*Read-Host -AsSecureString*ConvertTo-SecureString*GH_TOKEN*"
        ($e | Format-List * -Force | Out-String) + $e.Exception.ToString() | Should -Not -BeLike '*ghp_plainTextToken1234567890*'
    }

    It 'a bare id from the pipeline is the deployment id (<Cmdlet>)' -TestCases @(
        @{ Cmdlet = 'Get-GhDeployment'; Script = { $script:ids[0] | Get-GhDeployment }; Check = { param($r) $r.Id | Should -Be $script:ids[0] } }
        @{ Cmdlet = 'Get-GhDeploymentStatus'; Script = { $script:ids[0] | Get-GhDeploymentStatus -Latest }; Check = { param($r) $r.DeploymentId | Should -Be $script:ids[0] } }
        @{ Cmdlet = 'New-GhDeploymentStatus'; Script = { "$($script:ids[0])" | New-GhDeploymentStatus -State queued }; Check = { param($r) $r.State | Should -Be 'queued' } }
        @{ Cmdlet = 'Set-GhDeploymentInactive'; Script = { $script:ids[0] | Set-GhDeploymentInactive -PassThru }; Check = { param($r) $r.State | Should -Be 'inactive' } }
    ) {
        $r = & $Script
        @($r).Count | Should -Be 1
        & $Check $r
    }

    It 'Get-GhContext when not connected says so, and what the first cmdlet would connect with' {
        Disconnect-GhAccount
        $env:GH_TOKEN = $null; $env:GITHUB_TOKEN = $null; $env:GITHUB_API_URL = $null; $env:GH_HOST = $null
        $context = Get-GhContext -WarningVariable w -WarningAction SilentlyContinue
        $context | Should -BeNullOrEmpty
        "$w" | Should -BeLike 'Not connected to GitHub in this session: run Connect-GhAccount*no token is set in the environment for api.github.com (GH_TOKEN or GITHUB_TOKEN)*'
        try {
            $env:GH_TOKEN = 'ghp_x'
            $null = Get-GhContext -WarningVariable w -WarningAction SilentlyContinue
            "$w" | Should -BeLike '*the first cmdlet will connect to https://api.github.com/ with the token from GH_TOKEN.'
        }
        finally { $env:GH_TOKEN = $null }
    }

    It '-IncludeTotalCount gives the total first, from one request of a page of one' {
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 248 -Environment qa
        Clear-GhEmulatorRequest
        $r = @(Get-GhDeployment -IncludeTotalCount -First 3)
        $r.Count | Should -Be 4
        $r[0] | Should -BeOfType [ulong]
        $r[0] | Should -Be 250
        @(Get-GhEmulatorRequest -Method GET | ForEach-Object query) | Should -Be @('?per_page=1', '?per_page=100')
        @(Get-GhDeployment -Environment staging -IncludeTotalCount)[0] | Should -Be 2
        @(Get-GhDeployment -Environment none -IncludeTotalCount)[0] | Should -Be 0
    }
}

Describe 'Tables fit an 80-column terminal (item 8)' {
    BeforeAll {
        $script:token = Connect-TestRepo
        $sha = '1f5327f2352ef7b1f1b876f346c5bbb680a4c2d5'
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2 -Environment review/pr-12345-a-long-branch-name -Ref feature/a-rather-long-branch-name -States in_progress, success
        $d = New-GhDeployment -Ref $sha -Environment production -Description 'Release 1.1' -Payload ([ordered]@{ migrate = $true; regions = 'eu', 'us'; db = @{ steps = 2 } }) -SkipStatusCheck
        $null = $d | New-GhDeploymentStatus -State in_progress -Description 'Rolling out to every region, one at a time, with a health check after each'
        $script:deployment = $d

        function script:Get-Rendered([object[]] $Objects, [int] $Width = 80) {
            @(($Objects | Out-String -Width $Width) -split '\r?\n' | Where-Object { $_.Trim() })
        }
    }

    It 'deployments: Id, Environment, State, Ref (a SHA as 7 digits), Creator, Age on one header line, every line within 80' {
        $lines = Get-Rendered @(Get-GhDeployment)
        $lines[0] | Should -Match '^\s*Id\s+Environment\s+State\s+Ref\s+Creator\s+Age$'
        $lines[1] | Should -Match '^\s*--\s+-+\s+-+\s+-+\s+-+\s+---$'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' should fit" }
        $lines[2] | Should -Match '^\s*\d{10} production\s+\S+\s+1f5327f\s+octocat\s+\d+[smhd]$'
        ($lines | Where-Object { $_ -like '*review/pr-12345*' }).Count | Should -Be 2
    }

    It 'statuses: DeploymentId, Id, State, Environment, Age, Description on one header line, every line within 80' {
        $lines = Get-Rendered @($script:deployment | Get-GhDeploymentStatus)
        $lines[0] | Should -Match '^\s*DeploymentId\s+Id\s+State\s+Environment\s+Age\s+Description$'
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' should fit" }
        $lines[2] | Should -Match '^\s*\d{10}\s+\d{10} in_progress production\s+\d+[smhd] Rolling out'
    }

    It 'a deployment in a list shows its payload as compact JSON' {
        $text = ($script:deployment | Get-GhDeployment | Format-List | Out-String -Width 200)
        $text | Should -Match '(?m)^Payload\s+: \{"migrate":true,"regions":\["eu","us"\],"db":\{"steps":2\}\}$'
        $text | Should -Not -BeLike '*System.Object*'
        $text | Should -Match '(?m)^Sha\s+: 1f5327f2352ef7b1f1b876f346c5bbb680a4c2d5$'
    }

    It 'the demo echoes each command before running it, and prints at the terminal''s width' {
        $psi = [System.Diagnostics.ProcessStartInfo]::new([Environment]::ProcessPath)
        if ([System.IO.Path]::GetFileNameWithoutExtension([Environment]::ProcessPath) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-File', (Join-Path (Get-DsRepoRoot) 'demo/Demo.ps1')) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['NO_COLOR'] = '1'
        $psi.Environment['COLUMNS'] = '80'
        $p = [System.Diagnostics.Process]::Start($psi)
        $err = $p.StandardError.ReadToEndAsync()
        $lines = @($p.StandardOutput.ReadToEnd() -split '\r?\n')
        $p.WaitForExit(120000) | Should -BeTrue
        $p.ExitCode | Should -Be 0 -Because $err.Result
        foreach ($line in $lines) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line' should fit" }
        $echo = [array]::IndexOf($lines, 'PS> Get-GhDeployment -Environment staging')
        $echo | Should -BeGreaterThan 0
        $lines[$echo + 1] | Should -Match '^\s*Id\s+Environment\s+State\s+Ref\s+Creator\s+Age$'
        @($lines | Where-Object { $_ -like 'PS> *' }).Count | Should -BeGreaterThan 8
        $lines | Should -Contain 'PS> $v1 = New-GhDeployment -Ref v1.0 -Environment staging'
    }
}

Describe 'Trying it offline (item 10)' {
    It 'demo/Play.ps1 starts the emulator, seeds it and connects; the emulator ends with the shell' {
        $r = Invoke-Fresh @'
. (Join-Path $env:DS_REPO 'demo/Play.ps1') *> $null
"PID=$($PlayEmulator.Process.Id)"
"REPO=$((Get-GhContext).Owner)/$((Get-GhContext).Repository)"
"DEPLOYMENTS=$(@(Get-GhDeployment).Count)"
"ENVIRONMENTS=$((Get-GhEnvironment).Name -join ',')"
"WAITING=$((Get-GhPendingDeployment -RunId 9000000042).Environment)"
Disconnect-GhAccount
"IMPLICIT=$(@(Get-GhDeployment -Environment production).Count) $((Get-GhContext).TokenSource)"
'@ -Environment @{ DS_REPO = (Get-DsRepoRoot) }
        $values = @{}
        foreach ($line in $r.Out -split '\r?\n') { if ($line -match '^(\w+)=(.*)$') { $values[$Matches[1]] = $Matches[2] } }
        $values.REPO | Should -Be 'octo-org/hello-world' -Because $r.Err
        [int]$values.DEPLOYMENTS | Should -BeGreaterOrEqual 8
        $values.ENVIRONMENTS | Should -Be 'production,review/pr-7,staging'
        $values.WAITING | Should -Be 'production'
        $values.IMPLICIT | Should -Match '^\d+ GH_TOKEN$'
        $emulator = Get-Process -Id ([int]$values.PID) -ErrorAction SilentlyContinue
        if ($emulator) { $emulator.WaitForExit(10000) | Should -BeTrue -Because 'the emulator stops when the shell that started it ends' }
    }

    It 'build.ps1 Play dot-sources demo/Play.ps1 in an interactive pwsh' {
        $build = Get-Content -Raw (Join-Path (Get-DsRepoRoot) 'build.ps1')
        $build | Should -Match "ValidateSet\([^)]*'Play'"
        $build | Should -Match "'Play' \{[^}]*Invoke-Build[^}]*& dotnet pwsh -NoProfile -NoExit -Command `"\. '\`$play'`""
    }

    It 'GH_TOKEN with a loopback GITHUB_API_URL (the emulator) connects implicitly' {
        $token = Connect-TestRepo
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2
        Disconnect-GhAccount
        try {
            $env:GH_TOKEN = $token
            $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
            @(Get-GhDeployment -Owner octo-org -Repository hello-world).Count | Should -Be 2
            (Get-GhContext).TokenSource | Should -Be 'GH_TOKEN'
        }
        finally { $env:GH_TOKEN = $null; $env:GITHUB_API_URL = $null; Disconnect-GhAccount }
    }

    It 'the README says where the emulator''s binary is, how to start it and how to seed it' {
        $readme = Get-Content -Raw (Join-Path (Get-DsRepoRoot) 'README.md')
        foreach ($expected in 'build.ps1 Play', 'tests/GitHubEmulator/bin/Release/net10.0/GitHubEmulator.dll', 'GITHUB_EMULATOR_LISTENING', '_emulator/', 'Add-GhEmulatorDeployment', 'GH_TOKEN') {
            $readme | Should -BeLike "*$expected*"
        }
    }
}

Describe 'Help examples that run as written (item 11)' {
    BeforeAll {
        function script:Get-Example([string] $Command) {
            foreach ($e in (Get-Help $Command -Examples).examples.example) {
                [pscustomobject]@{ Title = ($e.title -replace '^-+\s*Example \d+:\s*|\s*-+$'); Code = [string]$e.code }
            }
        }
    }

    It 'no example holds an Azure Pipelines $(macro), which PowerShell would run as a command' {
        $found = foreach ($command in Get-Command -Module DeploymentStatus) {
            foreach ($e in Get-Example $command.Name) {
                $code = ($e.Code -split '\r?\n' | Where-Object { $_ -notmatch '^\s*#' }) -join "`n"
                if ($code -match '\$\([A-Za-z_][\w.]*\)') { "$($command.Name): $($e.Title): $($Matches[0])" }
            }
        }
        $found | Should -BeNullOrEmpty
    }

    It 'Get-GhContext''s examples 1 and 2 run against the emulator and only read' {
        $token = Connect-TestRepo -NoDefaults
        $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 3 -Environment staging -States success
        Disconnect-GhAccount
        Clear-GhEmulatorRequest
        $examples = @(Get-Example Get-GhContext)
        try {
            $env:GH_TOKEN = $token
            $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
            $env:GITHUB_REPOSITORY = 'octo-org/hello-world'
            $first = & ([scriptblock]::Create($examples[0].Code)) | Out-String
            $second = & ([scriptblock]::Create($examples[1].Code))
        }
        finally { $env:GH_TOKEN = $null; $env:GITHUB_API_URL = $null; $env:GITHUB_REPOSITORY = $null }
        $first | Should -Match 'TokenSource\s+: GH_TOKEN'
        $second.Count | Should -Be 2
        $second[0] | Should -Match '^staging: 3 deployments; \d+ of \d+ requests left until '
        $second[1] | Should -Match '^production: 0 deployments; '
        @(Get-GhEmulatorRequest | Where-Object { $_.method -ne 'GET' -and $_.path -notlike '*graphql' }) | Should -BeNullOrEmpty
        @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments | ForEach-Object { $_.statuses[0].state }) | Should -Be @('success', 'success', 'success')
    }

    It 'the Azure Pipelines examples read the ids the pipeline hands over from the environment (<Command>)' -TestCases @(
        @{ Command = 'Get-GhDeployment'; Title = 'Get a deployment by the ID an earlier Azure Pipelines stage handed over' }
        @{ Command = 'New-GhDeploymentStatus'; Title = 'Set a status on a deployment by id, from Azure Pipelines' }
    ) {
        $null = Connect-TestRepo
        Add-GhEmulatorRepo -Owner contoso -Name web-api
        $token = New-GhTestToken
        Add-GhEmulatorToken -Token $token -Repos 'contoso/web-api', 'octo-org/hello-world'
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $token -AsPlainText -Force) -Owner octo-org -Repository hello-world -Policy $script:Fast
        $ids = @(Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 1 -Environment production) + @(Add-GhEmulatorDeployment -Owner contoso -Repo web-api -Count 1 -Environment production)
        $example = @(Get-Example $Command | Where-Object Title -EQ $Title)
        $example.Count | Should -Be 1
        $example[0].Code | Should -Match 'stageDependencies\.'
        try {
            $env:DEPLOYMENTID = if ($Command -eq 'Get-GhDeployment') { $ids[0] } else { $ids[1] }
            $output = & ([scriptblock]::Create($example[0].Code)) | Out-String
        }
        finally { $env:DEPLOYMENTID = $null }
        if ($Command -eq 'Get-GhDeployment') { $output | Should -Match "(?m)^Id\s+: $($ids[0])$" }
        else { (Get-GhDeploymentStatus -Owner contoso -Repository web-api -Id $ids[1] -Latest).State | Should -Be 'success' }
    }

    It 'about_DeploymentStatus lists every ErrorId the module writes' {
        $about = Get-Content -Raw (Join-Path (Split-Path (Get-DsModulePath)) 'en-US/about_DeploymentStatus.help.txt')
        $ids = [DeploymentStatus.GhDeployment].Assembly.GetType('DeploymentStatus.Commands.ErrorIds').GetFields('Static, NonPublic, Public') | ForEach-Object { $_.GetValue($null) }
        $ids.Count | Should -BeGreaterThan 20
        foreach ($id in $ids) { $about | Should -Match "\b$id\b" -Because "$id should be listed" }
    }

    It 'the MIT licence the manifest names is there, and ships with the module' {
        $license = Join-Path (Get-DsRepoRoot) 'LICENSE'
        (Get-Content -LiteralPath $license -TotalCount 1) | Should -Be 'MIT License'
        Get-Content -Raw $license | Should -BeLike '*Permission is hereby granted, free of charge*'
        (Import-PowerShellDataFile (Get-DsModulePath)).Copyright | Should -BeLike '*MIT License*'
        Test-Path -LiteralPath (Join-Path (Split-Path (Get-DsModulePath)) 'LICENSE') | Should -BeTrue
    }
}
