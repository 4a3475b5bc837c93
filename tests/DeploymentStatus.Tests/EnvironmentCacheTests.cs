using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The environments tab completion offers: one request a minute at most for a repository, on the session's clock; a Tab
/// waits a moment at most (on that clock too), and a slow answer serves the next Tab.
/// </summary>
public sealed class EnvironmentCacheTests
{
    static readonly RepositoryName repository = new("octo-org", "hello-world");
    static readonly TimeSpan moment = TimeSpan.FromMilliseconds(750);

    static GhEnvironment Environment(string name, params string[] reviewers) => new() { Name = name, Reviewers = reviewers };

    sealed class Fetches
    {
        readonly Func<Task<IReadOnlyList<GhEnvironment>>> answer;
        public Fetches(Func<Task<IReadOnlyList<GhEnvironment>>> answer) => this.answer = answer;
        public int Count { get; private set; }

        public Task<IReadOnlyList<GhEnvironment>> Fetch(RepositoryName asked, CancellationToken token)
        {
            Assert.Equal(repository.ToString(), asked.ToString());
            Count++;
            return answer();
        }
    }

    [Fact]
    public void OneRequestAMinute()
    {
        var clock = new ManualClock();
        var fetches = new Fetches(() => Task.FromResult<IReadOnlyList<GhEnvironment>>([Environment("production"), Environment("staging")]));
        var cache = new EnvironmentCache(clock, fetches.Fetch);

        Assert.Equal(["production", "staging"], cache.Get(repository, moment).Select(e => e.Name));
        for (var i = 0; i < 5; i++) cache.Get(repository, moment);
        clock.Advance(TimeSpan.FromSeconds(59.9));
        cache.Get(repository, moment);
        Assert.Equal(1, fetches.Count);

        clock.Advance(TimeSpan.FromSeconds(0.1));
        cache.Get(repository, moment);
        cache.Get(repository, moment);
        Assert.Equal(2, fetches.Count);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.Elapsed);
    }

    [Fact]
    public void ASlowAnswerHoldsTheTabAMomentOnly_AndServesTheNextTab()
    {
        var clock = new ManualClock { AutoAdvance = true };
        var answer = new TaskCompletionSource<IReadOnlyList<GhEnvironment>>();
        var fetches = new Fetches(() => answer.Task);
        var cache = new EnvironmentCache(clock, fetches.Fetch);

        Assert.Empty(cache.Get(repository, moment));
        Assert.Equal(moment, clock.Elapsed);
        Assert.Empty(cache.Get(repository, moment));
        Assert.Equal(1, fetches.Count);

        answer.SetResult([Environment("production")]);
        var elapsed = clock.Elapsed;
        Assert.Equal(["production"], cache.Get(repository, moment).Select(e => e.Name));
        Assert.Equal(elapsed, clock.Elapsed);
        Assert.Equal(1, fetches.Count);
    }

    [Fact]
    public void WhileANewAnswerIsSlowThePreviousOneServes()
    {
        var clock = new ManualClock { AutoAdvance = true };
        var answers = new Queue<Task<IReadOnlyList<GhEnvironment>>>();
        answers.Enqueue(Task.FromResult<IReadOnlyList<GhEnvironment>>([Environment("production")]));
        answers.Enqueue(new TaskCompletionSource<IReadOnlyList<GhEnvironment>>().Task);
        var cache = new EnvironmentCache(clock, new Fetches(() => answers.Dequeue()).Fetch);

        cache.Get(repository, moment);
        clock.Advance(EnvironmentCache.Lifetime);

        Assert.Equal(["production"], cache.Get(repository, moment).Select(e => e.Name));
        Assert.Empty(answers);
    }

    [Fact]
    public void AFailureIsNotAskedAgainWithinTheMinute()
    {
        var clock = new ManualClock();
        var fetches = new Fetches(() => Task.FromException<IReadOnlyList<GhEnvironment>>(new GhFailureException(GhFailureKind.ServerError, "GitHub answered 502")));
        var cache = new EnvironmentCache(clock, fetches.Fetch);

        Assert.Empty(cache.Get(repository, moment));
        Assert.Empty(cache.Get(repository, moment));
        Assert.Equal(1, fetches.Count);
        clock.Advance(EnvironmentCache.Lifetime);
        cache.Get(repository, moment);
        Assert.Equal(2, fetches.Count);
    }

    [Fact]
    public void PeekRememberAndForgetNeverAsk()
    {
        var clock = new ManualClock();
        var fetches = new Fetches(() => Task.FromResult<IReadOnlyList<GhEnvironment>>([Environment("production", "hubot")]));
        var cache = new EnvironmentCache(clock, fetches.Fetch);

        Assert.Empty(cache.Peek(repository));
        cache.Remember(repository, Environment("qa"));
        Assert.Empty(cache.Peek(repository));
        Assert.Equal(0, fetches.Count);

        cache.Get(repository, moment);
        cache.Remember(repository, Environment("canary"));
        cache.Remember(repository, Environment("PRODUCTION", "monalisa"));
        Assert.Equal(["canary", "PRODUCTION"], cache.Peek(repository).Select(e => e.Name));
        Assert.Equal(["monalisa"], cache.Peek(repository)[1].Reviewers);
        cache.Forget(repository, "Canary");
        Assert.Equal(["PRODUCTION"], cache.Peek(repository).Select(e => e.Name));
        Assert.Equal(1, fetches.Count);
    }

    [Fact]
    public async Task TheSessionsCacheAsksGitHubOnceForAPageOf100()
    {
        await using var rig = await SessionRig.StartAsync();
        rig.Emulator.State.AddEnvironment("octo-org", "hello-world", new GitHubEmulator.State.EnvironmentSpec("production"));
        rig.Emulator.State.AddEnvironment("octo-org", "hello-world", new GitHubEmulator.State.EnvironmentSpec("staging"));

        // The rig's clock lets every wait pass at once, so the first Tab does not see the answer: the next does.
        rig.Session.Environments.Get(rig.Repository, TimeSpan.FromSeconds(1));
        await rig.Session.Environments.Answered(rig.Repository);
        var known = rig.Session.Environments.Get(rig.Repository, TimeSpan.FromSeconds(1));

        Assert.Equal(["production", "staging"], known.Select(e => e.Name));
        var request = Assert.Single(rig.Wire);
        Assert.Equal("/repos/octo-org/hello-world/environments", request.Path);
        Assert.Equal("?per_page=100", request.Query);
    }
}
