using System.Collections;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeploymentStatus.Commands;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Pipelines;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using GitHubEmulator;
using GitHubEmulator.State;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// A GitHub App session (GhSession over GitHubAppTokens, exactly as Connect-GhAccount -AppId builds it) against the
/// in-process emulator, whose clock the module shares: the JWT goes out as Bearer through the policy, the installation
/// token comes back and is used as <c>token ghs_…</c>, is minted again when less than 5 minutes are left, and is masked
/// for the CI first.
/// </summary>
public abstract class GitHubAppTokensTests : IAsyncLifetime
{
    const string AppId = "123";
    const long Installation = 42;

    static readonly Lazy<RSA> appKey = new(() => RSA.Create(2048));

    EmulatorServer emulator = null!;
    /// <summary>GitHub's clock (the emulator's); the module's is this one, or this one off by a test's offset.</summary>
    readonly ManualClock clock = new() { AutoAdvance = true };
    readonly StringWriter stdout = new();
    Hashtable environment = new();
    readonly List<GhSession> sessions = [];

    /// <summary>A local clock that runs off GitHub's by a fixed amount.</summary>
    sealed class OffsetClock(TimeProvider github, TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => github.GetUtcNow() + offset;
        public override long GetTimestamp() => github.GetTimestamp();
        public override long TimestampFrequency => github.TimestampFrequency;
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => github.CreateTimer(callback, state, dueTime, period);
    }

