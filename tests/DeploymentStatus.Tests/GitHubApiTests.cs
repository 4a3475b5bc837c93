using System.Text.Json.Nodes;
using DeploymentStatus.GitHub;
using DeploymentStatus.Session;
using GitHubEmulator;
using GitHubEmulator.State;
using Octokit;
using Xunit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The deployment and status calls of <see cref="GitHubApi"/> over the module's own connection (GhSession: Octokit over
/// the policy handler) against the in-process emulator, asserting what reached the wire.
/// </summary>
public sealed class GitHubApiTests
{
    /// <summary>Refs for the 202 and 409 answers: one behind the default branch, one that conflicts, one whose checks fail.</summary>
    static readonly GitRefSpec[] refs =
    [
        new GitRefSpec("behind") { Behind = true },
        new GitRefSpec("conflicted") { Behind = true, MergeConflict = true },
        new GitRefSpec("red") { Contexts = new Dictionary<string, string> { ["ci/build"] = "failure", ["ci/lint"] = "success" } },
    ];

    static CancellationToken None => CancellationToken.None;

    public class TheCreateDeploymentAsyncMethod : IAsyncLifetime
    {
        SessionRig rig = null!;
        public async Task InitializeAsync() => rig = await SessionRig.StartAsync(refs);
        public Task DisposeAsync() => rig.DisposeAsync().AsTask();

        [Fact]
        public async Task PostsTheGivenFieldsAsJsonAndReturnsTheDeployment()
        {
            var created = await rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("main")
            {
                Environment = "staging",
                Payload = new Dictionary<string, object?> { ["nested"] = new Dictionary<string, object?> { ["list"] = new List<object?> { 1, "two" } } },
            }, None);

            var deployment = Assert.IsType<GhDeployment>(created.Deployment);
            Assert.Null(created.MergeMessage);
            Assert.True(deployment.Id > int.MaxValue);
            Assert.Equal("octo-org", deployment.Owner);
            Assert.Equal("hello-world", deployment.Repository);
            Assert.Equal("staging", deployment.Environment);
            Assert.Equal("deploy", deployment.Task);
            Assert.False(deployment.ProductionEnvironment);

            var sent = Assert.Single(rig.Rest);
            Assert.Equal("POST", sent.Method);
            Assert.Equal("/repos/octo-org/hello-world/deployments", sent.Path);
            Assert.Empty(rig.GraphQL);   // New-GhDeployment asks for the state; Invoke-GhDeployment needs none
            Assert.StartsWith("application/json", sent.Headers["Content-Type"]);
            var body = JsonNode.Parse(sent.Body)!.AsObject();
            Assert.Equal(["ref", "environment", "payload"], body.Select(p => p.Key));
            Assert.Equal("two", (string?)body["payload"]!["nested"]!["list"]![1]);

            // GitHub keeps the payload nested; so does the deployment read back.
            var list = Assert.IsType<object?[]>(((System.Collections.Specialized.OrderedDictionary)deployment.Payload["nested"]!)["list"]);
            Assert.Equal("two", list[1]);
        }

