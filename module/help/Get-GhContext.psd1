@{
    Synopsis    = 'Shows the GitHub connection of this PowerShell session: host, API root, kind and source of the token, default repository and the last rate limit seen. Never the token.'

    Description = @'
Get-GhContext returns the connection that the DeploymentStatus cmdlets use in the current runspace as a DeploymentStatus.GhContext object: HostName, ApiUri, AuthKind (Token, or GitHubApp for a GitHub App installation), TokenSource (the parameter, the credential or the environment variable the token came from; GitHubApp when the module mints it), the default Owner and Repository, the HTTP Policy, and RateLimit, the rate limit GitHub reported on the last response (limit, remaining, reset time).

For a GitHub App connection it also shows AppId, InstallationId, PrivateKeyPath (where the key was read from, never the key) and TokenExpiresAt, when the current installation token expires (empty until the first request mints one; the module mints the next one when less than five minutes are left).

Ci shows what the module found out about the CI run (a DeploymentStatus.GhCiContext): Kind (AzurePipelines, GitHubActions or None), ClassicRelease, the run's Repository, and the defaults the cmdlets take when you give nothing, each with the variable it came from: Ref (GITHUB_SHA, BUILD_SOURCEVERSION), Environment (ENVIRONMENT_NAME, RELEASE_ENVIRONMENTNAME), LogUrl (the job's log), JobStatus (AGENT_JOBSTATUS) and DeploymentId with DeploymentRepository (the deployment an earlier step of the job handed on, Complete-GhDeployment's default). A value no variable supports is empty: no default applies.

It makes no request to GitHub and never shows the token. When there is no connection yet it returns nothing and warns, saying what the first cmdlet would connect with (the API root and the environment variable its token would come from), or that no token is set.
'@

    Parameters  = @{}

    Examples    = @(
        @{
            Title   = 'Check which host and token a pipeline step uses'
            Code    = @'
Connect-GhAccount
Get-GhContext | Format-List HostName, ApiUri, AuthKind, TokenSource, Owner, Repository
'@
            Remarks = 'In GitHub Actions this typically shows api.github.com, the token from GITHUB_TOKEN and the repository from GITHUB_REPOSITORY, which helps when a step talks to the wrong place.'
        }
        @{
            Title   = 'Watch the rate limit in a long script'
            Code    = @'
foreach ($environment in 'staging', 'production') {
    $deployments = @(Get-GhDeployment -Environment $environment)
    $limit = (Get-GhContext).RateLimit
    '{0}: {1} deployments; {2} of {3} requests left until {4:u}' -f $environment, $deployments.Count, $limit.Remaining, $limit.Limit, $limit.Reset
}
'@
            Remarks = 'It only reads. RateLimit is taken from the x-ratelimit-* headers of the last response, so reading it costs no request; a script can slow down or stop before the limit is used up.'
        }
        @{
            Title   = 'See when a GitHub App''s installation token expires'
            Code    = @'
Connect-GhAccount -AppId 123456 -PrivateKeyPath ./app.pem -InstallationId 7654321 -Validate
Get-GhContext | Format-List AuthKind, AppId, InstallationId, TokenExpiresAt
'@
            Remarks = '-Validate mints the first installation token right away, so TokenExpiresAt shows its expiry (an hour later on github.com). The token itself is never shown.'
        }
        @{
            Title   = 'See which defaults a CI step takes from the runner'
            Code    = @'
Connect-GhAccount
(Get-GhContext).Ci | Format-List
'@
            Remarks = 'In an Azure Pipelines deployment job this shows Kind AzurePipelines, the commit from BUILD_SOURCEVERSION, the environment from ENVIRONMENT_NAME and the job''s log URL: what New-GhDeployment, Invoke-GhDeployment and Complete-GhDeployment use when those parameters are left out.'
        }
    )

    Notes       = 'The object has no property that holds the token, the JSON Web Token or the private key, so it is safe to write to logs.'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhContext'; Description = 'The connection of this runspace: HostName, ApiUri, AuthKind, TokenSource, AppId, InstallationId, PrivateKeyPath, TokenExpiresAt, Owner, Repository, RateLimit, Policy and Ci. Nothing (and a warning) when not connected.' } )

    Links       = @('Connect-GhAccount', 'Disconnect-GhAccount', 'about_DeploymentStatus')
}
