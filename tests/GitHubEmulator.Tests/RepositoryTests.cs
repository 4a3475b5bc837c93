using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>Repositories: one by name, an organisation's and a user's lists, and archived repositories being read-only.</summary>
public sealed class RepositoryTests
{
    private static readonly OpenApiContract Contract = new();

    private static async Task<TestEmulator> StartWithOrganizationAsync()
    {
        var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("acme", "web");
        emu.State.AddRepository("acme", "api", isPrivate: true);
        emu.State.AddRepository("acme", "legacy", archived: true);
        return emu;
    }

    private static string[] Names(Reply reply) => [.. reply.Json.AsArray().Select(r => r!["name"]!.GetValue<string>())];

    [Fact]
    public async Task AnOrganizationListsItsRepositoriesByNamePageByPage()
    {
        await using var emu = await StartWithOrganizationAsync();

        var first = await emu.GetAsync("orgs/acme/repos?per_page=2");
        var second = await emu.GetAsync("orgs/ACME/repos?per_page=2&page=2");

        Assert.Equal(["api", "legacy"], Names(first));
        Assert.Equal(["web"], Names(second));
        Assert.Contains("rel=\"next\"", first.Header("Link"));
        Contract.AssertValidResponse("GET", "/orgs/{org}/repos", 200, first.Json);
        var api = first.Json[0]!;
        var legacy = first.Json[1]!;
        Assert.True(api["private"]!.GetValue<bool>());
        Assert.Equal("private", api["visibility"]!.GetValue<string>());
        Assert.True(legacy["archived"]!.GetValue<bool>());
        Assert.Equal("acme/legacy", legacy["full_name"]!.GetValue<string>());
        Assert.Equal("Organization", legacy["owner"]!["type"]!.GetValue<string>());
        Assert.Equal("main", legacy["default_branch"]!.GetValue<string>());
    }

    [Fact]
    public async Task AListShowsOnlyTheRepositoriesTheTokenSees()
    {
        await using var emu = await StartWithOrganizationAsync();
        emu.State.AddToken("narrow", repositories: ["acme/web"]);
        emu.UseToken("narrow");

        Assert.Equal(["web"], Names(await emu.GetAsync("orgs/acme/repos")));
    }

    [Fact]
    public async Task AUserListsTheirRepositoriesAndAnUnknownAccountIsNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddRepository("octocat", "hello");

        var user = await emu.GetAsync("users/octocat/repos");
        var userAsOrganization = await emu.GetAsync("orgs/octocat/repos");
        var unknown = await emu.GetAsync("orgs/nobody/repos");

        Assert.Equal(["hello"], Names(user));
        Assert.Equal("User", user.Json[0]!["owner"]!["type"]!.GetValue<string>());
        Contract.AssertValidResponse("GET", "/users/{username}/repos", 200, user.Json);
        Assert.Equal(404, userAsOrganization.Status);
        Assert.Equal(404, unknown.Status);
        Assert.Equal("Not Found", unknown.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task OneRepositoryIsAFullRepository()
    {
        await using var emu = await StartWithOrganizationAsync();

        var reply = await emu.GetAsync("api/v3/repos/acme/legacy");
        var hidden = await emu.GetAsync("repos/acme/nothing");

        Assert.Equal(200, reply.Status);
        Contract.AssertValidResponse("GET", "/repos/{owner}/{repo}", 200, reply.Json);
        Assert.True(reply.Json["archived"]!.GetValue<bool>());
        Assert.StartsWith(emu.BaseUrl + "api/v3/repos/acme/legacy", reply.Json["url"]!.GetValue<string>());
        Assert.Equal(404, hidden.Status);
    }

    [Fact]
    public async Task AnArchivedRepositoryRefusesWritesAndStillAnswersReads()
    {
        await using var emu = await StartWithOrganizationAsync();
        emu.State.AddRepository("acme", "open");
        var id = (await emu.PostAsync("repos/acme/open/deployments", """{"ref":"main"}""")).Json["id"]!.GetValue<long>();
        emu.State.AddRepository("acme", "open", archived: true);

        var create = await emu.PostAsync("repos/acme/open/deployments", """{"ref":"main"}""");
        var status = await emu.PostAsync($"repos/acme/open/deployments/{id}/statuses", """{"state":"inactive"}""");
        var delete = await emu.DeleteAsync($"repos/acme/open/deployments/{id}");
        var list = await emu.GetAsync("repos/acme/open/deployments");

        Assert.Equal([403, 403, 403], new[] { create.Status, status.Status, delete.Status });
        Assert.Equal("Repository was archived so is read-only.", create.Json["message"]!.GetValue<string>());
        Assert.Equal(200, list.Status);
        Assert.Single(list.Json.AsArray());
    }

    [Fact]
    public async Task ContentCreationLimitsCountEachTokensWritesPerMinuteAndPerHour()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddToken("other");
        var settings = await emu.ControlAsync(HttpMethod.Put, "settings", """{"contentLimits":{"perMinute":3,"perHour":5}}""");

        async Task<int> Write(string token = TestEmulator.Token)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "repos/o/r/deployments") { Content = new StringContent("""{"ref":"main"}""") };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("token", token);
            return (await emu.SendAsync(request)).Status;
        }

        int[] firstMinute = [await Write(), await Write(), await Write(), await Write()];
        var otherToken = await Write("other");
        var read = await emu.GetAsync("repos/o/r/deployments");
        emu.Clock.Advance(TimeSpan.FromSeconds(61));
        int[] secondMinute = [await Write(), await Write(), await Write()];
        emu.Clock.Advance(TimeSpan.FromMinutes(60));
        var nextHour = await Write();

        Assert.Equal(3, settings.Json["contentLimits"]!["perMinute"]!.GetValue<int>());
        Assert.Equal([201, 201, 201, 403], firstMinute);
        Assert.Equal(201, otherToken);
        Assert.Equal(200, read.Status);
        Assert.Equal([201, 201, 403], secondMinute);
        Assert.Equal(201, nextHour);
    }

    [Fact]
    public async Task AWriteBeyondTheContentLimitsIsGitHubsSecondaryLimitAnswerAndAResetTurnsThemOff()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Put, "settings", """{"contentLimits":{"perMinute":1,"status":429}}""");

        await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        var limited = await emu.PostAsync("repos/o/r/deployments", """{"ref":"main"}""");
        await emu.ControlAsync(HttpMethod.Post, "reset");
        var afterReset = (await emu.ControlAsync(HttpMethod.Put, "settings", "{}")).Json["contentLimits"]!;

        Assert.Equal(429, limited.Status);
        Assert.StartsWith("You have exceeded a secondary rate limit.", limited.Json["message"]!.GetValue<string>());
        Assert.Equal(0, afterReset["perMinute"]!.GetValue<int>());
        Assert.Equal(0, afterReset["perHour"]!.GetValue<int>());
    }
}
