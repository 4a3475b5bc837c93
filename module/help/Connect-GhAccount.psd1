@{
    Synopsis    = 'Connects this PowerShell session to GitHub or GitHub Enterprise Server for the DeploymentStatus cmdlets.'

    Description = @'
Connect-GhAccount builds the one authenticated GitHub client that every DeploymentStatus cmdlet in this runspace shares. It makes no request unless you add -Validate, which calls GET /user to prove that the token works and to record who you are.

The token comes from -Token, -Credential (the password is the token; the user name is ignored) or a GitHub App (-AppId, -PrivateKeyPath and -InstallationId, which mint an installation token). With none of them, the token comes from the environment: GH_TOKEN, then GITHUB_TOKEN for github.com and *.ghe.com; GH_ENTERPRISE_TOKEN, then GITHUB_ENTERPRISE_TOKEN for GitHub Enterprise Server hosts. No secret parameter is a plain string, and the token is never written to any output, error, log or transcript.

The API root is, first found wins: -ApiUri (used as given), -HostName, the GITHUB_API_URL environment variable (set by GitHub Actions), GH_HOST, else github.com. A host name maps the way the gh CLI maps it: github.com to https://api.github.com/, NAME.ghe.com to https://api.NAME.ghe.com/, and any other host to https://HOST/api/v3/.

As a GitHub App (-AppId, -PrivateKeyPath, -InstallationId), the cmdlet reads the app's private key file at once: the PEM file GitHub generates (-----BEGIN RSA PRIVATE KEY-----, PKCS#1) or the same key as PKCS#8 (-----BEGIN PRIVATE KEY-----). A missing, unreadable, encrypted or malformed file stops the command with a GhNotConnected error that names the file and never quotes it. The key stays in memory as a platform RSA key for the life of the connection, never as a string, so the file may be deleted afterwards. The first request (or -Validate) signs a JSON Web Token with the key (RS256, issued 60 seconds in the past and valid for 9 minutes, to allow for clock drift within GitHub's 10-minute limit) and exchanges it with POST /app/installations/{installation_id}/access_tokens for an installation token, which every request then uses. GitHub's installation tokens live one hour; when less than five minutes are left, the next request mints a new one, so long jobs never run out. Under Azure Pipelines (TF_BUILD) and GitHub Actions (GITHUB_ACTIONS) each minted token is first masked in the log: the masking command is written to the process's standard output, the only place the token is ever printed. Get-GhContext shows the app, the installation and when the token expires, never the token.

-Owner and -Repository set the default repository for the other cmdlets. Without them, the cmdlets use GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME when BUILD_REPOSITORY_PROVIDER is GitHub or GitHubEnterprise (Azure Pipelines).

