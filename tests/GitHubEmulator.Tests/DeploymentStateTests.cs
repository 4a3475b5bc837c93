using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>GitHub's DeploymentState as the emulator keeps it, and the 90 days GitHub keeps statuses for.</summary>
public sealed class DeploymentStateTests
{
    private static async Task<string> StateAsync(TestEmulator emu, long id)
    {
        var reply = await emu.GraphQLAsync($$"""{ node(id: "{{await emu.NodeIdAsync(id)}}") { ... on Deployment { state } } }""");
        return reply.Json["data"]!["node"]!["state"]!.GetValue<string>();
    }

    private static async Task<List<string>> StatesAsync(TestEmulator emu, params long[] ids)
    {
        var states = new List<string>();
        foreach (var id in ids)
        {
            states.Add(await StateAsync(emu, id));
        }
        return states;
    }

    [Fact]
    public async Task ANewDeploymentIsPendingAndAbandonedWhenNotUpdatedFor30Minutes()
    {
        await using var emu = await TestEmulator.StartAsync();
        var quiet = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();
        var pending = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();
        var working = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();
        await emu.CreateStatusAsync(pending, """{"state":"pending"}""");
        await emu.CreateStatusAsync(working, """{"state":"in_progress"}""");
        var before = await StatesAsync(emu, quiet, pending, working);

        emu.Clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Equal(["PENDING", "PENDING", "IN_PROGRESS"], before);
        Assert.Equal(["ABANDONED", "ABANDONED", "IN_PROGRESS"], await StatesAsync(emu, quiet, pending, working));
    }

