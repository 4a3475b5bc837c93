using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Deny-GhPendingDeployment: rejects the run's jobs waiting on the environments (state rejected); they fail.</summary>
    [Cmdlet(VerbsLifecycle.Deny, "GhPendingDeployment", SupportsShouldProcess = true)]
    [OutputType(typeof(GhDeployment))]
    public sealed class DenyGhPendingDeploymentCommand : GhPendingReviewCmdlet
    {
        internal override string State => "rejected";
    }
}
