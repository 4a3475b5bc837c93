using System.Net.Http.Headers;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>GitHub's conditional requests: an ETag on every GET, 304 for a matching If-None-Match, and a 304 costs no rate limit.</summary>
public sealed class ConditionalRequestTests
{
    static Task<Reply> GetIfNoneMatchAsync(TestEmulator emu, string path, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        return emu.SendAsync(request);
    }

    [Theory]
    [InlineData("repos/o/r/deployments")]
    [InlineData("repos/o/r/deployments/3000000001")]
    [InlineData("repos/o/r/deployments/3000000001/statuses")]
    [InlineData("repos/o/r/environments")]
    [InlineData("user")]
    public async Task EveryGetCarriesAWeakETagOfItsBody(string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Environment = "staging" });

        var first = await emu.GetAsync(path);
        var again = await emu.GetAsync(path);

        Assert.Equal(200, first.Status);
        Assert.Matches("^W/\"[0-9a-f]{64}\"$", first.Header("ETag"));
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
    }

    [Fact]
    public async Task AMatchingIfNoneMatchIs304WithoutABodyAndNotCounted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["in_progress"] })[0];
        var path = $"repos/o/r/deployments/{id}/statuses";

        var first = await emu.GetAsync(path);
        var etag = first.Header("ETag")!;
        var unchanged = await GetIfNoneMatchAsync(emu, path, etag);
        var strong = await GetIfNoneMatchAsync(emu, path, etag.Substring(2));
        var listed = await GetIfNoneMatchAsync(emu, path, "\"other\", " + etag);
        var any = await GetIfNoneMatchAsync(emu, path, "*");

        Assert.Equal("4999", first.Header("x-ratelimit-remaining"));
        foreach (var reply in new[] { unchanged, strong, listed, any })
        {
            Assert.Equal(304, reply.Status);
            Assert.Equal("", reply.Text);
            Assert.Equal(etag, reply.Header("ETag"));
            Assert.Null(reply.Header("Content-Type"));
            Assert.Equal("4999", reply.Header("x-ratelimit-remaining"));
            Assert.Equal("1", reply.Header("x-ratelimit-used"));
            Assert.Equal("core", reply.Header("x-ratelimit-resource"));
        }
        Assert.Equal(4999, emu.State.RateLimits.Remaining);
        Assert.Equal([200, 304, 304, 304, 304], emu.State.Requests.Snapshot().Select(r => r.Status));
        Assert.Equal([1, 1, 1, 1, 1], emu.State.Requests.Snapshot().Select(r => r.RateLimitUsed));
        Assert.Equal(etag, emu.State.Requests.Snapshot()[1].Headers["If-None-Match"]);
    }

    [Fact]
    public async Task AChangedAnswerHasANewETagAndIsCounted()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["in_progress"] })[0];
        var path = $"repos/o/r/deployments/{id}/statuses";
        var first = await emu.GetAsync(path);

        await emu.CreateStatusAsync(id, """{"state":"success"}""");
        var changed = await GetIfNoneMatchAsync(emu, path, first.Header("ETag")!);
        var list = await GetIfNoneMatchAsync(emu, "repos/o/r/deployments", first.Header("ETag")!);

        Assert.Equal(200, changed.Status);
        Assert.NotEqual(first.Header("ETag"), changed.Header("ETag"));
        Assert.Equal("success", changed.Json[0]!["state"]!.GetValue<string>());
        Assert.Equal(200, list.Status);
        Assert.Equal("4996", list.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task ADeploymentListChangesItsETagWhenItsNewestDeploymentGetsAStatus()
    {
        // The deployment's updated_at moves with each status, so a poll of the list sees it, as on GitHub.
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { Environment = "staging", States = ["queued"] })[0];
        var before = await emu.GetAsync("repos/o/r/deployments?environment=staging&per_page=1");

        emu.Clock.Advance(TimeSpan.FromSeconds(5));
        await emu.CreateStatusAsync(id, """{"state":"in_progress"}""");
        var after = await GetIfNoneMatchAsync(emu, "repos/o/r/deployments?environment=staging&per_page=1", before.Header("ETag")!);

        Assert.Equal(200, after.Status);
    }

    [Fact]
    public async Task NoETagOnErrorsOrWrites_AndAScriptedFaultIsAnsweredAsScripted()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.Faults.Add(new FaultRule { Method = "GET", Path = new System.Text.RegularExpressions.Regex("deployments$"), Status = 502 });

        var missing = await emu.GetAsync("repos/o/r/deployments/1");
        var created = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        var faulted = await GetIfNoneMatchAsync(emu, "repos/o/r/deployments", "*");

        Assert.Equal(404, missing.Status);
        Assert.Null(missing.Header("ETag"));
        Assert.Equal(201, created.Status);
        Assert.Null(created.Header("ETag"));
        Assert.Equal(502, faulted.Status);
    }

    [Fact]
    public async Task ASpentBudgetRefusesAConditionalRequestToo()
    {
        await using var emu = await TestEmulator.StartAsync();
        var first = await emu.GetAsync("repos/o/r/deployments");
        await emu.ControlAsync(HttpMethod.Put, "settings", """{"rateLimit":{"remaining":0}}""");

        var refused = await GetIfNoneMatchAsync(emu, "repos/o/r/deployments", first.Header("ETag")!);

        Assert.Equal(403, refused.Status);
    }

    [Fact]
    public async Task PollIntervalSecondsSendsXPollIntervalOnEveryGet()
    {
        await using var emu = await TestEmulator.StartAsync();
        var settings = await emu.ControlAsync(HttpMethod.Put, "settings", """{"pollIntervalSeconds":60}""");

        var first = await emu.GetAsync("repos/o/r/deployments");
        var notModified = await GetIfNoneMatchAsync(emu, "repos/o/r/deployments", first.Header("ETag")!);
        var post = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        await emu.ControlAsync(HttpMethod.Post, "reset");
        var afterReset = await emu.GetAsync("user");

        Assert.Equal(60, settings.Json["pollIntervalSeconds"]!.GetValue<int>());
        Assert.Equal("60", first.Header("X-Poll-Interval"));
        Assert.Equal("60", notModified.Header("X-Poll-Interval"));
        Assert.Null(post.Header("X-Poll-Interval"));
        Assert.Null(afterReset.Header("X-Poll-Interval"));
    }

    [Fact]
    public async Task ETagsDoNotLeakAcrossRepositoriesTheTokenCannotSee()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "secret");
        emu.State.AddToken("narrow", repositories: ["o/r"]);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "narrow");

        var hidden = await GetIfNoneMatchAsync(emu, "repos/o/secret/deployments", "*");

        Assert.Equal(404, hidden.Status);
    }
}
