using System.Management.Automation;
using DeploymentStatus.GitHub;
using Octokit;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Remove-GhDeployment: DELETE /repos/{owner}/{repo}/deployments/{id}. GitHub deletes only an inactive deployment
    /// (or a repository's only one); -Force marks an active one inactive first.
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "GhDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(GhDeployment))]
    public sealed class RemoveGhDeploymentCommand : GhRepositoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            TryItem(DeploymentId, () =>
            {
                var repository = ResolveRepository();
                if (!ShouldProcess(repository + " deployment " + DeploymentId, "Delete deployment")) return;
                var deployment = PassThru ? Run(t => Api.GetDeploymentAsync(repository, DeploymentId, t)) : null;
                try
                {
                    Run(t => Api.DeleteDeploymentAsync(repository, DeploymentId));
                }
                catch (ApiException ex) when ((int)ex.StatusCode == 422)
                {
                    if (!Force)
                    {
                        var record = Errors.From(ex, DeploymentId);
                        record.ErrorDetails = new ErrorDetails(Errors.Describe(ex) +
                            " Deployment " + DeploymentId + " is still active: use -Force to mark it inactive and delete it, or Set-GhDeploymentInactive first.");
                        WriteError(record);
                        return;
                    }
                    WriteVerbose("Deployment " + DeploymentId + " is active; marking it inactive before deleting it.");
                    Run(t => Api.CreateStatusAsync(repository, DeploymentId, new StatusRequest("inactive"), Session.Policy, t));
                    Run(t => Api.DeleteDeploymentAsync(repository, DeploymentId));
                }
                if (deployment != null) WriteObject(deployment);
            });
        }
    }
}
