@{
    Synopsis    = 'Lists the repositories of an organization, a user or a GitHub App installation.'

    Description = @'
Get-GhRepository lists an account's repositories, by name: an organization's (GET /orgs/{org}/repos) or, when GitHub knows no organization of that name, a user's (GET /users/{username}/repos). Connected as a GitHub App (Connect-GhAccount -AppId), it lists the repositories of the app's installation (GET /installation/repositories), those of -Owner only when you give it. Only repositories the token may see are listed. They stream a page of 100 at a time, so Select-Object -First stops reading early.

-Name picks repositories by name: a name without wildcards is one request (GET /repos/{owner}/{repo}); a name with wildcards filters the list.

Each repository binds to the -Owner and -Repository parameters of every other cmdlet, so a list of repositories pipes into a clean-up of all of them, under one write budget and with one summary: Get-GhRepository -Owner acme | Set-GhDeploymentInactive -Environment 'review/*' -Keep 0. An archived repository is read-only (GitHub refuses every write there): its Archived property says so, and clean-ups skip it with a note.
'@

    Parameters  = @{
        Owner = 'The organization or user whose repositories to list. Defaults to the connection''s owner, then to the owner in GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME; connected as a GitHub App, to every repository of the installation. Binds from the pipeline by property name.'
        Name  = 'Only the repositories with these names. Wildcards are supported (web-*); a name without wildcards is read directly.'
    }

    Examples    = @(
        @{
            Title   = 'List an organization''s repositories'
            Code    = 'Get-GhRepository -Owner octo-org'
            Remarks = 'Owner, name, whether private and archived, and the default branch.'
        }
        @{
            Title   = 'Retire the review environments of every repository of an organization'
            Code    = 'Get-GhRepository -Owner acme | Set-GhDeploymentInactive -Environment ''review/*'' -Keep 0'
            Remarks = 'Reads every repository''s deployments once, plans, then retires them under GitHub''s write budget, with one summary line per repository and a total. Archived repositories are skipped.'
        }
        @{
            Title   = 'Only some repositories'
            Code    = 'Get-GhRepository -Owner acme -Name web-* | Where-Object { -not $_.Archived }'
            Remarks = 'The repositories whose names start with web-, archived ones left out.'
        }
    )

    Notes       = 'A classic token lists private repositories only with the repo scope; a fine-grained token or a GitHub App sees only the repositories it was granted.'

    Links       = @('Set-GhDeploymentInactive', 'Remove-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/repos/repos#list-organization-repositories')
}
