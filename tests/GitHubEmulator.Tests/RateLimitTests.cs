using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class RateLimitTests
{
    [Fact]
    public async Task EveryAnswerCarriesRateLimitHeadersAndARequestId()
    {
        await using var emu = await TestEmulator.StartAsync();

        var first = await emu.GetAsync("repos/o/r/deployments");
        var second = await emu.GetAsync("repos/o/missing/deployments");

        Assert.Equal("5000", first.Header("x-ratelimit-limit"));
        Assert.Equal("4999", first.Header("x-ratelimit-remaining"));
        Assert.Equal("1", first.Header("x-ratelimit-used"));
        Assert.Equal("core", first.Header("x-ratelimit-resource"));
        Assert.Equal(emu.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(), first.Header("x-ratelimit-reset"));
        Assert.Equal("4998", second.Header("x-ratelimit-remaining"));
        Assert.Matches("^[0-9A-F]{4}:[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{6}:[0-9A-F]{8}$", first.Header("x-github-request-id"));
        Assert.NotEqual(first.Header("x-github-request-id"), second.Header("x-github-request-id"));
        Assert.Equal("application/json; charset=utf-8", second.Header("Content-Type"));
    }

    [Fact]
    public async Task ControlCallsAreNotCounted()
    {
        await using var emu = await TestEmulator.StartAsync();

        var control = await emu.ControlAsync(HttpMethod.Get, "requests");
        var api = await emu.GetAsync("user");

        Assert.Null(control.Header("x-ratelimit-remaining"));
        Assert.Equal("4999", api.Header("x-ratelimit-remaining"));
    }

    [Theory]
    [InlineData(403)]
    [InlineData(429)]
    public async Task SpentBudgetIsRefusedUntilTheResetThenRefilled(int status)
    {
        await using var emu = await TestEmulator.StartAsync();
        var settings = await emu.ControlAsync(HttpMethod.Put, "settings", $$$"""{"rateLimit":{"limit":10,"remaining":1,"resetSeconds":60,"status":{{{status}}}}}""");
        var reset = emu.Clock.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds().ToString();

        var last = await emu.GetAsync("repos/o/r/deployments");
        var refused = await emu.GetAsync("repos/o/r/deployments");
        emu.Clock.Advance(TimeSpan.FromSeconds(61));
        var refilled = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(200, settings.Status);
        Assert.Equal(200, last.Status);
        Assert.Equal("0", last.Header("x-ratelimit-remaining"));
        Assert.Equal(status, refused.Status);
        Assert.Equal("0", refused.Header("x-ratelimit-remaining"));
        Assert.Equal("10", refused.Header("x-ratelimit-used"));
        Assert.Equal(reset, refused.Header("x-ratelimit-reset"));
        Assert.Equal("API rate limit exceeded for user ID 1.", refused.Json["message"]!.GetValue<string>());
        Assert.StartsWith("https://docs.github.com/rest/overview/rate-limits-for-the-rest-api", refused.Json["documentation_url"]!.GetValue<string>());
        Assert.Equal(200, refilled.Status);
        Assert.Equal("9", refilled.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task TooManyWritesHitTheSecondaryLimitWithRetryAfter()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Put, "settings", """{"secondary":{"maxWrites":2,"windowSeconds":60,"status":429,"retryAfter":5}}""");

        var writes = new List<Reply>();
        for (var i = 0; i < 3; i++)
        {
            writes.Add(await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}"""));
        }
        var read = await emu.GetAsync("repos/o/r/deployments");
        emu.Clock.Advance(TimeSpan.FromSeconds(3));
        var stillBlocked = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        emu.Clock.Advance(TimeSpan.FromSeconds(3));
        var afterRetry = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");

        Assert.Equal([201, 201, 429], writes.Select(w => w.Status));
        var limited = writes[2];
        Assert.Equal("5", limited.Header("Retry-After"));
        Assert.NotEqual("0", limited.Header("x-ratelimit-remaining"));
        Assert.StartsWith("You have exceeded a secondary rate limit.", limited.Json["message"]!.GetValue<string>());
        Assert.EndsWith($"include the request ID {limited.Header("x-github-request-id")}.", limited.Json["message"]!.GetValue<string>());
        Assert.Equal(
            "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
            limited.Json["documentation_url"]!.GetValue<string>());
        Assert.Equal(200, read.Status);
        Assert.Equal(429, stillBlocked.Status);
        Assert.Equal(201, afterRetry.Status);
    }

    [Fact]
    public async Task SecondaryLimitWithoutRetryAfterSendsNoneAndLastsTheWindow()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.RateLimits.Secondary = new SecondaryRateLimit(MaxWrites: 1, WindowSeconds: 10);

        var allowed = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        var limited = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        emu.Clock.Advance(TimeSpan.FromSeconds(11));
        var later = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");

        Assert.Equal(201, allowed.Status);
        Assert.Equal(403, limited.Status);
        Assert.Null(limited.Header("Retry-After"));
        Assert.Equal(201, later.Status);
    }
}
