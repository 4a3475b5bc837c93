using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>Workflow runs waiting on environments: pending deployments, reviews by required reviewers, apps' protection rules.</summary>
public sealed class RunTests : IAsyncLifetime
{
    TestEmulator emu = null!;
    long run;
    long stagingId, productionId;

    public async Task InitializeAsync()
    {
        emu = await TestEmulator.StartAsync();
        emu.State.AddToken("monalisa-token", "monalisa");
        emu.State.AddToken("hubot-token", "hubot");
        emu.State.AddTeam(new TeamSpec("o", "ops") { Members = ["monalisa"] });
        stagingId = emu.State.AddEnvironment("o", "r", new EnvironmentSpec("staging") { Reviewers = ["octocat"], WaitTimer = 5 });
        productionId = emu.State.AddEnvironment("o", "r", new EnvironmentSpec("production") { Reviewers = ["o/ops"], PreventSelfReview = true });
        emu.State.AddEnvironment("o", "r", new EnvironmentSpec("gated"));
        run = emu.State.AddRun("o", "r", new RunSpec
        {
            Actor = "monalisa",
            Environments = [new("staging"), new("production"), new("gated") { Apps = ["azure-gate"] }],
        });
    }

    public Task DisposeAsync() => emu.DisposeAsync().AsTask();

    string Pending => $"repos/o/r/actions/runs/{run}/pending_deployments";

    [Fact]
    public async Task PendingDeploymentsSayWhoMayApprove()
    {
        var asOctocat = (await emu.GetAsync(Pending)).Json.AsArray();
        emu.UseToken("monalisa-token");
        var asMonalisa = (await emu.GetAsync(Pending)).Json.AsArray();

        Assert.Equal(["staging", "production", "gated"], asOctocat.Select(p => p!["environment"]!["name"]!.GetValue<string>()));
        Assert.Equal([true, false, false], asOctocat.Select(p => p!["current_user_can_approve"]!.GetValue<bool>()));
        Assert.Equal(5, asOctocat[0]!["wait_timer"]!.GetValue<int>());
        Assert.NotNull(asOctocat[0]!["wait_timer_started_at"]);
        Assert.Null(asOctocat[1]!["wait_timer_started_at"]);
        Assert.Equal("ops", asOctocat[1]!["reviewers"]![0]!["reviewer"]!["slug"]!.GetValue<string>());
        // monalisa is in the team, but triggered the run and production prevents self-review.
        Assert.Equal([false, false, false], asMonalisa.Select(p => p!["current_user_can_approve"]!.GetValue<bool>()));
        Assert.Equal(404, (await emu.GetAsync("repos/o/r/actions/runs/1/pending_deployments")).Status);
    }

    [Fact]
    public async Task AReviewerApprovesAndGetsTheDeployments()
    {
        var reply = await emu.PostAsync(Pending, $$"""{"environment_ids":[{{stagingId}}],"state":"approved","comment":"Ship it"}""");

        Assert.Equal(200, reply.Status);
        Assert.Equal("staging", Assert.Single(reply.Json.AsArray())!["environment"]!.GetValue<string>());
        Assert.Equal(["production", "gated"], (await emu.GetAsync(Pending)).Json.AsArray().Select(p => p!["environment"]!["name"]!.GetValue<string>()));
        var state = (await emu.ControlAsync(HttpMethod.Get, $"repos/o/r/runs/{run}")).Json;
        Assert.Equal("approved", state["gates"]![0]!["state"]!.GetValue<string>());
        Assert.Equal("""[{"by":"octocat","state":"approved","comment":"Ship it"}]""", state["gates"]![0]!["reviews"]!.ToJsonString());
    }

    [Fact]
    public async Task ReviewsAreAllOrNothing()
    {
        emu.UseToken("hubot-token");
        var notReviewer = await emu.PostAsync(Pending, $$"""{"environment_ids":[{{stagingId}}],"state":"rejected","comment":"no"}""");
        emu.UseToken(TestEmulator.Token);
        var mixed = await emu.PostAsync(Pending, $$"""{"environment_ids":[{{stagingId}},{{productionId}}],"state":"approved","comment":"ok"}""");
        var missing = await emu.PostAsync(Pending, $$"""{"environment_ids":[{{stagingId}}],"state":"approved"}""");
        var badState = await emu.PostAsync(Pending, $$"""{"environment_ids":[{{stagingId}}],"state":"maybe","comment":""}""");

        Assert.Equal(422, notReviewer.Status);
        Assert.Equal("hubot may not review deployments to staging.", notReviewer.Json["message"]!.GetValue<string>());
        Assert.Equal(422, mixed.Status);
        Assert.Equal(422, missing.Status);
        Assert.Contains("\"comment\" wasn't supplied.", missing.Json["message"]!.GetValue<string>());
        Assert.Equal(422, badState.Status);
        Assert.Equal(3, (await emu.GetAsync(Pending)).Json.AsArray().Count);
    }

    [Fact]
    public async Task AnAppReviewsItsOwnProtectionRule()
    {
        var rule = $"repos/o/r/actions/runs/{run}/deployment_protection_rule";
        var asUser = await emu.PostAsync(rule, """{"environment_name":"gated","state":"approved"}""");
        using var key = RSA.Create(2048);
        emu.State.AddApp(new GitHubAppSpec("77", key.ExportSubjectPublicKeyInfoPem()) { Slug = "azure-gate", Installations = [new InstallationSpec(7, "o")] });
        var now = emu.Clock.GetUtcNow().ToUnixTimeSeconds();
        var header = Convert.ToBase64String("""{"alg":"RS256"}"""u8.ToArray()).TrimEnd('=');
        var claims = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($$"""{"iat":{{now - 60}},"exp":{{now + 500}},"iss":"77"}""")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var signature = Convert.ToBase64String(key.SignData(System.Text.Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", header + "." + claims + "." + signature);
        var minted = await emu.PostAsync("app/installations/7/access_tokens", "{}");
        emu.UseToken(minted.Json["token"]!.GetValue<string>());
        var commentOnly = await emu.PostAsync(rule, """{"environment_name":"gated","comment":"checking"}""");
        var approved = await emu.PostAsync(rule, """{"environment_name":"gated","state":"approved","comment":"Gate passed"}""");
        var twice = await emu.PostAsync(rule, """{"environment_name":"gated","state":"approved"}""");
        var noName = await emu.PostAsync(rule, """{"state":"approved"}""");

        Assert.Equal(422, asUser.Status);
        Assert.Equal(204, commentOnly.Status);
        Assert.Equal(204, approved.Status);
        Assert.Equal(422, twice.Status);
        Assert.Equal(422, noName.Status);
        var gate = (await emu.ControlAsync(HttpMethod.Get, $"repos/o/r/runs/{run}")).Json["gates"]![2]!;
        Assert.Equal("""{"azure-gate":"approved"}""", gate["rules"]!.ToJsonString());
        Assert.Equal("""[{"by":"azure-gate","state":null,"comment":"checking"},{"by":"azure-gate","state":"approved","comment":"Gate passed"}]""", gate["ruleReviews"]!.ToJsonString());
    }
}
