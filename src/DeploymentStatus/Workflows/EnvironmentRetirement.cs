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
    /// Retires an environment's deployments but the newest <c>keep</c>: walks every page of the list (each page comes
    /// with its deployments' states, read through GraphQL in one query), skips those already inactive or destroyed, and
    /// posts an inactive status to the others, one at a time (the policy paces writes), each only when the host agrees.
    /// The next page is read while this one's writes go out. Where GitHub cannot say a state (no GraphQL API), the newest
    /// status of each deployment tells it instead (in parallel, within the policy's cap on reads). One result per
    /// deployment, as it goes; the tally sums them up.
    /// </summary>
    internal sealed class EnvironmentRetirement
    {
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
            Task<IReadOnlyList<GhDeployment>?>? ahead = null;
            try
            {
                while (true)
                {
                    IReadOnlyList<GhDeployment>? page;
                    Exception? listFailure = null;
                    try
                    {
                        var pending = ahead;
                        page = host.Run(t => pending ?? pager.NextAsync(t));
                    }
                    catch (Exception ex) when (Failures.IsItemFailure(ex))
                    {
                        page = null;
                        listFailure = ex;
                    }
                    ahead = null;
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
                    var states = host.Run(t => Task.WhenAll(candidates.Select(d => StateAsync(d, t))));
                    // Reads behind writes: the next page, with its states, is read while this page's writes go out.
                    ahead = host.Start(pager.NextAsync);
                    foreach (var (deployment, state, error) in states)
                    {
                        Tally.Seen++;
                        host.Progress(Progress(deployment, pager.EstimatedCount));
                        if (error != null)
                        {
                            Tally.Failed++;
                            yield return RetirementResult.Failed(deployment, error);
                        }
                        else if (DeploymentStates.IsRetired(state))
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
            }
            finally
            {
                // Stopped while the next page was on its way: its outcome no longer matters, but is observed.
                ahead?.ContinueWith(t => t.Exception, TaskContinuationOptions.OnlyOnFaulted);
            }
            host.Progress(new WorkProgress(Activity, "Done") { Completed = true });
        }

        RetirementResult Retire(IWorkflowHost host, GhDeployment deployment)
        {
            try
            {
                var status = host.Run(t => api.CreateStatusAsync(repository, deployment.Id, new StatusRequest(DeploymentStates.Inactive), t));
                deployment.State = DeploymentStates.AfterRetiring(deployment);
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

        /// <summary>
        /// The deployment's state: GitHub's own, as the page brought it; where GitHub could not say, its newest status's
        /// (which GitHub keeps 90 days only). A failed read is that deployment's failure.
        /// </summary>
        async Task<(GhDeployment Deployment, string? State, Exception? Error)> StateAsync(GhDeployment deployment, CancellationToken token)
        {
            if (deployment.State != null) return (deployment, deployment.State, null);
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
