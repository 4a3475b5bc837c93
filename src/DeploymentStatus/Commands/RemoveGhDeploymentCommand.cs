using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Remove-GhDeployment: DELETE /repos/{owner}/{repo}/deployments/{id}. GitHub deletes only an inactive deployment
    /// (or a repository's only one); -Force marks an active one inactive first (<see cref="DeploymentRemoval"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "GhDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(GhDeployment))]
    public sealed class RemoveGhDeploymentCommand : GhDeploymentCmdlet
    {
        [Parameter]
        public SwitchParameter Force { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process() =>
            Request(DeploymentId, (repository, t) => DeploymentRemoval.RemoveAsync(Api, repository, DeploymentId, Force, PassThru, t),
                repository => (DeploymentTarget(repository, DeploymentId), "Delete deployment"));

        internal override string? Advise(Exception failure) =>
            !Force && failure is GitHubApiException { Status: 422 }
                ? "Deployment " + DeploymentId + " is still active: use -Force to mark it inactive and delete it, or Set-GhDeploymentInactive first."
                : null;
    }
}
