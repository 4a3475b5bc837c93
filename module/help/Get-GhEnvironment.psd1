@{
    Synopsis    = 'Gets the deployment environments of a GitHub repository, with their protection rules.'

    Description = @'
Get-GhEnvironment calls GET /repos/{owner}/{repo}/environments and writes each environment as a DeploymentStatus.GhEnvironment object, a page of 100 at a time, by name. With -Name it gets that environment (GET /repos/{owner}/{repo}/environments/{environment_name}); a name with wildcards (*, ?, [a-z]) is matched against the list instead, case-insensitively, and matching nothing is no error.

Each object carries the environment's protection rules: WaitTimer (minutes), Reviewers (user logins, and teams as ORG/TEAM-SLUG), PreventSelfReview, DeploymentBranchPolicy (None, ProtectedBranches or CustomBranches) and CanAdminsBypass.

The objects carry Owner, Repository and Name, so they pipe into every cmdlet that takes -Environment: Get-GhDeployment lists each one's deployments, Set-GhDeploymentInactive retires them, Get-GhDeploymentBranchPolicy lists its branch patterns, Set-GhEnvironment and Remove-GhEnvironment change or delete it.

An environment that does not exist is a non-terminating GhNotFound error. Anyone who can read the repository can read its environments.
'@

    Parameters  = @{
        Owner      = 'The account or organization that owns the repository. Defaults to the connection''s owner (Connect-GhAccount -Owner), then to GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME (Azure Pipelines). Binds from the pipeline by property name.'
        Repository = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Name       = 'The environments to get, by name; wildcards match against the repository''s list. Binds from the pipeline by property name. Tab completes the repository''s environments.'
    }

    Examples    = @(
        @{
            Title   = 'List the environments and who must approve deployments to them'
            Code    = 'Get-GhEnvironment -Owner octo-org -Repository hello-world | Format-Table Name, WaitTimer, Reviewers, DeploymentBranchPolicy'
            Remarks = 'One request for up to 100 environments.'
        }
        @{
            Title   = 'Retire every review environment''s deployments'
            Code    = 'Get-GhEnvironment -Name review-* | Set-GhDeploymentInactive -Keep 0'
            Remarks = 'Each environment''s Name binds -Environment of Set-GhDeploymentInactive.'
        }
        @{
            Title   = 'Check a setting before a deployment'
            Code    = @'
$production = Get-GhEnvironment -Name production
if ($production.Reviewers.Count -eq 0) { throw 'production has no required reviewers' }
'@
            Remarks = 'A missing environment is a GhNotFound error.'
        }
    )

    Notes       = 'Reading environments needs read access to the repository (the repo scope of a classic token for a private one).'

    Outputs     = @( @{ Type = 'DeploymentStatus.GhEnvironment'; Description = 'Owner, Repository, Name, Id, NodeId, Url, HtmlUrl, CreatedAt, UpdatedAt, WaitTimer, Reviewers, PreventSelfReview, DeploymentBranchPolicy, CanAdminsBypass.' } )

    Links       = @('Set-GhEnvironment', 'Remove-GhEnvironment', 'Get-GhDeploymentBranchPolicy', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/environments#list-environments')
}
