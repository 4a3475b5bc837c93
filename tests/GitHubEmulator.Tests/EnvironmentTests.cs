using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>Environments: listed, read, created and changed with PUT as GitHub validates it, deleted; writes need administration.</summary>
public sealed class EnvironmentTests
{
    static async Task<TestEmulator> StartWithReviewersAsync()
    {
        var emu = await TestEmulator.StartAsync();
        emu.State.AddUser("hubot");
        emu.State.AddTeam(new TeamSpec("o", "ops") { Members = ["monalisa"] });
        return emu;
    }

    [Fact]
    public async Task EveryNamedEnvironmentIsListedByName()
    {
        await using var emu = await TestEmulator.StartAsync();
        var deployment = await emu.CreateDeploymentAsync("""{"ref":"main","environment":"staging"}""");
        await emu.CreateDeploymentAsync("""{"ref":"main"}""");
        await emu.CreateStatusAsync(deployment["id"]!.GetValue<long>(), """{"state":"success","environment":"qa"}""");

        var reply = await emu.GetAsync("repos/o/r/environments");

        Assert.Equal(200, reply.Status);
        Assert.Equal(3, reply.Json["total_count"]!.GetValue<int>());
        Assert.Equal(["production", "qa", "staging"], reply.Json["environments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal($"{emu.BaseUrl}repos/o/r/environments/qa", reply.Json["environments"]![1]!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoDeploymentsNoEnvironments()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GetAsync("repos/o/r/environments");

        Assert.Equal("""{"total_count":0,"environments":[]}""", reply.Text);
    }

    [Fact]
    public async Task PutCreatesWithTheGivenProtectionRulesAndGetReadsThem()
    {
        await using var emu = await StartWithReviewersAsync();
        var hubot = emu.State.AddUser("hubot");
        var team = emu.State.AddTeam(new TeamSpec("o", "ops"));

        var put = await emu.PutAsync("repos/o/r/environments/production", $$"""
            {"wait_timer":30,"prevent_self_review":true,"reviewers":[{"type":"User","id":{{hubot}}},{"type":"Team","id":{{team}}}],
             "deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":true},"can_admins_bypass":false}
            """);
        var got = await emu.GetAsync("repos/o/r/environments/production");

        Assert.Equal(200, put.Status);
        Assert.Equal(put.Json.ToJsonString(), got.Json.ToJsonString());
        var rules = got.Json["protection_rules"]!.AsArray();
        Assert.Equal(["wait_timer", "required_reviewers", "branch_policy"], rules.Select(r => r!["type"]!.GetValue<string>()));
        Assert.Equal(30, rules[0]!["wait_timer"]!.GetValue<int>());
        Assert.True(rules[1]!["prevent_self_review"]!.GetValue<bool>());
        Assert.Equal("hubot", rules[1]!["reviewers"]![0]!["reviewer"]!["login"]!.GetValue<string>());
        Assert.Equal("ops", rules[1]!["reviewers"]![1]!["reviewer"]!["slug"]!.GetValue<string>());
        Assert.Equal("Team", rules[1]!["reviewers"]![1]!["type"]!.GetValue<string>());
        Assert.Equal("""{"protected_branches":false,"custom_branch_policies":true}""", got.Json["deployment_branch_policy"]!.ToJsonString());
        Assert.False(got.Json["can_admins_bypass"]!.GetValue<bool>());
    }

    [Fact]
    public async Task PutChangesOnlyTheSettingsGivenAndNullsClear()
    {
        await using var emu = await StartWithReviewersAsync();
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("staging") { WaitTimer = 5, Reviewers = ["hubot"], BranchPolicy = "protected" });

        var timerOnly = await emu.PutAsync("repos/o/r/environments/staging", """{"wait_timer":10}""");
        Assert.Equal(["wait_timer", "required_reviewers", "branch_policy"], timerOnly.Json["protection_rules"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()));
        Assert.Equal(10, timerOnly.Json["protection_rules"]![0]!["wait_timer"]!.GetValue<int>());

        var cleared = await emu.PutAsync("repos/o/r/environments/staging", """{"reviewers":null,"deployment_branch_policy":null,"wait_timer":0}""");
        Assert.Empty(cleared.Json["protection_rules"]!.AsArray());
        Assert.Null(cleared.Json["deployment_branch_policy"]);

        var empty = await emu.SendAsync(new HttpRequestMessage(HttpMethod.Put, "repos/o/r/environments/new-one"));
        Assert.Equal(200, empty.Status);
        Assert.True(empty.Json["can_admins_bypass"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("""{"wait_timer":43201}""", 422, "Wait timer must be between 0 and 43200 minutes.")]
    [InlineData("""{"wait_timer":-1}""", 422, "Wait timer must be between 0 and 43200 minutes.")]
    [InlineData("""{"wait_timer":"30"}""", 422, "Invalid request.")]
    [InlineData("""{"deployment_branch_policy":{"protected_branches":true,"custom_branch_policies":true}}""", 422, "cannot both be true")]
    [InlineData("""{"deployment_branch_policy":{"protected_branches":false,"custom_branch_policies":false}}""", 422, "cannot both be false")]
    [InlineData("""{"deployment_branch_policy":{"protected_branches":true}}""", 422, "Invalid request.")]
    [InlineData("""{"reviewers":[{"type":"User","id":999}]}""", 422, "there is no User with id 999")]
    [InlineData("""{"reviewers":[{"type":"Bot","id":1}]}""", 422, "Invalid request.")]
    [InlineData("""{"environment":"x"}""", 422, "\"environment\" is not a permitted key.")]
    [InlineData("""[1]""", 400, "Problems parsing JSON")]
    public async Task PutValidatesAsGitHubDoes(string body, int status, string message)
    {
        await using var emu = await StartWithReviewersAsync();

        var reply = await emu.PutAsync("repos/o/r/environments/staging", body);

        Assert.Equal(status, reply.Status);
        Assert.Contains(message, reply.Json["message"]!.GetValue<string>());
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/environments/staging")).Status);
    }

    [Fact]
    public async Task PutTakesAtMostSixReviewers()
    {
        await using var emu = await TestEmulator.StartAsync();
        var ids = Enumerable.Range(1, 7).Select(i => emu.State.AddUser("user" + i)).ToList();

        var seven = await emu.PutAsync("repos/o/r/environments/prod", new JsonObject
        {
            ["reviewers"] = new JsonArray([.. ids.Select(id => (JsonNode)new JsonObject { ["type"] = "User", ["id"] = id })]),
        }.ToJsonString());
        var six = await emu.PutAsync("repos/o/r/environments/prod", new JsonObject
        {
            ["reviewers"] = new JsonArray([.. ids.Take(6).Select(id => (JsonNode)new JsonObject { ["type"] = "User", ["id"] = id })]),
        }.ToJsonString());

        Assert.Equal(422, seven.Status);
        Assert.Equal("Reviewers can only have up to 6 users or teams.", seven.Json["message"]!.GetValue<string>());
        Assert.Equal(200, six.Status);
    }

    [Fact]
    public async Task ANameWithASlashIsOneEncodedSegment()
    {
        await using var emu = await TestEmulator.StartAsync();

        var put = await emu.PutAsync("repos/o/r/environments/review%2Fpr-7", "{}");
        var got = await emu.GetAsync("repos/o/r/environments/review%2Fpr-7");

        Assert.Equal(200, put.Status);
        Assert.Equal("review/pr-7", got.Json["name"]!.GetValue<string>());
        Assert.EndsWith("/environments/review%2Fpr-7", got.Json["url"]!.GetValue<string>());
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/environments/review/pr-7")).Status);
    }

    [Fact]
    public async Task DeleteRemovesTheEnvironmentAndItsDeployments()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Count = 2, Environment = "review-7" });
        emu.Seed(new DeploymentSeed { Count = 1, Environment = "staging" });

        var deleted = await emu.DeleteAsync("repos/o/r/environments/review-7");
        var again = await emu.DeleteAsync("repos/o/r/environments/review-7");

        Assert.Equal(204, deleted.Status);
        Assert.Equal(404, again.Status);
        Assert.Equal(["staging"], (await emu.GetAsync("repos/o/r/environments")).Json["environments"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Single((await emu.GetAsync("repos/o/r/deployments")).Json.AsArray());
    }

    [Fact]
    public async Task WritesNeedAdministration_AClassicTokenOfANonAdminGets404()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddToken("writer", "hubot", admin: false);
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("staging"));
        emu.UseToken("writer");

        var put = await emu.PutAsync("repos/o/r/environments/staging", """{"wait_timer":1}""");
        var delete = await emu.DeleteAsync("repos/o/r/environments/staging");
        var read = await emu.GetAsync("repos/o/r/environments/staging");

        Assert.Equal(404, put.Status);
        Assert.Equal("Not Found", put.Json["message"]!.GetValue<string>());
        Assert.Null(put.Header("X-Accepted-GitHub-Permissions"));
        Assert.Equal(404, delete.Status);
        Assert.Equal(200, read.Status);
        Assert.Empty(read.Json["protection_rules"]!.AsArray());
    }

