using System;
using System.Management.Automation;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>Remove-GhDeploymentBranchPolicy: DELETE …/environments/{name}/deployment-branch-policies/{id}.</summary>
    [Cmdlet(VerbsCommon.Remove, "GhDeploymentBranchPolicy", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveGhDeploymentBranchPolicyCommand : GhEnvironmentCmdlet
    {
        [Parameter(Mandatory = true, Position = 3, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long PolicyId { get; set; }

        protected override void Process() =>
            Request(PolicyId, async (repository, t) =>
                {
                    await BranchPolicyGuard.RunAsync(Api, repository, Environment, () => Api.DeleteBranchPolicyAsync(repository, Environment, PolicyId), t).ConfigureAwait(false);
                    return (object?)null;
                },
                repository => (EnvironmentTarget(repository, Environment), "Delete the branch policy " + PolicyId));

        internal override string? Advise(Exception failure) =>
            BranchPolicyAdvice.For(failure, Environment) ?? PermissionAdvice.ForAdministration(failure, Session.TokenSource, Ci);
    }
}
