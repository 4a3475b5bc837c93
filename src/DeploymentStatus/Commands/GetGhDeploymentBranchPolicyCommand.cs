using System.Management.Automation;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Get-GhDeploymentBranchPolicy: an environment's branch and tag name patterns, or one by -PolicyId. An environment whose
    /// deployment branch policy is not CustomBranches has none, and the error says so (<see cref="BranchPolicyGuard"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GhDeploymentBranchPolicy")]
    [OutputType(typeof(GhDeploymentBranchPolicy))]
    public sealed class GetGhDeploymentBranchPolicyCommand : GhEnvironmentCmdlet
    {
        [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long PolicyId { get; set; }

        protected override void Process()
        {
            if (PolicyId > 0)
            {
                Request(PolicyId, (repository, t) => BranchPolicyGuard.RunAsync(Api, repository, Environment, () => Api.GetBranchPolicyAsync(repository, Environment, PolicyId, t), t));
                return;
            }
            TryItem(Environment, () =>
            {
                var repository = ResolveRepository();
                var pager = Api.ListBranchPolicies(repository, Environment);
                WritePages(t => BranchPolicyGuard.RunAsync(Api, repository, Environment, () => pager.NextAsync(t), t));
            });
        }

        internal override string? Advise(System.Exception failure) => BranchPolicyAdvice.For(failure, Environment);
    }
}
