using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>Scripted deployments: statuses (and the deployment itself) arriving as a client polls, or as the clock passes.</summary>
public sealed class ScriptTests
{
    static async Task<string?> LatestStateAsync(TestEmulator emu, long id)
    {
        var statuses = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray();
        return statuses.Count == 0 ? null : statuses[0]!["state"]!.GetValue<string>();
    }

    [Fact]
    public async Task StepsArriveOnePerPoll_ThePollAfterTheLastStepSeesTheNext()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["queued"] })[0];

        var added = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts",
            $$"""{"deploymentId":{{id}},"steps":[{"state":"in_progress","logUrl":"https://ci.example.com/1"},{"state":"success","description":"Deployed","environmentUrl":"https://staging.example.com"}]}""");
        var seen = new List<string?>();
        for (var i = 0; i < 4; i++)
        {
            seen.Add(await LatestStateAsync(emu, id));
        }
        var statuses = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray();

        Assert.Equal(201, added.Status);
        Assert.Equal(["queued", "in_progress", "success", "success"], seen);
        Assert.Equal("https://ci.example.com/1", statuses[1]!["log_url"]!.GetValue<string>());
        Assert.Equal("https://ci.example.com/1", statuses[1]!["target_url"]!.GetValue<string>());
        Assert.Equal("Deployed", statuses[0]!["description"]!.GetValue<string>());
        Assert.Equal("https://staging.example.com", statuses[0]!["environment_url"]!.GetValue<string>());
        Assert.Equal("octocat", statuses[0]!["creator"]!["login"]!.GetValue<string>());
    }

    [Fact]
    public async Task AfterPollsCountsOnlyPollsOfThatDeployment()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 2, Environment = "staging", States = ["queued"] });
        await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts", $$"""{"deploymentId":{{ids[0]}},"steps":[{"state":"failure","afterPolls":2}]}""");

        await LatestStateAsync(emu, ids[1]);
        await emu.GetAsync("repos/o/r/deployments");
        var first = await LatestStateAsync(emu, ids[0]);
        var second = await emu.GetAsync($"repos/o/r/deployments/{ids[0]}");
        var third = await LatestStateAsync(emu, ids[0]);

        Assert.Equal("queued", first);
        Assert.Equal(200, second.Status);
        Assert.Equal("failure", third);
    }

    [Fact]
    public async Task AfterMsStepsFollowTheClockFromWhenTheLastOneFellDue()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = [] })[0];
        await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts",
            $$"""{"deploymentId":{{id}},"steps":[{"state":"in_progress","afterMs":30000},{"state":"success","afterMs":90000}]}""");

        var atStart = await LatestStateAsync(emu, id);
        emu.Clock.Advance(TimeSpan.FromSeconds(29));
        var before = await LatestStateAsync(emu, id);
        emu.Clock.Advance(TimeSpan.FromSeconds(100));
        var statuses = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray();

        Assert.Null(atStart);
        Assert.Null(before);
        // Both fell due before that request: each carries the time it was applied, and the request sees the last.
        Assert.Equal(["success", "in_progress"], statuses.Select(s => s!["state"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ACreatedDeploymentAppearsInTheListThenGetsItsStatuses()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("v2") { Sha = "2222222222222222222222222222222222222222" }]);
        var reply = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts",
            """{"create":{"environment":"staging","ref":"v2","afterPolls":2},"steps":[{"state":"in_progress"},{"state":"success"}]}""");
        var scriptId = reply.Json["id"]!.GetValue<long>();
        const string list = "repos/o/r/deployments?environment=staging&sha=2222222222222222222222222222222222222222";

        var first = (await emu.GetAsync(list)).Json.AsArray();
        var pending = await emu.ControlAsync(HttpMethod.Get, $"repos/o/r/scripts/{scriptId}");
        var second = (await emu.GetAsync(list)).Json.AsArray();
        var third = (await emu.GetAsync(list)).Json.AsArray();
        var id = third[0]!["id"]!.GetValue<long>();
        var created = await emu.ControlAsync(HttpMethod.Get, $"repos/o/r/scripts/{scriptId}");
        var states = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            states.Add(await LatestStateAsync(emu, id));
        }
        var done = await emu.ControlAsync(HttpMethod.Get, $"repos/o/r/scripts/{scriptId}");

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Null(pending.Json["deploymentId"]);
        Assert.Equal(3, pending.Json["left"]!.GetValue<int>());
        Assert.Equal("v2", third[0]!["ref"]!.GetValue<string>());
        Assert.Equal("octocat", third[0]!["creator"]!["login"]!.GetValue<string>());
        Assert.Equal(id, created.Json["deploymentId"]!.GetValue<long>());
        Assert.Equal(1, created.Json["applied"]!.GetValue<int>());
        Assert.Equal([null, "in_progress", "success"], states);
        Assert.Equal(404, done.Status);
    }

    [Fact]
    public async Task AScriptedSuccessRetiresTheEnvironmentsOlderDeploymentAsTheApiWould()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 2, Environment = "staging", States = ["success"] });
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = [] })[0];
        await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts", $$"""{"deploymentId":{{id}},"steps":[{"state":"success","afterPolls":0}]}""");

        await emu.GetAsync("user");

        Assert.Equal("inactive", await LatestStateAsync(emu, ids[1]));
    }

    [Theory]
    [InlineData("{}", 400)]
    [InlineData("""{"deploymentId":3000000001,"create":{}}""", 400)]
    [InlineData("""{"deploymentId":3000000001,"steps":[{"state":"done"}]}""", 400)]
    [InlineData("""{"deploymentId":3000000001,"steps":[{"state":"success","afterMs":1,"afterPolls":1}]}""", 400)]
    [InlineData("""{"deploymentId":3000000001,"steps":[{"state":"success","afterMs":-1}]}""", 400)]
    [InlineData("""{"deploymentId":3000000001,"steps":[{}]}""", 400)]
    [InlineData("""{"deploymentId":42,"steps":[{"state":"success"}]}""", 404)]
    public async Task ABadScriptIsRefused(string body, int status)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed());

        var reply = await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts", body);

        Assert.Equal(status, reply.Status);
        Assert.False(string.IsNullOrEmpty(reply.Json["message"]?.GetValue<string>()));
    }

    [Fact]
    public async Task ResetForgetsScripts()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = [] })[0];
        await emu.ControlAsync(HttpMethod.Post, "repos/o/r/scripts", $$"""{"deploymentId":{{id}},"steps":[{"state":"success","afterPolls":0}]}""");

        emu.State.Reset();
        emu.State.AddToken(TestEmulator.Token);
        var again = emu.Seed(new DeploymentSeed { States = [] })[0];
        await emu.GetAsync("user");

        Assert.Equal(id, again);
        Assert.Null(await LatestStateAsync(emu, again));
        Assert.IsType<JsonArray>((await emu.GetAsync($"repos/o/r/deployments/{again}/statuses")).Json);
    }
}
