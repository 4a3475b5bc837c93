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
