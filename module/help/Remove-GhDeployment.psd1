@{
    Synopsis    = 'Deletes a GitHub deployment.'

    Description = @'
Remove-GhDeployment calls DELETE /repos/{owner}/{repo}/deployments/{deployment_id}. Deleting is permanent, so the cmdlet asks for confirmation (ConfirmImpact is High) unless you add -Confirm:$false.

GitHub deletes only an inactive deployment, or the repository's only deployment; anything else fails with 422 (GhValidationFailed). -Force first marks an active deployment inactive (POST .../statuses with state inactive) and then deletes it.

Deployments bind from the pipeline by property name (Owner, Repository and Id), so the output of Get-GhDeployment can be piped in. A deployment that cannot be deleted is a non-terminating error; the others are still deleted.
'@

    Parameters  = @{
        Owner        = 'The account or organization that owns the repository. Defaults to the connection''s owner, then to GITHUB_REPOSITORY or BUILD_REPOSITORY_NAME. Binds from the pipeline by property name.'
        Repository   = 'The name of the repository, without the owner. Defaults like -Owner. Binds from the pipeline by property name.'
        DeploymentId = 'The ID of the deployment to delete, a 64-bit number. Binds from the pipeline by property name, also from a property named Id, and a bare number from the pipeline.'
        Force        = 'Marks an active deployment inactive first, so that GitHub lets it be deleted. Without -Force, deleting an active deployment that is not the repository''s only one fails.'
        PassThru     = 'Returns the deployment that was deleted, as it was just before (read with one more request). By default, Remove-GhDeployment returns nothing.'
    }

    Examples    = @(
        @{
            Title   = 'Delete the deployments of a review app that has been torn down'
            Code    = 'Get-GhDeployment -Environment "review-$PRNumber" | Remove-GhDeployment -Force -Confirm:$false'
            Remarks = '-Force retires each deployment first, since GitHub deletes only inactive ones. -Confirm:$false is needed in a pipeline, where no one can answer the prompt.'
        }
        @{
            Title   = 'Delete one deployment by ID'
            Code    = 'Remove-GhDeployment -Owner octo-org -Repository hello-world -DeploymentId 2147483801'
            Remarks = 'PowerShell asks for confirmation first. If the deployment is still active, the error says so; retire it with Set-GhDeploymentInactive or add -Force.'
        }
        @{
            Title   = 'Preview a clean-up'
            Code    = 'Get-GhDeployment -Task deploy:smoke-test | Remove-GhDeployment -Force -WhatIf'
            Remarks = '-WhatIf lists what would be deleted and sends nothing.'
        }
    )

    Notes       = 'Requires the repo_deployment scope (classic tokens) or the Deployments: write permission (fine-grained tokens and GitHub Apps). To delete more than a page (100) of deployments listed by Get-GhDeployment, read the list to its end first, as in (Get-GhDeployment -Environment review) | Remove-GhDeployment -Force -Confirm:$false: each deletion shifts GitHub''s later pages, so deleting while the list is still streaming skips deployments.'

    Outputs     = @( @{ Type = 'None or DeploymentStatus.GhDeployment'; Description = 'Nothing by default. With -PassThru, each deleted deployment as it was before.' } )

    Links       = @('Set-GhDeploymentInactive', 'Get-GhDeployment', 'about_DeploymentStatus', 'https://docs.github.com/rest/deployments/deployments#delete-a-deployment')
}
