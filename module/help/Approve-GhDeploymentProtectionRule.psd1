@{
    Synopsis    = "Approves a GitHub App's custom deployment protection rule for an environment a workflow run waits on."

    Description = @'
Approve-GhDeploymentProtectionRule calls POST /repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule with the environment's name and state approved. It is how a custom deployment protection rule answers: a GitHub App that an environment lists as a protection rule reviews its own rule for each run waiting on that environment, so a check outside GitHub (an Azure Pipelines gate, a change-management system) can let a GitHub deployment go on or stop it.

Connect as that GitHub App (Connect-GhAccount -AppId -PrivateKeyPath -InstallationId): GitHub Apps review only their own rules, and a user's token is refused. -Comment goes with the review. -RunId defaults to GITHUB_RUN_ID. GitHub answers 204 with no body; the cmdlet returns nothing.
'@

    Parameters  = @{
        Owner       = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository  = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        RunId       = 'The workflow run waiting on the environment: the number in its URL (…/actions/runs/RUN_ID). Defaults to GITHUB_RUN_ID. Binds from the pipeline by property name.'
        Environment = 'The environment whose protection rule is reviewed. Binds from the pipeline by property name, also from a property named Name. Tab completes the repository''s environments.'
        Comment     = 'A comment GitHub shows with the review.'
    }

    Examples    = @(
        @{
            Title   = 'Let a GitHub deployment go on from an Azure Pipelines gate'
            Code    = @'
Connect-GhAccount -AppId 123456 -PrivateKeyPath ./gate.pem -InstallationId 7654321 -Owner octo-org -Repository web
# The pipeline's variable GitHubRunId holds the id of the GitHub Actions run that waits.
Approve-GhDeploymentProtectionRule -RunId $env:GITHUBRUNID -Environment production -Comment "Azure Pipelines gate passed: $env:BUILD_BUILDNUMBER"
'@
            Remarks = 'In an Azure Pipelines job that plays the gate: as the GitHub App whose protection rule the environment has, it lets the GitHub deployment go on. Azure Pipelines gives each variable to the step''s script as an environment variable (upper case, dots as underscores), so the script reads $env:NAME; that also runs when pasted at a prompt. The $(NAME) macro form works only inside the pipeline''s YAML, and a later stage reads an earlier one''s output only through stageDependencies.'
        }
        @{
            Title   = 'Preview the approval'
            Code    = @'
Approve-GhDeploymentProtectionRule -RunId 9000000042 -Environment staging -WhatIf
'@
            Remarks = '-WhatIf names the run and the environment and sends nothing.'
        }
    )

    Notes       = 'The GitHub App needs the Deployments: Read and write permission and must be the app of the environment''s custom deployment protection rule.'

    Outputs     = @( @{ Type = 'None'; Description = 'Approve-GhDeploymentProtectionRule returns nothing.' } )

    Links       = @('Get-GhPendingDeployment', 'Connect-GhAccount', 'about_DeploymentStatus', 'https://docs.github.com/rest/actions/workflow-runs#review-custom-deployment-protection-rules-for-a-workflow-run')
}
