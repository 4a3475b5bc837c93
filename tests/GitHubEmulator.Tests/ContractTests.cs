using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>The emulator's actual answers validate against the schemas of GitHub's OpenAPI description.</summary>
public sealed class ContractTests
{
    private const string Deployments = "/repos/{owner}/{repo}/deployments";
    private const string Deployment = Deployments + "/{deployment_id}";
    private const string Statuses = Deployment + "/statuses";

    private static readonly OpenApiContract Contract = new();

    private static async Task<(TestEmulator Emu, long Id)> StartWithDeploymentAsync()
    {
        var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging","payload":{"a":[1,2]},"description":null}""");
        return (emu, deployment["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task DeploymentAndListOfDeployments()
    {
        var (emu, id) = await StartWithDeploymentAsync();
        await using var _ = emu;
        emu.Seed(new DeploymentSeed { Count = 3 });

        var created = (await emu.GetAsync($"api/v3/repos/o/r/deployments/{id}")).Json;
        var list = (await emu.GetAsync("repos/o/r/deployments")).Json;

        Contract.AssertValid("deployment", created);
        Contract.AssertValidResponse("GET", Deployment, 200, created);
        Contract.AssertValidResponse("GET", Deployments, 200, list);
        Assert.Equal(4, list.AsArray().Count);
    }

    [Fact]
    public async Task DeploymentStatusAndListOfStatuses()
    {
        var (emu, id) = await StartWithDeploymentAsync();
        await using var _ = emu;
        var full = await emu.CreateStatusAsync(id,
            """{"state":"success","log_url":"https://ci.example/1","environment_url":"https://staging.example","description":"done","environment":"staging"}""");
        var bare = await emu.CreateStatusAsync(id, """{"state":"inactive"}""");

        var list = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json;

        Contract.AssertValid("deployment-status", full);
        Contract.AssertValidResponse("POST", Statuses, 201, bare);
        Contract.AssertValidResponse("GET", Statuses, 200, list);
        Contract.AssertValidResponse("GET", Statuses + "/{status_id}", 200,
            (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses/{full["id"]}")).Json);
    }

    [Fact]
    public async Task EnvironmentsList()
    {
        var (emu, _) = await StartWithDeploymentAsync();
        await using var _emu = emu;

        var list = (await emu.GetAsync("repos/o/r/environments")).Json;

        Contract.AssertValidResponse("GET", "/repos/{owner}/{repo}/environments", 200, list);
        Contract.AssertValid("environment", list["environments"]![0]);
    }

    [Fact]
    public async Task UserIsASimpleUser()
    {
        await using var emu = await TestEmulator.StartAsync();

        Contract.AssertValid("simple-user", (await emu.GetAsync("user")).Json);
    }

    [Fact]
    public async Task ErrorBodies()
    {
        var (emu, id) = await StartWithDeploymentAsync();
        await using var _ = emu;
        emu.Seed(new DeploymentSeed());

        var tooLong = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", $$"""{"state":"success","description":"{{new string('x', 141)}}"}""");
        var missingRef = await emu.PostAsync("repos/o/r/deployments", "{}");
        var activeDelete = await emu.DeleteAsync($"repos/o/r/deployments/{id}");
        var notFound = await emu.GetAsync("repos/o/r/deployments/1");

        Contract.AssertValidResponse("POST", Statuses, 422, tooLong.Json);
        Contract.AssertValidResponse("POST", Deployments, 422, missingRef.Json);
        Contract.AssertValidResponse("DELETE", Deployment, 422, activeDelete.Json);
        Contract.AssertValidResponse("GET", Deployment, 404, notFound.Json);
        Contract.AssertValid("basic-error", (await emu.GetAsync("repos/o/none/deployments")).Json);
    }

    [Fact]
    public async Task AutoMergeAnswer()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Behind = true }]);

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic"}""");

        Contract.AssertValidResponse("POST", Deployments, 202, reply.Json);
    }

    [Fact]
    public void TheContractRejectsWhatGitHubWouldNotSend()
    {
        var status = JsonNode.Parse("""{"id":1,"state":"done"}""");

        Assert.ThrowsAny<Exception>(() => Contract.AssertValid("deployment-status", status));
        Assert.ThrowsAny<Exception>(() => Contract.AssertValid("deployment", JsonNode.Parse("{}")));
    }

    [Fact]
    public async Task FormatsAndNullsAreAsserted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync();

        deployment["creator"] = null;
        Contract.AssertValid("deployment", deployment);
        deployment["created_at"] = "yesterday";
        Assert.ThrowsAny<Exception>(() => Contract.AssertValid("deployment", deployment));
        deployment["created_at"] = "2012-07-20T01:19:13Z";
        deployment["statuses_url"] = "";
        Assert.ThrowsAny<Exception>(() => Contract.AssertValid("deployment", deployment));
    }

    [Fact]
    public void RequestBodiesAreCheckedAgainstTheOperation()
    {
        Contract.AssertValidRequest("POST", Deployments, JsonNode.Parse("""{"ref":"main","payload":{"a":1},"required_contexts":[]}"""));
        Contract.AssertValidRequest("POST", Statuses, JsonNode.Parse("""{"state":"in_progress","log_url":"https://ci.example/1","auto_inactive":false}"""));

        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("POST", Deployments, JsonNode.Parse("""{"environment":"qa"}""")));
        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("POST", Statuses, JsonNode.Parse("""{"state":"done"}""")));
    }
}