        [Fact]
        public async Task Answers202WithTheMergeMessageAndNoDeployment()
        {
            var created = await rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("behind"), None);
            Assert.Null(created.Deployment);
            Assert.Equal("Auto-merged main into behind on deployment.", created.MergeMessage);
            Assert.Equal(202, Assert.Single(rig.Rest).Status);
        }

        [Fact]
        public async Task Throws409ForFailedStatusChecks_WithTheContextsReadable()
        {
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("red"), None));
            Assert.Equal(409, ex.Status);
            var conflict = ex.Conflict!;
            Assert.Equal(DeploymentConflictKind.StatusChecks, conflict.Kind);
            Assert.Equal(["ci/build"], conflict.Failing.Select(c => c.Key));
        }

        [Fact]
        public async Task Throws409ForAMergeConflict()
        {
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("conflicted"), None));
            Assert.Equal(409, ex.Status);
            Assert.Equal(DeploymentConflictKind.MergeConflict, ex.Conflict!.Kind);
        }

        [Fact]
        public async Task DeploysFailedChecksWhenNoContextIsRequired()
        {
            var created = await rig.Api.CreateDeploymentAsync(rig.Repository, new DeploymentRequest("red") { RequiredContexts = [] }, None);
            Assert.NotNull(created.Deployment);
            Assert.Contains("\"required_contexts\":[]", Assert.Single(rig.Rest).Body);
        }
    }

    public class TheStatusMethods : IAsyncLifetime
    {
        SessionRig rig = null!;
        public async Task InitializeAsync() => rig = await SessionRig.StartAsync(refs);
        public Task DisposeAsync() => rig.DisposeAsync().AsTask();

        [Fact]
        public async Task ListStatuses_GivesPagesOf100AndFollowsTheNextLink()
        {
            var id = rig.Seed(1, "staging", [.. Enumerable.Repeat("in_progress", 149), "success"])[0];
            var pager = rig.Api.ListStatuses(rig.Repository, id);
            var first = (await pager.NextAsync(None))!;
            Assert.Equal(100, first.Count);
            Assert.Equal("success", first[0].State);
            Assert.All(first, s => Assert.Equal(id, s.DeploymentId));
            Assert.Equal(200, pager.EstimatedCount);

            var second = (await pager.NextAsync(None))!;
            Assert.Equal(50, second.Count);
            Assert.Null(await pager.NextAsync(None));
            Assert.Empty(first.Select(s => s.Id).Intersect(second.Select(s => s.Id)));

            Assert.Equal(2, rig.Rest.Count);
            Assert.All(rig.Rest, r => Assert.Contains("per_page=100", r.Query));
        }

        [Fact]
        public async Task GetLatestStatusAsync_IsOneRequestForOneStatus()
        {
            var id = rig.Seed(1, "staging", "queued", "in_progress", "failure")[0];
            var latest = await rig.Api.GetLatestStatusAsync(rig.Repository, id, None);
            Assert.Equal("failure", latest!.State);
            var sent = Assert.Single(rig.Rest);
            Assert.Equal("GET", sent.Method);
            Assert.Equal($"/repos/octo-org/hello-world/deployments/{id}/statuses", sent.Path);
            Assert.Contains("per_page=1", sent.Query);
            Assert.DoesNotContain("per_page=10", sent.Query);
        }

        [Fact]
        public async Task GetLatestStatusAsync_IsNullWithoutStatuses()
        {
            var id = rig.Emulator.State.SeedDeployments("octo-org", "hello-world", new DeploymentSeed { States = [] })[0];
            Assert.Null(await rig.Api.GetLatestStatusAsync(rig.Repository, id, None));
        }

        [Fact]
        public async Task GetStatusAsync_GetsOneById()
        {
            var id = rig.Seed(1, "staging", "queued", "success")[0];
            var all = (await rig.Api.ListStatuses(rig.Repository, id).NextAsync(None))!;
            var one = await rig.Api.GetStatusAsync(rig.Repository, id, all[1].Id, None);
            Assert.Equal("queued", one.State);
            Assert.Equal(all[1].Id, one.Id);
        }

        [Fact]
        public async Task CreateStatusAsync_PostsInactiveAsTheOnlyField()
        {
            var id = rig.Seed(1)[0];
            var status = await rig.Api.CreateStatusAsync(rig.Repository, id, new StatusRequest("inactive"), None);
            Assert.Equal("inactive", status.State);
            var sent = Assert.Single(rig.Rest);
            Assert.Equal("{\"state\":\"inactive\"}", sent.Body);
        }
    }

    public class TheListAndDeleteDeploymentMethods : IAsyncLifetime
    {
        SessionRig rig = null!;
        public async Task InitializeAsync() => rig = await SessionRig.StartAsync(refs);
        public Task DisposeAsync() => rig.DisposeAsync().AsTask();

        [Fact]
        public async Task ListDeployments_FiltersAndWalksEveryPage()
        {
            var staging = rig.Seed(250, "staging");
            rig.Seed(3, "production");
            var pager = rig.Api.ListDeployments(rig.Repository, new Dictionary<string, string> { ["environment"] = "staging" });
            var seen = new List<long>();
            for (IReadOnlyList<GhDeployment>? page; (page = await pager.NextAsync(None)) != null;) seen.AddRange(page.Select(d => d.Id));

            Assert.Equal(300, pager.EstimatedCount);
            Assert.Equal(staging.Reverse(), seen);
            Assert.Equal(3, rig.Rest.Count);
            Assert.Equal(3, rig.GraphQL.Count);
            Assert.All(rig.Rest, r => Assert.Contains("environment=staging", r.Query));
            Assert.All(rig.Rest, r => Assert.Contains("per_page=100", r.Query));
        }

        [Fact]
        public async Task ListDeployments_SkipsWholePagesWithoutReadingThem()
        {
            var staging = rig.Seed(250, "staging");
            var pager = rig.Api.ListDeployments(rig.Repository, new Dictionary<string, string>(), skip: 205);

            var page = (await pager.NextAsync(None))!;

            Assert.Equal(staging.Reverse().Skip(205), page.Select(d => d.Id));
            Assert.Contains("page=3", Assert.Single(rig.Rest).Query);
            Assert.Null(await pager.NextAsync(None));
        }

        [Fact]
        public async Task DeleteDeploymentAsync_DeletesAnInactiveDeployment()
        {
            var ids = rig.Seed(2, "staging", "success", "inactive");
            await rig.Api.DeleteDeploymentAsync(rig.Repository, ids[0]);
            Assert.Equal(204, Assert.Single(rig.Rest).Status);
            Assert.Equal(404, (await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.GetDeploymentAsync(rig.Repository, ids[0], None))).Status);
        }

        [Fact]
        public async Task DeleteDeploymentAsync_ThrowsTheRefusalOfAnActiveOne()
        {
            var ids = rig.Seed(2);
            var ex = await Assert.ThrowsAsync<GitHubApiException>(() => rig.Api.DeleteDeploymentAsync(rig.Repository, ids[0]));
            Assert.Equal(422, ex.Status);
            Assert.Contains("active deployment", ex.Message);
        }
    }
}
