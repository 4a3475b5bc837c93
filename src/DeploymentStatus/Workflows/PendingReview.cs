using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// Approves or rejects the deployments a workflow run waits on: reads the run's pending deployments, keeps those the
    /// caller may review (all of them, or those the filters name), asks the host, and sends their environments' ids in one
    /// POST. A filter that names no waiting environment, or one the caller may not review, is a refusal of its own; the
    /// others go on.
    /// </summary>
    internal sealed class PendingReview
    {
        readonly GitHubApi api;
        readonly RepositoryName repository;
        readonly long runId;
        readonly string state;
        readonly string comment;
        readonly IReadOnlyList<NameFilter>? filters;

        /// <param name="state">approved or rejected.</param>
        /// <param name="filters">The environments to review; null: every one the caller may review.</param>
        public PendingReview(GitHubApi api, RepositoryName repository, long runId, string state, string comment, IReadOnlyList<NameFilter>? filters)
        {
            this.api = api;
            this.repository = repository;
            this.runId = runId;
            this.state = state;
            this.comment = comment;
            this.filters = filters;
        }

        public PendingReviewResult Run(IWorkflowHost host)
        {
            var pending = host.Run(t => api.GetPendingDeploymentsAsync(repository, runId, t));
            var refusals = new List<Exception>();
            var chosen = filters == null ? All(pending, refusals) : Named(pending, refusals);
            if (chosen.Count == 0) return new PendingReviewResult(chosen, Array.Empty<GhDeployment>(), refusals);
            var what = repository + " run " + runId.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(", ", chosen.Select(p => p.Environment));
            if (!host.ShouldProcess(what, (state == "approved" ? "Approve" : "Reject") + " the deployments waiting on " + (chosen.Count == 1 ? "this environment" : "these environments")))
                return new PendingReviewResult(Array.Empty<GhPendingDeployment>(), Array.Empty<GhDeployment>(), refusals);
            var deployments = host.Run(t => api.ReviewPendingDeploymentsAsync(repository, runId, chosen.Select(p => p.EnvironmentId), state, comment, t));
            return new PendingReviewResult(chosen, deployments, refusals);
        }

        List<GhPendingDeployment> All(IReadOnlyList<GhPendingDeployment> pending, List<Exception> refusals)
        {
            var mine = pending.Where(p => p.CurrentUserCanApprove).ToList();
            if (mine.Count == 0)
                refusals.Add(pending.Count == 0
                    ? new GhStateException(GhStateProblem.NotPending, TheRun + " waits on no environment.")
                    : new GhStateException(GhStateProblem.NotAReviewer, TheRun + " waits on " + Describe(pending) + ", and the token's account may review none of them."));
            return mine;
        }

        List<GhPendingDeployment> Named(IReadOnlyList<GhPendingDeployment> pending, List<Exception> refusals)
        {
            var chosen = new List<GhPendingDeployment>();
            foreach (var filter in filters!)
            {
                var matching = pending.Where(p => filter.Matches(p.Environment)).ToList();
                if (matching.Count == 0)
                    refusals.Add(new GhStateException(GhStateProblem.NotPending, TheRun + " does not wait on '" + filter.Text + "'; it waits on "
                        + (pending.Count == 0 ? "no environment" : Describe(pending)) + "."));
                foreach (var match in matching)
                {
                    if (!match.CurrentUserCanApprove)
                        refusals.Add(new GhStateException(GhStateProblem.NotAReviewer, TheRun + " waits on " + Describe(new[] { match })
                            + ", and the token's account may not review it" + (match.Reviewers.Length == 0 ? " (it waits for no reviewer; a GitHub App's protection rule or a wait timer holds it)" : "") + "."));
                    else if (!chosen.Contains(match)) chosen.Add(match);
                }
            }
            return chosen;
        }

        string TheRun => "Run " + runId.ToString(CultureInfo.InvariantCulture) + " of " + repository;

        static string Describe(IEnumerable<GhPendingDeployment> pending) =>
            string.Join(", ", pending.Select(p => p.Environment + (p.Reviewers.Length > 0 ? " (reviewers: " + string.Join(", ", p.Reviewers) + ")" : "")));
    }

    /// <summary>What a review did: the environments reviewed, the deployments GitHub answered, and the environments refused.</summary>
    internal sealed class PendingReviewResult
    {
        public PendingReviewResult(IReadOnlyList<GhPendingDeployment> reviewed, IReadOnlyList<GhDeployment> deployments, IReadOnlyList<Exception> refusals)
        {
            Reviewed = reviewed;
            Deployments = deployments;
            Refusals = refusals;
        }

        public IReadOnlyList<GhPendingDeployment> Reviewed { get; }
        public IReadOnlyList<GhDeployment> Deployments { get; }
        public IReadOnlyList<Exception> Refusals { get; }
    }
}
