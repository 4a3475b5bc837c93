using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Approve-GhPendingDeployment: lets the run's jobs deploy to the environments (state approved).</summary>
    [Cmdlet(VerbsLifecycle.Approve, "GhPendingDeployment", SupportsShouldProcess = true)]
    [OutputType(typeof(GhDeployment))]
    public sealed class ApproveGhPendingDeploymentCommand : GhPendingReviewCmdlet
    {
        internal override string State => "approved";
    }
}
