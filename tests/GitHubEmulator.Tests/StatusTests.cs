using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class StatusTests
{
    private static string State(JsonNode status) => status["state"]!.GetValue<string>();

    private static long Id(JsonNode node) => node["id"]!.GetValue<long>();

    private static async Task<string?> LatestStateAsync(TestEmulator emu, long deploymentId)
    {
        var statuses = (await emu.GetAsync($"repos/o/r/deployments/{deploymentId}/statuses")).Json.AsArray();
        return statuses.Count == 0 ? null : State(statuses[0]!);
    }

    [Fact]
    public async Task CreateAnswers201WithTheStatusAndItsLocation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync();

        var reply = await emu.PostAsync($"repos/o/r/deployments/{Id(deployment)}/statuses", """{"state":"in_progress","description":"Deploying"}""");

        Assert.Equal(201, reply.Status);
        var status = reply.Json;
        Assert.Equal(EmulatorState.FirstId, Id(status));
        Assert.Equal("in_progress", State(status));
        Assert.Equal("Deploying", status["description"]!.GetValue<string>());
        Assert.Equal("", status["target_url"]!.GetValue<string>());
        Assert.Equal("", status["log_url"]!.GetValue<string>());
        Assert.Equal("", status["environment_url"]!.GetValue<string>());
        Assert.Equal("octocat", status["creator"]!["login"]!.GetValue<string>());
        Assert.Equal(deployment["url"]!.GetValue<string>(), status["deployment_url"]!.GetValue<string>());
        Assert.Equal(status["url"]!.GetValue<string>(), reply.Header("Location"));
        Assert.Equal($"{deployment["url"]}/statuses/{Id(status)}", status["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task EveryStateOfTheEnumIsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());

        foreach (var state in new[] { "error", "failure", "inactive", "in_progress", "queued", "pending", "success" })
        {
            Assert.Equal(state, State(await emu.CreateStatusAsync(id, $$"""{"state":"{{state}}"}""")));
        }
    }

    [Fact]
    public async Task UnknownStateIs422ValidationFailed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());

        var reply = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", """{"state":"done"}""");

        Assert.Equal(422, reply.Status);
        Assert.Equal("Validation Failed", reply.Json["message"]!.GetValue<string>());
        Assert.Equal("state", reply.Json["errors"]![0]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task MissingStateIs422()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());

        var reply = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", """{"description":"x"}""");

        Assert.Equal(422, reply.Status);
        Assert.Equal("Invalid request.\n\n\"state\" wasn't supplied.", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task DescriptionOver140CharactersIs422WithGitHubsMessage()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());

        var atLimit = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", $$"""{"state":"success","description":"{{new string('x', 140)}}"}""");
        var over = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", $$"""{"state":"success","description":"{{new string('x', 141)}}"}""");

        Assert.Equal(201, atLimit.Status);
        Assert.Equal(422, over.Status);
        Assert.Equal(
            """{"message":"Validation Failed","errors":[{"resource":"DeploymentStatus","code":"custom","field":"description","message":"description is too long (maximum is 140 characters)"}],"documentation_url":"https://docs.github.com/rest/deployments/statuses#create-a-deployment-status","status":"422"}""",
            over.Text);
        Assert.Single((await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray());
    }

    [Fact]
    public async Task LogUrlAlsoSetsTargetUrl()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());

        var logOnly = await emu.CreateStatusAsync(id, """{"state":"success","log_url":"https://ci.example/1"}""");
        var both = await emu.CreateStatusAsync(id, """{"state":"success","log_url":"https://ci.example/2","target_url":"https://old.example/2"}""");
        var targetOnly = await emu.CreateStatusAsync(id, """{"state":"success","target_url":"https://old.example/3"}""");

        Assert.Equal("https://ci.example/1", logOnly["target_url"]!.GetValue<string>());
        Assert.Equal("https://ci.example/1", logOnly["log_url"]!.GetValue<string>());
        Assert.Equal("https://old.example/2", both["target_url"]!.GetValue<string>());
        Assert.Equal("https://ci.example/2", both["log_url"]!.GetValue<string>());
        Assert.Equal("https://old.example/3", targetOnly["target_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnvironmentComesFromThePreviousStatusElseTheDeployment()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}""");
        var id = Id(deployment);

        var first = await emu.CreateStatusAsync(id, """{"state":"in_progress"}""");
        var moved = await emu.CreateStatusAsync(id, """{"state":"in_progress","environment":"qa","environment_url":"https://qa.example"}""");
        var inherited = await emu.CreateStatusAsync(id, """{"state":"success"}""");
        var after = (await emu.GetAsync($"repos/o/r/deployments/{id}")).Json;

        Assert.Equal("staging", first["environment"]!.GetValue<string>());
        Assert.Equal("qa", moved["environment"]!.GetValue<string>());
        Assert.Equal("https://qa.example", moved["environment_url"]!.GetValue<string>());
        Assert.Equal("qa", inherited["environment"]!.GetValue<string>());
        Assert.Equal("qa", after["environment"]!.GetValue<string>());
        Assert.Equal("staging", after["original_environment"]!.GetValue<string>());
    }

    [Fact]
    public async Task CreatingAStatusUpdatesTheDeploymentsUpdatedAt()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync();
        emu.Clock.Advance(TimeSpan.FromSeconds(90));

        var status = await emu.CreateStatusAsync(Id(deployment), """{"state":"success"}""");
        var after = (await emu.GetAsync($"repos/o/r/deployments/{Id(deployment)}")).Json;

        Assert.Equal("2026-01-15T10:00:00Z", after["created_at"]!.GetValue<string>());
        Assert.Equal("2026-01-15T10:01:30Z", after["updated_at"]!.GetValue<string>());
        Assert.Equal("2026-01-15T10:01:30Z", status["created_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task SuccessMarksPriorSuccessfulDeploymentsOfTheEnvironmentInactive()
    {
        await using var emu = await TestEmulator.StartAsync();
        var older = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["success"] })[0];
        var failed = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["failure"] })[0];
        var otherEnvironment = emu.Seed(new DeploymentSeed { Environment = "qa", States = ["success"] })[0];
        var current = Id(await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}"""));

        await emu.CreateStatusAsync(current, """{"state":"success"}""");

        Assert.Equal("inactive", await LatestStateAsync(emu, older));
        Assert.Equal("failure", await LatestStateAsync(emu, failed));
        Assert.Equal("success", await LatestStateAsync(emu, otherEnvironment));
        Assert.Equal("success", await LatestStateAsync(emu, current));
    }

    [Fact]
    public async Task AutoInactiveSparesTransientAndProductionDeployments()
    {
        await using var emu = await TestEmulator.StartAsync();
        var transient = emu.Seed(new DeploymentSeed { Environment = "review", Transient = true })[0];
        var production = emu.Seed(new DeploymentSeed { Environment = "review", Production = true })[0];
        var plain = emu.Seed(new DeploymentSeed { Environment = "review" })[0];
        var current = emu.Seed(new DeploymentSeed { Environment = "review", States = [] })[0];

        await emu.CreateStatusAsync(current, """{"state":"success"}""");

        Assert.Equal("success", await LatestStateAsync(emu, transient));
        Assert.Equal("success", await LatestStateAsync(emu, production));
        Assert.Equal("inactive", await LatestStateAsync(emu, plain));
    }

    [Fact]
    public async Task AutoInactiveActsOnlyOnSuccessAndCanBeTurnedOff()
    {
        await using var emu = await TestEmulator.StartAsync();
        var older = emu.Seed(new DeploymentSeed { Environment = "staging" })[0];
        var current = emu.Seed(new DeploymentSeed { Environment = "staging", States = [] })[0];

        await emu.CreateStatusAsync(current, """{"state":"in_progress"}""");
        await emu.CreateStatusAsync(current, """{"state":"success","auto_inactive":false}""");
        Assert.Equal("success", await LatestStateAsync(emu, older));

        await emu.CreateStatusAsync(current, """{"state":"success"}""");
        Assert.Equal("inactive", await LatestStateAsync(emu, older));
    }

    [Fact]
    public async Task AutoInactiveLeavesNewerDeploymentsAlone()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 2, Environment = "staging" });

        await emu.CreateStatusAsync(ids[0], """{"state":"success"}""");

        Assert.Equal("success", await LatestStateAsync(emu, ids[1]));
    }

    [Fact]
    public async Task ListIsNewestFirstAndPaginated()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = Id(await emu.CreateDeploymentAsync());
        var created = new List<long>();
        foreach (var state in new[] { "queued", "in_progress", "success" })
        {
            created.Add(Id(await emu.CreateStatusAsync(id, $$"""{"state":"{{state}}"}""")));
        }

        var all = await emu.GetAsync($"repos/o/r/deployments/{id}/statuses");
        var page2 = await emu.GetAsync($"repos/o/r/deployments/{id}/statuses?per_page=2&page=2");

        Assert.Equal(created.AsEnumerable().Reverse(), all.Json.AsArray().Select(s => Id(s!)));
        Assert.Equal([created[0]], page2.Json.AsArray().Select(s => Id(s!)));
        Assert.Equal(
            $"<{emu.BaseUrl}repos/o/r/deployments/{id}/statuses?per_page=2&page=1>; rel=\"prev\", <{emu.BaseUrl}repos/o/r/deployments/{id}/statuses?per_page=2&page=1>; rel=\"first\"",
            page2.Header("Link"));
    }

    [Fact]
    public async Task GetAnswersTheStatusOnlyUnderItsOwnDeployment()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = Id(await emu.CreateDeploymentAsync());
        var second = Id(await emu.CreateDeploymentAsync());
        var status = await emu.CreateStatusAsync(first, """{"state":"success"}""");

        var found = await emu.GetAsync($"repos/o/r/deployments/{first}/statuses/{Id(status)}");
        var elsewhere = await emu.GetAsync($"repos/o/r/deployments/{second}/statuses/{Id(status)}");

        Assert.Equal(status.ToJsonString(), found.Json.ToJsonString());
        Assert.Equal(404, elsewhere.Status);
    }

    [Fact]
    public async Task StatusOfAnUnknownDeploymentIs404()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments/5/statuses", """{"state":"success"}""");

        Assert.Equal(404, reply.Status);
    }
}
