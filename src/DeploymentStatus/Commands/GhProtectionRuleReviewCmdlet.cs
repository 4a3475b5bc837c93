using System.Globalization;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Approve-GhDeploymentProtectionRule and Deny-GhDeploymentProtectionRule: a GitHub App reviews its own custom deployment
    /// protection rule of an environment a workflow run waits on (POST …/actions/runs/{run_id}/deployment_protection_rule),
    /// so that a gate outside GitHub (an Azure Pipelines check, a change-management system) lets a deployment go on or not.
    /// </summary>
    public abstract class GhProtectionRuleReviewCmdlet : GhRunCmdlet
    {
        [Parameter(Mandatory = true, Position = 3, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateEnvironmentName]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        [Parameter]
        public string? Comment { get; set; }

        /// <summary>GitHub's verdict: approved or rejected.</summary>
        internal abstract string State { get; }

        protected override void Process()
        {
            var runId = ResolveRunId();
            Request(Environment, async (repository, t) =>
                {
                    await Api.ReviewProtectionRuleAsync(repository, runId, Environment, State, Comment, t).ConfigureAwait(false);
                    return (object?)null;
                },
                repository => (repository + " run " + runId.ToString(CultureInfo.InvariantCulture) + " environment '" + Environment + "'",
                    (State == "approved" ? "Approve" : "Reject") + " this GitHub App's deployment protection rule"));
        }
    }
}
