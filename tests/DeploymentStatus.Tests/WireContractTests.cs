using System.Text.Json.Nodes;
using DeploymentStatus.GitHub;
using DeploymentStatus.Session;
using GitHubEmulator;
using GitHubEmulator.Tests;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The module's requests, as they reach the emulator over real HTTP, validate against the request schemas of
/// GitHub's OpenAPI description; and what the module reads back matches what GitHub's schema says it sends.
/// </summary>
public sealed class WireContractTests : IAsyncLifetime
{
    static readonly OpenApiContract contract = new();
    const string Token = "contract-token";
    EmulatorServer emulator = null!;
    GhSession session = null!;
    GitHubApi api = null!;
    readonly RepositoryName repository = new("octo-org", "hello-world");

    public async Task InitializeAsync()
    {
        emulator = await EmulatorServer.StartAsync();
        emulator.State.AddToken(Token);
        emulator.State.AddRepository("octo-org", "hello-world");
        session = new GhSession(new Uri(emulator.BaseUri, "api/v3/"), ConnectionSettings.ToSecureString(Token), GhTokenSource.Parameter,
            new GhHttpPolicy { WriteIntervalSeconds = 0, RetryBaseDelaySeconds = 0.01 }, null, null);
        api = new GitHubApi(session.Connection);
    }

    public async Task DisposeAsync()
    {
        session.Dispose();
        await emulator.DisposeAsync();
    }

    JsonNode LastBody(string method)
    {
        var request = emulator.State.Requests.Snapshot().Last(r => r.Method == method);
        return JsonNode.Parse(request.Body) ?? throw new InvalidOperationException("empty body");
    }

    [Fact]
    public async Task DeploymentRequestsMatchGitHubsSchema()
    {
        var request = new DeploymentRequest("main")
        {
            Environment = "staging",
            Task = "deploy:migrations",
            Description = "Release 1.1",
            Payload = new Dictionary<string, object?> { ["migrate"] = true, ["regions"] = new List<object?> { "eu", "us" }, ["nested"] = new Dictionary<string, object?> { ["n"] = 3 } },
            TransientEnvironment = false,
            ProductionEnvironment = false,
            AutoMerge = false,
            RequiredContexts = [],
        };
        var created = await api.CreateDeploymentAsync(repository, request, CancellationToken.None);

        var body = LastBody("POST");
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/deployments", body);
        Assert.Equal(3, body["payload"]!["nested"]!["n"]!.GetValue<int>());
        Assert.Empty(body["required_contexts"]!.AsArray());
        Assert.Equal(9, body.AsObject().Count);

        var deployment = created.Deployment!;
        Assert.Equal("staging", deployment.Environment);
        Assert.Equal("deploy:migrations", deployment.Task);
        Assert.True((bool)deployment.Payload["migrate"]!);
        Assert.Equal(new object?[] { "eu", "us" }, (object?[])deployment.Payload["regions"]!);
        Assert.Equal(3L, Convert.ToInt64(((System.Collections.Specialized.OrderedDictionary)deployment.Payload["nested"]!)["n"]));
    }

    [Fact]
    public async Task StatusRequestsMatchGitHubsSchema()
    {
        var deployment = (await api.CreateDeploymentAsync(repository, new DeploymentRequest("main") { Environment = "qa" }, CancellationToken.None)).Deployment!;
        foreach (var state in StatusRequest.States)
        {
            var request = new StatusRequest(state)
            {
                Description = new string('d', StatusRequest.MaxDescriptionLength),
                LogUrl = new Uri("https://ci.example.com/run/1"),
                TargetUrl = new Uri("https://ci.example.com/run/1"),
                Environment = "qa",
                EnvironmentUrl = new Uri("https://qa.example.com/"),
                AutoInactive = false,
            };
            var status = await api.CreateStatusAsync(repository, deployment.Id, request, session.Policy, CancellationToken.None);
            contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", LastBody("POST"));
            Assert.Equal(state, status.State);
            Assert.Equal("https://qa.example.com/", status.EnvironmentUrl);
        }
        // The minimal body, too.
        await api.CreateStatusAsync(repository, deployment.Id, new StatusRequest("success"), session.Policy, CancellationToken.None);
        var minimal = LastBody("POST");
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", minimal);
        Assert.Equal(["state"], minimal.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ReadsEveryFieldOfWhatGitHubSends()
    {
        var deployment = (await api.CreateDeploymentAsync(repository, new DeploymentRequest("main") { Environment = "production", Description = "d" }, CancellationToken.None)).Deployment!;
        await api.CreateStatusAsync(repository, deployment.Id, new StatusRequest("success") { LogUrl = new Uri("https://ci.example.com/9") }, session.Policy, CancellationToken.None);

        var read = await api.GetDeploymentAsync(repository, deployment.Id, CancellationToken.None);
        var wire = JsonNode.Parse(emulator.State.Requests.Snapshot().Count > 0 ? await new HttpClient().GetStringAsync(new Uri(emulator.BaseUri, "_emulator/state/octo-org/hello-world")) : "{}")!;
        Assert.Equal(deployment.Id, read.Id);
        Assert.Equal("octo-org", read.Owner);
        Assert.Equal("hello-world", read.Repository);
        Assert.Matches("^[0-9a-f]{40}$", read.Sha);
        Assert.Equal("main", read.Ref);
        Assert.Equal("deploy", read.Task);
        Assert.Equal("production", read.Environment);
        Assert.Equal("production", read.OriginalEnvironment);
        Assert.True(read.ProductionEnvironment);
        Assert.False(read.TransientEnvironment);
        Assert.Equal("octocat", read.Creator);
        Assert.NotEqual(default, read.CreatedAt);
        Assert.NotEmpty(read.NodeId);
        Assert.EndsWith("/deployments/" + deployment.Id, read.Url);
        Assert.EndsWith("/deployments/" + deployment.Id + "/statuses", read.StatusesUrl);
        Assert.NotNull(wire["deployments"]);

        var latest = (await api.GetLatestStatusAsync(repository, deployment.Id, CancellationToken.None))!;
        Assert.Equal("success", latest.State);
        Assert.Equal("https://ci.example.com/9", latest.LogUrl);
        Assert.Equal("https://ci.example.com/9", latest.TargetUrl);
        Assert.Equal("production", latest.Environment);
        Assert.Equal(deployment.Id, latest.DeploymentId);
        Assert.EndsWith("/deployments/" + deployment.Id, latest.DeploymentUrl);
        var again = await api.GetStatusAsync(repository, deployment.Id, latest.Id, CancellationToken.None);
        Assert.Equal(latest.Id, again.Id);
    }
}