/// <summary>Environments, branch policies, users and teams, pending deployments: the emulator's answers and the request bodies against GitHub's description.</summary>
public sealed class EnvironmentContractTests : IAsyncLifetime
{
    private const string Environments = "/repos/{owner}/{repo}/environments";
    private const string Environment = Environments + "/{environment_name}";
    private const string Policies = Environment + "/deployment-branch-policies";
    private const string Pending = "/repos/{owner}/{repo}/actions/runs/{run_id}/pending_deployments";
    private const string Rule = "/repos/{owner}/{repo}/actions/runs/{run_id}/deployment_protection_rule";

    private static readonly OpenApiContract Contract = new();
    private TestEmulator emu = null!;
    private long hubot, ops;

    public async Task InitializeAsync()
    {
        emu = await TestEmulator.StartAsync();
        hubot = emu.State.AddUser("hubot");
        ops = emu.State.AddTeam(new TeamSpec("o", "ops") { Members = ["octocat"] });
    }

    public Task DisposeAsync() => emu.DisposeAsync().AsTask();

    private string FullBody => $$$"""
        {"wait_timer":30,"prevent_self_review":true,"reviewers":[{"type":"User","id":{{{hubot}}}},{"type":"Team","id":{{{ops}}}}],
         "deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true}}
        """;

    [Fact]
    public async Task EnvironmentAnswers()
    {
        var put = await emu.PutAsync("repos/o/r/environments/production", FullBody);
        await emu.PutAsync("repos/o/r/environments/staging", """{"deployment_branch_policy":{"protected_branches":true,"custom_branch_policies":false}}""");
        await emu.CreateDeploymentAsync("""{"ref":"main","environment":"qa"}""");

        Contract.AssertValidRequest("PUT", Environment, JsonNode.Parse(FullBody));
        Contract.AssertValidResponse("PUT", Environment, 200, put.Json);
        Contract.AssertValidResponse("GET", Environment, 200, (await emu.GetAsync("repos/o/r/environments/production")).Json);
        Contract.AssertValidResponse("GET", Environments, 200, (await emu.GetAsync("repos/o/r/environments")).Json);
        Contract.AssertValidResponse("PUT", Environment, 422, (await emu.PutAsync("repos/o/r/environments/x", """{"wait_timer":99999}""")).Json);
        Contract.AssertValid("basic-error", (await emu.GetAsync("repos/o/r/environments/none")).Json);
    }

    [Fact]
    public void CanAdminsBypassIsTakenByGitHubButNotDescribed()
    {
        var body = JsonNode.Parse("""{"wait_timer":1,"can_admins_bypass":false}""");

        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("PUT", Environment, body));
        Contract.AssertValidRequest("PUT", Environment, body, "can_admins_bypass");
        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("PUT", Environment, JsonNode.Parse("""{"wait_timer":"1","can_admins_bypass":false}"""), "can_admins_bypass"));
    }

    [Fact]
    public async Task BranchPolicyAnswers()
    {
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = "custom" });
        var created = await emu.PostAsync("repos/o/r/environments/production/deployment-branch-policies", """{"name":"v*","type":"tag"}""");

        Contract.AssertValidRequest("POST", Policies, JsonNode.Parse("""{"name":"v*","type":"tag"}"""));
        Contract.AssertValidRequest("POST", Policies, JsonNode.Parse("""{"name":"release/*"}"""));
        Contract.AssertValidResponse("POST", Policies, 200, created.Json);
        Contract.AssertValidResponse("GET", Policies, 200, (await emu.GetAsync("repos/o/r/environments/production/deployment-branch-policies")).Json);
        Contract.AssertValidResponse("GET", Policies + "/{branch_policy_id}", 200,
            (await emu.GetAsync($"repos/o/r/environments/production/deployment-branch-policies/{created.Json["id"]}")).Json);
    }

    [Fact]
    public async Task UserAndTeamAnswers()
    {
        Contract.AssertValidResponse("GET", "/users/{username}", 200, (await emu.GetAsync("users/hubot")).Json);
        Contract.AssertValidResponse("GET", "/users/{username}", 404, (await emu.GetAsync("users/nobody")).Json);
        Contract.AssertValidResponse("GET", "/orgs/{org}/teams/{team_slug}", 200, (await emu.GetAsync("orgs/o/teams/ops")).Json);
        Contract.AssertValidResponse("GET", "/orgs/{org}/teams/{team_slug}", 404, (await emu.GetAsync("orgs/o/teams/none")).Json);
    }

    [Fact]
    public async Task PendingDeploymentAnswers()
    {
        var production = emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { Reviewers = ["hubot", "o/ops"], WaitTimer = 10 });
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("gated"));
        var run = emu.State.AddRun("o", "r", new RunSpec { Environments = [new("production"), new("gated") { Apps = ["gate"] }] });

        var pending = await emu.GetAsync($"repos/o/r/actions/runs/{run}/pending_deployments");
        var body = $$"""{"environment_ids":[{{production}}],"state":"approved","comment":"Ship it"}""";
        var reviewed = await emu.PostAsync($"repos/o/r/actions/runs/{run}/pending_deployments", body);

        Assert.Equal(2, pending.Json.AsArray().Count);
        Contract.AssertValidResponse("GET", Pending, 200, pending.Json);
        Contract.AssertValidRequest("POST", Pending, JsonNode.Parse(body));
        Contract.AssertValidResponse("POST", Pending, 200, reviewed.Json);
        Contract.AssertValidRequest("POST", Rule, JsonNode.Parse("""{"environment_name":"gated","state":"rejected","comment":"Gate failed"}"""));
        Contract.AssertValidRequest("POST", Rule, JsonNode.Parse("""{"environment_name":"gated","comment":"Still checking"}"""));
        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("POST", Rule, JsonNode.Parse("""{"environment_name":"gated"}""")));
        Assert.ThrowsAny<Exception>(() => Contract.AssertValidRequest("POST", Pending, JsonNode.Parse($$"""{"environment_ids":[{{production}}],"state":"approved"}""")));
    }
}
