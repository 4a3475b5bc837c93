using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// Waits for a deployment to reach one of the wanted states, polling GitHub with conditional requests: every poll
    /// sends the ETag of the last answer, so while nothing changes GitHub answers 304 Not Modified, which costs no rate
    /// limit. The deployment is one by id, or the newest one matching an environment (and a ref or sha), including one
    /// created while waiting (the list is polled the same way, and a newer deployment becomes the one waited for).
    /// A poll reads the deployment's newest statuses (a page of 100) and takes those it has not seen, oldest first, so a
    /// state that came and went between two polls still counts; of a deployment that existed before the wait began, only
    /// the newest status counts (its current state). Between polls it waits the interval, longer (by half each time, up to
    /// four times the interval, at most a minute unless the interval is longer) while nothing changes, never less than
    /// GitHub's X-Poll-Interval, and never past the deadline: at the deadline it polls once more, then times out.
    /// Everything runs on the injected clock; a poll that GitHub could not answer (5xx, network, timeout, after the policy's
    /// retries) is reported and the wait goes on; any other failure ends it (thrown to the caller).
    /// </summary>
    internal sealed class DeploymentWait
    {
        /// <summary>The states that end a wait that did not ask for them: the deployment failed.</summary>
        public static readonly IReadOnlyCollection<string> FailedStates = new[] { "failure", "error" };

        /// <summary>The states waited for when none are given: every state a deployment ends in.</summary>
        public static readonly IReadOnlyList<string> DefaultStates = new[] { "success", "failure", "error", "inactive" };

        static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
        static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);
        const double BackoffFactor = 1.5;
        const int BackoffLimit = 4;

        readonly GitHubApi api;
        readonly RepositoryName repository;
        readonly WaitTarget target;
        readonly HashSet<string> states;
        readonly TimeSpan interval;
        readonly DateTimeOffset deadline;
        readonly TimeProvider time;

        long? deploymentId;
        string? listTag, statusTag;
        long lastStatusId;
        /// <summary>Whether only the newest status of the deployment counts: it existed before the wait began.</summary>
        bool onlyNewest = true;
        TimeSpan pollInterval = TimeSpan.Zero;
        DateTimeOffset started;

        /// <param name="interval">The time between polls while things change; more while they do not.</param>
        /// <param name="deadline">When to give up, on <paramref name="time"/>: one last poll then, and the wait has timed out.</param>
        public DeploymentWait(GitHubApi api, RepositoryName repository, WaitTarget target, IEnumerable<string> states, TimeSpan interval,
            DateTimeOffset deadline, TimeProvider time)
        {
            this.api = api;
            this.repository = repository;
            this.target = target;
            this.states = new HashSet<string>(states, StringComparer.Ordinal);
            this.interval = interval > TimeSpan.Zero ? interval : Tick;
            this.deadline = deadline;
            this.time = time;
            deploymentId = target.DeploymentId;
        }

        /// <summary>The deployment waited for: the one given, or the newest matching one found; null until one is.</summary>
        public long? DeploymentId => deploymentId;

        /// <summary>The state of the deployment's newest status seen (or, before any, the state it was known to have); null when none.</summary>
        public string? State => seen ?? (deploymentId == target.DeploymentId ? target.KnownState : null);

        /// <summary>The state of the newest status seen; null before any (each change from it is told, the first one too).</summary>
        string? seen;

        /// <summary>How many polls, requests and 304s (free) the wait took.</summary>
        public WaitTally Tally { get; } = new WaitTally();

        /// <summary>"octo-org/hello-world deployment 3000000001", or "the newest deployment of staging (sha abc123) in octo-org/hello-world" until one is found.</summary>
        public string Subject => deploymentId is long id ? repository + " deployment " + id : target.Describe(repository);

        /// <summary>
        /// Waits, telling what happens as it does: the deployment found, each change of state, each poll, each second
        /// between polls, and how it ended (the last event: Reached, Failed or TimedOut). Stopping the enumeration (or the
        /// host) stops the wait.
        /// </summary>
        public IEnumerable<WaitEvent> Run(IWorkflowHost host)
        {
            started = time.GetUtcNow();
            var next = interval;
            while (true)
            {
                var poll = Poll(host);
                var changed = false;
                if (poll.Found != null)
                {
                    changed = true;
                    yield return Event(WaitEventKind.Found, poll.Found);
                }
                foreach (var status in poll.Statuses)
                {
                    if (status.State != seen)
                    {
                        changed = true;
                        seen = status.State;
                        yield return Event(WaitEventKind.StateChanged, status: status);
                    }
                    if (states.Contains(status.State))
                    {
                        yield return Event(WaitEventKind.Reached, status: status);
                        yield break;
                    }
                    if (FailedStates.Contains(status.State))
                    {
                        yield return Event(WaitEventKind.Failed, status: status);
                        yield break;
                    }
                }
                if (poll.Trouble != null) yield return Event(WaitEventKind.Trouble, error: poll.Trouble);

                var now = time.GetUtcNow();
                if (now >= deadline)
                {
                    yield return Event(WaitEventKind.TimedOut);
                    yield break;
                }
                next = changed || Tally.Polls == 1 ? interval : Longer(next);
                var wait = Min(next > pollInterval ? next : pollInterval, deadline - now);
                yield return Event(WaitEventKind.Polled, notModified: poll.NotModified, nextPoll: wait);

                // The time between polls, a second at a time, so that progress can show it passing.
                var until = now + wait;
                for (var left = wait; left > TimeSpan.Zero; left = until - time.GetUtcNow())
                {
                    var step = Min(left, Tick);
                    host.Run(t => SleepAsync(step, t));
                    yield return Event(WaitEventKind.Waiting, nextPoll: until - time.GetUtcNow());
                }
            }
        }

        /// <summary>Half as long again, up to <see cref="BackoffLimit"/> times the interval, and at most a minute unless the interval is longer.</summary>
        TimeSpan Longer(TimeSpan current)
        {
            var longest = TimeSpan.FromTicks(Math.Max(interval.Ticks, Math.Min(interval.Ticks * BackoffLimit, LongestBackoff.Ticks)));
            var longer = TimeSpan.FromTicks((long)(current.Ticks * BackoffFactor));
            return longer < longest ? longer : longest;
        }

        static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        async Task<bool> SleepAsync(TimeSpan wait, CancellationToken token)
        {
            await time.Delay(wait, token).ConfigureAwait(false);
            return true;
        }

        /// <summary>
        /// One poll: the newest matching deployment (when waiting for one), then its statuses, each a conditional request.
        /// A failure GitHub may get over (5xx, network, timeout) is returned as trouble; any other is thrown.
        /// </summary>
        PollResult Poll(IWorkflowHost host)
        {
            var result = new PollResult();
            var first = Tally.Polls == 0;
            Tally.Polls++;
            try
            {
                if (target.Filters != null)
                {
                    var newest = host.Run(t => api.PollNewestDeploymentAsync(repository, target.Filters, listTag, t));
                    listTag = Count(newest, result);
                    if (newest.Changed && newest.Value != null && newest.Value.Id != deploymentId)
                    {
                        // A newer deployment than the one waited for (or the first one): it is the one now. One that
                        // appeared while waiting is new, so each of its statuses counts.
                        deploymentId = newest.Value.Id;
                        statusTag = null;
                        lastStatusId = 0;
                        onlyNewest = first;
                        seen = null;
                        result.Found = newest.Value;
                    }
                }
                if (deploymentId is long id)
                {
                    var polled = host.Run(t => api.PollStatusesAsync(repository, id, statusTag, t));
                    statusTag = Count(polled, result);
                    if (polled.Changed && polled.Value != null)
                    {
                        // Newest first from GitHub; handed on oldest first.
                        var unseen = polled.Value.Where(s => s.Id > lastStatusId).Take(onlyNewest ? 1 : int.MaxValue).Reverse().ToList();
                        onlyNewest = false;
                        if (unseen.Count > 0) lastStatusId = unseen[unseen.Count - 1].Id;
                        result.Statuses = unseen;
                    }
                }
            }
            catch (GhFailureException ex) when (ex.Kind == GhFailureKind.ServerError || ex.Kind == GhFailureKind.NetworkError || ex.Kind == GhFailureKind.Timeout)
            {
                result.Trouble = ex;
                result.NotModified = false;
            }
            return result;
        }

        string? Count<T>(Polled<T> polled, PollResult result)
        {
            Tally.Requests++;
            if (polled.Changed) result.NotModified = false;
            else Tally.NotModified++;
            if (polled.PollInterval is TimeSpan asked && asked > pollInterval) pollInterval = asked;
            return polled.ETag;
        }

        WaitEvent Event(WaitEventKind kind, GhDeployment? found = null, GhDeploymentStatus? status = null, Exception? error = null,
            bool notModified = false, TimeSpan? nextPoll = null) =>
            new WaitEvent(kind, Subject, State, time.GetUtcNow() - started)
            {
                DeploymentId = deploymentId,
                Found = found,
                Status = status,
                Error = error,
                NotModified = notModified,
                NextPoll = nextPoll,
                TimeLeft = deadline - time.GetUtcNow(),
            };

        sealed class PollResult
        {
            public GhDeployment? Found { get; set; }
            public IReadOnlyList<GhDeploymentStatus> Statuses { get; set; } = Array.Empty<GhDeploymentStatus>();
            /// <summary>Every request of the poll was answered 304 Not Modified.</summary>
            public bool NotModified { get; set; } = true;
            public Exception? Trouble { get; set; }
        }
    }

    /// <summary>What to wait for: a deployment by id, or the newest one matching an environment (and a ref or sha).</summary>
    internal sealed class WaitTarget
    {
        WaitTarget(long? deploymentId, string? knownState, IDictionary<string, string>? filters)
        {
            DeploymentId = deploymentId;
            KnownState = knownState;
            Filters = filters;
        }

        public long? DeploymentId { get; }

        /// <summary>The deployment's state as the caller knows it (a piped deployment's GitHub state), shown until a status is seen.</summary>
        public string? KnownState { get; }

        /// <summary>GitHub's list filters (environment, ref, sha); null for a deployment by id.</summary>
        public IDictionary<string, string>? Filters { get; }

        public static WaitTarget Deployment(long id, string? knownState = null) => new WaitTarget(id, knownState, null);

        public static WaitTarget Newest(string environment, string? reference, string? sha)
        {
            var filters = new Dictionary<string, string> { ["environment"] = environment };
            if (reference != null) filters["ref"] = reference;
            if (sha != null) filters["sha"] = sha;
            return new WaitTarget(null, null, filters);
        }

        /// <summary>"octo-org/hello-world deployment 3000000001", or "the newest deployment of staging (ref main, sha abc123) in octo-org/hello-world"</summary>
        public string Describe(RepositoryName repository) =>
            Filters == null ? repository + " deployment " + DeploymentId : "the newest " + Wanted(repository);

        /// <summary>"deployment of staging (ref main, sha abc123) in octo-org/hello-world": what is looked for among the deployments.</summary>
        public string Wanted(RepositoryName repository)
        {
            var narrowed = (Filters ?? new Dictionary<string, string>()).Where(f => f.Key != "environment").Select(f => f.Key + " " + f.Value).ToList();
            return "deployment of " + (Filters != null ? Filters["environment"] : "") + (narrowed.Count > 0 ? " (" + string.Join(", ", narrowed) + ")" : "") + " in " + repository;
        }
    }

    internal enum WaitEventKind
    {
        /// <summary>The newest matching deployment was found (or a newer one appeared): it is the one waited for now.</summary>
        Found,
        /// <summary>The deployment's state changed (<see cref="WaitEvent.Status"/> is the status that says so).</summary>
        StateChanged,
        /// <summary>A poll is done; the next one is <see cref="WaitEvent.NextPoll"/> away.</summary>
        Polled,
        /// <summary>A second of the time between polls has passed.</summary>
        Waiting,
        /// <summary>GitHub could not answer a poll (<see cref="WaitEvent.Error"/>); the wait goes on.</summary>
        Trouble,
        /// <summary>The end: a wanted state was reached (<see cref="WaitEvent.Status"/>).</summary>
        Reached,
        /// <summary>The end: the deployment failed (failure or error, not asked for).</summary>
        Failed,
        /// <summary>The end: the deadline passed first.</summary>
        TimedOut,
    }

    /// <summary>Something that happened while waiting, and where the wait stands.</summary>
    internal sealed class WaitEvent
    {
        public WaitEvent(WaitEventKind kind, string subject, string? state, TimeSpan elapsed)
        {
            Kind = kind;
            Subject = subject;
            State = state;
            Elapsed = elapsed;
        }

        public WaitEventKind Kind { get; }
        /// <summary>The deployment waited for; null while none matching was found.</summary>
        public long? DeploymentId { get; set; }
        /// <summary>What is waited for: the deployment, or (until one is found) the description of the one wanted.</summary>
        public string Subject { get; }
        /// <summary>The state of the newest status seen; null before any.</summary>
        public string? State { get; }
        /// <summary>How long this deployment has been waited for, on the injected clock.</summary>
        public TimeSpan Elapsed { get; }
        public TimeSpan TimeLeft { get; set; }
        public GhDeployment? Found { get; set; }
        public GhDeploymentStatus? Status { get; set; }
        public Exception? Error { get; set; }
        /// <summary>Polled: every request of the poll was answered 304 Not Modified (free).</summary>
        public bool NotModified { get; set; }
        public TimeSpan? NextPoll { get; set; }

        /// <summary>Whether this is how the wait ended (the last event).</summary>
        public bool IsEnd => Kind == WaitEventKind.Reached || Kind == WaitEventKind.Failed || Kind == WaitEventKind.TimedOut;
    }

    /// <summary>The cost of a wait: polls, requests, and how many of them GitHub answered 304 Not Modified (not counted against the rate limit).</summary>
    internal sealed class WaitTally
    {
        public int Polls { get; set; }
        public int Requests { get; set; }
        public int NotModified { get; set; }
    }
}
