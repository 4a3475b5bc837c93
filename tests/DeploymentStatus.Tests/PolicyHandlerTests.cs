using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using System.Net;
using DeploymentStatus.Commands;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using GitHubEmulator;
using GitHubEmulator.State;
using Xunit;
using static DeploymentStatus.Tests.PolicyRig;

namespace DeploymentStatus.Tests;

// The HTTP policy (Http/GitHubPolicyHandler.cs) against the in-process emulator, through Octokit's connection exactly
// as the module builds it. Every test counts the requests the emulator saw. The policy's waits (backoff, rate limits,
// pacing) run on the rig's manual clock, so GitHub's own figures (a minute after a secondary limit) cost no real time
// and are asserted exactly; only what bounds real I/O (the attempt timeout, a hung server) is measured in real time.
// One collection: the timing assertions should not compete with each other for the CPU.
[CollectionDefinition(nameof(PolicyHandlerTests), DisableParallelization = true)]
public sealed class PolicyHandlerCollection { }

[Collection(nameof(PolicyHandlerTests))]
public class PolicyHandlerTests
{
    const string DeploymentsPath = "^/repos/octo-org/hello-world/deployments$";
    const string StatusesPath = "^/repos/octo-org/hello-world/deployments/\\d+/statuses$";

    static readonly Dictionary<string, string> NoFilters = new();

    static async Task<IReadOnlyList<GhDeployment>> ListAsync(PolicyRig rig, CancellationToken t) => (await rig.Api.ListDeployments(rig.Repository, NoFilters).NextAsync(t))!;

    static int[] Statuses(IEnumerable<RecordedRequest> requests) => requests.Select(r => r.Status).ToArray();

    [Collection(nameof(PolicyHandlerTests))]
    public class TheTransientFailureRules
    {
        [Fact]
        public async Task RetriesAGetThrough502_503_504ThenReturnsTheAnswer()
        {
            // GitHub's figures: backoff from 1 s, doubling, half of each step random.
            var policy = FastPolicy();
            policy.RetryBaseDelaySeconds = 1;
            policy.MaxRetryDelaySeconds = 60;
            await using var rig = await StartAsync(policy);
            rig.Seed(3);
            rig.Fault("GET", DeploymentsPath, 502);
            rig.Fault("GET", DeploymentsPath, 503);
            rig.Fault("GET", DeploymentsPath, 504);

            var (page, messages) = await RunAsync(t => ListAsync(rig, t));

            Assert.Equal(3, page.Count);
            Assert.Equal([502, 503, 504, 200], Statuses(rig.Requests("GET")));
            // 1 + 2 + 4 s, each between half and all of it.
            Assert.InRange(rig.Waited, TimeSpan.FromSeconds(3.5), TimeSpan.FromSeconds(7));
            Assert.Equal(3, messages.Count(m => m.Contains("try ", StringComparison.Ordinal) && m.Contains(" answered 5", StringComparison.Ordinal)));
        }

        [Fact]
        public async Task RetriesAGetWhoseConnectionWasDropped()
        {
            await using var rig = await StartAsync();
            rig.Seed(1);
            rig.Fault("GET", DeploymentsPath, drop: true);

            var (page, messages) = await RunAsync(t => ListAsync(rig, t));

            Assert.Single(page);
            Assert.Equal(2, rig.Wire.Attempts.Count(a => a.Method == HttpMethod.Get));
            Assert.Equal(200, rig.Requests("GET").Last().Status);
            Assert.Contains(messages, m => m.Contains("failed (", StringComparison.Ordinal) && m.Contains("try 2 of 5", StringComparison.Ordinal));
        }