    [Theory]
    [InlineData(TokenKind.Integration, "Resource not accessible by integration")]
    [InlineData(TokenKind.FineGrained, "Resource not accessible by personal access token")]
    public async Task WritesNeedAdministration_AFineGrainedOrIntegrationTokenGets403NamingThePermission(TokenKind kind, string message)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.AddToken("ghs_actions", "github-actions[bot]", admin: false, kind: kind);
        emu.UseToken("ghs_actions");

        var put = await emu.PutAsync("repos/o/r/environments/staging", "{}");

        Assert.Equal(403, put.Status);
        Assert.Equal(message, put.Json["message"]!.GetValue<string>());
        Assert.Equal("administration=write", put.Header("X-Accepted-GitHub-Permissions"));
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/environments/staging")).Status);
    }

    [Fact]
    public async Task UsersAndTeamsAreReadByLoginAndSlug()
    {
        await using var emu = await StartWithReviewersAsync();

        var user = await emu.GetAsync("users/hubot");
        var team = await emu.GetAsync("orgs/o/teams/ops");

        Assert.Equal("hubot", user.Json["login"]!.GetValue<string>());
        Assert.Equal(emu.State.AddUser("hubot"), user.Json["id"]!.GetValue<long>());
        Assert.Equal("ops", team.Json["slug"]!.GetValue<string>());
        Assert.Equal("o", team.Json["organization"]!["login"]!.GetValue<string>());
        Assert.Equal(1, team.Json["members_count"]!.GetValue<int>());
        Assert.Equal(404, (await emu.GetAsync("users/nobody")).Status);
        Assert.Equal(404, (await emu.GetAsync("orgs/o/teams/nobody")).Status);
        Assert.Equal(404, (await emu.GetAsync("orgs/elsewhere/teams/ops")).Status);
    }
}
