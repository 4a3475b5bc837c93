using System.Net.Http.Headers;
using System.Text;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class RecordingTests
{
    [Fact]
    public async Task EveryApiRequestIsRecordedAsReceived()
    {
        await using var emu = await TestEmulator.StartAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v3/repos/o/r/deployments?x=1")
        {
            Content = new StringContent("""{"ref":"main"}""", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.UserAgent.ParseAdd("DeploymentStatus/0.1.0");
        request.Headers.Accept.ParseAdd("application/vnd.github+json");

        await emu.SendAsync(request);
        await emu.GetAsync("repos/o/r/deployments?per_page=100&page=2");
        var reply = await emu.ControlAsync(HttpMethod.Get, "requests");

        var records = reply.Json.AsArray();
        Assert.Equal(2, records.Count);
        var post = records[0]!;
        Assert.Equal("POST", post["method"]!.GetValue<string>());
        Assert.Equal("/repos/o/r/deployments", post["path"]!.GetValue<string>());
        Assert.Equal("/api/v3/repos/o/r/deployments", post["rawPath"]!.GetValue<string>());
        Assert.Equal("?x=1", post["query"]!.GetValue<string>());
        Assert.Equal("""{"ref":"main"}""", post["body"]!.GetValue<string>());
        Assert.Equal(201, post["status"]!.GetValue<int>());
        Assert.Equal("token t", post["headers"]!["Authorization"]!.GetValue<string>());
        Assert.Equal("DeploymentStatus/0.1.0", post["headers"]!["User-Agent"]!.GetValue<string>());
        Assert.Equal("application/vnd.github+json", post["headers"]!["Accept"]!.GetValue<string>());
        Assert.StartsWith("application/x-www-form-urlencoded", post["headers"]!["Content-Type"]!.GetValue<string>());
        Assert.Equal("2026-01-15T10:00:00.000Z", post["time"]!.GetValue<string>());
        var get = records[1]!;
        Assert.Equal("/repos/o/r/deployments", get["rawPath"]!.GetValue<string>());
        Assert.Equal("?per_page=100&page=2", get["query"]!.GetValue<string>());
        Assert.Equal("", get["body"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnswerWithoutBodyIsRecordedWithoutThePrefix()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new())[0];

        var reply = await emu.DeleteAsync($"api/v3/repos/o/r/deployments/{id}");

        Assert.Equal(204, reply.Status);
        var record = Assert.Single(emu.State.Requests.Snapshot());
        Assert.Equal(("DELETE", $"/repos/o/r/deployments/{id}", 204), (record.Method, record.Path, record.Status));
    }

    [Fact]
    public async Task FailedRequestsAreRecordedWithTheirStatus()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "wrong");

        await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(401, Assert.Single(emu.State.Requests.Snapshot()).Status);
    }

    [Fact]
    public async Task ControlRequestsAreNotRecordedAndTheRecordCanBeCleared()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.GetAsync("user");
        await emu.ControlAsync(HttpMethod.Get, "requests");

        Assert.Single(emu.State.Requests.Snapshot());
        var cleared = await emu.ControlAsync(HttpMethod.Delete, "requests");

        Assert.Equal(204, cleared.Status);
        Assert.Equal("[]", (await emu.ControlAsync(HttpMethod.Get, "requests")).Text);
    }

    [Fact]
    public async Task ParallelRequestsAreAllRecorded()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new() { Count = 5 });

        var replies = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => emu.GetAsync($"repos/o/r/deployments?page={i}")));

        Assert.All(replies, r => Assert.Equal(200, r.Status));
        var records = emu.State.Requests.Snapshot();
        Assert.Equal(40, records.Count);
        Assert.Equal(40, records.Select(r => r.Query).Distinct().Count());
    }
}
