@{
    Synopsis    = 'Connects this PowerShell session to GitHub or GitHub Enterprise Server for the DeploymentStatus cmdlets.'

    Description = @'
Connect-GhAccount builds the one authenticated GitHub client that every DeploymentStatus cmdlet in this runspace shares. It makes no request unless you add -Validate, which calls GET /user to prove that the token works and to record who you are.

The token comes from -Token, -Credential (the password is the token; the user name is ignored) or a GitHub App (-AppId, -PrivateKeyPath and -InstallationId, which mint an installation token). With none of them, the token comes from the environment: GH_TOKEN, then GITHUB_TOKEN for github.com and *.ghe.com; GH_ENTERPRISE_TOKEN, then GITHUB_ENTERPRISE_TOKEN for GitHub Enterprise Server hosts. No secret parameter is a plain string, and the token is never written to any output, error, log or transcript.

The API root is, first found wins: -ApiUri (used as given), -HostName, the GITHUB_API_URL environment variable (set by GitHub Actions), GH_HOST, else github.com. A host name maps the way the gh CLI maps it: github.com to https://api.github.com/, NAME.ghe.com to https://api.NAME.ghe.com/, and any other host to https://HOST/api/v3/.

-Owner and -Repository set the default repository for the other cmdlets. Without them, the cmdlets use GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME when BUILD_REPOSITORY_PROVIDER is GitHub or GitHubEnterprise (Azure Pipelines).

You do not have to call Connect-GhAccount: a cmdlet called without it connects implicitly from the environment. Call it to choose the token, host or default repository yourself, or to fail early with -Validate. Calling it again replaces the connection; Disconnect-GhAccount forgets it.
'@

    Parameters  = @{
        Token          = 'The token (a personal access token, an installation token or the GITHUB_TOKEN of a workflow) as a SecureString. To pass a token held in a variable, use ConvertTo-SecureString -AsPlainText -Force. When no token parameter is given, the token comes from GH_TOKEN or GITHUB_TOKEN (github.com, *.ghe.com) or GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN (GitHub Enterprise Server).'
        Credential     = 'A credential whose password is the token. The user name is ignored. Useful with Get-Credential, or with a secret store that hands out PSCredential objects.'
        AppId          = 'The ID (or client ID) of a GitHub App. With -PrivateKeyPath and -InstallationId the cmdlet signs a JSON Web Token with the app''s private key and exchanges it for an installation token. Under Azure Pipelines and GitHub Actions the minted token is masked in the log first.'
        PrivateKeyPath = 'The path of the GitHub App''s private key, a PEM file as GitHub generates it. Used with -AppId and -InstallationId.'
        InstallationId = 'The ID of the GitHub App''s installation on the account or organization that owns the repository. Used with -AppId and -PrivateKeyPath.'
        ApiUri         = 'The root of the REST API, used as given, for example https://api.github.com/ or https://github.example.com/api/v3/. Takes precedence over -HostName and the GITHUB_API_URL and GH_HOST environment variables.'
        HostName       = 'The GitHub host name, for example github.com, octo.ghe.com or github.example.com. It maps to the API root the way the gh CLI maps it: github.com to https://api.github.com/, NAME.ghe.com to https://api.NAME.ghe.com/, any other host to https://HOST/api/v3/.'
        Owner          = 'The default repository owner (user or organization) for the cmdlets that follow. Cmdlets still accept -Owner, which wins over this default.'
        Repository     = 'The default repository name for the cmdlets that follow. Cmdlets still accept -Repository, which wins over this default.'
        TimeoutSec     = 'How long, in seconds, one request to GitHub may take before it fails with a GhTimeout error. Retries of a failed request each get this time.'
        Policy         = 'The HTTP policy of the connection, as a DeploymentStatus.GhHttpPolicy object or a hashtable of its properties: TimeoutSeconds (30), MaxRetries (4), RetryBaseDelaySeconds (1), MaxRetryDelaySeconds (60), SecondaryLimitWaitSeconds (60), MaxRateLimitWaitSeconds (300), WriteIntervalSeconds (1) and MaxParallelReads (8). The defaults follow GitHub''s guidance for integrators: retries with backoff for server errors, network failures and secondary rate limits, a wait for a primary rate limit that resets soon, and at least a second between writes. -TimeoutSec, when given, overrides TimeoutSeconds.'
        Validate       = 'Calls GET /user right away to check the token and the API root, so that a bad token or host fails here, with a terminating error, rather than at the first deployment call.'
        PassThru       = 'Returns the new connection, as Get-GhContext shows it. By default, Connect-GhAccount returns nothing.'
    }

    Examples    = @(
        @{
            Title   = 'Connect in a GitHub Actions workflow'
            Code    = @'
# env:  GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}
Connect-GhAccount -Validate
New-GhDeployment -Ref $env:GITHUB_SHA -Environment staging
'@
            Remarks = 'With no parameters the token comes from GITHUB_TOKEN, the API root from GITHUB_API_URL and the repository from GITHUB_REPOSITORY, all of which the workflow sets. -Validate checks the token before any deployment is made.'
        }
        @{
            Title   = 'Connect to GitHub Enterprise Server from Azure Pipelines'
            Code    = @'
$token = ConvertTo-SecureString -String $env:GHES_TOKEN -AsPlainText -Force
Connect-GhAccount -HostName github.contoso.com -Token $token -Owner platform -Repository web-api
'@
            Remarks = 'The host github.contoso.com maps to the API root https://github.contoso.com/api/v3/. The secret pipeline variable is mapped to the GHES_TOKEN environment variable of the step. Owner and repository become the defaults for the cmdlets that follow.'
        }
        @{
            Title   = 'Connect as a GitHub App installation'
            Code    = @'
Connect-GhAccount -AppId 123456 -PrivateKeyPath ./deploy-bot.private-key.pem -InstallationId 7654321 -Owner octo-org -Repository hello-world -PassThru
'@
            Remarks = 'Mints an installation token for the app. In a pipeline the token is masked in the log before any other output. -PassThru shows the resulting connection.'
        }
        @{
            Title   = 'Use a credential and an explicit API root'
            Code    = @'
$cred = Get-Credential -UserName token -Message 'Paste a GitHub token as the password'
Connect-GhAccount -Credential $cred -ApiUri https://api.github.com/ -TimeoutSec 30
'@
            Remarks = 'The password of the credential is the token; the user name does not matter.'
        }
    )

    Notes       = @'
The connection lives in the current runspace. Jobs, ForEach-Object -Parallel runspaces and new sessions connect on their own, from the environment or with their own Connect-GhAccount.

The token is never shown: Get-GhContext reports where it came from, not what it is.
'@

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhContext'; Description = 'Nothing by default. With -PassThru, the new connection (never the token).' } )

    Links       = @('Disconnect-GhAccount', 'Get-GhContext', 'about_DeploymentStatus')
}