    public async Task InitializeAsync()
    {
        emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock });
        emulator.State.AddRepository("octo-org", "hello-world");
        emulator.State.AddRepository("octo-org", "secret");
        Register(3600);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in sessions) session.Dispose();
        await emulator.DisposeAsync();
    }

    void Register(int lifetimeSeconds, RSA? key = null) =>
        emulator.State.AddApp(new GitHubAppSpec(AppId, (key ?? appKey.Value).ExportSubjectPublicKeyInfoPem())
        {
            Installations = [new InstallationSpec(Installation, "octo-org") { Repos = ["octo-org/hello-world"] }],
            TokenLifetimeSeconds = lifetimeSeconds,
        });

    /// <summary>A session as Connect-GhAccount makes it, the key loaded from PEM like a key file, with the test's clock, environment and stdout.</summary>
    GhSession Connect(long installation = Installation, TimeSpan? localClockOffset = null, GhHttpPolicy? policy = null)
    {
        var key = GitHubAppKey.FromPem(Encoding.UTF8.GetBytes(appKey.Value.ExportRSAPrivateKeyPem()), "app.pem");
        var offset = localClockOffset ?? TimeSpan.Zero;
        var identity = new GitHubAppIdentity(AppId, installation, key, "/keys/app.pem");
        var machine = new Machine
        {
            Time = offset == TimeSpan.Zero ? clock : new OffsetClock(clock, offset),
            Budgets = new WriteBudgets(),
            Environment = () => new CiEnvironment(environment),
            StandardOutput = () => stdout,
        };
        var session = new GhSession(new Uri(emulator.BaseUri, "api/v3/"), identity, policy ?? new GhHttpPolicy { WriteIntervalSeconds = 0, RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 30 }, null, null, machine);
        sessions.Add(session);
        return session;
    }

    static readonly RepositoryName repository = new("octo-org", "hello-world");

    static Task<IReadOnlyList<GhDeployment>?> List(GhSession session) =>
        session.Api.ListDeployments(repository, new Dictionary<string, string>()).NextAsync(CancellationToken.None);

    IReadOnlyList<RecordedRequest> Requests => emulator.State.Requests.Snapshot();
    List<RecordedRequest> Mints => Requests.Where(r => r.Path == "/app/installations/42/access_tokens").ToList();
    List<RecordedRequest> ApiCalls => Requests.Where(r => r.Path.StartsWith("/repos/", StringComparison.Ordinal)).ToList();

    static string TokenOf(RecordedRequest request)
    {
        var match = Regex.Match(request.Headers["Authorization"], "^[Tt]oken (ghs_[A-Za-z0-9]{36})$");
        Assert.True(match.Success, "a request with an installation token: " + request.Headers["Authorization"]);
        return match.Groups[1].Value;
    }

    public class Minting : GitHubAppTokensTests
    {
        [Fact]
        public async Task TheFirstRequestMintsATokenWithABearerJwtThroughThePolicyAndUsesIt()
        {
            var session = Connect();
            Assert.Empty(Requests);

            await List(session);

            var mint = Assert.Single(Mints);
            Assert.Equal("POST", mint.Method);
            Assert.Equal(201, mint.Status);
            Assert.Matches("^Bearer eyJ[A-Za-z0-9_-]+\\.eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", mint.Headers["Authorization"]);
            // The policy handler set GitHub's media types on it, like on every request.
            Assert.Equal(GitHubPolicyHandler.AcceptMediaTypes, mint.Headers["Accept"]);
            Assert.StartsWith("DeploymentStatus/", mint.Headers["User-Agent"]);
            var list = Assert.Single(ApiCalls);
            Assert.Equal(200, list.Status);
            TokenOf(list);
            Assert.Equal(1, session.App!.Minted);
            Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 0, 0, TimeSpan.Zero), session.App.ExpiresAt);
        }

        [Fact]
        public async Task TheTokenIsReusedWhileItHasMoreThanFiveMinutesLeft_AndMintedAgainWhenItHasLess()
        {
            var session = Connect();
            await List(session);
            clock.Advance(TimeSpan.FromMinutes(30));
            await List(session);
            clock.Advance(TimeSpan.FromMinutes(24) + TimeSpan.FromSeconds(59));   // 5:01 left
            await List(session);
            Assert.Single(Mints);

            clock.Advance(TimeSpan.FromSeconds(2));                                // 4:59 left
            await List(session);

            Assert.Equal(2, Mints.Count);
            var calls = ApiCalls;
            Assert.Equal(4, calls.Count);
            Assert.All(calls, c => Assert.Equal(200, c.Status));
            Assert.Equal(TokenOf(calls[0]), TokenOf(calls[2]));
            Assert.NotEqual(TokenOf(calls[2]), TokenOf(calls[3]));
            Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 55, 1, TimeSpan.Zero), session.App!.ExpiresAt);
        }

        [Fact]
        public async Task ALongJobOutlivesManyTokensWithoutAFailedRequest()
        {
            var session = Connect();
            for (var minute = 0; minute < 4 * 60; minute += 7)
            {
                await List(session);
                clock.Advance(TimeSpan.FromMinutes(7));
            }
            Assert.All(ApiCalls, c => Assert.Equal(200, c.Status));
            Assert.InRange(Mints.Count, 4, 6);
        }

        [Fact]
        public async Task ATokenThatLivesLessThanFiveMinutesIsMintedForEveryRequest()
        {
            Register(240);
            var session = Connect();
            await List(session);
            await List(session);
            await List(session);
            Assert.Equal(3, Mints.Count);
            Assert.Equal(3, ApiCalls.Select(TokenOf).Distinct().Count());
        }

        [Fact]
        public async Task ALocalClockBehindGitHubsStillRenewsBeforeTheTokenExpires()
        {
            // The local clock is 4 minutes behind GitHub's: the token's hour is measured on GitHub's clock (expires_at
            // minus the answer's Date), so it is renewed 5 minutes before GitHub's expiry, not 1 minute before.
            var session = Connect(localClockOffset: TimeSpan.FromMinutes(-4));
            await List(session);
            clock.Advance(TimeSpan.FromMinutes(55) + TimeSpan.FromSeconds(30));
            await List(session);
            Assert.Equal(2, Mints.Count);
            Assert.All(ApiCalls, c => Assert.Equal(200, c.Status));
        }

        [Fact]
        public async Task ALocalClockUpToAMinuteAheadOfGitHubsStillGetsAToken()
        {
            await List(Connect(localClockOffset: TimeSpan.FromSeconds(59)));
            Assert.Equal(201, Assert.Single(Mints).Status);
        }

        [Fact]
        public async Task ParallelRequestsShareOneMint()
        {
            var session = Connect();
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => List(session)));
            Assert.Single(Mints);
            Assert.Equal(8, ApiCalls.Count);
        }

        [Fact]
        public async Task ValidateMintsRightAway()
        {
            var session = Connect();
            await session.App!.RefreshAsync(CancellationToken.None);
            Assert.Single(Mints);
            Assert.Empty(ApiCalls);
            await List(session);
            Assert.Single(Mints);
        }

        [Fact]
        public async Task AServerErrorOnTheTokenRequestIsTriedAgain()
        {
            emulator.State.Faults.Add(new FaultRule { Method = "POST", Path = new Regex("access_tokens$"), Status = 502, Count = 1, Headers = new Dictionary<string, string>() });
            var (_, messages) = await PolicyRig.RunAsync(_ => List(Connect()));
            Assert.Equal([502, 201], Mints.Select(m => m.Status));
            Assert.Contains(messages, m => m.Contains("asking for an installation token again", StringComparison.Ordinal));
            Assert.Equal(200, Assert.Single(ApiCalls).Status);
        }

        [Fact]
        public async Task TheVerboseMessagesSayWhatHappenedButNeverTheTokenOrTheJwt()
        {
            environment["GITHUB_ACTIONS"] = "true";
            var (_, messages) = await PolicyRig.RunAsync(_ => List(Connect()));
            var text = string.Join("\n", messages);
            Assert.Contains("Minted an installation token for GitHub App 123, installation 42; it expires at 2026-01-15 11:00:00Z (masked in the GitHub Actions log).", text);
            Assert.DoesNotContain(TokenOf(ApiCalls[0]), text);
            Assert.DoesNotContain("eyJ", text);
            Assert.DoesNotContain(Mints[0].Headers["Authorization"]["Bearer ".Length..], text);
        }
    }

    public class Failures : GitHubAppTokensTests
    {
        [Fact]
        public async Task AKeyGitHubDoesNotKnowIs401WithGitHubsMessage()
        {
            using var other = RSA.Create(2048);
            Register(3600, other);
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => List(Connect()));
            Assert.Equal(401, ex.Status);
            Assert.Equal("A JSON web token could not be decoded", ex.GitHubMessage);
            Assert.DoesNotContain("eyJ", ex.ToString());
            Assert.Empty(ApiCalls);
            var record = Errors.From(ex, null);
            Assert.Equal("GhAuthenticationFailed", record.FullyQualifiedErrorId);
        }

        [Fact]
        public async Task AnUnknownInstallationIs404()
        {
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => List(Connect(installation: 7)));
            Assert.Equal(404, ex.Status);
            Assert.Equal("GhNotFound", Errors.From(ex, null).FullyQualifiedErrorId);
            Assert.Equal("/app/installations/7/access_tokens", Assert.Single(Requests).Path);
        }

        [Fact]
        public async Task ALocalClockTenMinutesAheadGetsGitHubsComplaint()
        {
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => List(Connect(localClockOffset: TimeSpan.FromMinutes(10))));
            Assert.Equal("'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued", ex.GitHubMessage);
        }

        [Fact]
        public async Task AStoppedOperationStopsTheTokenRequest()
        {
            emulator.State.Faults.Add(new FaultRule { Method = "POST", Path = new Regex("access_tokens$"), DelayMs = 10_000, Count = 1, Headers = new Dictionary<string, string>() });
            using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var (error, _, _) = await PolicyRig.FailAsync(t => List(Connect()), stop.Token);
            Assert.IsAssignableFrom<OperationCanceledException>(error);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), "cancelled within the operation's stop, not after the delay");
        }

        [Fact]
        public async Task ADisposedSessionMintsNoMore()
        {
            var session = Connect();
            session.Dispose();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => List(session));
            Assert.Empty(Requests);
        }
    }

    /// <summary>A token GitHub refuses (401) is replaced once: installation tokens are ours to mint at any time.</summary>
    public class Refusal : GitHubAppTokensTests
    {
        [Fact]
        public async Task ARevokedTokenIsReplacedOnceAndTheGetSentAgain()
        {
            var session = Connect();
            await List(session);
            emulator.State.RevokeInstallationTokens(Installation);

            var (_, messages) = await PolicyRig.RunAsync(_ => List(session));

            Assert.Equal([200, 401, 200], ApiCalls.Select(c => c.Status));
            Assert.Equal(2, Mints.Count);
            Assert.NotEqual(TokenOf(ApiCalls[1]), TokenOf(ApiCalls[2]));
            Assert.Contains(messages, m => m.Contains("GitHub refused the installation token of GitHub App 123, installation 42; minting a new one.", StringComparison.Ordinal));
        }

        [Fact]
        public async Task ARefusedPostIsSentAgainOnceAndAppliedOnce()
        {
            var id = emulator.State.SeedDeployments("octo-org", "hello-world", new DeploymentSeed())[0];
            var session = Connect();
            await List(session);
            emulator.State.RevokeInstallationTokens(Installation);

            var status = await session.Api.CreateStatusAsync(repository, id, new StatusRequest("in_progress"), CancellationToken.None);

            Assert.Equal("in_progress", status.State);
            Assert.Equal([401, 201], ApiCalls.Where(c => c.Method == "POST").Select(c => c.Status));
            Assert.Equal(2, Mints.Count);
        }

        [Fact]
        public async Task ParallelRequestsRefusedTogetherShareOneNewMint()
        {
            var session = Connect();
            await List(session);
            emulator.State.RevokeInstallationTokens(Installation);

            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => List(session)));

            Assert.Equal(2, Mints.Count);
            Assert.Equal(8, ApiCalls.Count(c => c.Status == 200) - 1);
        }

        [Fact]
        public async Task ATokenRefusedTwiceIsOneFinal401NamingTheAppAndWhatToCheck()
        {
            var session = Connect();
            await List(session);
            emulator.State.Faults.Add(new FaultRule { Method = "GET", Path = new Regex("deployments$"), Status = 401, Count = 10, Body = "{\"message\":\"Bad credentials\"}", Headers = new Dictionary<string, string>() });

            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => List(session));

            Assert.Equal(401, ex.Status);
            Assert.StartsWith("GitHub answered 401: Bad credentials", ex.Message, StringComparison.Ordinal);
            Assert.Contains("GitHub App 123, installation 42", ex.Message, StringComparison.Ordinal);
            Assert.Contains("Deployments permission", ex.Message, StringComparison.Ordinal);
            Assert.Equal([200, 401, 401], ApiCalls.Select(c => c.Status));
            Assert.Equal(2, Mints.Count);
            Assert.Equal("GhAuthenticationFailed", Errors.From(ex, null).FullyQualifiedErrorId);
        }

        [Fact]
        public async Task TheNewTokenIsMaskedLikeTheFirst()
        {
            environment["GITHUB_ACTIONS"] = "true";
            var session = Connect();
            await List(session);
            emulator.State.RevokeInstallationTokens(Installation);

            await List(session);

            Assert.Equal(["::add-mask::" + TokenOf(ApiCalls[0]), "::add-mask::" + TokenOf(ApiCalls[2])], stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    public class Masking : GitHubAppTokensTests
    {
        [Fact]
        public async Task UnderGitHubActionsTheTokenIsMaskedOnStandardOutputBeforeItIsUsed()
        {
            environment["GITHUB_ACTIONS"] = "true";
            await List(Connect());
            Assert.Equal("::add-mask::" + TokenOf(ApiCalls[0]) + "\n", stdout.ToString());
        }

        [Fact]
        public async Task UnderAzurePipelinesItIsSetSecret()
        {
            environment["TF_BUILD"] = "True";
            await List(Connect());
            Assert.Equal("##vso[task.setsecret]" + TokenOf(ApiCalls[0]) + "\n", stdout.ToString());
        }

        [Fact]
        public async Task EveryMintedTokenIsMasked()
        {
            environment["TF_BUILD"] = "True";
            Register(240);
            var session = Connect();
            await List(session);
            await List(session);
            Assert.Equal(ApiCalls.Select(c => "##vso[task.setsecret]" + TokenOf(c) + "\n"), stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l + "\n"));
        }

        [Fact]
        public async Task OutsideCiNothingIsWritten()
        {
            environment["TF_BUILD"] = "False";
            environment["GITHUB_ACTIONS"] = "";
            await List(Connect());
            Assert.Equal("", stdout.ToString());
        }
    }

    public class TheContext : GitHubAppTokensTests
    {
        [Fact]
        public async Task ShowsTheAppTheInstallationAndTheExpiryButNoSecret()
        {
            var session = Connect();
            var before = session.ToContext();
            Assert.Equal("GitHubApp", before.AuthKind);
            Assert.Equal("GitHubApp", before.TokenSource);
            Assert.Equal("123", before.AppId);
            Assert.Equal(42, before.InstallationId);
            Assert.Equal("/keys/app.pem", before.PrivateKeyPath);
            Assert.Null(before.TokenExpiresAt);

            await List(session);

            var after = session.ToContext();
            Assert.Equal(new DateTimeOffset(2026, 1, 15, 11, 0, 0, TimeSpan.Zero), after.TokenExpiresAt);
            var shown = string.Join("|", typeof(GhContext).GetProperties().Select(p => p.GetValue(after)?.ToString()));
            Assert.DoesNotContain(TokenOf(ApiCalls[0]), shown);
            Assert.DoesNotContain("eyJ", shown);
        }
    }
}
