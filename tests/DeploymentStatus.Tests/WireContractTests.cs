using System.Text.Json.Nodes;
using DeploymentStatus.GitHub;
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
    SessionRig rig = null!;

    public async Task InitializeAsync() => rig = await SessionRig.StartAsync();

    public Task DisposeAsync() => rig.DisposeAsync().AsTask();

    JsonNode LastBody(string method)
    {
        var request = rig.Rest.Last(r => r.Method == method);
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
        var created = await rig.Api.CreateDeploymentAsync(rig.Repository, request, CancellationToken.None);

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
        var deployment = (await rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main") { Environment = "qa" }, CancellationToken.None)).Deployment!;
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
            var status = await rig.Api.CreateStatusAsync(rig.Repository, deployment.Id, request, CancellationToken.None);
            contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", LastBody("POST"));
            Assert.Equal(state, status.State);
            Assert.Equal("https://qa.example.com/", status.EnvironmentUrl);
        }
        // The minimal body, too.
        await rig.Api.CreateStatusAsync(rig.Repository, deployment.Id, new StatusRequest("success"), CancellationToken.None);
        var minimal = LastBody("POST");
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/deployments/{deployment_id}/statuses", minimal);
        Assert.Equal(["state"], minimal.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task ReadsEveryFieldOfWhatGitHubSends()
    {
        var deployment = (await rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main") { Environment = "production", Description = "d" }, CancellationToken.None)).Deployment!;
        await rig.Api.CreateStatusAsync(rig.Repository, deployment.Id, new StatusRequest("success") { LogUrl = new Uri("https://ci.example.com/9") }, CancellationToken.None);

        var read = await rig.Api.GetDeploymentAsync(rig.Repository, deployment.Id, CancellationToken.None);
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

        var latest = (await rig.Api.GetLatestStatusAsync(rig.Repository, deployment.Id, CancellationToken.None))!;
        Assert.Equal("success", latest.State);
        Assert.Equal("https://ci.example.com/9", latest.LogUrl);
        Assert.Equal("https://ci.example.com/9", latest.TargetUrl);
        Assert.Equal("production", latest.Environment);
        Assert.Equal(deployment.Id, latest.DeploymentId);
        Assert.EndsWith("/deployments/" + deployment.Id, latest.DeploymentUrl);
        var again = await rig.Api.GetStatusAsync(rig.Repository, deployment.Id, latest.Id, CancellationToken.None);
        Assert.Equal(latest.Id, again.Id);
    }
}
