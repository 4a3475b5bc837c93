using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// Retires an environment's deployments but the newest <c>keep</c>: walks every page of the list, reads the latest
    /// state of each deployment past the kept ones (in parallel, within the policy's cap on reads), skips those already
    /// inactive, and posts an inactive status to the others, one at a time (the policy paces writes), each only when the
    /// host agrees. One result per deployment, as it goes; the tally sums them up.
    /// </summary>
    internal sealed class EnvironmentRetirement
    {
        const string Inactive = "inactive";

        readonly GitHubApi api;
        readonly RepositoryName repository;
        readonly string environment;
        readonly int keep;

        public EnvironmentRetirement(GitHubApi api, RepositoryName repository, string environment, int keep)
        {
            this.api = api;
            this.repository = repository;
            this.environment = environment;
            this.keep = keep;
        }

        /// <summary>What has been done so far.</summary>
        public RetirementTally Tally { get; } = new RetirementTally();

        string Activity => "Retiring deployments of " + environment + " in " + repository;

        /// <summary>
        /// Does the work as the caller reads the results. A page that cannot be read ends it with one failed result
        /// without a deployment; what was done until then stands, and the tally says the list was not read to its end.
        /// </summary>
        public IEnumerable<RetirementResult> Run(IWorkflowHost host)
        {
            var pager = api.ListDeployments(repository, new Dictionary<string, string> { ["environment"] = environment });
            while (true)
            {
                IReadOnlyList<GhDeployment>? page;
                Exception? listFailure = null;
                try { page = host.Run(pager.NextAsync); }
                catch (Exception ex) when (Failures.IsItemFailure(ex))
                {
                    page = null;
                    listFailure = ex;
                }
                if (listFailure != null)
                {
                    Tally.Complete = false;
                    yield return RetirementResult.Failed(null, listFailure);
                    break;
                }
                if (page == null) break;

                var candidates = new List<GhDeployment>();
                foreach (var deployment in page)
                {
                    if (Tally.Kept < keep)
                    {
                        Tally.Kept++;
                        yield return RetirementResult.Of(RetirementOutcome.Kept, deployment);
                    }
                    else candidates.Add(deployment);
                }
                // One read per deployment tells its latest state (GitHub's REST API has no other way); they go in
                // parallel, within the policy's cap. Writes then go one by one, paced by the policy.
                var states = host.Run(t => Task.WhenAll(candidates.Select(d => LatestStateAsync(d, t))));
                foreach (var (deployment, state, error) in states)
                {
                    Tally.Seen++;
                    host.Progress(Progress(deployment, pager.EstimatedCount));
                    if (error != null)
                    {
                        Tally.Failed++;
                        yield return RetirementResult.Failed(deployment, error);
                    }
                    else if (state == Inactive)
                    {
                        Tally.Skipped++;
                        yield return RetirementResult.Of(RetirementOutcome.AlreadyInactive, deployment);
                    }
                    else if (!host.ShouldProcess(repository + " deployment " + deployment.Id + " (" + environment + ", " + (state ?? "no status") + ")", "Mark inactive"))
                    {
                        Tally.Declined++;
                        yield return RetirementResult.Of(RetirementOutcome.Declined, deployment);
                    }
                    else yield return Retire(host, deployment);
                }
            }
            host.Progress(new WorkProgress(Activity, "Done") { Completed = true });
        }

        RetirementResult Retire(IWorkflowHost host, GhDeployment deployment)
        {
            try
            {
                var status = host.Run(t => api.CreateStatusAsync(repository, deployment.Id, new StatusRequest(Inactive), t));
                Tally.Retired++;
                return RetirementResult.Retired(deployment, status);
            }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                Tally.Failed++;
                return RetirementResult.Failed(deployment, ex);
            }
        }

        WorkProgress Progress(GhDeployment deployment, int? estimate) =>
            new WorkProgress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} retired, {1} already inactive, {2} failed", Tally.Retired, Tally.Skipped, Tally.Failed))
            {
                CurrentOperation = "Deployment " + deployment.Id,
                PercentComplete = estimate is int total && total > 0 ? Math.Min(99, (Tally.Seen + Tally.Kept) * 100 / total) : -1,
            };

        async Task<(GhDeployment Deployment, string? State, Exception? Error)> LatestStateAsync(GhDeployment deployment, CancellationToken token)
        {
            try
            {
                var latest = await api.GetLatestStatusAsync(repository, deployment.Id, token).ConfigureAwait(false);
                return (deployment, latest?.State, null);
            }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                return (deployment, null, ex);
            }
        }

        /// <summary>The counts of a retirement, and the sentence that sums them up.</summary>
        internal sealed class RetirementTally
        {
            public int Seen { get; set; }
            public int Kept { get; set; }
            public int Retired { get; set; }
            public int Skipped { get; set; }
            public int Failed { get; set; }
            public int Declined { get; set; }
            /// <summary>Whether the list was read to its end.</summary>
            public bool Complete { get; set; } = true;
        }

        /// <summary>"staging: 3 retired, 1 skipped (already inactive), 0 failed, 1 kept (newest) in octo-org/hello-world."</summary>
        public string Summary() => string.Format(CultureInfo.InvariantCulture,
            "{0}: {1} retired, {2} skipped (already inactive), {3} failed, {4} kept (newest){5} in {6}{7}.",
            environment, Tally.Retired, Tally.Skipped, Tally.Failed, Tally.Kept,
            Tally.Declined > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} left active (-WhatIf or not confirmed)", Tally.Declined) : "",
            repository, Tally.Complete ? "" : "; the list could not be read to its end");
    }
}
