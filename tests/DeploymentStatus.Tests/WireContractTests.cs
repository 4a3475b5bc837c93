using System.Text.Json.Nodes;
using DeploymentStatus.GitHub;
using DeploymentStatus.Testing;
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

    const string Environment = "/repos/{owner}/{repo}/environments/{environment_name}";

    [Fact]
    public async Task EnvironmentRequestsMatchGitHubsSchema_CanAdminsBypassBeingTheOneUndocumentedField()
    {
        var hubot = rig.Emulator.State.AddUser("hubot");
        var ops = rig.Emulator.State.AddTeam(new GitHubEmulator.State.TeamSpec("octo-org", "ops"));
        var full = new EnvironmentRequest
        {
            WaitTimer = EnvironmentRequest.MaxWaitTimer,
            PreventSelfReview = true,
            Reviewers = [new ReviewerId("User", hubot), new ReviewerId("Team", ops)],
            BranchPolicy = EnvironmentRequest.CustomBranches,
            CanAdminsBypass = false,
        };

        var set = await rig.Api.SetEnvironmentAsync(rig.Repository, "production", full);
        var body = LastBody("PUT");
        contract.AssertValidRequest("PUT", Environment, body, "can_admins_bypass");
        Assert.False(body["can_admins_bypass"]!.GetValue<bool>());
        Assert.Equal(43200, set.WaitTimer);
        Assert.Equal(["hubot", "octo-org/ops"], set.Reviewers);
        Assert.True(set.PreventSelfReview);
        Assert.Equal("CustomBranches", set.DeploymentBranchPolicy);
        Assert.False(set.CanAdminsBypass);

        foreach (var policy in new[] { EnvironmentRequest.AllBranches, EnvironmentRequest.ProtectedBranches })
        {
            var changed = await rig.Api.SetEnvironmentAsync(rig.Repository, "production", new EnvironmentRequest { BranchPolicy = policy, Reviewers = [] });
            contract.AssertValidRequest("PUT", Environment, LastBody("PUT"));
            Assert.Equal(policy, changed.DeploymentBranchPolicy);
            Assert.Empty(changed.Reviewers);
            Assert.Equal(43200, changed.WaitTimer);
        }
        await rig.Api.SetEnvironmentAsync(rig.Repository, "qa", new EnvironmentRequest());
        Assert.Empty(LastBody("PUT").AsObject());
        contract.AssertValidRequest("PUT", Environment, LastBody("PUT"));
    }

    [Fact]
    public void EnvironmentRequestsOutsideGitHubsLimitsAreRefusedBeforeSending()
    {
        Assert.Throws<GhInputException>(() => new EnvironmentRequest { WaitTimer = 43201 }.ToBody());
        Assert.Throws<GhInputException>(() => new EnvironmentRequest { WaitTimer = -1 }.ToBody());
        Assert.Throws<GhInputException>(() => new EnvironmentRequest { Reviewers = [.. Enumerable.Range(1, 7).Select(i => new ReviewerId("User", i))] }.ToBody());
        Assert.Throws<GhInputException>(() => new EnvironmentRequest { BranchPolicy = "Everything" }.ToBody());
    }

    [Fact]
    public async Task BranchPolicyRequestsMatchGitHubsSchema()
    {
        rig.Emulator.State.AddEnvironment("octo-org", "hello-world", new GitHubEmulator.State.EnvironmentSpec("production") { BranchPolicy = "custom" });
        const string policies = Environment + "/deployment-branch-policies";

        var branch = await rig.Api.CreateBranchPolicyAsync(rig.Repository, "production", "release/*", null, CancellationToken.None);
        contract.AssertValidRequest("POST", policies, LastBody("POST"));
        Assert.Equal(["name"], LastBody("POST").AsObject().Select(p => p.Key));
        var tag = await rig.Api.CreateBranchPolicyAsync(rig.Repository, "production", "v*", "tag", CancellationToken.None);
        contract.AssertValidRequest("POST", policies, LastBody("POST"));

        Assert.Equal(("release/*", "branch", "production"), (branch.Name, branch.Type, branch.Environment));
        Assert.Equal("tag", tag.Type);
        var read = await rig.Api.GetBranchPolicyAsync(rig.Repository, "production", tag.PolicyId, CancellationToken.None);
        Assert.Equal(tag.NodeId, read.NodeId);
    }

    [Fact]
    public async Task ReviewRequestsMatchGitHubsSchema()
    {
        var production = rig.Emulator.State.AddEnvironment("octo-org", "hello-world", new GitHubEmulator.State.EnvironmentSpec("production") { Reviewers = ["octocat"], WaitTimer = 3 });
        var run = rig.Emulator.State.AddRun("octo-org", "hello-world", new GitHubEmulator.State.RunSpec { Actor = "hubot", Environments = [new("production") { Apps = ["gate"] }] });

        var pending = Assert.Single(await rig.Api.GetPendingDeploymentsAsync(rig.Repository, run, CancellationToken.None));
        Assert.Equal((run, "production", production, 3, true), (pending.RunId, pending.Environment, pending.EnvironmentId, pending.WaitTimer, pending.CurrentUserCanApprove));
        Assert.Equal(["octocat"], pending.Reviewers);
        Assert.Equal(ManualClock.Start, pending.WaitTimerStartedAt);

        var deployments = await rig.Api.ReviewPendingDeploymentsAsync(rig.Repository, run, [production], "approved", "Ship it", CancellationToken.None);
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments", LastBody("POST"));
        Assert.Equal("production", Assert.Single(deployments).Environment);

        // The session's token is no GitHub App's, so GitHub refuses the review; what was sent is what is asserted.
        await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.ReviewProtectionRuleAsync(rig.Repository, run, "production", "rejected", "Gate failed", CancellationToken.None));
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", LastBody("POST"));
        await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.ReviewProtectionRuleAsync(rig.Repository, run, "production", "approved", null, CancellationToken.None));
        contract.AssertValidRequest("POST", "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule", LastBody("POST"));
        Assert.Equal(["environment_name", "state"], LastBody("POST").AsObject().Select(p => p.Key));
    }
}
