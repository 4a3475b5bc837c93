using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;

namespace DeploymentStatus.Workflows
{
    /// <summary>Retire (post an inactive status) or remove (delete, marking inactive first with -Force).</summary>
    internal enum CleanupKind { Retire, Remove }

    /// <summary>What the plan does with one deployment.</summary>
    internal enum CleanupStep { Keep, Skip, LeaveActive, Retire, Delete, RetireAndDelete, Unreadable }

    /// <summary>What became of one deployment; each is counted in exactly one of <see cref="GhCleanupResult"/>'s figures.</summary>
    internal enum CleanupOutcome { Kept, Skipped, Done, Failed, Remaining }

    /// <summary>One deployment of a clean-up: its step in the plan, and what became of it.</summary>
    internal sealed class PlannedDeployment
    {
        public PlannedDeployment(GhDeployment deployment, CleanupStep step)
        {
            Deployment = deployment;
            Step = step;
            Outcome = step switch
            {
                CleanupStep.Keep => CleanupOutcome.Kept,
                CleanupStep.Skip => CleanupOutcome.Skipped,
                CleanupStep.LeaveActive => CleanupOutcome.Skipped,
                CleanupStep.Unreadable => CleanupOutcome.Failed,
                _ => CleanupOutcome.Remaining,
            };
        }

        public GhDeployment Deployment { get; }
        public CleanupStep Step { get; }
        public CleanupOutcome Outcome { get; set; }
        /// <summary>An inactive status was posted to it (Remove: before it was to be deleted).</summary>
        public bool MarkedInactive { get; set; }

        /// <summary>The writes the step takes: a status, a delete, or both.</summary>
        public int Writes => Step == CleanupStep.RetireAndDelete ? 2 : Step == CleanupStep.Retire || Step == CleanupStep.Delete ? 1 : 0;

        /// <summary>The writes still to make (a deployment marked inactive before the run stopped needs only its delete).</summary>
        public int WritesLeft => Outcome != CleanupOutcome.Remaining ? 0 : MarkedInactive ? Writes - 1 : Writes;
    }

    /// <summary>A repository and the environments to clean up there (names or patterns, each once).</summary>
    internal sealed class CleanupTarget
    {
        readonly List<NameFilter> filters = new List<NameFilter>();

        public CleanupTarget(RepositoryName repository) => Repository = repository;

        public RepositoryName Repository { get; }
        public IReadOnlyList<NameFilter> Filters => filters;

        public bool IsOf(RepositoryName repository) => string.Equals(Repository.ToString(), repository.ToString(), StringComparison.OrdinalIgnoreCase);

        public void Add(IEnumerable<NameFilter> more) =>
            filters.AddRange(more.Where(f => filters.All(g => !string.Equals(g.Text, f.Text, StringComparison.OrdinalIgnoreCase))));
    }

    /// <summary>One failure of a clean-up, written as an error of its own: a deployment's, or (a string target) the repository's.</summary>
    internal sealed class CleanupFailure
    {
        public CleanupFailure(object target, Exception error)
        {
            Target = target;
            Error = error;
        }

        public object Target { get; }
        public Exception Error { get; }
    }

    /// <summary>One repository of a clean-up: the deployments of the environments its filters match, by environment, each with its step.</summary>
    internal sealed class RepositoryPlan
    {
        readonly CleanupKind kind;

        public RepositoryPlan(RepositoryName repository, IReadOnlyList<NameFilter> filters, CleanupKind kind)
        {
            Repository = repository;
            Filters = filters;
            this.kind = kind;
        }

        public RepositoryName Repository { get; }
        public IReadOnlyList<NameFilter> Filters { get; }
        /// <summary>Environment → its deployments, newest first (as GitHub lists them).</summary>
        public SortedDictionary<string, List<PlannedDeployment>> Environments { get; } = new SortedDictionary<string, List<PlannedDeployment>>(StringComparer.OrdinalIgnoreCase);
        public IEnumerable<PlannedDeployment> Deployments => Environments.Values.SelectMany(d => d);
        public bool Archived { get; set; }
        /// <summary>Why no write is made in this repository (archived, or unreadable); null when writes may be made.</summary>
        public string? Held { get; set; }
        /// <summary>Whether the list was read to its end.</summary>
        public bool Complete { get; set; } = true;
        /// <summary>Why deployments remain, once some do for a reason of the whole repository (held, not confirmed, budget spent).</summary>
        public string? RemainingReason { get; set; }
        /// <summary>The writes GitHub accepted.</summary>
        public int WritesMade { get; set; }

