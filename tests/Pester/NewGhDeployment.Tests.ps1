# New-GhDeployment through the built module against the emulator: every parameter on the wire, only the given
# fields sent, the payload kept as nested JSON, 202 (auto-merge) as a warning, 409 (merge conflict or failed
# status checks) as GhConflict.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"

    # Refs: 'behind' (GitHub merges main into it: 202), 'conflicted' (merging conflicts: 409),
    # 'red' (ci/build failed, ci/lint passed: 409 unless the checks are narrowed or skipped).
    $script:refs = @(
        @{ ref = 'behind'; behind = $true }
        @{ ref = 'conflicted'; behind = $true; mergeConflict = $true }
        @{ ref = 'red'; contexts = @{ 'ci/build' = 'failure'; 'ci/lint' = 'success' } }
    )
    $null = Connect-TestRepo -Refs $script:refs

    function script:Get-CreateRequest {
        # The POST /deployments requests recorded since the last Clear-GhEmulatorRequest.
        @(Get-GhEmulatorRequest -Method POST -PathLike '*/repos/octo-org/hello-world/deployments')
    }

    function script:Get-SentBody {
        # The JSON body of the one create request, as an ordered hashtable.
        $sent = Get-CreateRequest
        $sent.Count | Should -Be 1 -Because 'one New-GhDeployment call sends exactly one POST'
        $sent[0].body | ConvertFrom-Json -AsHashtable
    }
}


