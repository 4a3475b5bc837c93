@{
    Synopsis    = 'Creates or updates a deployment environment: wait timer, required reviewers, branch policy.'

    Description = @'
Set-GhEnvironment calls PUT /repos/{owner}/{repo}/environments/{environment_name}, which creates the environment when it does not exist and changes it when it does. Only the settings you give are sent: the others keep their values (a new environment gets GitHub's defaults: no wait timer, no reviewers, every branch may deploy).

-Reviewer takes users' logins and teams as ORG/TEAM-SLUG (at most six, GitHub's limit). GitHub wants their numeric IDs, so each is looked up first (GET /users/{username}, GET /orgs/{org}/teams/{team_slug}); a login or team GitHub does not know is a GhNotFound error that names it, and nothing is changed. -Reviewer @() removes every reviewer.

-DeploymentBranchPolicy says which branches may deploy: None (every branch), ProtectedBranches (branches with protection rules), or CustomBranches (branches and tags matching the patterns of Add-GhDeploymentBranchPolicy).

Bad input is refused before anything is sent: a wait timer outside 0 to 43200 minutes, more than six reviewers, a reviewer that is neither a login nor ORG/TEAM-SLUG.

Changing environments needs administration of the repository. A token without it is refused with 403 (GhPermissionDenied) or 404 (GhNotFound), and the error names the permission GitHub wants (from its X-Accepted-GitHub-Permissions header when it sends one, else administration=write). The GitHub Actions GITHUB_TOKEN can never administer environments; the error says so when the token comes from it.
'@

    Parameters  = @{
        Owner                  = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository             = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        Name                   = 'The environment''s name, such as production or review/pr-7 (at most 255 characters). Binds from the pipeline by property name. Tab completes the repository''s environments.'
        WaitTimer              = 'Minutes a job waits before it may deploy to the environment, 0 to 43200 (30 days). 0 removes the wait timer.'
        Reviewer               = 'Who must approve a job before it deploys: users'' logins and teams as ORG/TEAM-SLUG, at most six; one approval suffices. An empty array removes them all. Tab completes the reviewers the session already knows from the repository''s environments, without a request.'
        PreventSelfReview      = 'Whoever triggered a job may not approve it. -PreventSelfReview:$false allows it again.'
        DeploymentBranchPolicy = 'Which branches may deploy: None (every branch), ProtectedBranches or CustomBranches (name patterns: Add-GhDeploymentBranchPolicy).'
        CanAdminsBypass        = 'Repository administrators may bypass the protection rules. -CanAdminsBypass:$false makes the rules bind administrators too (GitHub takes this setting, though its API description omits it).'
        PassThru               = 'Returns the environment as GitHub answered it. By default, Set-GhEnvironment returns nothing.'
    }

    Examples    = @(
        @{
            Title   = 'Protect production: a release-managers team approves, from protected branches only'
            Code    = 'Set-GhEnvironment -Name production -Reviewer octo-org/release-managers, monalisa -PreventSelfReview -DeploymentBranchPolicy ProtectedBranches -PassThru'
            Remarks = 'Two lookups (the team, the user) and one PUT; the other settings of production stay as they were.'
        }
        @{
            Title   = 'Give staging a 10-minute wait and only release branches'
            Code    = @'
Set-GhEnvironment -Name staging -WaitTimer 10 -DeploymentBranchPolicy CustomBranches
Add-GhDeploymentBranchPolicy -Environment staging -Name 'release/*'
'@
            Remarks = 'The branch patterns are kept by GitHub only for an environment whose policy is CustomBranches.'
        }
        @{
            Title   = 'See what would be sent'
            Code    = 'Set-GhEnvironment -Name qa -Reviewer @() -WaitTimer 0 -WhatIf'
            Remarks = '-WhatIf names the settings and sends nothing, not even the reviewer lookups.'
        }
    )

    Notes       = 'Needs administration of the repository: Administration: Read and write for a fine-grained token or a GitHub App; the repo scope and admin rights for a classic token. The GitHub Actions GITHUB_TOKEN cannot administer environments.'

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhEnvironment'; Description = 'Nothing by default. With -PassThru, the environment as GitHub answered it.' } )

    Links       = @('Get-GhEnvironment', 'Remove-GhEnvironment', 'Add-GhDeploymentBranchPolicy', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/environments#create-or-update-an-environment')
}
