using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Testing;
using DeploymentStatus.Workflows;
using GitHubEmulator.State;
using Xunit;
using Xunit.Abstractions;

namespace DeploymentStatus.Tests;

// Waiting for a deployment (Workflows/DeploymentWait.cs) through the module's own session against the in-process emulator,
// both on one manual clock: a wait of half an hour runs in no real time, and every poll's time is asserted exactly. The
// emulator's deployment scripts play the workflow that posts the statuses meanwhile.
public class DeploymentWaitTests
{
    static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);
    const string Owner = "octo-org";
    const string Name = "hello-world";

    static DeploymentWait Wait(SessionRig rig, WaitTarget target, TimeSpan? timeout = null, IEnumerable<string>? states = null, TimeSpan? interval = null) =>
        new(rig.Api, rig.Repository, target, states ?? DeploymentWait.DefaultStates, interval ?? Interval,
            rig.Clock.GetUtcNow() + (timeout ?? HalfAnHour), rig.Clock);

    static Task<List<WaitEvent>> RunAsync(DeploymentWait wait, WorkflowHost? host = null) =>
        Task.Run(() => wait.Run(host ?? new WorkflowHost()).ToList());

    static void Script(SessionRig rig, long id, params ScriptStatus[] steps) =>
        rig.Emulator.State.AddScript(Owner, Name, new ScriptSpec { DeploymentId = id, Steps = steps });

    /// <summary>Each poll's requests: seconds since <paramref name="start"/> and the status GitHub answered.</summary>
    static List<(double At, int Status)> Polls(SessionRig rig, DateTimeOffset start, string pathEnd = "/statuses") =>
        rig.Rest.Where(r => r.Path.EndsWith(pathEnd, StringComparison.Ordinal)).Select(r => ((r.Time - start).TotalSeconds, r.Status)).ToList();

    public class ById
    {
        [Fact]
        public async Task ReturnsTheStatusThatReachedAWantedState_PollingAtTheIntervalAndLongerWhileNothingChanges()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "queued")[0];
            Script(rig, id, new ScriptStatus("in_progress") { AfterMs = 20_000 },
                new ScriptStatus("success") { AfterMs = 60_000, Description = "Deployed", EnvironmentUrl = "https://staging.example.com" });
            var start = rig.Clock.GetUtcNow();

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id)));

            var end = events[^1];
            Assert.Equal(WaitEventKind.Reached, end.Kind);
            Assert.Equal("success", end.Status!.State);
            Assert.Equal(id, end.Status.DeploymentId);
            Assert.Equal("https://staging.example.com", end.Status.EnvironmentUrl);
            Assert.Equal(TimeSpan.FromSeconds(84.375), end.Elapsed);
            Assert.Equal(["queued", "in_progress", "success"], events.Where(e => e.Kind == WaitEventKind.StateChanged).Select(e => e.State));
            // 5 s, then half as long again each time nothing changed (7.5, 11.25, …), back to 5 s after a change.
            Assert.Equal(
                [(0, 200), (5, 304), (12.5, 304), (23.75, 200), (28.75, 304), (36.25, 304), (47.5, 304), (64.375, 304), (84.375, 200)],
                Polls(rig, start));
            Assert.All(rig.Rest.Skip(1), r => Assert.False(string.IsNullOrEmpty(r.Headers.GetValueOrDefault("If-None-Match"))));
            Assert.Empty(rig.GraphQL);
        }

        [Fact]
        public async Task TimesOutAtTheDeadlineAfterALastPoll_EveryPollButTheFirstA304ThatCostNothing()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress")[0];
            var start = rig.Clock.GetUtcNow();
            var wait = Wait(rig, WaitTarget.Deployment(id));

            var events = await RunAsync(wait);

            var end = events[^1];
            Assert.Equal(WaitEventKind.TimedOut, end.Kind);
            Assert.Equal("in_progress", end.State);
            Assert.Equal(HalfAnHour, end.Elapsed);
            var polls = Polls(rig, start);
            // 0, 5, 12.5, 23.75, 40.625, 60.625, then every 20 s (four times the interval), the last one at the deadline.
            Assert.Equal([0, 5, 12.5, 23.75, 40.625, 60.625, 80.625], polls.Take(7).Select(p => p.At));
            Assert.Equal(1780.625, polls[^2].At);
            Assert.Equal(1800, polls[^1].At);
            Assert.Equal(93, polls.Count);
            Assert.Equal(200, polls[0].Status);
            Assert.All(polls.Skip(1), p => Assert.Equal(304, p.Status));
            Assert.All(rig.Wire, r => Assert.Equal(1, r.RateLimitUsed));
            Assert.Equal(4999, rig.Emulator.State.RateLimits.Remaining);
            Assert.Equal(1, rig.Session.LastRateLimit!.Used);
            Assert.Equal((93, 93, 92), (wait.Tally.Polls, wait.Tally.Requests, wait.Tally.NotModified));
        }

        [Fact]
        public async Task FailureNotAskedForEndsItAsFailed_AskedForItIsTheAnswer()
        {
            await using var rig = await SessionRig.StartAsync();
            var ids = rig.Seed(2, "staging", "in_progress");
            foreach (var id in ids) Script(rig, id, new ScriptStatus("failure") { Description = "Health check failed", LogUrl = "https://ci.example.com/runs/7" });

            var failed = await RunAsync(Wait(rig, WaitTarget.Deployment(ids[0]), states: ["success"]));
            var answered = await RunAsync(Wait(rig, WaitTarget.Deployment(ids[1]), states: ["success", "failure"]));

            Assert.Equal(WaitEventKind.Failed, failed[^1].Kind);
            Assert.Equal("Health check failed", failed[^1].Status!.Description);
            Assert.Equal("https://ci.example.com/runs/7", failed[^1].Status!.LogUrl);
            Assert.Equal(WaitEventKind.Reached, answered[^1].Kind);
            Assert.Equal("failure", answered[^1].Status!.State);
        }

        [Fact]
        public async Task AStateThatCameAndWentBetweenTwoPollsStillCounts()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "queued")[0];
            Script(rig, id, new ScriptStatus("in_progress") { AfterMs = 3000 }, new ScriptStatus("success") { AfterMs = 0 });

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id), states: ["in_progress"]));

            Assert.Equal(WaitEventKind.Reached, events[^1].Kind);
            Assert.Equal("in_progress", events[^1].Status!.State);
            Assert.Equal(TimeSpan.FromSeconds(5), events[^1].Elapsed);
        }

        [Fact]
        public async Task OfADeploymentThatWasThereOnlyItsNewestStatusCounts()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress", "failure", "queued", "in_progress", "success")[0];

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id)));

            Assert.Equal([WaitEventKind.StateChanged, WaitEventKind.Reached], events.Select(e => e.Kind));
            Assert.Equal("success", events[^1].Status!.State);
            Assert.Single(rig.Rest);
        }

        [Fact]
        public async Task APipedDeploymentsStateIsShownUntilItsFirstStatus_WhichIsToldEvenWhenItIsTheSame()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Emulator.State.SeedDeployments(Owner, Name, new DeploymentSeed { Environment = "staging", States = [] })[0];
            Script(rig, id, new ScriptStatus("pending") { AfterPolls = 2 }, new ScriptStatus("success"));

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id, knownState: "pending")));

            Assert.Equal(["pending", "pending"], events.Where(e => e.Kind == WaitEventKind.Polled).Take(2).Select(e => e.State));
            Assert.Equal(["pending", "success"], events.Where(e => e.Kind == WaitEventKind.StateChanged).Select(e => e.Status!.State));
        }

        [Fact]
        public async Task NeverPollsMoreOftenThanXPollIntervalAsks()
        {
            await using var rig = await SessionRig.StartAsync();
            rig.Emulator.State.Settings.PollIntervalSeconds = 60;
            var id = rig.Seed(1, "staging", "in_progress")[0];
            var start = rig.Clock.GetUtcNow();

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id), timeout: TimeSpan.FromMinutes(3)));

            Assert.Equal(WaitEventKind.TimedOut, events[^1].Kind);
            Assert.Equal([0, 60, 120, 180], Polls(rig, start).Select(p => p.At));
        }

        [Fact]
        public async Task APollGitHubCannotAnswerIsTroubleAndTheWaitGoesOn()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress")[0];
            // More 502s than the policy's retries (4) for the first poll; the next one sees the success.
            rig.Emulator.State.Faults.Add(new FaultRule { Method = "GET", Path = new("/statuses$"), Status = 502, Count = 5 });
            Script(rig, id, new ScriptStatus("success") { AfterPolls = 5 });

            var events = await RunAsync(Wait(rig, WaitTarget.Deployment(id)));

            Assert.Equal(WaitEventKind.Reached, events[^1].Kind);
            var trouble = Assert.Single(events, e => e.Kind == WaitEventKind.Trouble);
            Assert.Equal(GhFailureKind.ServerError, Assert.IsAssignableFrom<GhFailureException>(trouble.Error).Kind);
        }

        [Fact]
        public async Task ADeploymentGitHubDoesNotKnowIsItsNotFound()
        {
            await using var rig = await SessionRig.StartAsync();

            var error = await Assert.ThrowsAsync<GitHubApiException>(() => RunAsync(Wait(rig, WaitTarget.Deployment(42))));

            Assert.Equal(404, error.Status);
        }

        [Fact]
        public async Task StoppingTheHostEndsAWaitAtOnce()
        {
            // A clock that does not move: the wait between polls lasts until the stop.
            var clock = new ManualClock();
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress")[0];
            using var stop = new CancellationTokenSource();
            var wait = new DeploymentWait(rig.Api, rig.Repository, WaitTarget.Deployment(id), DeploymentWait.DefaultStates, Interval, clock.GetUtcNow() + HalfAnHour, clock);

            var running = RunAsync(wait, new WorkflowHost(stop.Token));
            while (rig.Rest.Count == 0) await Task.Delay(10);
            await Task.Delay(100);
            Assert.False(running.IsCompleted);
            stop.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running.WaitAsync(TimeSpan.FromSeconds(1)));
            Assert.Single(rig.Rest);
        }
    }

    public class TheConditionalRequests
    {
        [Fact]
        public async Task SendTheLastETagAndTakeA304AsNoChange_NotRetriedAndSaidToBeFree()
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress")[0];

            var (first, _) = await PolicyRig.RunAsync(t => rig.Api.PollStatusesAsync(rig.Repository, id, null, t));
            var (again, messages) = await PolicyRig.RunAsync(t => rig.Api.PollStatusesAsync(rig.Repository, id, first.ETag, t));
            await PolicyRig.RunAsync(t => rig.Api.GetLatestStatusAsync(rig.Repository, id, t));

            Assert.True(first.Changed);
            Assert.Equal("in_progress", Assert.Single(first.Value!).State);
            Assert.Matches("^W/\"[0-9a-f]{64}\"$", first.ETag);
            Assert.False(again.Changed);
            Assert.Null(again.Value);
            Assert.Equal(first.ETag, again.ETag);
            Assert.Null(first.PollInterval);
            Assert.Equal([200, 304, 200], rig.Rest.Select(r => r.Status));
            Assert.False(rig.Rest[0].Headers.ContainsKey("If-None-Match"));
            Assert.Equal(first.ETag, rig.Rest[1].Headers["If-None-Match"]);
            Assert.False(rig.Rest[2].Headers.ContainsKey("If-None-Match"), "only a poll is conditional");
            Assert.Contains(messages, m => m.Contains("-> 304 Not Modified", StringComparison.Ordinal) && m.Contains("free (not counted against the rate limit)", StringComparison.Ordinal));
            Assert.Equal(4998, rig.Emulator.State.RateLimits.Remaining);
        }

        [Fact]
        public async Task TheNewestDeploymentOfAListIsPolledTheSameWay_AndXPollIntervalIsRead()
        {
            await using var rig = await SessionRig.StartAsync();
            rig.Emulator.State.Settings.PollIntervalSeconds = 30;
            var filters = new Dictionary<string, string> { ["environment"] = "staging" };

            var (none, _) = await PolicyRig.RunAsync(t => rig.Api.PollNewestDeploymentAsync(rig.Repository, filters, null, t));
            var ids = rig.Seed(2, "staging", "queued");
            var (newest, _) = await PolicyRig.RunAsync(t => rig.Api.PollNewestDeploymentAsync(rig.Repository, filters, none.ETag, t));
            var (same, _) = await PolicyRig.RunAsync(t => rig.Api.PollNewestDeploymentAsync(rig.Repository, filters, newest.ETag, t));

            Assert.True(none.Changed);
            Assert.Null(none.Value);
            Assert.Equal(ids[1], newest.Value!.Id);
            Assert.Null(newest.Value.State);
            Assert.False(same.Changed);
            Assert.Equal(TimeSpan.FromSeconds(30), same.PollInterval);
            Assert.All(rig.Rest, r => Assert.Contains("per_page=1", r.Query));
            Assert.Empty(rig.GraphQL);
        }
    }

    public class NewestOfAnEnvironment
    {
        const string Sha = "2222222222222222222222222222222222222222";

        static Task<SessionRig> StartAsync() => SessionRig.StartAsync([new GitRefSpec("v2") { Sha = Sha }]);

        [Fact]
        public async Task WaitsForOneCreatedAfterTheWaitBegan_AllItsStatusesCounting()
        {
            await using var rig = await StartAsync();
            rig.Seed(1, "staging", "success");
            rig.Emulator.State.AddScript(Owner, Name, new ScriptSpec
            {
                Create = new ScriptCreation { Environment = "staging", Ref = "v2", AfterMs = 30_000 },
                Steps = [new ScriptStatus("queued") { AfterMs = 0 }, new ScriptStatus("in_progress") { AfterMs = 0 }, new ScriptStatus("success") { AfterMs = 30_000 }],
            });
            var start = rig.Clock.GetUtcNow();

            var events = await RunAsync(Wait(rig, WaitTarget.Newest("staging", null, Sha)));

            var found = Assert.Single(events, e => e.Kind == WaitEventKind.Found);
            Assert.Equal(Sha, found.Found!.Sha);
            Assert.True(found.Found.CreatedAt > start);
            Assert.Equal(["queued", "in_progress", "success"], events.Where(e => e.Kind == WaitEventKind.StateChanged).Select(e => e.State));
            Assert.Equal(WaitEventKind.Reached, events[^1].Kind);
            Assert.Equal(found.Found.Id, events[^1].Status!.DeploymentId);
            // Before it existed, the list answered 304 (no charge) to every poll but the first.
            var lists = Polls(rig, start, "/deployments");
            Assert.Equal([(0, 200), (5, 304), (12.5, 304), (23.75, 304), (40.625, 200)], lists.Take(5));
            Assert.Contains("sha=" + Sha, rig.Rest[0].Query);
        }

        [Fact]
        public async Task ANewerDeploymentTakesOverFromTheOneFirstFound()
        {
            await using var rig = await StartAsync();
            var old = rig.Seed(1, "staging", "in_progress")[0];
            rig.Emulator.State.AddScript(Owner, Name, new ScriptSpec
            {
                Create = new ScriptCreation { Environment = "staging", AfterPolls = 2 },
                Steps = [new ScriptStatus("error") { AfterPolls = 0, Description = "Rollout aborted" }],
            });

            var events = await RunAsync(Wait(rig, WaitTarget.Newest("staging", null, null), states: ["success"]));

            Assert.Equal([old, old + 1], events.Where(e => e.Kind == WaitEventKind.Found).Select(e => e.Found!.Id));
            Assert.Equal(WaitEventKind.Failed, events[^1].Kind);
            Assert.Equal(old + 1, events[^1].Status!.DeploymentId);
        }

        [Fact]
        public async Task NoneAppearingIsATimeoutWithoutADeployment()
        {
            await using var rig = await StartAsync();
            rig.Seed(1, "qa", "in_progress");

            var events = await RunAsync(Wait(rig, WaitTarget.Newest("staging", "main", null), timeout: TimeSpan.FromMinutes(1)));

            Assert.Equal(WaitEventKind.TimedOut, events[^1].Kind);
            Assert.Null(events[^1].DeploymentId);
            Assert.Equal("the newest deployment of staging (ref main) in octo-org/hello-world", events[^1].Subject);
            Assert.DoesNotContain(rig.Rest, r => r.Path.EndsWith("/statuses", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// What a wait costs in GitHub's rate limit: a 2-minute wait at a 5 s interval, for a deployment that is in progress
    /// when the wait begins and succeeds 2 minutes later (the figure the issue asks for).
    /// </summary>
    public class TheCost(ITestOutputHelper output)
    {
        async Task<(int Requests, int Counted, int Remaining)> TwoMinuteWaitAsync(Func<long, WaitTarget> target)
        {
            await using var rig = await SessionRig.StartAsync();
            var id = rig.Seed(1, "staging", "in_progress")[0];
            Script(rig, id, new ScriptStatus("success") { AfterMs = 120_000 });

            var events = await RunAsync(Wait(rig, target(id)));

            Assert.Equal(WaitEventKind.Reached, events[^1].Kind);
            Assert.InRange(events[^1].Elapsed, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(2.5));
            var counted = rig.Rest.Count(r => r.Status != 304);
            output.WriteLine("{0}: {1} requests in {2}, {3} counted against the rate limit (x-ratelimit-used {4}), {5} answered 304",
                target(id).Filters == null ? "by id" : "newest of staging", rig.Rest.Count, events[^1].Elapsed, counted,
                rig.Wire[^1].RateLimitUsed, rig.Rest.Count - counted);
            return (rig.Rest.Count, counted, rig.Emulator.State.RateLimits.Remaining);
        }

        [Fact]
        public async Task ByIdTheFirstAnswerAndTheChange()
        {
            var (requests, counted, remaining) = await TwoMinuteWaitAsync(id => WaitTarget.Deployment(id));

            Assert.Equal(9, requests);
            Assert.Equal(2, counted);
            Assert.Equal(5000 - 2, remaining);
        }

        [Fact]
        public async Task ForTheNewestOfAnEnvironmentTwiceThat_TheListToo()
        {
            var (requests, counted, remaining) = await TwoMinuteWaitAsync(_ => WaitTarget.Newest("staging", null, null));

            Assert.Equal(18, requests);
            Assert.Equal(4, counted);
            Assert.Equal(5000 - 4, remaining);
        }
    }
}
