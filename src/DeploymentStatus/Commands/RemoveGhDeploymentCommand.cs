using System;
using System.Collections.Generic;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Remove-GhDeployment: DELETE /repos/{owner}/{repo}/deployments/{id}. GitHub deletes only an inactive deployment
    /// (or a repository's only one); -Force marks an active one inactive first (<see cref="DeploymentRemoval"/>). Deletions
    /// shift the pages of a list still being read, so deployments from the pipeline are gathered and deleted once the
    /// input has ended. With -Environment, whole environments but the newest -Keep of each (<see cref="GhCleanupCmdlet"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "GhDeployment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeployment), ParameterSetName = new[] { DeploymentSet })]
    [OutputType(typeof(GhCleanupResult), ParameterSetName = new[] { EnvironmentSet })]
    public sealed class RemoveGhDeploymentCommand : GhCleanupCmdlet
    {
        readonly List<(RepositoryName Repository, long Id, GhDeployment? Piped)> gathered = new List<(RepositoryName, long, GhDeployment?)>();

        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override CleanupKind Kind => CleanupKind.Remove;

        internal override bool DeletesActive => Force;

        internal override void ProcessDeployment(GhDeployment? piped) =>
            TryItem(DeploymentId, () => gathered.Add((ResolveRepository(), DeploymentId, piped)));

        internal override void EndDeployments()
        {
            WriteBudgetException? stopped = null;
            var left = 0;
            foreach (var (repository, id, piped) in gathered)
            {
                if (stopped != null)
                {
                    left++;
                    continue;
                }
                TryItem(id, () =>
                {
                    if (!ShouldProcess(DeploymentTarget(repository, id), "Delete deployment")) return;
                    try
                    {
                        var removed = Run(t => DeploymentRemoval.RemoveAsync(Api, repository, id, piped, Force, PassThru, t));
                        if (PassThru && removed != null) WriteObject(removed);
                    }
                    catch (WriteBudgetException ex)
                    {
                        stopped = ex;
                        left++;
                    }
                });
            }
            if (stopped != null) throw Terminate(Errors.From(stopped, null, RepositoryPlan.DeploymentCount(left) + " remain to delete."));
        }

        internal override string? Advise(Exception failure) =>
            !Force && failure is GitHubApiException { Status: 422 }
                ? "The deployment is still active: use -Force to mark it inactive and delete it, or Set-GhDeploymentInactive first."
                : null;
    }
}