    [Theory]
    [InlineData("queued", "QUEUED")]
    [InlineData("in_progress", "IN_PROGRESS")]
    [InlineData("failure", "FAILURE")]
    [InlineData("error", "ERROR")]
    [InlineData("success", "ACTIVE")]
    [InlineData("inactive", "INACTIVE")]
    public async Task TheStateIsTheLatestStatussStateInCapitals(string status, string state)
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = ["in_progress", status] })[0];

        Assert.Equal(state, await StateAsync(emu, id));
    }

    [Fact]
    public async Task AutoInactiveMakesTheOlderDeploymentInactiveAndTheNewOneActive()
    {
        await using var emu = await TestEmulator.StartAsync();
        var older = (await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}"""))["id"]!.GetValue<long>();
        await emu.CreateStatusAsync(older, """{"state":"success"}""");
        var activeAlone = await StateAsync(emu, older);
        var newer = (await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}"""))["id"]!.GetValue<long>();

        await emu.CreateStatusAsync(newer, """{"state":"success"}""");

        Assert.Equal("ACTIVE", activeAlone);
        Assert.Equal(["INACTIVE", "ACTIVE"], await StatesAsync(emu, older, newer));
        var state = (await emu.ControlAsync(HttpMethod.Get, "state/o/r")).Json["deployments"]!.AsArray();
        Assert.Equal(["ACTIVE", "INACTIVE"], state.Select(d => d!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task InProductionTheOlderSuccessStaysSuccessfulAndBecomesActiveAgainWhenTheNewerFails()
    {
        await using var emu = await TestEmulator.StartAsync();
        var older = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();
        await emu.CreateStatusAsync(older, """{"state":"success"}""");
        var newer = (await emu.CreateDeploymentAsync())["id"]!.GetValue<long>();
        await emu.CreateStatusAsync(newer, """{"state":"success"}""");
        var bothSuccessful = await StatesAsync(emu, older, newer);

        await emu.CreateStatusAsync(newer, """{"state":"failure"}""");

        // auto_inactive spares production deployments: the newer one is ACTIVE, the older merely SUCCESS.
        Assert.Equal(["SUCCESS", "ACTIVE"], bothSuccessful);
        Assert.Equal(["ACTIVE", "FAILURE"], await StatesAsync(emu, older, newer));
    }

    [Fact]
    public async Task ATransientDeploymentIsNeverActiveAndIsDestroyedWhenMadeInactive()
    {
        await using var emu = await TestEmulator.StartAsync();
        var review = (await emu.CreateDeploymentAsync("""{"ref":"main","environment":"pr-7","transient_environment":true}"""))["id"]!.GetValue<long>();
        await emu.CreateStatusAsync(review, """{"state":"success"}""");
        var live = await StateAsync(emu, review);

        await emu.CreateStatusAsync(review, """{"state":"inactive"}""");

        Assert.Equal("SUCCESS", live);
        Assert.Equal("DESTROYED", await StateAsync(emu, review));
        Assert.Equal(204, (await emu.DeleteAsync($"repos/o/r/deployments/{review}")).Status);
    }

    [Fact]
    public async Task ADeploymentThatMovesEnvironmentTakesItsActiveStateAlong()
    {
        await using var emu = await TestEmulator.StartAsync();
        var staying = emu.Seed(new DeploymentSeed { Environment = "staging" })[0];
        var moving = emu.Seed(new DeploymentSeed { Environment = "staging" })[0];
        var before = await StatesAsync(emu, staying, moving);

        await emu.CreateStatusAsync(moving, """{"state":"success","environment":"qa","auto_inactive":false}""");

        Assert.Equal(["SUCCESS", "ACTIVE"], before);
        Assert.Equal(["ACTIVE", "ACTIVE"], await StatesAsync(emu, staying, moving));
    }

    [Fact]
    public async Task PastNinetyDaysTheStatusesAreGoneWhileTheDeploymentKeepsItsState()
    {
        await using var emu = await TestEmulator.StartAsync();
        var old = emu.Seed(new DeploymentSeed { States = ["in_progress", "success"], AgeDays = 730 })[0];
        var nodeId = await emu.NodeIdAsync(old);

        var rest = await emu.GetAsync($"repos/o/r/deployments/{old}/statuses");
        var deployment = (await emu.GetAsync($"repos/o/r/deployments/{old}")).Json;
        var graph = await emu.GraphQLAsync($$"""
            { node(id: "{{nodeId}}") { ... on Deployment { state createdAt latestStatus { state } statuses(first: 10) { totalCount nodes { id } } } } }
            """);
        var control = (await emu.ControlAsync(HttpMethod.Get, "state/o/r")).Json["deployments"]![0]!;

        Assert.Equal(200, rest.Status);
        Assert.Empty(rest.Json.AsArray());
        Assert.Equal(ManualClockStart.AddDays(-730), DateTimeOffset.Parse(deployment["created_at"]!.GetValue<string>()));
        Assert.Equal(
            """{"state":"ACTIVE","createdAt":"2024-01-16T10:00:00Z","latestStatus":null,"statuses":{"totalCount":0,"nodes":[]}}""",
            graph.Json["data"]!["node"]!.ToJsonString());
        Assert.Equal("ACTIVE", control["state"]!.GetValue<string>());
        Assert.Empty(control["statuses"]!.AsArray());
    }

    [Fact]
    public async Task StatusesExpireAsTheClockPassesNinetyDays()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = ["success"], AgeDays = 89 })[0];
        var status = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json[0]!;
        var statusNode = status["node_id"]!.GetValue<string>();
        var beforeNode = await emu.GraphQLAsync($$"""{ node(id: "{{statusNode}}") { id } }""");

        emu.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(statusNode, beforeNode.Json["data"]!["node"]!["id"]!.GetValue<string>());
        Assert.Empty((await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray());
        Assert.Equal(404, (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses/{status["id"]}")).Status);
        var afterNode = await emu.GraphQLAsync($$"""{ node(id: "{{statusNode}}") { id } }""");
        Assert.Equal("NOT_FOUND", afterNode.Json["errors"]![0]!["type"]!.GetValue<string>());
        Assert.Equal("ACTIVE", await StateAsync(emu, id));
    }

    [Fact]
    public async Task DeletingFollowsTheStateWhenTheStatusesHaveExpired()
    {
        await using var emu = await TestEmulator.StartAsync();
        var retired = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["success", "inactive"], AgeDays = 400 })[0];
        var active = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["success"], AgeDays = 400 })[0];

        var refused = await emu.DeleteAsync($"repos/o/r/deployments/{active}");
        var deleted = await emu.DeleteAsync($"repos/o/r/deployments/{retired}");

        Assert.Equal(422, refused.Status);
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, (await emu.GetAsync($"repos/o/r/deployments/{retired}")).Status);
        var gone = await emu.GraphQLAsync($$"""{ node(id: "{{TestEmulator.DeploymentNodeId(retired)}}") { id } }""");
        Assert.Equal("NOT_FOUND", gone.Json["errors"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task AutoInactiveRetiresAnOldSuccessfulDeploymentWhoseStatusesHaveExpired()
    {
        await using var emu = await TestEmulator.StartAsync();
        var old = emu.Seed(new DeploymentSeed { Environment = "staging", AgeDays = 200 })[0];
        var fresh = (await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}"""))["id"]!.GetValue<long>();

        await emu.CreateStatusAsync(fresh, """{"state":"success"}""");

        Assert.Equal(["INACTIVE", "ACTIVE"], await StatesAsync(emu, old, fresh));
        // The inactive status is new, so the API shows it.
        Assert.Equal(["inactive"], (await emu.GetAsync($"repos/o/r/deployments/{old}/statuses")).Json.AsArray().Select(s => s!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AgeDaysIsSeededOverTheControlApi()
    {
        await using var emu = await TestEmulator.StartAsync();

        var seeded = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/deployments", """{"count":2,"ageDays":100,"states":["success"]}""");
        var negative = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/deployments", """{"ageDays":-1}""");

        Assert.Equal(201, seeded.Status);
        var deployments = (await emu.ControlAsync(HttpMethod.Get, "state/o/r")).Json["deployments"]!.AsArray();
        Assert.All(deployments, d => Assert.Equal("2025-10-07T10:00:00Z", d!["created_at"]!.GetValue<string>()));
        Assert.All(deployments, d => Assert.Empty(d!["statuses"]!.AsArray()));
        Assert.Equal(["ACTIVE", "SUCCESS"], deployments.Select(d => d!["state"]!.GetValue<string>()));
        Assert.Equal(400, negative.Status);
    }

    private static DateTimeOffset ManualClockStart => DeploymentStatus.Testing.ManualClock.Start;
}
