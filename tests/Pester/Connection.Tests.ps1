# Connect-GhAccount, Disconnect-GhAccount, Get-GhContext and the implicit connection from the environment.

BeforeAll {
    . "$PSScriptRoot/Setup.ps1"
    $script:token = Initialize-GhEmulatorRepo
    $null = Add-GhEmulatorDeployment -Owner octo-org -Repo hello-world -Count 2
}


Describe 'Connect-GhAccount' {
    AfterEach {
        Disconnect-GhAccount
        foreach ($name in 'GH_TOKEN', 'GITHUB_TOKEN', 'GH_ENTERPRISE_TOKEN', 'GITHUB_ENTERPRISE_TOKEN', 'GITHUB_API_URL', 'GH_HOST', 'GITHUB_REPOSITORY', 'GITHUB_ACTIONS') {
            Remove-Item "env:$name" -ErrorAction SilentlyContinue
        }
    }

    It 'connects lazily: no request until a cmdlet needs one' {
        Clear-GhEmulatorRequest
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force)
        @(Get-GhEmulatorRequest).Count | Should -Be 0
    }

    It 'checks the token with GET /user under -Validate' {
        Clear-GhEmulatorRequest
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Validate
        (Get-GhEmulatorRequest)[0].path | Should -Be '/user'
        { Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString 'wrong' -AsPlainText -Force) -Validate } |
            Should -Throw -ErrorId 'GhAuthenticationFailed,DeploymentStatus.Commands.ConnectGhAccountCommand'
    }

    It 'takes the token as the password of -Credential' {
        $credential = [pscredential]::new('ignored', (ConvertTo-SecureString $script:token -AsPlainText -Force))
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Credential $credential -Owner octo-org -Repository hello-world
        @(Get-GhDeployment).Count | Should -Be 2
        (Get-GhContext).TokenSource | Should -Be 'Credential'
    }

    It 'uses the connection''s default repository' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Owner octo-org -Repository hello-world
        @(Get-GhDeployment).Count | Should -Be 2
    }

    It 'shows the context without the token, with the last rate limit' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force) -Owner octo-org -Repository hello-world -PassThru |
            Should -BeOfType ([DeploymentStatus.GhContext])
        $null = Get-GhDeployment
        $context = Get-GhContext
        $context.ApiUri | Should -Be $script:emu.ApiUri
        $context.HostName | Should -Be '127.0.0.1'
        $context.TokenSource | Should -Be 'Parameter'
        $context.RateLimit.Limit | Should -BeGreaterThan 0
        ($context | Format-List * | Out-String) | Should -Not -BeLike "*$($script:token)*"
        ($context | ConvertTo-Json -Depth 5) | Should -Not -BeLike "*$($script:token)*"
    }

    It 'forgets the connection on Disconnect-GhAccount' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force)
        Disconnect-GhAccount
        Get-GhContext | Should -BeNullOrEmpty
        { Get-GhDeployment -Owner octo-org -Repository hello-world } |
            Should -Throw -ErrorId 'GhNotConnected,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'connects implicitly from GITHUB_API_URL and GH_ENTERPRISE_TOKEN, and takes the repository from GITHUB_REPOSITORY' {
        $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
        $env:GH_ENTERPRISE_TOKEN = $script:token
        $env:GITHUB_REPOSITORY = 'octo-org/hello-world'
        @(Get-GhDeployment).Count | Should -Be 2
        (Get-GhContext).TokenSource | Should -Be 'GH_ENTERPRISE_TOKEN'
    }

    It 'takes the job''s GITHUB_TOKEN in a GitHub Actions job on an Enterprise Server (GITHUB_API_URL)' {
        $env:GITHUB_ACTIONS = 'true'
        $env:GITHUB_API_URL = $script:emu.ApiUri.AbsoluteUri
        $env:GITHUB_TOKEN = $script:token
        $env:GITHUB_REPOSITORY = 'octo-org/hello-world'
        @(Get-GhDeployment).Count | Should -Be 2
        (Get-GhContext).TokenSource | Should -Be 'GITHUB_TOKEN'
    }

    It 'says which variables to set when there is no token' {
        $env:GH_HOST = 'github.example.com'
        { Get-GhDeployment -Owner octo-org -Repository hello-world } |
            Should -Throw -ExpectedMessage '*GH_ENTERPRISE_TOKEN*' -ErrorId 'GhNotConnected,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'says how to name the repository when none is known' {
        Connect-GhAccount -ApiUri $script:emu.ApiUri -Token (ConvertTo-SecureString $script:token -AsPlainText -Force)
        { Get-GhDeployment } | Should -Throw -ExpectedMessage '*GITHUB_REPOSITORY*' -ErrorId 'GhRepositoryNotSpecified,DeploymentStatus.Commands.GetGhDeploymentCommand'
    }

    It 'refuses an http:// API URI that is not loopback' {
        { Connect-GhAccount -ApiUri 'http://github.example.com/api/v3/' -Token (ConvertTo-SecureString 't' -AsPlainText -Force) } |
            Should -Throw -ErrorId 'GhInvalidHost,DeploymentStatus.Commands.ConnectGhAccountCommand'
    }

    It 'has no plain-string secret parameter' {
        foreach ($parameter in (Get-Command Connect-GhAccount).Parameters.Values) {
            if ($parameter.Name -in 'Token', 'Credential') {
                $parameter.ParameterType | Should -BeIn @([securestring], [pscredential])
            }
        }
    }
}