        public int WritesLeft => Deployments.Sum(d => d.WritesLeft);

        /// <summary>The figures of this repository (-PassThru).</summary>
        public GhCleanupResult Result
        {
            get
            {
                var deployments = Deployments.ToList();
                int Count(CleanupOutcome outcome) => deployments.Count(d => d.Outcome == outcome);
                return new GhCleanupResult
                {
                    Owner = Repository.Owner,
                    Repository = Repository.Name,
                    Environment = Environments.Keys.ToArray(),
                    Kept = Count(CleanupOutcome.Kept),
                    Skipped = Count(CleanupOutcome.Skipped),
                    Retired = kind == CleanupKind.Retire ? Count(CleanupOutcome.Done) : deployments.Count(d => d.MarkedInactive),
                    Deleted = kind == CleanupKind.Remove ? Count(CleanupOutcome.Done) : 0,
                    Failed = Count(CleanupOutcome.Failed),
                    Remaining = Count(CleanupOutcome.Remaining),
                    Writes = WritesMade,
                    Archived = Archived,
                    Complete = Complete,
                };
            }
        }

        /// <summary>"octo-org/hello-world (staging, review/1)", or "(12 environments matching review/*)".</summary>
        public string Target
        {
            get
            {
                var names = Environments.Keys.ToList();
                var which = names.Count == 0 ? "no environment matching " + Patterns
                    : names.Count <= 3 ? string.Join(", ", names)
                    : names.Count.ToString(CultureInfo.InvariantCulture) + " environments matching " + Patterns;
                return Repository + " (" + which + ")";
            }
        }

        string Patterns => string.Join(", ", Filters.Select(f => f.Text));

        /// <summary>"Mark 150 deployments inactive", "Delete 150 deployments (marking 20 inactive first)".</summary>
        public string Action
        {
            get
            {
                var todo = Deployments.Where(d => d.WritesLeft > 0).ToList();
                if (kind == CleanupKind.Retire) return "Mark " + DeploymentCount(todo.Count) + " inactive";
                var marking = todo.Count(d => d.Step == CleanupStep.RetireAndDelete && !d.MarkedInactive);
                return "Delete " + DeploymentCount(todo.Count) + (marking > 0 ? " (marking " + marking.ToString(CultureInfo.InvariantCulture) + " inactive first)" : "");
            }
        }

        /// <summary>The plan, a line per environment: "octo-org/hello-world review/1: 12 deployments: 1 kept, 3 already inactive, 8 to retire."</summary>
        public IEnumerable<string> PlanLines()
        {
            if (Environments.Count == 0) yield return Target + ": no deployment.";
            foreach (var environment in Environments)
            {
                var steps = environment.Value;
                int Count(CleanupStep step) => steps.Count(d => d.Step == step);
                var parts = new List<string> { Count(CleanupStep.Keep) + " kept" };
                if (kind == CleanupKind.Retire)
                {
                    parts.Add(Count(CleanupStep.Skip) + " already inactive");
                    parts.Add(Count(CleanupStep.Retire) + " to retire");
                }
                else
                {
                    parts.Add(Count(CleanupStep.Delete) + " to delete");
                    parts.Add(Count(CleanupStep.RetireAndDelete) + " to mark inactive and delete");
                    parts.Add(Count(CleanupStep.LeaveActive) + " left active (-Force deletes them)");
                }
                if (Count(CleanupStep.Unreadable) > 0) parts.Add(Count(CleanupStep.Unreadable) + " whose state could not be read");
                yield return string.Format(CultureInfo.InvariantCulture, "{0} {1}: {2}: {3}.", Repository, environment.Key, DeploymentCount(steps.Count), string.Join(", ", parts));
            }
            if (Held != null && WritesLeft > 0) yield return Repository + " is skipped (" + Held + ").";
        }

        /// <summary>"octo-org/hello-world (staging): 150 retired, 100 skipped (already inactive), 0 failed, 0 kept (newest)."</summary>
        public string Summary() => Target + ": " + Figures(kind, Result, RemainingReason) + (Complete ? "" : "; the list could not be read to its end") + ".";

