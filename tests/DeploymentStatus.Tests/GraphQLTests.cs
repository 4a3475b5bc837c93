using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using Xunit;
using static DeploymentStatus.Tests.PolicyRig;

namespace DeploymentStatus.Tests;

/// <summary>GitHub's GraphQL API as the module finds and asks it: the endpoint, the one query, states, limits, errors.</summary>
public class GraphQLTests
{
    const string GraphQLPath = "^/api/graphql$";
    const string RateLimited = """{"errors":[{"type":"RATE_LIMITED","code":"graphql_rate_limit","message":"API rate limit exceeded for user ID 1."}]}""";

    static readonly Dictionary<string, string> NoFilters = new();

    static async Task<IReadOnlyList<GhDeployment>> ListAsync(PolicyRig rig, CancellationToken t) => (await rig.Api.ListDeployments(rig.Repository, NoFilters).NextAsync(t))!;

    [Theory]
    [InlineData("https://api.github.com/", "https://api.github.com/graphql")]
    [InlineData("https://api.octo.ghe.com/", "https://api.octo.ghe.com/graphql")]
    [InlineData("https://ghes.example.com/api/v3/", "https://ghes.example.com/api/graphql")]
    [InlineData("https://ghes.example.com/API/V3/", "https://ghes.example.com/api/graphql")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/graphql")]
    [InlineData("http://127.0.0.1:5000/api/v3/", "http://127.0.0.1:5000/api/graphql")]
    public void TheEndpointFollowsTheApiRoot(string apiRoot, string endpoint) =>
        Assert.Equal(endpoint, GraphQLEndpoint.For(new Uri(apiRoot)).AbsoluteUri);

    [Fact]
    public void EveryQueryTheModuleSendsValidatesAgainstGitHubsSchema() =>
        Assert.Empty(GitHubEmulator.GraphQL.GitHubSchema.Validate(GitHubApi.StatesQuery, """{"ids":["X"]}"""));

    [Fact]
    public void AQueryGitHubWouldRejectDoesNotValidate() =>
        Assert.NotEmpty(GitHubEmulator.GraphQL.GitHubSchema.Validate(GitHubApi.StatesQuery.Replace("state", "status"), """{"ids":["X"]}"""));

    [Fact]
    public async Task APageComesWithItsStatesInOneQuery()
    {
        await using var rig = await StartAsync();
        var ids = rig.Seed(3, "staging", "success");
        rig.Seed(1, "staging", "success", "inactive");

        var (page, _) = await RunAsync(t => ListAsync(rig, t));

        Assert.Equal(4, page.Count);
        Assert.All(page, d => Assert.NotNull(d.State));
        Assert.Equal(["GET 200", "POST 200"], rig.Requests().Select(r => r.Method + " " + r.Status));
        Assert.Equal("/api/graphql", rig.Requests("POST").Single().Path);
        Assert.True(rig.Api.StatesAvailable);
        Assert.Equal("graphql", rig.LastGraphQLRateLimit?.Resource);
    }

    [Fact]
    public async Task AQueryIsARead_NoWritePacing_AndSentAgainAfterA502()
    {
        var policy = FastPolicy();
        policy.WriteIntervalSeconds = 1;
        await using var rig = await StartAsync(policy);
        rig.Seed(2);
        rig.Fault("POST", GraphQLPath, 502);

        await RunAsync(t => ListAsync(rig, t));
        await RunAsync(t => ListAsync(rig, t));

        Assert.Equal([502, 200, 200], rig.Requests("POST").Select(r => r.Status));
        Assert.True(rig.Waited < TimeSpan.FromSeconds(1), "queries are not paced like writes: waited " + rig.Waited);
    }

    [Fact]
    public async Task RateLimitedWithBudgetLeftIsWaitedOutAsASecondaryLimit()
    {
        var policy = FastPolicy();
        policy.SecondaryLimitWaitSeconds = 60;
        policy.MaxRateLimitWaitSeconds = 300;
        await using var rig = await StartAsync(policy);
        rig.Seed(1);
        rig.Fault("POST", GraphQLPath, 200, body: RateLimited);

        var (page, messages) = await RunAsync(t => ListAsync(rig, t));

        Assert.NotNull(page.Single().State);
        Assert.Equal(2, rig.Requests("POST").Count);
        Assert.Equal(TimeSpan.FromSeconds(60), rig.Waited);
        Assert.Contains(messages, m => m.Contains("secondary rate limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimitedWithTheBudgetSpentWaitsForTheReset()
    {
        var policy = FastPolicy();
        policy.MaxRateLimitWaitSeconds = 300;
        await using var rig = await StartAsync(policy);
        rig.Seed(1);
        var reset = rig.Clock.GetUtcNow().AddSeconds(120).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        rig.Fault("POST", GraphQLPath, 200, body: RateLimited, headers: new Dictionary<string, string>
        {
            ["x-ratelimit-limit"] = "5000", ["x-ratelimit-remaining"] = "0", ["x-ratelimit-reset"] = reset, ["x-ratelimit-resource"] = "graphql",
        });

        var (page, messages) = await RunAsync(t => ListAsync(rig, t));

        Assert.NotNull(page.Single().State);
        Assert.Equal(TimeSpan.FromSeconds(120.1), rig.Waited);
        Assert.Contains(messages, m => m.Contains("rate limit is used up", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnotherGraphQLErrorIsAGraphQLExceptionWithGitHubsWords()
    {
        await using var rig = await StartAsync();
        rig.Seed(1);
        rig.Fault("POST", GraphQLPath, 200, body: """{"errors":[{"type":"SERVICE_UNAVAILABLE","message":"Something went wrong while executing your query."}]}""");

        var (error, _, _) = await FailAsync(t => ListAsync(rig, t));

        var failure = Assert.IsType<GraphQLException>(error);
        Assert.False(failure.NotFound);
        Assert.Contains("SERVICE_UNAVAILABLE: Something went wrong while executing your query.", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhereGraphQLIsNotAvailableStatesStayNull_OneWarning_AndNoMoreQueries()
    {
        await using var rig = await StartAsync();
        rig.Seed(250);
        rig.Fault("POST", GraphQLPath, 404, count: 100);

        var pager = rig.Api.ListDeployments(rig.Repository, NoFilters);
        var (all, messages) = await RunAsync(async t =>
        {
            var seen = new List<GhDeployment>();
            for (IReadOnlyList<GhDeployment>? page; (page = await pager.NextAsync(t)) != null;) seen.AddRange(page);
            return seen;
        });

        Assert.Equal(250, all.Count);
        Assert.All(all, d => Assert.Null(d.State));
        Assert.False(rig.Api.StatesAvailable);
        Assert.Single(rig.Requests("POST"));
        var warning = Assert.Single(messages, m => m.StartsWith("Warning:", StringComparison.Ordinal));
        Assert.Contains("GraphQL API is not available here (GitHub answered 404", warning, StringComparison.Ordinal);
        Assert.Contains("90 days", warning, StringComparison.Ordinal);
    }
}