Describe 'New-GhDeployment' {
    BeforeEach { Clear-GhEmulatorRequest }

    Context 'what it sends' {
        It 'sends every parameter under GitHub''s field name and returns the created deployment' {
            $d = New-GhDeployment -Ref red -Environment staging -Task deploy:migrate -Description 'Release 1.2' `
                -Payload @{ build = 7 } -TransientEnvironment -ProductionEnvironment $false -RequiredContext ci/lint -AutoMerge $false

            $body = Get-SentBody
            @($body.Keys | Sort-Object) | Should -Be @('auto_merge', 'description', 'environment', 'payload', 'production_environment',
                'ref', 'required_contexts', 'task', 'transient_environment')
            $body.ref | Should -Be 'red'
            $body.environment | Should -Be 'staging'
            $body.task | Should -Be 'deploy:migrate'
            $body.description | Should -Be 'Release 1.2'
            $body.payload.build | Should -Be 7
            $body.transient_environment | Should -BeTrue
            $body.production_environment | Should -BeFalse
            $body.auto_merge | Should -BeFalse
            $body.required_contexts | Should -Be @('ci/lint')

            $d | Should -BeOfType ([DeploymentStatus.GhDeployment])
            $d.Id | Should -BeOfType ([long])
            $d.Id | Should -BeGreaterThan ([int]::MaxValue)
            $d.Owner | Should -Be 'octo-org'
            $d.Repository | Should -Be 'hello-world'
            $d.Ref | Should -Be 'red'
            $d.Environment | Should -Be 'staging'
            $d.Task | Should -Be 'deploy:migrate'
            $d.Description | Should -Be 'Release 1.2'
            $d.TransientEnvironment | Should -BeTrue
            $d.ProductionEnvironment | Should -BeFalse
            $d.Payload['build'] | Should -Be 7
            $d.Creator | Should -Be 'octocat'
        }

        It 'sends only -Ref when nothing else is given, so GitHub applies its own defaults' {
            $d = New-GhDeployment -Ref main
            $body = Get-SentBody
            @($body.Keys) | Should -Be @('ref')
            $body.ref | Should -Be 'main'
            $d.Environment | Should -Be 'production'
            $d.Task | Should -Be 'deploy'
            $d.ProductionEnvironment | Should -BeTrue
            $d.TransientEnvironment | Should -BeFalse
        }

        It 'sends -ProductionEnvironment $false for an environment named production' {
            $d = New-GhDeployment -Ref main -Environment production -ProductionEnvironment $false
            (Get-SentBody).production_environment | Should -BeFalse
            $d.ProductionEnvironment | Should -BeFalse
        }

        It 'sends JSON with the content type application/json' {
            $null = New-GhDeployment -Ref main
            (Get-CreateRequest)[0].headers.'Content-Type' | Should -BeLike 'application/json*'
        }

        It 'binds -Ref, -Owner and -Repository from the pipeline by property name' {
            $d = [pscustomobject]@{ Owner = 'octo-org'; Repository = 'hello-world'; Ref = 'main' } | New-GhDeployment -Environment qa
            $d.Ref | Should -Be 'main'
            (Get-SentBody).environment | Should -Be 'qa'
        }

        It 'sends nothing with -WhatIf' {
            $d = New-GhDeployment -Ref main -WhatIf
            $d | Should -BeNullOrEmpty
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }
    }

    Context '-Payload' {
        It 'keeps nested hashtables, arrays, numbers, booleans and nulls as nested JSON' {
            $payload = [ordered]@{
                service = 'web'
                replicas = 3
                big = 5000000000
                ratio = 2.5
                canary = $true
                paused = $false
                note = $null
                regions = @('eu-west', 'us-east')
                limits = @{ cpu = @{ max = 2; min = 0.5 }; tags = @(1, 'two', $true, @{ deep = 'yes' }) }
                empty = @{}
                none = @()
            }
            $d = New-GhDeployment -Ref main -Payload $payload

            $sent = (Get-CreateRequest)[0].body
            $sent | Should -BeLike '*"big":5000000000*'
            $sent | Should -BeLike '*"ratio":2.5*'
            $body = $sent | ConvertFrom-Json -AsHashtable
            $p = $body.payload
            $p.service | Should -Be 'web'
            $p.replicas | Should -Be 3
            $p.big | Should -Be 5000000000
            $p.big | Should -BeOfType ([long])
            $p.ratio | Should -Be 2.5
            $p.canary | Should -BeTrue
            $p.canary | Should -BeOfType ([bool])
            $p.paused | Should -BeFalse
            $p.paused | Should -BeOfType ([bool])
            $p.ContainsKey('note') | Should -BeTrue
            $p.note | Should -BeNullOrEmpty
            $p.regions | Should -Be @('eu-west', 'us-east')
            $p.limits.cpu.max | Should -Be 2
            $p.limits.cpu.min | Should -Be 0.5
            $p.limits.tags.Count | Should -Be 4
            $p.limits.tags[0] | Should -Be 1
            $p.limits.tags[1] | Should -Be 'two'
            $p.limits.tags[2] | Should -BeTrue
            $p.limits.tags[3].deep | Should -Be 'yes'
            $p.empty | Should -BeOfType ([System.Collections.IDictionary])
            $p.empty.Count | Should -Be 0
            $sent | Should -BeLike '*"none":`[`]*'
            $p.none.Count | Should -Be 0

            # GitHub keeps it as sent: the deployment read back carries the same nesting.
            $d.Payload['limits']['cpu']['max'] | Should -Be 2
            $d.Payload['limits']['tags'][3]['deep'] | Should -Be 'yes'
            $d.Payload['regions'] | Should -Be @('eu-west', 'us-east')
        }

        It 'sends a PSCustomObject (nested, and in arrays) as a JSON object' {
            $payload = [pscustomobject]@{
                app = [pscustomobject]@{ name = 'api'; version = [pscustomobject]@{ major = 1; minor = 4 } }
                steps = @([pscustomobject]@{ run = 'migrate' }, [pscustomobject]@{ run = 'warm-up'; seconds = 30 })
            }
            $null = New-GhDeployment -Ref main -Payload $payload
            $p = (Get-SentBody).payload
            $p.app.name | Should -Be 'api'
            $p.app.version.major | Should -Be 1
            $p.app.version.minor | Should -Be 4
            $p.steps.Count | Should -Be 2
            $p.steps[0].run | Should -Be 'migrate'
            $p.steps[1].seconds | Should -Be 30
        }

        It 'sends what ConvertFrom-Json made as the same JSON' {
            $json = '{"a":{"b":[1,2,{"c":"d"}]},"e":true}'
            $null = New-GhDeployment -Ref main -Payload ($json | ConvertFrom-Json)
            (Get-SentBody).payload | ConvertTo-Json -Depth 10 -Compress | Should -Be $json
        }

        It 'sends a JSON string as a string, which GitHub keeps as the object it holds' {
            $d = New-GhDeployment -Ref main -Payload '{"flag":true}'
            (Get-SentBody).payload | Should -Be '{"flag":true}'
            $d.Payload['flag'] | Should -BeTrue
        }

        It 'refuses a payload that is not an object or a string, before any request' {
            $d = New-GhDeployment -Ref main -Payload @(1, 2) -ErrorAction SilentlyContinue -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhInvalidArgument,DeploymentStatus.Commands.NewGhDeploymentCommand'
            "$($err[0])" | Should -BeLike '*payload must be a hashtable*'
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }

        It 'refuses a value that has no JSON form inside the payload, before any request' {
            $null = New-GhDeployment -Ref main -Payload @{ file = (Get-Item $PSScriptRoot) } -ErrorAction SilentlyContinue -ErrorVariable err
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhInvalidArgument,DeploymentStatus.Commands.NewGhDeploymentCommand'
            "$($err[0])" | Should -BeLike '*DirectoryInfo*no JSON form*'
            @(Get-GhEmulatorRequest).Count | Should -Be 0
        }
    }

    Context 'status checks' {
        It '-SkipStatusCheck sends required_contexts: [] and deploys a ref whose checks failed' {
            $d = New-GhDeployment -Ref red -SkipStatusCheck
            $sent = (Get-CreateRequest)[0].body
            $sent | Should -BeLike '*"required_contexts":`[`]*'
            $body = $sent | ConvertFrom-Json -AsHashtable
            $body.ContainsKey('required_contexts') | Should -BeTrue
            $body.required_contexts.Count | Should -Be 0
            $d.Ref | Should -Be 'red'
        }

        It '-SkipStatusCheck cannot be combined with -RequiredContext' {
            { New-GhDeployment -Ref red -SkipStatusCheck -RequiredContext ci/lint } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
        }

        It 'a 409 for failed status checks is GhConflict that names the failing context, and no object' {
            $d = New-GhDeployment -Ref red -ErrorAction SilentlyContinue -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhConflict,DeploymentStatus.Commands.NewGhDeploymentCommand'
            $err[0].CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            $text = "$($err[0])"
            $text | Should -BeLike "Required status checks have not passed on 'red'*"
            $text | Should -BeLike "*'ci/build' is failure*"
            $text | Should -Not -BeLike "*'ci/lint' is*"
            $text | Should -BeLike '*-SkipStatusCheck*'
            $text | Should -Not -BeLike '*Merge conflict*'
            (Get-CreateRequest)[0].status | Should -Be 409
        }

        It 'a 409 for a merge conflict is GhConflict that says so' {
            $d = New-GhDeployment -Ref conflicted -ErrorAction SilentlyContinue -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err.Count | Should -Be 1
            $err[0].FullyQualifiedErrorId | Should -Be 'GhConflict,DeploymentStatus.Commands.NewGhDeploymentCommand'
            $text = "$($err[0])"
            $text | Should -BeLike "Merge conflict:*'conflicted'*"
            $text | Should -BeLike '*Conflict merging main into conflicted*'
            $text | Should -BeLike '*-AutoMerge $false*'
            $text | Should -Not -BeLike '*status check*'
        }

        It 'a 409 is not terminating: the next piped ref is still deployed' {
            $made = @([pscustomobject]@{ Ref = 'red' }, [pscustomobject]@{ Ref = 'main' } |
                New-GhDeployment -ErrorAction SilentlyContinue -ErrorVariable err)
            $made.Count | Should -Be 1
            $made[0].Ref | Should -Be 'main'
            $err.Count | Should -Be 1
            (Get-CreateRequest).Count | Should -Be 2
        }
    }

    Context '202 (GitHub merged instead of deploying)' {
        BeforeEach {
            $null = Connect-TestRepo -Refs $script:refs
        }

        It 'writes a warning and no object (never a deployment with id 0), and no error' {
            $d = New-GhDeployment -Ref behind -WarningVariable warn -WarningAction SilentlyContinue -ErrorVariable err
            $d | Should -BeNullOrEmpty
            $err.Count | Should -Be 0
            $warn.Count | Should -Be 1
            "$($warn[0])" | Should -BeLike 'No deployment was created: Auto-merged main into behind*'
            (Get-CreateRequest)[0].status | Should -Be 202
            @((Get-GhEmulatorState -Owner octo-org -Repo hello-world).deployments).Count | Should -Be 0
        }

        It 'deploys the merged ref when run again' {
            $null = New-GhDeployment -Ref behind -WarningAction SilentlyContinue
            $d = New-GhDeployment -Ref behind
            $d.Id | Should -BeGreaterThan 0
            $d.Ref | Should -Be 'behind'
        }

        It '-AutoMerge $false deploys the ref as it is, without a merge' {
            $d = New-GhDeployment -Ref behind -AutoMerge $false -WarningVariable warn
            $warn.Count | Should -Be 0
            $d.Ref | Should -Be 'behind'
            (Get-SentBody).auto_merge | Should -BeFalse
        }
    }
}