You do not have to call Connect-GhAccount: a cmdlet called without it connects implicitly from the environment. Call it to choose the token, host or default repository yourself, or to fail early with -Validate. Calling it again replaces the connection; Disconnect-GhAccount forgets it.
'@

    Parameters  = @{
        Token          = 'The token (a personal access token, an installation token or the GITHUB_TOKEN of a workflow) as a SecureString. To pass a token held in a variable, use ConvertTo-SecureString -AsPlainText -Force. When no token parameter is given, the token comes from GH_TOKEN or GITHUB_TOKEN (github.com, *.ghe.com) or GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN (GitHub Enterprise Server; for a loopback API root such as the emulator, then GH_TOKEN or GITHUB_TOKEN). A plain string is refused with the ways to make a SecureString, and never repeated. Without -Validate, a token GitHub refuses ends the first command that uses it, and the script.'
        Credential     = 'A credential whose password is the token. The user name is ignored. Useful with Get-Credential, or with a secret store that hands out PSCredential objects.'
        AppId          = 'The ID of a GitHub App (the number on the app''s settings page) or its client ID (Iv1.… or Iv23…). With -PrivateKeyPath and -InstallationId the cmdlet signs a JSON Web Token with the app''s private key and exchanges it for an installation token, and mints a new one before it expires. Under Azure Pipelines and GitHub Actions each minted token is masked in the log first.'
        PrivateKeyPath = 'The path of the GitHub App''s private key: the .pem file GitHub generates (PKCS#1, -----BEGIN RSA PRIVATE KEY-----) or the same key as PKCS#8 (-----BEGIN PRIVATE KEY-----), unencrypted. A relative path is resolved against the current location. The file is read once, when the command runs. Used with -AppId and -InstallationId.'
        InstallationId = 'The ID of the GitHub App''s installation on the account or organization that owns the repository (the number at the end of the installation''s settings URL, or the id from GET /app/installations). Used with -AppId and -PrivateKeyPath.'
        ApiUri         = 'The root of the REST API, used as given, for example https://api.github.com/ or https://github.example.com/api/v3/. Takes precedence over -HostName and the GITHUB_API_URL and GH_HOST environment variables.'
        HostName       = 'The GitHub host name, for example github.com, octo.ghe.com or github.example.com. It maps to the API root the way the gh CLI maps it: github.com to https://api.github.com/, NAME.ghe.com to https://api.NAME.ghe.com/, any other host to https://HOST/api/v3/.'
        Owner          = 'The default repository owner (user or organization) for the cmdlets that follow. Cmdlets still accept -Owner, which wins over this default.'
        Repository     = 'The default repository name (without the owner) for the cmdlets that follow. Cmdlets still accept -Repository, which wins over this default. OWNER/NAME is refused with the -Owner and -Repository to give instead.'
        TimeoutSec     = 'How long, in seconds, one request to GitHub may take before it fails with a GhTimeout error. Retries of a failed request each get this time.'
        Policy         = 'The HTTP policy of the connection, as a DeploymentStatus.GhHttpPolicy object or a hashtable of its properties: TimeoutSeconds (30), MaxRetries (4), RetryBaseDelaySeconds (1), MaxRetryDelaySeconds (60), SecondaryLimitWaitSeconds (60), MaxRateLimitWaitSeconds (300), WriteIntervalSeconds (1) and MaxParallelReads (8). The defaults follow GitHub''s guidance for integrators: retries with backoff for server errors, network failures and secondary rate limits, a wait for a primary rate limit that resets soon, and at least a second between writes. -TimeoutSec, when given, overrides TimeoutSeconds.'
        Validate       = 'Checks the connection right away, so that a bad token, app or host fails here, with a terminating error, rather than at the first deployment call. With a token it calls GET /user; as a GitHub App it mints the first installation token (an installation token may not call GET /user), so a wrong app ID, key or installation ID fails with GhAuthenticationFailed or GhNotFound.'
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
            Remarks = 'Reads the key file now; the first request mints an installation token for the app, and a new one is minted whenever less than five minutes of the current one are left. In a pipeline each token is masked in the log before any other output. -PassThru shows the resulting connection.'
        }
        @{
            Title   = 'Connect as a GitHub App in a GitHub Actions workflow, with the key in a secret'
            Code    = @'
# env:  APP_PRIVATE_KEY: ${{ secrets.DEPLOY_APP_PRIVATE_KEY }}
$keyFile = Join-Path $env:RUNNER_TEMP 'app.pem'
Set-Content -LiteralPath $keyFile -Value $env:APP_PRIVATE_KEY -NoNewline
try { Connect-GhAccount -AppId $env:DEPLOY_APP_ID -PrivateKeyPath $keyFile -InstallationId $env:DEPLOY_APP_INSTALLATION -Validate }
finally { Remove-Item -LiteralPath $keyFile }
Invoke-GhDeployment -Ref $env:GITHUB_SHA -Environment production { ./deploy.ps1 }
'@
            Remarks = 'The key is read when Connect-GhAccount runs, so the file can be removed right away. -Validate mints the first token at once, and the runner is told to mask it before anything else can print it.'
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

The token is never shown: Get-GhContext reports where it came from, not what it is. For a GitHub App, the JSON Web Token exists only for the one request that exchanges it, and the installation token is kept as a SecureString, like a token given with -Token.

A GitHub App needs the Deployments: write permission (and Metadata: read) and an installation on the repository's owner. GitHub refuses a JSON Web Token when the local clock is more than a minute ahead of GitHub's or nine minutes behind it (GhAuthenticationFailed with "'Issued at' claim ('iat') ..." or "'Expiration time' claim ('exp') ..."); set the clock right.
'@

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhContext'; Description = 'Nothing by default. With -PassThru, the new connection (never the token).' } )

    Links       = @('Disconnect-GhAccount', 'Get-GhContext', 'about_DeploymentStatus')
}
