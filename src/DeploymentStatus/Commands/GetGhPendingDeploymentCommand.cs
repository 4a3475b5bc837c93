using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Get-GhPendingDeployment: the environments a workflow run waits on (GET …/actions/runs/{run_id}/pending_deployments),
    /// each with its wait timer, its reviewers and whether the caller may approve it.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GhPendingDeployment")]
    [OutputType(typeof(GhPendingDeployment))]
    public sealed class GetGhPendingDeploymentCommand : GhRunCmdlet
    {
        protected override void Process() =>
            TryItem(RunId, () =>
            {
                var runId = ResolveRunId();
                foreach (var pending in Run(t => Api.GetPendingDeploymentsAsync(ResolveRepository(), runId, t))) WriteObject(pending);
            });
    }
}