        /// <summary>The figures of a result, in the words of its kind of clean-up; the reason the remaining ones remain, if any.</summary>
        public static string Figures(CleanupKind kind, GhCleanupResult result, string? remainingReason = null)
        {
            var text = kind == CleanupKind.Retire
                ? string.Format(CultureInfo.InvariantCulture, "{0} retired, {1} skipped (already inactive), {2} failed, {3} kept (newest)",
                    result.Retired, result.Skipped, result.Failed, result.Kept)
                : string.Format(CultureInfo.InvariantCulture, "{0} deleted ({1} marked inactive first), {2} left active (-Force deletes them), {3} failed, {4} kept (newest)",
                    result.Deleted, result.Retired, result.Skipped, result.Failed, result.Kept);
            return result.Remaining == 0 ? text
                : text + string.Format(CultureInfo.InvariantCulture, ", {0} remaining{1}", result.Remaining, remainingReason == null ? "" : " (" + remainingReason + ")");
        }

        /// <summary>"1 deployment", "2 deployments".</summary>
        internal static string DeploymentCount(int count) => count == 1 ? "1 deployment" : count.ToString(CultureInfo.InvariantCulture) + " deployments";
    }

    /// <summary>
    /// A clean-up of environments across repositories, planned before any write. <see cref="Plan"/> reads each repository's
    /// deployments once (only the environment's own when every filter names one environment exactly; else the whole list,
    /// grouped by environment), with their states (GraphQL, a hundred a query; where GitHub cannot say, each deployment's
    /// newest status), keeps the newest <c>keep</c> of each environment, and decides every other deployment's step. A
    /// repository with writes to make is read once more, to skip it when it is archived. <see cref="Run"/> then makes the
    /// writes, repository by repository, each repository only when the host agrees, one write at a time (the policy paces
    /// them and spends GitHub's write budget): when the budget is spent for longer than the policy waits, the run stops
    /// (<see cref="Stopped"/>) and what is left remains for the next run, which skips what is already done.
    /// </summary>
    internal sealed class DeploymentCleanup
    {
        readonly GitHubApi api;
        readonly CleanupKind kind;
        readonly int keep;
        readonly bool force;
        readonly List<RepositoryPlan> plans = new List<RepositoryPlan>();

        /// <param name="keep">The newest deployments of each environment left as they are.</param>
        /// <param name="force">Remove: mark an active deployment inactive before deleting it (else it is left).</param>
        public DeploymentCleanup(GitHubApi api, CleanupKind kind, int keep, bool force)
        {
            this.api = api;
            this.kind = kind;
            this.keep = keep;
            this.force = force;
        }

        public IReadOnlyList<RepositoryPlan> Plans => plans;

        /// <summary>GitHub's write budget was spent for longer than the policy waits: the run stopped there.</summary>
        public WriteBudgetException? Stopped { get; private set; }

        /// <summary>The writes still to make in repositories that take them (not archived).</summary>
        public int WritesLeft => plans.Where(p => p.Held == null).Sum(p => p.WritesLeft);

        /// <summary>How long the writes left take at the least, under the session's pacing and write budget.</summary>
        public TimeSpan Forecast => api.ForecastWrites(WritesLeft);

        string Activity => kind == CleanupKind.Retire ? "Retiring deployments" : "Removing deployments";

        /// <summary>Reads and plans each repository in turn; the failures of reading are the caller's to report, as they come.</summary>
        public IEnumerable<CleanupFailure> Plan(IWorkflowHost host, IReadOnlyList<CleanupTarget> targets)
        {
            for (var i = 0; i < targets.Count; i++)
            {
                host.Progress(new WorkProgress("Reading deployments", string.Format(CultureInfo.InvariantCulture, "{0} ({1} of {2})", targets[i].Repository, i + 1, targets.Count))
                {
                    PercentComplete = i * 100 / targets.Count,
                });
                var plan = new RepositoryPlan(targets[i].Repository, targets[i].Filters, kind);
                plans.Add(plan);
                foreach (var failure in Read(host, plan)) yield return failure;
            }
            host.Progress(new WorkProgress("Reading deployments", "Done") { Completed = true });
        }

