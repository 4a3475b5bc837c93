using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class DeploymentTests
{
    [Fact]
    public async Task CreateAppliesGitHubsDefaults()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");

        Assert.Equal(201, reply.Status);
        var deployment = reply.Json;
        Assert.Equal(EmulatorState.FirstId, deployment["id"]!.GetValue<long>());
        Assert.Equal("main", deployment["ref"]!.GetValue<string>());
        Assert.Equal("deploy", deployment["task"]!.GetValue<string>());
        Assert.Equal("production", deployment["environment"]!.GetValue<string>());
        Assert.Equal("production", deployment["original_environment"]!.GetValue<string>());
        Assert.True(deployment["production_environment"]!.GetValue<bool>());
        Assert.False(deployment["transient_environment"]!.GetValue<bool>());
        Assert.Equal("{}", deployment["payload"]!.ToJsonString());
        Assert.Equal("octocat", deployment["creator"]!["login"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{40}$", deployment["sha"]!.GetValue<string>());
        Assert.Equal("2026-01-15T10:00:00Z", deployment["created_at"]!.GetValue<string>());
        Assert.Equal("2026-01-15T10:00:00Z", deployment["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProductionEnvironmentDefaultsToFalseForOtherEnvironmentsAndCanBeSet()
    {
        await using var emu = await TestEmulator.StartAsync();

        var staging = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}""");
        var forced = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"live","production_environment":true,"transient_environment":true}""");

        Assert.False(staging["production_environment"]!.GetValue<bool>());
        Assert.True(forced["production_environment"]!.GetValue<bool>());
        Assert.True(forced["transient_environment"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ShaComesFromTheRef()
    {
        await using var emu = await TestEmulator.StartAsync();
        var sha = new string('a', 40);
        emu.State.AddRepository("o", "r", [new GitRefSpec("release") { Sha = sha }]);

        var byName = await emu.CreateDeploymentAsync("""{"ref":"release"}""");
        var bySha = await emu.CreateDeploymentAsync($$"""{"ref":"{{new string('b', 40)}}"}""");

        Assert.Equal(sha, byName["sha"]!.GetValue<string>());
        Assert.Equal(new string('b', 40), bySha["sha"]!.GetValue<string>());
    }

    [Fact]
    public async Task PayloadObjectIsKeptNested()
    {
        await using var emu = await TestEmulator.StartAsync();

        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","payload":{"a":1,"nested":{"list":[1,"two",null],"flag":true}}}""");

        Assert.Equal("""{"a":1,"nested":{"list":[1,"two",null],"flag":true}}""", deployment["payload"]!.ToJsonString());
        var fetched = await emu.GetAsync($"repos/o/r/deployments/{deployment["id"]}");
        Assert.Equal(deployment["payload"]!.ToJsonString(), fetched.Json["payload"]!.ToJsonString());
    }

    [Fact]
    public async Task PayloadJsonStringIsAnsweredAsAnObject()
    {
        await using var emu = await TestEmulator.StartAsync();

        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","payload":"{ \"deploy\": \"migrate\" }"}""");

        Assert.Equal("""{"deploy":"migrate"}""", deployment["payload"]!.ToJsonString());
    }

    [Fact]
    public async Task MissingRefIs422()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"environment":"staging"}""");

        Assert.Equal(422, reply.Status);
        Assert.Equal("Invalid request.\n\n\"ref\" wasn't supplied.", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task MistypedFieldIs422()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main","auto_merge":"yes"}""");

        Assert.Equal(422, reply.Status);
        Assert.Contains("'properties/auto_merge'", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodyThatIsNotJsonIs400()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments", "ref=main", "application/x-www-form-urlencoded");

        Assert.Equal(400, reply.Status);
        Assert.Equal("Problems parsing JSON", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task JsonSentAsFormUrlEncodedIsRead()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main","environment":"qa"}""", "application/x-www-form-urlencoded");

        Assert.Equal(201, reply.Status);
        Assert.Equal("qa", reply.Json["environment"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefBehindIsAutoMergedWith202AndNoDeploymentThenDeploysTheMergeCommit()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Behind = true }]);

        var merged = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic"}""");
        var list = await emu.GetAsync("repos/o/r/deployments");
        var again = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic"}""");

        Assert.Equal(202, merged.Status);
        Assert.Equal("""{"message":"Auto-merged main into topic on deployment."}""", merged.Text);
        Assert.Empty(list.Json.AsArray());
        Assert.Equal(201, again.Status);
    }

    [Fact]
    public async Task RefBehindWithoutAutoMergeDeploys()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Behind = true, MergeConflict = true }]);

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic","auto_merge":false}""");

        Assert.Equal(201, reply.Status);
    }

    [Fact]
    public async Task MergeConflictIs409()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Behind = true, MergeConflict = true }]);

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic"}""");

        Assert.Equal(409, reply.Status);
        Assert.Equal("Conflict merging main into topic.", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task FailedStatusCheckIs409NamingTheContexts()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Contexts = new Dictionary<string, string> { ["ci/build"] = "failure" } }]);

        var reply = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic"}""");

        Assert.Equal(409, reply.Status);
        var body = reply.Json.AsObject();
        Assert.Equal("Conflict: Commit status checks failed for topic.", body["message"]!.GetValue<string>());
        Assert.Equal(
            """[{"contexts":[{"context":"ci/build","state":"failure"}],"resource":"Deployment","field":"required_contexts","code":"invalid"}]""",
            body["errors"]!.ToJsonString());
    }

    [Fact]
    public async Task RequiredContextsChooseWhichChecksCount()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic")
        {
            Contexts = new Dictionary<string, string> { ["ci/build"] = "success", ["lint"] = "failure" },
        }]);

        var bypassed = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic","required_contexts":[]}""");
        var subset = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic","required_contexts":["ci/build"]}""");
        var unreported = await emu.PostAsync("repos/o/r/deployments", """{"ref":"topic","required_contexts":["ci/build","security"]}""");

        Assert.Equal(201, bypassed.Status);
        Assert.Equal(201, subset.Status);
        Assert.Equal(409, unreported.Status);
        Assert.Equal(
            """[{"context":"ci/build","state":"success"},{"context":"security","state":"pending"}]""",
            unreported.Json["errors"]![0]!["contexts"]!.ToJsonString());
    }

    [Fact]
    public async Task GetAnswersTheDeploymentOr404()
    {
        await using var emu = await TestEmulator.StartAsync();
        var created = await emu.CreateDeploymentAsync("""{"ref":"main","description":"Deploy request from hubot"}""");

        var found = await emu.GetAsync($"repos/o/r/deployments/{created["id"]}");
        var missing = await emu.GetAsync("repos/o/r/deployments/42");

        Assert.Equal(created.ToJsonString(), found.Json.ToJsonString());
        Assert.Equal("Deploy request from hubot", found.Json["description"]!.GetValue<string>());
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task TheOnlyDeploymentMayBeDeletedWhateverItsState()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = ["success"] })[0];

        var reply = await emu.DeleteAsync($"repos/o/r/deployments/{id}");

        Assert.Equal(204, reply.Status);
        Assert.Equal("", reply.Text);
        Assert.Equal(404, (await emu.GetAsync($"repos/o/r/deployments/{id}")).Status);
    }

    [Fact]
    public async Task AnActiveDeploymentAmongOthersIs422()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 2, States = ["success"] });

        var reply = await emu.DeleteAsync($"repos/o/r/deployments/{ids[0]}");

        Assert.Equal(422, reply.Status);
        Assert.Equal(
            "We cannot delete an active deployment unless it is the only deployment in a given environment.",
            reply.Json["message"]!.GetValue<string>());
        Assert.NotNull(reply.Json["documentation_url"]);
    }

    [Fact]
    public async Task AnInactiveDeploymentMayBeDeleted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 2, States = ["success"] });
        await emu.CreateStatusAsync(ids[0], """{"state":"inactive"}""");

        var reply = await emu.DeleteAsync($"repos/o/r/deployments/{ids[0]}");
        var missing = await emu.DeleteAsync($"repos/o/r/deployments/{ids[0]}");

        Assert.Equal(204, reply.Status);
        Assert.Equal(404, missing.Status);
    }

    [Fact]
    public async Task ListIsNewestFirstAndFiltered()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "r", [new GitRefSpec("topic") { Sha = new string('c', 40) }]);
        var first = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}""");
        var second = await emu.CreateDeploymentAsync("""{"ref":"topic","environment":"staging","task":"deploy:migrations"}""");
        var third = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"production"}""");

        async Task<long[]> Ids(string query) =>
            (await emu.GetAsync("repos/o/r/deployments" + query)).Json.AsArray().Select(d => d!["id"]!.GetValue<long>()).ToArray();

        long Id(JsonNode d) => d["id"]!.GetValue<long>();
        Assert.Equal([Id(third), Id(second), Id(first)], await Ids(""));
        Assert.Equal([Id(second), Id(first)], await Ids("?environment=staging"));
        Assert.Equal([Id(third), Id(first)], await Ids("?ref=main"));
        Assert.Equal([Id(second)], await Ids($"?sha={new string('c', 40)}"));
        Assert.Equal([Id(second)], await Ids("?task=deploy:migrations"));
        Assert.Equal([Id(first)], await Ids("?ref=main&environment=staging"));
        Assert.Empty(await Ids("?environment=qa"));
    }

    [Fact]
    public async Task ListPagesDefaultTo30AndAtMost100()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Count = 120, States = [] });

        Assert.Equal(30, (await emu.GetAsync("repos/o/r/deployments")).Json.AsArray().Count);
        Assert.Equal(100, (await emu.GetAsync("repos/o/r/deployments?per_page=500")).Json.AsArray().Count);
        Assert.Equal(5, (await emu.GetAsync("repos/o/r/deployments?per_page=5")).Json.AsArray().Count);
    }

    [Fact]
    public async Task ListOf250PaginatesInThreePagesWithLinkHeaders()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = emu.Seed(new DeploymentSeed { Count = 250, Environment = "staging", States = ["success"] });
        var url = $"{emu.BaseUrl}api/v3/repos/o/r/deployments?environment=staging&per_page=100";

        var page1 = await emu.GetAsync("api/v3/repos/o/r/deployments?environment=staging&per_page=100");
        var page2 = await emu.GetAsync("api/v3/repos/o/r/deployments?environment=staging&per_page=100&page=2");
        var page3 = await emu.GetAsync("api/v3/repos/o/r/deployments?environment=staging&per_page=100&page=3");

        Assert.Equal($"<{url}&page=2>; rel=\"next\", <{url}&page=3>; rel=\"last\"", page1.Header("Link"));
        Assert.Equal(
            $"<{url}&page=1>; rel=\"prev\", <{url}&page=3>; rel=\"next\", <{url}&page=3>; rel=\"last\", <{url}&page=1>; rel=\"first\"",
            page2.Header("Link"));
        Assert.Equal($"<{url}&page=2>; rel=\"prev\", <{url}&page=1>; rel=\"first\"", page3.Header("Link"));
        var all = new[] { page1, page2, page3 }.SelectMany(p => p.Json.AsArray()).Select(d => d!["id"]!.GetValue<long>()).ToList();
        Assert.Equal([100, 100, 50], new[] { page1, page2, page3 }.Select(p => p.Json.AsArray().Count));
        Assert.Equal(ids.Reverse(), all);
    }

    [Fact]
    public async Task ListThatFitsOnePageHasNoLinkHeader()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Count = 3 });

        var reply = await emu.GetAsync("repos/o/r/deployments");

        Assert.Null(reply.Header("Link"));
    }
}
