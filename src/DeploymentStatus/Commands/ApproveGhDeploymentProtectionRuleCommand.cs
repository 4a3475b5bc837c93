using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Approve-GhDeploymentProtectionRule: the GitHub App's rule lets the run deploy to the environment (state approved).</summary>
    [Cmdlet(VerbsLifecycle.Approve, "GhDeploymentProtectionRule", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class ApproveGhDeploymentProtectionRuleCommand : GhProtectionRuleReviewCmdlet
    {
        internal override string State => "approved";
    }
}