        [Fact]
        public async Task GivesUpAfterMaxRetriesWithGhServerError()
        {
            var policy = FastPolicy();
            policy.MaxRetries = 2;
            await using var rig = await StartAsync(policy);
            rig.Fault("GET", DeploymentsPath, 502, count: 10);

            var (error, _, elapsed) = await FailAsync(t => ListAsync(rig, t));

            var api = Assert.IsType<GitHubApiException>(error);
            Assert.Equal(502, api.Status);
            Assert.Equal(GhFailureKind.ServerError, api.Kind);
            Assert.Equal(3, rig.Requests("GET").Count);
            Assert.Equal("GhServerError", Errors.From(error, null).FullyQualifiedErrorId);
            Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task GivesUpOnConnectionsDroppedEveryTimeWithGhNetworkError()
        {
            var policy = FastPolicy();
            policy.MaxRetries = 2;
            await using var rig = await StartAsync(policy);
            rig.Fault("GET", DeploymentsPath, drop: true, count: 10);

            var (error, _, _) = await FailAsync(t => ListAsync(rig, t));

            var failure = Assert.IsType<GhFailureException>(error);
            Assert.Equal(GhFailureKind.NetworkError, failure.Kind);
            Assert.Equal(3, rig.Wire.Attempts.Count);
            var record = Errors.From(error, null);
            Assert.Equal("GhNetworkError", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, record.CategoryInfo.Category);
        }

        [Fact]
        public async Task NeverResendsAPostThatMet502()
        {
            await using var rig = await StartAsync();
            rig.Fault("POST", DeploymentsPath, 502);

            var (error, _, _) = await FailAsync(t => rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main"), t));

            Assert.Equal(502, Assert.IsType<GitHubApiException>(error).Status);
            Assert.Single(rig.Requests("POST"));
        }

        [Fact]
        public async Task NeverResendsAPostWhoseConnectionWasDropped()
        {
            await using var rig = await StartAsync();
            rig.Fault("POST", DeploymentsPath, drop: true);

            var (error, _, _) = await FailAsync(t => rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main"), t));

            Assert.Equal(GhFailureKind.NetworkError, Assert.IsType<GhFailureException>(error).Kind);
            Assert.Single(rig.Wire.Attempts, a => a.Method == HttpMethod.Post);
        }

        [Fact]
        public async Task ResendsAPostWhenTheConnectionWasNeverMade()
        {
            // Nothing listens: GitHub cannot have seen the request, so sending it again is safe.
            var policy = FastPolicy();
            policy.MaxRetries = 2;
            var wire = new WireTap(new HttpClientHandler { AllowAutoRedirect = false });
            using var transport = new ApiTransport(new Uri($"http://127.0.0.1:{ClosedPort()}/api/v3/"), policy, new ManualClock { AutoAdvance = true }, new WriteBudget(), wire);
            var api = new GitHubApi(transport, new TokenCredentials(ConnectionSettings.ToSecureString(Token)));

            var (error, _, _) = await FailAsync(t => api.CreateDeploymentAsync(new RepositoryName(Owner, Name), new DeploymentRequest("main"), t));

            Assert.Equal(GhFailureKind.NetworkError, Assert.IsType<GhFailureException>(error).Kind);
            Assert.Equal(3, wire.Attempts.Count(a => a.Method == HttpMethod.Post));
        }

        [Fact]
        public async Task RetriesADeleteThrough503()
        {
            await using var rig = await StartAsync();
            var id = rig.Seed(1, "staging", "inactive")[0];
            rig.Fault("DELETE", "^/repos/octo-org/hello-world/deployments/\\d+$", 503);

            await RunAsync(async t => { await rig.Api.DeleteDeploymentAsync(rig.Repository, id); return true; });

            Assert.Equal([503, 204], Statuses(rig.Requests("DELETE")));
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheFinalAnswers
    {
        [Theory]
        [InlineData(400, "GhRequestFailed")]
        [InlineData(401, "GhAuthenticationFailed")]
        [InlineData(403, "GhPermissionDenied")]
        [InlineData(404, "GhNotFound")]
        [InlineData(409, "GhConflict")]
        [InlineData(410, "GhRequestFailed")]
        [InlineData(422, "GhValidationFailed")]
        [InlineData(451, "GhRequestFailed")]
        public async Task AreNeverRetried(int status, string errorId)
        {
            await using var rig = await StartAsync();
            rig.Fault(null, DeploymentsPath, status, count: 5, body: "{\"message\":\"Refused for the test\"}");

            var (getError, _, _) = await FailAsync(t => ListAsync(rig, t));
            var (postError, _, _) = await FailAsync(t => rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main"), t));

            Assert.Equal(status, Assert.IsType<GitHubApiException>(getError).Status);
            Assert.Equal(status, Assert.IsType<GitHubApiException>(postError).Status);
            Assert.Equal([status, status], Statuses(rig.Requests()));
            Assert.Equal(errorId, Errors.From(getError, null).FullyQualifiedErrorId);
            Assert.Contains("Refused for the test", Errors.From(getError, null).ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public async Task A403ThatSpentTheLastUnitButIsNoLimitIsPermissionDenied()
        {
            await using var rig = await StartAsync();
            rig.Fault("GET", DeploymentsPath, 403, headers: new Dictionary<string, string> { ["x-ratelimit-remaining"] = "0" },
                body: "{\"message\":\"Resource not accessible by integration\"}");

            var (error, _, _) = await FailAsync(t => ListAsync(rig, t));

            Assert.Equal("GhPermissionDenied", Errors.From(error, null).FullyQualifiedErrorId);
            Assert.Single(rig.Requests());
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheSecondaryLimit
    {
        const string SecondaryBody = "{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\"}";

        [Theory]
        [InlineData(403)]
        [InlineData(429)]
        public async Task WithoutRetryAfterWaitsTheSecondaryWaitDoublingEachTime(int status)
        {
            // GitHub: wait at least a minute.
            var policy = FastPolicy();
            policy.SecondaryLimitWaitSeconds = 60;
            policy.MaxRateLimitWaitSeconds = 300;
            await using var rig = await StartAsync(policy);
            rig.Seed(1);
            rig.Fault("GET", DeploymentsPath, status, count: 2, body: SecondaryBody);

            var (page, messages) = await RunAsync(t => ListAsync(rig, t));

            Assert.Single(page);
            Assert.Equal([status, status, 200], Statuses(rig.Requests("GET")));
            // 60 s, then 120 s.
            Assert.Equal(TimeSpan.FromSeconds(180), rig.Waited);
            Assert.Contains(messages, m => m.StartsWith("Warning: GitHub's secondary rate limit answered " + status + "; waiting 60 s", StringComparison.Ordinal));
            Assert.Contains(messages, m => m.StartsWith("Warning: GitHub's secondary rate limit answered " + status + "; waiting 120 s", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(403)]
        [InlineData(429)]
        public async Task WithRetryAfterWaitsThatLongAndResendsEvenAPost(int status)
        {
            var policy = FastPolicy();
            policy.MaxRateLimitWaitSeconds = 300;
            await using var rig = await StartAsync(policy);
            var id = rig.Seed(1)[0];
            rig.Fault("POST", StatusesPath, status, headers: new Dictionary<string, string> { ["retry-after"] = "30" }, body: SecondaryBody);

            var (created, _) = await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("in_progress"), t));

            Assert.Equal("in_progress", created.State);
            Assert.Equal([status, 201], Statuses(rig.Requests("POST")));
            Assert.Empty(rig.Requests("GET"));
            // retry-after, and a margin of 0.1 s.
            Assert.Equal(TimeSpan.FromSeconds(30.1), rig.Waited);
            Assert.Equal(2, (await rig.StatusesAsync(id)).Count);
        }

        [Fact]
        public async Task A429WithNothingElseIsASecondaryLimit()
        {
            await using var rig = await StartAsync();
            rig.Fault("GET", DeploymentsPath, 429, body: "{\"message\":\"Too Many Requests\"}");

            await RunAsync(t => ListAsync(rig, t));

            Assert.Equal([429, 200], Statuses(rig.Requests("GET")));
        }

        [Fact]
        public async Task ARetryAfterBeyondTheCapFailsAtOnceWithGhRateLimited()
        {
            await using var rig = await StartAsync();
            rig.Fault("GET", DeploymentsPath, 403, headers: new Dictionary<string, string> { ["retry-after"] = "600" }, body: SecondaryBody);

            var (error, _, elapsed) = await FailAsync(t => ListAsync(rig, t));

            var record = Errors.From(error, null);
            Assert.Equal("GhRateLimited", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.LimitsExceeded, record.CategoryInfo.Category);
            Assert.Matches(@"try again after \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ", error.Message);
            Assert.Single(rig.Requests());
            Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
        }

        [Fact]
        public async Task ALimitThatNeverLiftsEndsWithGhRateLimitedAfterBoundedTries()
        {
            var policy = FastPolicy();
            policy.MaxRetries = 3;
            policy.SecondaryLimitWaitSeconds = 0.01;
            await using var rig = await StartAsync(policy);
            rig.Fault("GET", DeploymentsPath, 429, count: 100, body: SecondaryBody);

            var (error, _, _) = await FailAsync(t => ListAsync(rig, t));

            Assert.Equal("GhRateLimited", Errors.From(error, null).FullyQualifiedErrorId);
            Assert.Equal(4, rig.Requests().Count);
        }

        [Fact]
        public async Task TheEmulatorsOwnWriteLimitIsWaitedOutWithNoStatusLostOrDoubled()
        {
            // GitHub-like: a third write within the window is refused (403, retry-after 1) without being applied.
            await using var rig = await StartAsync();
            var ids = rig.Seed(3);
            rig.State.RateLimits.Secondary = new SecondaryRateLimit(MaxWrites: 2, WindowSeconds: 60, Status: 403, RetryAfter: 1);

            foreach (var id in ids)
                await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t));

            Assert.Equal([201, 201, 403, 201], Statuses(rig.Requests("POST")));
            Assert.Equal(TimeSpan.FromSeconds(1.1), rig.Waited);
            foreach (var id in ids)
                Assert.Single(await rig.StatusesAsync(id), s => s.State == "inactive");
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class ThePrimaryLimit
    {
        [Theory]
        [InlineData(403)]
        [InlineData(429)]
        public async Task ANearResetIsWaitedFor(int status)
        {
            // Measured on the server's clock (its Date header): the reset is 120 s away, plus a margin of 0.1 s.
            var policy = FastPolicy();
            policy.MaxRateLimitWaitSeconds = 300;
            await using var rig = await StartAsync(policy);
            rig.Seed(1);
            rig.State.RateLimits.SetPrimary(new PrimaryRateLimit(Limit: 100, ResetSeconds: 120, Status: status), remainingNow: 0);

            var (page, messages) = await RunAsync(t => ListAsync(rig, t));

            Assert.Single(page);
            Assert.Equal([status, 200], Statuses(rig.Requests("GET")));
            Assert.Equal(TimeSpan.FromSeconds(120.1), rig.Waited);
            Assert.Contains(messages, m => m.StartsWith("Warning: GitHub's rate limit is used up; waiting", StringComparison.Ordinal));
            Assert.Equal(99, rig.LastRateLimit!.Remaining);
        }

        [Fact]
        public async Task AFarResetFailsAtOnceWithGhRateLimitedNamingTheReset()
        {
            await using var rig = await StartAsync();
            rig.State.RateLimits.SetPrimary(new PrimaryRateLimit(Limit: 5000, ResetSeconds: 3600, Status: 403), remainingNow: 0);

            var (error, _, elapsed) = await FailAsync(t => ListAsync(rig, t));

            var record = Errors.From(error, null);
            Assert.Equal("GhRateLimited", record.FullyQualifiedErrorId);
            var reset = rig.State.RateLimits.ResetAt;
            Assert.Contains(DateTimeOffset.FromUnixTimeSeconds((reset.ToUnixTimeMilliseconds() + 999) / 1000).ToString("u", CultureInfo.InvariantCulture),
                error.Message, StringComparison.Ordinal);
            Assert.Single(rig.Requests());
            Assert.InRange(elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(1));
            Assert.Equal(0, rig.LastRateLimit!.Remaining);
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheTimeout
    {
        [Fact]
        public async Task AnAttemptOverTheTimeoutIsGhTimeoutNotACancellation()
        {
            var policy = FastPolicy();
            policy.TimeoutSeconds = 0.3;
            await using var rig = await StartAsync(policy);
            rig.Fault("GET", DeploymentsPath, delayMs: 5000);

            var (error, _, elapsed) = await FailAsync(t => ListAsync(rig, t));

            var failure = Assert.IsType<GhFailureException>(error);
            Assert.Equal(GhFailureKind.Timeout, failure.Kind);
            var record = Errors.From(error, null);
            Assert.Equal("GhTimeout", record.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.OperationTimeout, record.CategoryInfo.Category);
            Assert.InRange(elapsed, TimeSpan.FromSeconds(0.29), TimeSpan.FromSeconds(1.5));
            Assert.Single(rig.Wire.Attempts);
        }

        [Fact]
        public async Task OctokitsOwnRequestTimeoutDoesNotCutTheWaitsShort()
        {
            // Octokit links every request to a timeout of its own (100 s, fixed for GETs). Scaled down here: a POST with
            // a 0.2 s Octokit timeout meets a 0.5 s secondary-limit wait, and still succeeds once the wait is over.
            var policy = FastPolicy();
            policy.SecondaryLimitWaitSeconds = 0.5;
            await using var rig = await StartAsync(policy, TimeProvider.System);
            rig.Fault("POST", DeploymentsPath, 403, body: "{\"message\":\"You have exceeded a secondary rate limit.\"}");

            var (response, _) = await RunAsync(t => rig.Connection.Post<object>(rig.Repository.Path("deployments"),
                "{\"ref\":\"main\"}", "application/json", "application/json", TimeSpan.FromSeconds(0.2), t));

            Assert.Equal(HttpStatusCode.Created, response.HttpResponse.StatusCode);
            Assert.Equal([403, 201], Statuses(rig.Requests("POST")));
        }
    }

    /// <summary>
    /// Ctrl+C ends every wait at once. The waits run on a manual clock that no one moves, so each one would last for ever:
    /// only the cancellation can end it.
    /// </summary>
    [Collection(nameof(PolicyHandlerTests))]
    public class TheCancellation
    {
        static Task<PolicyRig> StartStoppedAsync(GhHttpPolicy policy) => StartAsync(policy, new ManualClock());

        static async Task AssertEndsSoonAfterCancel(PolicyRig rig, Func<CancellationToken, Task<bool>> operation, int cancelAfterMs = 300)
        {
            using var cts = new CancellationTokenSource();
            var run = FailAsync(operation, cts.Token);
            await Task.Delay(cancelAfterMs);
            Assert.False(run.IsCompleted, "The operation ended before it was cancelled.");
            var clock = Stopwatch.StartNew();
            cts.Cancel();
            var (error, _, _) = await run;
            Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(0.5));
            Assert.IsAssignableFrom<OperationCanceledException>(error);
            Assert.NotEqual("GhTimeout", Errors.From(error, null).FullyQualifiedErrorId);
        }

        [Fact]
        public async Task EndsAHungRequest()
        {
            await using var rig = await StartAsync();
            rig.Fault("GET", DeploymentsPath, delayMs: 30_000);
            await AssertEndsSoonAfterCancel(rig, async t => (await ListAsync(rig, t)).Count > 0);
            Assert.Single(rig.Wire.Attempts);
        }

        [Fact]
        public async Task EndsABackoffSleep()
        {
            var policy = FastPolicy();
            policy.RetryBaseDelaySeconds = 30;
            policy.MaxRetryDelaySeconds = 60;
            await using var rig = await StartStoppedAsync(policy);
            rig.Fault("GET", DeploymentsPath, 502, count: 5);
            await AssertEndsSoonAfterCancel(rig, async t => (await ListAsync(rig, t)).Count > 0);
            Assert.Single(rig.Requests());
        }

        [Fact]
        public async Task EndsASecondaryLimitWait()
        {
            var policy = FastPolicy();
            policy.SecondaryLimitWaitSeconds = 60;
            policy.MaxRateLimitWaitSeconds = 300;
            await using var rig = await StartStoppedAsync(policy);
            rig.Fault("GET", DeploymentsPath, 429, count: 5);
            await AssertEndsSoonAfterCancel(rig, async t => (await ListAsync(rig, t)).Count > 0);
        }

        [Fact]
        public async Task EndsAPrimaryLimitWait()
        {
            var policy = FastPolicy();
            policy.MaxRateLimitWaitSeconds = 300;
            await using var rig = await StartStoppedAsync(policy);
            rig.State.RateLimits.SetPrimary(new PrimaryRateLimit(Limit: 100, ResetSeconds: 120), remainingNow: 0);
            await AssertEndsSoonAfterCancel(rig, async t => (await ListAsync(rig, t)).Count > 0);
        }

        [Fact]
        public async Task EndsAWaitForTheWriteGate()
        {
            var policy = FastPolicy();
            policy.WriteIntervalSeconds = 60;
            await using var rig = await StartStoppedAsync(policy);
            var ids = rig.Seed(2);
            await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, ids[0], new StatusRequest("inactive"), t));
            await AssertEndsSoonAfterCancel(rig, async t =>
                (await rig.Api.CreateStatusAsync(rig.Repository, ids[1], new StatusRequest("inactive"), t)).Id > 0);
            Assert.Single(rig.Requests("POST"));
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheGates
    {
        [Fact]
        public async Task WritesNeverOverlapAndArePaced()
        {
            // GitHub: a second between content-creating requests.
            var policy = FastPolicy();
            policy.WriteIntervalSeconds = 1;
            await using var rig = await StartAsync(policy);
            var ids = rig.Seed(6);
            rig.Wire.ExtraDelay = TimeSpan.FromMilliseconds(20);

            // Six writes started at once, as a careless caller would.
            await RunAsync(t => Task.WhenAll(ids.Select(id => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t))));

            Assert.Equal(1, rig.Wire.MaxWritesInFlight);
            var writes = rig.Wire.Attempts.Where(a => a.Method == HttpMethod.Post).OrderBy(a => a.Start).ToList();
            Assert.Equal(6, writes.Count);
            for (var i = 1; i < writes.Count; i++)
                Assert.True(writes[i].Start - writes[i - 1].End >= TimeSpan.FromSeconds(1),
                    $"Write {i} started {(writes[i].Start - writes[i - 1].End).TotalMilliseconds} ms after the previous one ended.");
            foreach (var id in ids) Assert.Equal(2, (await rig.StatusesAsync(id)).Count);
        }

        [Fact]
        public async Task ReadsRunInParallelUnderTheCap()
        {
            var policy = FastPolicy();
            policy.MaxParallelReads = 3;
            await using var rig = await StartAsync(policy);
            var ids = rig.Seed(12);
            rig.Wire.ExtraDelay = TimeSpan.FromMilliseconds(50);

            await RunAsync(t => Task.WhenAll(ids.Select(id => rig.Api.GetLatestStatusAsync(rig.Repository, id, t))));

            Assert.Equal(3, rig.Wire.MaxReadsInFlight);
            Assert.Equal(12, rig.Requests("GET").Count);
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheStatusReconciliation
    {
        [Fact]
        public async Task A502ThatWasNotAppliedIsSentAgainAfterLooking()
        {
            await using var rig = await StartAsync();
            var id = rig.Seed(1)[0];
            rig.Fault("POST", StatusesPath, 502);

            var (created, messages) = await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t));

            Assert.Equal("inactive", created.State);
            Assert.Equal(["POST 502", "GET 200", "POST 201"], rig.Requests().Select(r => r.Method + " " + r.Status));
            Assert.Equal(["inactive", "success"], (await rig.StatusesAsync(id)).Select(s => s.State));
            Assert.Contains(messages, m => m.Contains("checking whether GitHub applied it", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData(WireTap.Sabotage.Answer502)]
        [InlineData(WireTap.Sabotage.DropAnswer)]
        public async Task APostThatWasAppliedButWhoseAnswerWasLostIsNotSentAgain(WireTap.Sabotage sabotage)
        {
            await using var rig = await StartAsync();
            var id = rig.Seed(1)[0];
            var first = 0;
            rig.Wire.After = r => r.Method == HttpMethod.Post && Interlocked.Exchange(ref first, 1) == 0 ? sabotage : WireTap.Sabotage.None;

            var (created, messages) = await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t));

            Assert.Equal("inactive", created.State);
            // The POST reached GitHub (201 on the wire), its answer was lost, the GET found it: no second POST.
            Assert.Equal(["POST 201", "GET 200"], rig.Requests().Select(r => r.Method + " " + r.Status));
            Assert.Equal(["inactive", "success"], (await rig.StatusesAsync(id)).Select(s => s.State));
            Assert.Contains(messages, m => m.Contains("is the one sent", StringComparison.Ordinal));
        }
    }

    [Collection(nameof(PolicyHandlerTests))]
    public class TheToken
    {
        static GhSession Session(EmulatorServer emu) =>
            new(new Uri(emu.BaseUri, "api/v3/"), ConnectionSettings.ToSecureString(Token), GhTokenSource.Parameter, FastPolicy(), null, null);

        static async Task<IReadOnlyList<GhDeployment>> ListSessionAsync(GhSession session, CancellationToken t) =>
            (await session.Api.ListDeployments(new RepositoryName(Owner, Name), NoFilters).NextAsync(t))!;

        [Theory]
        [InlineData("localhost", false)]
        [InlineData("127.0.0.1", true)]
        public async Task GoesWithARedirectOnlyToTheSameHost(string host, bool keeps)
        {
            await using var rig = await StartAsync();
            rig.Seed(1);
            var port = rig.Emulator.BaseUri.Port;
            rig.Fault("GET", DeploymentsPath, 307, headers: new Dictionary<string, string>
            {
                ["Location"] = $"http://{host}:{port}/api/v3/repos/octo-org/hello-world/deployments?redirected=1",
            });
            using var session = Session(rig.Emulator);

            var run = RunAsync(t => ListSessionAsync(session, t));
            if (keeps) await run;
            else Assert.Equal(401, Assert.IsType<GitHubApiException>(Assert.IsType<ScopeException>(await Record.ExceptionAsync(() => run)).InnerException).Status);

            var requests = rig.Requests("GET");
            Assert.Equal(2, requests.Count);
            Assert.True(requests[0].Headers.ContainsKey("Authorization"));
            Assert.Equal("?redirected=1", requests[1].Query);
            Assert.Equal(keeps, requests[1].Headers.ContainsKey("Authorization"));
        }

        [Fact]
        public async Task DoesNotGoWithARedirectToAnotherPortOfTheSameHost()
        {
            // Octokit drops the header only when the host name changes; the policy drops it for any other origin.
            await using var rig = await StartAsync();
            await using var other = await EmulatorServer.StartAsync();
            other.State.AddToken(Token);
            other.State.AddRepository(Owner, Name);
            rig.Fault("GET", DeploymentsPath, 307, headers: new Dictionary<string, string>
            {
                ["Location"] = new Uri(other.BaseUri, "api/v3/repos/octo-org/hello-world/deployments").AbsoluteUri,
            });
            using var session = Session(rig.Emulator);

            var error = await Record.ExceptionAsync(() => RunAsync(t => ListSessionAsync(session, t)));

            Assert.Equal(401, Assert.IsType<GitHubApiException>(error?.InnerException).Status);
            var redirected = Assert.Single(other.State.Requests.Snapshot());
            Assert.False(redirected.Headers.ContainsKey("Authorization"));
            Assert.True(Assert.Single(rig.Requests()).Headers.ContainsKey("Authorization"));
        }

        [Fact]
        public async Task NeverAppearsInTheMessagesOfRetriesAndLimits()
        {
            var policy = FastPolicy();
            policy.MaxRetries = 6;
            await using var rig = await StartAsync(policy);
            var id = rig.Seed(1)[0];
            rig.Fault("GET", DeploymentsPath, 502);
            rig.Fault("GET", DeploymentsPath, drop: true);
            rig.Fault("GET", DeploymentsPath, 429, headers: new Dictionary<string, string> { ["retry-after"] = "0" });
            rig.Fault("POST", StatusesPath, 502);

            var (_, list) = await RunAsync(t => ListAsync(rig, t));
            var (_, post) = await RunAsync(t => rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), t));
            var messages = list.Concat(post).ToList();

            Assert.True(messages.Count >= 8, string.Join("\n", messages));
            Assert.All(messages, m => Assert.DoesNotContain(Token, m, StringComparison.Ordinal));
            Assert.All(messages, m => Assert.DoesNotContain("Authorization", m, StringComparison.OrdinalIgnoreCase));
            // Each response's rate-limit headers are shown.
            Assert.Contains(messages, m => m.Contains("-> 200 in", StringComparison.Ordinal) && m.Contains("; rate limit ", StringComparison.Ordinal) && m.Contains("/5000 (core), resets ", StringComparison.Ordinal));
        }

        [Theory]
        [InlineData("\n")]
        [InlineData("\r\n")]
        [InlineData("  ")]
        public void IsTrimmedOfSurroundingWhitespace(string around)
        {
            var checkedToken = ConnectionSettings.CheckToken(ConnectionSettings.ToSecureString(around + Token + around));
            Assert.Equal(Token, ConnectionSettings.Reveal(checkedToken));
        }

        [Theory]
        [InlineData("\nX-Injected: 1")]
        [InlineData(" tail")]
        [InlineData("\u0001")]
        [InlineData("\u00e9")]
        public void IsRefusedWhenItHoldsWhatNoTokenHolds_AndTheMessageDoesNotRepeatIt(string inside)
        {
            var error = Assert.Throws<ArgumentException>(() => ConnectionSettings.CheckToken(ConnectionSettings.ToSecureString(Token + inside)));
            Assert.DoesNotContain(Token, error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("ghp_", error.ToString(), StringComparison.Ordinal);
        }
    }

    public class TheErrorTable
    {
        [Theory]
        [InlineData("RateLimited", "GhRateLimited", ErrorCategory.LimitsExceeded)]
        [InlineData("ServerError", "GhServerError", ErrorCategory.ConnectionError)]
        [InlineData("NetworkError", "GhNetworkError", ErrorCategory.ConnectionError)]
        [InlineData("Timeout", "GhTimeout", ErrorCategory.OperationTimeout)]
        public void MapsThePolicysFailures(string kind, string id, ErrorCategory category)
        {
            var record = Errors.From(new GhFailureException(Enum.Parse<GhFailureKind>(kind), "m"), "target");
            Assert.Equal(id, record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Equal("target", record.TargetObject);
        }

        [Theory]
        [InlineData(401, "GhAuthenticationFailed", ErrorCategory.AuthenticationError)]
        [InlineData(403, "GhPermissionDenied", ErrorCategory.PermissionDenied)]
        [InlineData(404, "GhNotFound", ErrorCategory.ObjectNotFound)]
        [InlineData(409, "GhConflict", ErrorCategory.ResourceUnavailable)]
        [InlineData(422, "GhValidationFailed", ErrorCategory.InvalidArgument)]
        [InlineData(429, "GhRateLimited", ErrorCategory.LimitsExceeded)]
        [InlineData(500, "GhServerError", ErrorCategory.ConnectionError)]
        [InlineData(503, "GhServerError", ErrorCategory.ConnectionError)]
        public void MapsGitHubsAnswers(int status, string id, ErrorCategory category)
        {
            var record = Errors.From(GitHubApiException.From(new Octokit.ApiException("GitHub says no", (HttpStatusCode)status)), null);
            Assert.Equal(id, record.FullyQualifiedErrorId);
            Assert.Equal(category, record.CategoryInfo.Category);
            Assert.Contains("GitHub says no", record.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void MapsInputFoundWrongBeforeSending() =>
            Assert.Equal("GhInvalidArgument", Errors.From(new GhInputException("no"), null).FullyQualifiedErrorId);

        [Fact]
        public void CountsOnlyTheModulesOwnFailuresAsAnItemsFailure()
        {
            Assert.True(Failures.IsItemFailure(new GhFailureException(GhFailureKind.NetworkError, "m")));
            Assert.True(Failures.IsItemFailure(GitHubApiException.From(new Octokit.ApiException("no", HttpStatusCode.NotFound))));
            Assert.True(Failures.IsItemFailure(new GhInputException("bad name")));
            // A bug is a bug: it ends the command instead of passing for one item's error.
            Assert.False(Failures.IsItemFailure(new InvalidOperationException("bug")));
            Assert.False(Failures.IsItemFailure(new ArgumentException("bug")));
            Assert.False(Failures.IsItemFailure(new NullReferenceException()));
        }
    }
}
