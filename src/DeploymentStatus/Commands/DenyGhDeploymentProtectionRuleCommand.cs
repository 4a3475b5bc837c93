using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>Deny-GhDeploymentProtectionRule: the GitHub App's rule rejects the run's deployment to the environment (state rejected).</summary>
    [Cmdlet(VerbsLifecycle.Deny, "GhDeploymentProtectionRule", SupportsShouldProcess = true)]
    [OutputType(typeof(void))]
    public sealed class DenyGhDeploymentProtectionRuleCommand : GhProtectionRuleReviewCmdlet
    {
        internal override string State => "rejected";
    }
}
