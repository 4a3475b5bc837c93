using System.Net.Http.Headers;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class ControlApiTests
{
    [Fact]
    public async Task TokensAndReposAreSeededOverHttp()
    {
        await using var emu = await TestEmulator.StartAsync();

        var repo = await emu.ControlAsync(HttpMethod.Post, "repos",
            """{"owner":"acme","name":"web","refs":[{"ref":"topic","sha":"0123456789012345678901234567890123456789","contexts":{"ci/build":"success"}}]}""");
        var token = await emu.ControlAsync(HttpMethod.Post, "tokens", """{"token":"acme-token","login":"hubot","repos":["acme/web"]}""");
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "acme-token");
        var deployment = await emu.PostAsync("repos/acme/web/deployments", """{"ref":"topic"}""");

        Assert.Equal(204, repo.Status);
        Assert.Equal(204, token.Status);
        Assert.Equal(201, deployment.Status);
        Assert.Equal("0123456789012345678901234567890123456789", deployment.Json["sha"]!.GetValue<string>());
        Assert.Equal("hubot", deployment.Json["creator"]!["login"]!.GetValue<string>());
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/deployments")).Status);
    }

    [Fact]
    public async Task SeededDeploymentsAreOldestFirstWithTheirStatuses()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/deployments",
            """{"count":3,"environment":"staging","ref":"main","task":"deploy","transient":false,"production":null,"states":["in_progress","success"]}""");
        var ids = reply.Json["ids"]!.AsArray().Select(id => id!.GetValue<long>()).ToList();
        Assert.Empty(emu.State.Requests.Snapshot());
        var listed = (await emu.GetAsync("repos/o/r/deployments")).Json.AsArray();
        var statuses = (await emu.GetAsync($"repos/o/r/deployments/{ids[0]}/statuses")).Json.AsArray();

        Assert.Equal(201, reply.Status);
        Assert.Equal([EmulatorState.FirstId, EmulatorState.FirstId + 1, EmulatorState.FirstId + 2], ids);
        Assert.Equal(ids.AsEnumerable().Reverse(), listed.Select(d => d!["id"]!.GetValue<long>()));
        Assert.All(listed, d => Assert.False(d!["production_environment"]!.GetValue<bool>()));
        Assert.Equal(["success", "in_progress"], statuses.Select(s => s!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task SeedingAnUnknownRepositoryCreatesIt()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.ControlAsync(HttpMethod.Post, "repos/other/repo/deployments", "{}");

        Assert.Equal(201, reply.Status);
        Assert.Single((await emu.GetAsync("repos/other/repo/deployments")).Json.AsArray());
    }

    [Fact]
    public async Task StateShowsDeploymentsWithTheirStatuses()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = ["queued", "success"] })[0];

        var reply = await emu.ControlAsync(HttpMethod.Get, "state/o/r");
        var missing = await emu.ControlAsync(HttpMethod.Get, "state/o/none");

        var deployment = Assert.Single(reply.Json["deployments"]!.AsArray())!;
        Assert.Equal(id, deployment["id"]!.GetValue<long>());
        Assert.Equal(["success", "queued"], deployment["statuses"]!.AsArray().Select(s => s!["state"]!.GetValue<string>()));
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task ResetForgetsEverything()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.CreateDeploymentAsync();
        await emu.ControlAsync(HttpMethod.Put, "settings", """{"ghes22":true,"latencyMs":5,"rateLimit":{"limit":3}}""");
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"status":500}""");

        var reset = await emu.ControlAsync(HttpMethod.Post, "reset");

        Assert.Equal(204, reset.Status);
        Assert.Empty(emu.State.Requests.Snapshot());
        Assert.False(emu.State.Settings.Ghes22);
        Assert.Equal(0, emu.State.Settings.LatencyMs);
        Assert.Equal(5000, emu.State.RateLimits.Primary.Limit);
        Assert.Equal(401, (await emu.GetAsync("user")).Status);
        emu.State.AddToken(TestEmulator.Token);
        emu.State.AddRepository("o", "r");
        var again = await emu.CreateDeploymentAsync();
        Assert.Equal(EmulatorState.FirstId, again["id"]!.GetValue<long>());
    }

    [Fact]
    public async Task SettingsChangeOnlyTheFieldsGivenAndAnswerTheResult()
    {
        await using var emu = await TestEmulator.StartAsync();

        await emu.ControlAsync(HttpMethod.Put, "settings", """{"secondary":{"maxWrites":5,"retryAfter":30}}""");
        var reply = await emu.ControlAsync(HttpMethod.Put, "settings", """{"rateLimit":{"remaining":7}}""");

        Assert.Equal(200, reply.Status);
        var settings = reply.Json;
        Assert.Equal(5000, settings["rateLimit"]!["limit"]!.GetValue<int>());
        Assert.Equal(7, settings["rateLimit"]!["remaining"]!.GetValue<int>());
        Assert.Equal(403, settings["rateLimit"]!["status"]!.GetValue<int>());
        Assert.Equal(5, settings["secondary"]!["maxWrites"]!.GetValue<int>());
        Assert.Equal(60, settings["secondary"]!["windowSeconds"]!.GetValue<int>());
        Assert.Equal(30, settings["secondary"]!["retryAfter"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("tokens", """{"login":"x"}""")]
    [InlineData("repos", """{"owner":"o"}""")]
    [InlineData("repos/o/r/deployments", """{"states":["done"]}""")]
    [InlineData("faults", """{"path":"("}""")]
    [InlineData("faults", """{"count":0}""")]
    [InlineData("faults", """{"status":"500"}""")]
    [InlineData("tokens", "not json")]
    public async Task InvalidControlRequestsAre400(string path, string json)
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.ControlAsync(HttpMethod.Post, path, json);

        Assert.Equal(400, reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.Json["message"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ControlApiIsAlsoServedUnderApiV3()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GetAsync("api/v3/_emulator/requests");

        Assert.Equal(200, reply.Status);
        Assert.Empty(emu.State.Requests.Snapshot());
    }
}