        IEnumerable<CleanupFailure> Read(IWorkflowHost host, RepositoryPlan plan)
        {
            var listed = new List<GhDeployment>();
            var (failure, _) = Try(() =>
            {
                foreach (var filters in Lists(plan.Filters))
                {
                    var pager = api.ListDeployments(plan.Repository, filters);
                    for (var page = host.Run(pager.NextAsync); page != null; page = host.Run(pager.NextAsync)) listed.AddRange(page);
                }
                return true;
            });
            if (failure != null)
            {
                plan.Complete = false;
                yield return new CleanupFailure(plan.Repository.ToString(), failure);
            }

            var groups = listed.Where(d => plan.Filters.Any(f => f.Matches(d.Environment)))
                .GroupBy(d => d.Environment, StringComparer.OrdinalIgnoreCase).ToList();
            var candidates = groups.SelectMany(g => g.Skip(keep)).ToList();
            var states = host.Run(t => Task.WhenAll(candidates.Select(d => StateAsync(plan.Repository, d, t))))
                .ToDictionary(s => s.Deployment.Id);
            foreach (var group in groups)
            {
                var planned = new List<PlannedDeployment>();
                foreach (var deployment in group)
                {
                    if (!states.TryGetValue(deployment.Id, out var state))
                    {
                        planned.Add(new PlannedDeployment(deployment, CleanupStep.Keep));
                        continue;
                    }
                    if (state.Error != null) yield return new CleanupFailure(deployment, state.Error);
                    planned.Add(new PlannedDeployment(deployment, Step(state.State, state.Error)));
                }
                plan.Environments[group.Key] = planned;
            }

            if (plan.WritesLeft == 0) yield break;
            var (readFailure, repository) = Try(() => host.Run(t => api.GetRepositoryAsync(plan.Repository, t)));
            if (readFailure != null)
            {
                // Whether GitHub takes writes there is not known: none is made.
                plan.Held = "the repository could not be read";
                yield return new CleanupFailure(plan.Repository.ToString(), readFailure);
            }
            else if (repository!.Archived)
            {
                plan.Archived = true;
                plan.Held = "archived: GitHub refuses writes there";
            }
            plan.RemainingReason = plan.Held;
        }

        /// <summary>The lists to read: the one environment of each filter that names one exactly, else the whole list once.</summary>
        static IEnumerable<Dictionary<string, string>> Lists(IReadOnlyList<NameFilter> filters) =>
            filters.All(f => f.ExactName != null)
                ? filters.Select(f => f.ExactName!).Distinct(StringComparer.OrdinalIgnoreCase).Select(name => new Dictionary<string, string> { ["environment"] = name })
                : new[] { new Dictionary<string, string>() };

        CleanupStep Step(string? state, Exception? error)
        {
            if (error != null) return CleanupStep.Unreadable;
            var retired = DeploymentStates.IsRetired(state);
            if (kind == CleanupKind.Retire) return retired ? CleanupStep.Skip : CleanupStep.Retire;
            return retired ? CleanupStep.Delete : force ? CleanupStep.RetireAndDelete : CleanupStep.LeaveActive;
        }

        /// <summary>
        /// The deployment's state: GitHub's own, as the list brought it; where GitHub could not say, its newest status's
        /// (which GitHub keeps 90 days only). A failed read is that deployment's failure.
        /// </summary>
        async Task<(GhDeployment Deployment, string? State, Exception? Error)> StateAsync(RepositoryName repository, GhDeployment deployment, CancellationToken token)
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

        /// <summary>
        /// Makes the plan's writes, repository by repository (each only when the host agrees), showing done, total, percent
        /// and time left. A failed write is that deployment's failure, and the run goes on; a spent write budget stops it.
        /// </summary>
        public IEnumerable<CleanupFailure> Run(IWorkflowHost host)
        {
            var total = WritesLeft;
            var done = 0;
            var tally = new Tally(plans.SelectMany(p => p.Deployments).Count(d => d.Outcome == CleanupOutcome.Failed));
            var clock = Stopwatch.StartNew();
            foreach (var plan in plans)
            {
                if (plan.Held != null || plan.WritesLeft == 0) continue;
                if (Stopped != null)
                {
                    plan.RemainingReason = "the write budget ran out";
                    continue;
                }
                if (!host.ShouldProcess(plan.Target, plan.Action))
                {
                    plan.RemainingReason = "-WhatIf or not confirmed";
                    total -= plan.WritesLeft;
                    continue;
                }
                foreach (var planned in plan.Deployments.Where(d => d.WritesLeft > 0).ToList())
                {
                    host.Progress(Progress(plan, planned, done, total, tally, clock.Elapsed));
                    var failure = Write(host, plan, planned);
                    if (Stopped != null)
                    {
                        plan.RemainingReason = "the write budget ran out";
                        break;
                    }
                    done += planned.Writes;
                    if (planned.Outcome == CleanupOutcome.Done) tally.Done++;
                    else tally.Failed++;
                    if (failure != null) yield return new CleanupFailure(planned.Deployment, failure);
                }
            }
            host.Progress(new WorkProgress(Activity, "Done") { Completed = true });
        }

