using System.Net.Http.Headers;
using Xunit;

namespace GitHubEmulator.Tests;

public sealed class AuthAndPrefixTests
{
    [Fact]
    public async Task NoTokenIsBadCredentials()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Http.DefaultRequestHeaders.Authorization = null;

        var reply = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(401, reply.Status);
        Assert.Equal("""{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}""", reply.Text);
        Assert.Equal("application/json; charset=utf-8", reply.Header("Content-Type"));
    }

    [Fact]
    public async Task UnknownTokenIsBadCredentials()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "nope");

        var reply = await emu.GetAsync("user");

        Assert.Equal(401, reply.Status);
        Assert.Equal("Bad credentials", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BearerSchemeIsAccepted()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestEmulator.Token);

        var reply = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task UserIsTheTokensLogin()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddToken("hubot-token", "hubot");
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "hubot-token");

        var reply = await emu.GetAsync("user");

        Assert.Equal(200, reply.Status);
        Assert.Equal("hubot", reply.Json["login"]!.GetValue<string>());
        Assert.Equal("User", reply.Json["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRepositoryIsNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GetAsync("repos/o/missing/deployments");

        Assert.Equal(404, reply.Status);
        Assert.Equal("Not Found", reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepositoryTheTokenMayNotSeeIsNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("o", "secret");
        emu.State.AddToken("narrow", "octocat", ["o/r"]);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "narrow");

        Assert.Equal(200, (await emu.GetAsync("repos/o/r/deployments")).Status);
        var hidden = await emu.GetAsync("repos/o/secret/deployments");

        Assert.Equal(404, hidden.Status);
        Assert.Equal("Not Found", hidden.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task RepositoryNamesAreCaseInsensitive()
    {
        await using var emu = await TestEmulator.StartAsync();

        Assert.Equal(200, (await emu.GetAsync("repos/O/R/deployments")).Status);
    }

    [Fact]
    public async Task ApiIsServedAtTheRootAndUnderApiV3WithUrlsOnTheSamePrefix()
    {
        await using var emu = await TestEmulator.StartAsync();
        var created = await emu.PostAsync("api/v3/repos/o/r/deployments", """{"ref":"main"}""");
        var id = created.Json["id"]!.GetValue<long>();

        var root = await emu.GetAsync($"repos/o/r/deployments/{id}");
        var prefixed = await emu.GetAsync($"api/v3/repos/o/r/deployments/{id}");

        Assert.Equal(201, created.Status);
        Assert.Equal($"{emu.BaseUrl}repos/o/r/deployments/{id}", root.Json["url"]!.GetValue<string>());
        Assert.Equal($"{emu.BaseUrl}api/v3/repos/o/r/deployments/{id}", prefixed.Json["url"]!.GetValue<string>());
        Assert.Equal($"{emu.BaseUrl}api/v3/repos/o/r/deployments/{id}/statuses", prefixed.Json["statuses_url"]!.GetValue<string>());
        Assert.Equal($"{emu.BaseUrl}api/v3/repos/o/r", prefixed.Json["repository_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnknownRouteIsNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GetAsync("api/v3/nothing/here");

        Assert.Equal(404, reply.Status);
        Assert.Equal("Not Found", reply.Json["message"]!.GetValue<string>());
    }
}
