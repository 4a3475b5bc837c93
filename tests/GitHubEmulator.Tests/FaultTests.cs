using System.Diagnostics;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class FaultTests
{
    private static async Task<RecordedRequest> WaitForRecordAsync(TestEmulator emu, int index)
    {
        var deadline = Stopwatch.StartNew();
        while (emu.State.Requests.Snapshot().Count <= index)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(2), "The request was not recorded in time.");
            await Task.Delay(10);
        }
        return emu.State.Requests.Snapshot()[index];
    }

    [Fact]
    public async Task StatusFaultAnswersWithItsStatusHeadersAndBodyForCountRequests()
    {
        await using var emu = await TestEmulator.StartAsync();
        var added = await emu.ControlAsync(HttpMethod.Post, "faults",
            """{"method":"GET","path":"/deployments$","count":2,"status":502,"headers":{"x-custom":"yes"},"body":"{\"message\":\"Server Error\"}"}""");

        var first = await emu.GetAsync("api/v3/repos/o/r/deployments");
        var second = await emu.GetAsync("repos/o/r/deployments");
        var third = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(204, added.Status);
        Assert.Equal([502, 502, 200], new[] { first, second, third }.Select(r => r.Status));
        Assert.Equal("""{"message":"Server Error"}""", first.Text);
        Assert.Equal("yes", first.Header("x-custom"));
        Assert.NotNull(first.Header("x-ratelimit-remaining"));
        Assert.Equal([502, 502, 200], emu.State.Requests.Snapshot().Select(r => r.Status));
    }

    [Fact]
    public async Task FaultMatchesOnlyItsMethodAndPath()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.Faults.Add(new FaultRule { Method = "POST", Path = new("/statuses$"), Status = 500 });

        var get = await emu.GetAsync("repos/o/r/deployments");
        var post = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        var id = post.Json["id"]!.GetValue<long>();
        var faulted = await emu.PostAsync($"repos/o/r/deployments/{id}/statuses", """{"state":"success"}""");

        Assert.Equal(200, get.Status);
        Assert.Equal(201, post.Status);
        Assert.Equal(500, faulted.Status);
        Assert.Equal("""{"message":"Internal Server Error"}""", faulted.Text);
        Assert.Empty((await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json.AsArray());
    }

    [Fact]
    public async Task FaultsQueueInOrder()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"status":503}""");
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"status":429,"headers":{"retry-after":"1"}}""");

        var replies = new[] { await emu.GetAsync("user"), await emu.GetAsync("user"), await emu.GetAsync("user") };

        Assert.Equal([503, 429, 200], replies.Select(r => r.Status));
        Assert.Equal("1", replies[1].Header("Retry-After"));
    }

    [Fact]
    public async Task DropClosesTheConnectionWithoutAnAnswerAndIsRecordedAsZero()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"path":"deployments","drop":true}""");

        await Assert.ThrowsAsync<HttpRequestException>(() => emu.GetAsync("repos/o/r/deployments"));
        var next = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(200, next.Status);
        Assert.Equal([0, 200], emu.State.Requests.Snapshot().Select(r => r.Status));
    }

    [Fact]
    public async Task DelayAloneDelaysTheRealAnswer()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"delayMs":300}""");

        var watch = Stopwatch.StartNew();
        var delayed = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        var delayedTime = watch.Elapsed;

        Assert.Equal(201, delayed.Status);
        Assert.True(delayedTime >= TimeSpan.FromMilliseconds(280), $"took {delayedTime}");
    }

    [Fact]
    public async Task DelayWithStatusDelaysThenAnswersTheFault()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"delayMs":200,"status":504}""");

        var watch = Stopwatch.StartNew();
        var reply = await emu.GetAsync("user");

        Assert.Equal(504, reply.Status);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(180), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ClientCancellingADelayedRequestFreesTheServer()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults", """{"delayMs":30000}""");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => emu.GetAsync("user", cancel.Token));
        var recorded = await WaitForRecordAsync(emu, 0);

        Assert.Equal(0, recorded.Status);
        Assert.Equal(200, (await emu.GetAsync("user")).Status);
    }

    [Fact]
    public async Task LatencyDelaysEveryApiAnswerButNotTheControlApi()
    {
        await using var emu = await TestEmulator.StartAsync(latencyMs: 500);

        var watch = Stopwatch.StartNew();
        await emu.GetAsync("user");
        var api = watch.Elapsed;
        watch.Restart();
        await emu.ControlAsync(HttpMethod.Get, "requests");
        var control = watch.Elapsed;
        await emu.ControlAsync(HttpMethod.Put, "settings", """{"latencyMs":0}""");
        watch.Restart();
        await emu.GetAsync("user");
        var off = watch.Elapsed;

        Assert.True(api >= TimeSpan.FromMilliseconds(490), $"api took {api}");
        Assert.True(control < TimeSpan.FromMilliseconds(450), $"control took {control}");
        Assert.True(off < TimeSpan.FromMilliseconds(450), $"without latency took {off}");
    }
}