        /// <summary>One deployment's writes; null, or its failure. A spent budget sets <see cref="Stopped"/> instead (the deployment remains).</summary>
        Exception? Write(IWorkflowHost host, RepositoryPlan plan, PlannedDeployment planned)
        {
            var deployment = planned.Deployment;
            try
            {
                if ((planned.Step == CleanupStep.Retire || planned.Step == CleanupStep.RetireAndDelete) && !planned.MarkedInactive)
                {
                    host.Run(t => api.CreateStatusAsync(plan.Repository, deployment.Id, new StatusRequest(DeploymentStates.Inactive), t));
                    plan.WritesMade++;
                    planned.MarkedInactive = true;
                    deployment.State = DeploymentStates.AfterRetiring(deployment);
                }
                if (planned.Step == CleanupStep.Delete || planned.Step == CleanupStep.RetireAndDelete)
                {
                    host.Run(async t => { await api.DeleteDeploymentAsync(plan.Repository, deployment.Id).ConfigureAwait(false); return true; });
                    plan.WritesMade++;
                }
                planned.Outcome = CleanupOutcome.Done;
                return null;
            }
            catch (WriteBudgetException ex)
            {
                Stopped = ex;
                return null;
            }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                planned.Outcome = CleanupOutcome.Failed;
                return ex;
            }
        }

        WorkProgress Progress(RepositoryPlan plan, PlannedDeployment planned, int done, int total, Tally tally, TimeSpan elapsed)
        {
            var left = total - done;
            // The pace so far, or (before the first write, or when the budget will slow it) the forecast: whichever is longer.
            var measured = done > 0 ? TimeSpan.FromTicks(elapsed.Ticks / done * left) : TimeSpan.Zero;
            var forecast = api.ForecastWrites(left);
            var remaining = measured > forecast ? measured : forecast;
            return new WorkProgress(Activity, string.Format(CultureInfo.InvariantCulture, "{0} of {1} writes, {2}% ({3})", done, total,
                total > 0 ? done * 100 / total : 100, tally.Text(kind)))
            {
                CurrentOperation = string.Format(CultureInfo.InvariantCulture, "Deployment {0} ({1}) in {2}", planned.Deployment.Id, planned.Deployment.Environment, plan.Repository),
                PercentComplete = total > 0 ? Math.Min(99, done * 100 / total) : -1,
                SecondsRemaining = (int)Math.Ceiling(remaining.TotalSeconds),
            };
        }

        /// <summary>The deployments a run has done and those that failed (its own and the plan's), for the progress bar.</summary>
        sealed class Tally
        {
            public Tally(int failed) => Failed = failed;

            public int Done { get; set; }
            public int Failed { get; set; }

            /// <summary>"60 retired, 0 failed"</summary>
            public string Text(CleanupKind kind) =>
                string.Format(CultureInfo.InvariantCulture, "{0} {1}, {2} failed", Done, kind == CleanupKind.Retire ? "retired" : "deleted", Failed);
        }

        /// <summary>"Total: 3 repositories: …", for a run over more than one repository.</summary>
        public string Total()
        {
            var results = plans.Select(p => p.Result).ToList();
            var sum = new GhCleanupResult
            {
                Kept = results.Sum(r => r.Kept),
                Skipped = results.Sum(r => r.Skipped),
                Retired = results.Sum(r => r.Retired),
                Deleted = results.Sum(r => r.Deleted),
                Failed = results.Sum(r => r.Failed),
                Remaining = results.Sum(r => r.Remaining),
            };
            var archived = plans.Count(p => p.Archived);
            return string.Format(CultureInfo.InvariantCulture, "Total: {0} repositories{1}: {2}.", plans.Count,
                archived > 0 ? " (" + archived + " archived, left as they are)" : "", RepositoryPlan.Figures(kind, sum));
        }

        static (Exception? Failure, T Value) Try<T>(Func<T> work)
        {
            try
            {
                return (null, work());
            }
            catch (Exception ex) when (Failures.IsItemFailure(ex))
            {
                return (ex, default!);
            }
        }
    }
}
