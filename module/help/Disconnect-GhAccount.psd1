@{
    Synopsis    = 'Forgets the GitHub connection of this PowerShell session and its token.'

    Description = @'
Disconnect-GhAccount drops the authenticated client that Connect-GhAccount (or the first DeploymentStatus cmdlet, implicitly) created for the current runspace, together with the token it holds. It makes no request to GitHub and does not revoke the token.

After it, the next DeploymentStatus cmdlet connects again from the environment (GH_TOKEN, GITHUB_TOKEN, GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN), or fails with a GhNotConnected error when there is no token to find. Disconnecting when not connected is not an error.
'@

    Parameters  = @{}

    Examples    = @(
        @{
            Title   = 'End a script''s use of GitHub'
            Code    = @'
Connect-GhAccount -Token $token -Owner octo-org -Repository hello-world
try {
    Get-GhDeployment -Environment staging -First 5
}
finally {
    Disconnect-GhAccount
}
'@
            Remarks = 'The token is no longer held by the session once the script is done, whatever happened in it.'
        }
        @{
            Title   = 'Switch from github.com to GitHub Enterprise Server'
            Code    = @'
Disconnect-GhAccount
Connect-GhAccount -HostName github.contoso.com -Validate
Get-GhContext
'@
            Remarks = 'Connect-GhAccount replaces a connection on its own; disconnecting first makes sure no later cmdlet silently uses the old one if the new connection fails.'
        }
    )

    Notes       = 'The token is not revoked: a personal access token stays valid, and a GitHub App installation token expires after an hour as usual.'

    Outputs     = @( @{ Type = 'None'; Description = 'This cmdlet returns no output.' } )

    Links       = @('Connect-GhAccount', 'Get-GhContext', 'about_DeploymentStatus')
}
