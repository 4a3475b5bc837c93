using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>Deployment branch policies: only for an environment with custom branch policies; 303 for a pattern already there.</summary>
public sealed class BranchPolicyTests
{
    const string Policies = "repos/o/r/environments/production/deployment-branch-policies";

    [Fact]
    public async Task CreateListGetDelete()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = "custom" });

        var branch = await emu.PostAsync(Policies, """{"name":"release/*"}""");
        var tag = await emu.PostAsync(Policies, """{"name":"v*","type":"tag"}""");
        var list = await emu.GetAsync(Policies);
        var id = branch.Json["id"]!.GetValue<long>();
        var one = await emu.GetAsync($"{Policies}/{id}");
        var deleted = await emu.DeleteAsync($"{Policies}/{id}");

        Assert.Equal(200, branch.Status);
        Assert.Equal("branch", branch.Json["type"]!.GetValue<string>());
        Assert.Equal("tag", tag.Json["type"]!.GetValue<string>());
        Assert.Equal(2, list.Json["total_count"]!.GetValue<int>());
        Assert.Equal(["release/*", "v*"], list.Json["branch_policies"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal("release/*", one.Json["name"]!.GetValue<string>());
        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, (await emu.GetAsync($"{Policies}/{id}")).Status);
        Assert.Equal(404, (await emu.DeleteAsync($"{Policies}/{id}")).Status);
    }

    [Fact]
    public async Task APatternAlreadyThereIsA303ToIt()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = "custom", Policies = ["main"] });
        var id = (await emu.GetAsync(Policies)).Json["branch_policies"]![0]!["id"]!.GetValue<long>();

        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = emu.Server.BaseUri };
        noRedirects.DefaultRequestHeaders.Authorization = emu.Http.DefaultRequestHeaders.Authorization;
        using var again = await noRedirects.PostAsync(Policies, new StringContent("""{"name":"main"}"""));

        Assert.Equal(303, (int)again.StatusCode);
        Assert.Equal($"{emu.BaseUrl}{Policies}/{id}", again.Headers.Location!.ToString());
        Assert.Equal(1, (await emu.GetAsync(Policies)).Json["total_count"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("all")]
    [InlineData("protected")]
    public async Task AnEnvironmentWithoutCustomBranchPoliciesHasNone_404(string mode)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = mode });

        Assert.Equal(404, (await emu.GetAsync(Policies)).Status);
        Assert.Equal(404, (await emu.PostAsync(Policies, """{"name":"main"}""")).Status);
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/environments/none/deployment-branch-policies")).Status);
    }

    [Theory]
    [InlineData("""{}""", "\"name\" wasn't supplied.")]
    [InlineData("""{"name":"main","type":"commit"}""", "is not one of")]
    [InlineData("""{"name":7}""", "is not a string")]
    [InlineData("""{"name":"main","pattern":"x"}""", "\"pattern\" is not a permitted key.")]
    public async Task CreateValidatesTheBody(string body, string message)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = "custom" });

        var reply = await emu.PostAsync(Policies, body);

        Assert.Equal(422, reply.Status);
        Assert.Contains(message, reply.Json["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task WritesNeedAdministration()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { BranchPolicy = "custom", Policies = ["main"] });
        emu.State.AddToken("app", "app[bot]", admin: false, kind: TokenKind.Integration);
        emu.UseToken("app");

        var create = await emu.PostAsync(Policies, """{"name":"release/*"}""");
        var list = await emu.GetAsync(Policies);

        Assert.Equal(403, create.Status);
        Assert.Equal("administration=write", create.Header("X-Accepted-GitHub-Permissions"));
        Assert.Equal(200, list.Status);
        Assert.Equal(1, list.Json["total_count"]!.GetValue<int>());
    }
}
