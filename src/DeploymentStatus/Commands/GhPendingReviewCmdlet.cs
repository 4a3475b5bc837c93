using System;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Approve-GhPendingDeployment and Deny-GhPendingDeployment: review the deployments a workflow run waits on, those the
    /// caller may review, all of them or those -Environment names (<see cref="PendingReview"/>): one request to read them,
    /// one to review them. An environment named that the run does not wait on, or that the caller may not review, is an
    /// error of its own; the others are reviewed.
    /// </summary>
    public abstract class GhPendingReviewCmdlet : GhRunCmdlet
    {
        [Parameter(Position = 3, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string[]? Environment { get; set; }

        [Parameter(Mandatory = true)]
        [AllowEmptyString]
        public string Comment { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>GitHub's verdict: approved or rejected.</summary>
        internal abstract string State { get; }

        protected override void Process() =>
            TryItem(RunId, () =>
            {
                var filters = Environment?.Select(Wildcards.Filter).ToList();
                var review = new PendingReview(Api, ResolveRepository(), ResolveRunId(), State, Comment, filters);
                var result = review.Run(this);
                foreach (var refusal in result.Refusals) WriteError(Errors.From(refusal, RunId > 0 ? RunId : (object?)null));
                if (result.Reviewed.Count > 0)
                    WriteVerbose((State == "approved" ? "Approved" : "Rejected") + " the deployments to " + string.Join(", ", result.Reviewed.Select(p => p.Environment)) + ".");
                if (PassThru) foreach (var deployment in result.Deployments) WriteObject(deployment);
            });
    }
}
