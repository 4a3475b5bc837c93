using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Control;

/// <summary>
/// <c>/_emulator/users</c>, <c>/_emulator/teams</c>, <c>/_emulator/repos/{o}/{r}/environments</c> and
/// <c>/_emulator/repos/{o}/{r}/runs[/{id}]</c>: reviewers, environments with their protection rules, and workflow runs
/// waiting on them, seeded without requests (see README.md).
/// </summary>
internal static class EnvironmentControlRoutes
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/users", (HttpContext context, EmulatorState state) => ControlRoutes.WithBodyAsync(context, body =>
            Created(state.AddUser(ControlInput.RequiredString(body, "login")))));
        control.MapPost("/teams", (HttpContext context, EmulatorState state) => ControlRoutes.WithBodyAsync(context, body =>
            Created(state.AddTeam(Team(body)))));
        control.MapPost("/repos/{owner}/{repo}/environments", (HttpContext context, EmulatorState state, string owner, string repo) =>
            ControlRoutes.WithBodyAsync(context, body => Created(state.AddEnvironment(owner, repo, Environment(body)))));
        control.MapPost("/repos/{owner}/{repo}/runs", (HttpContext context, EmulatorState state, string owner, string repo) =>
            ControlRoutes.WithBodyAsync(context, body => Created(state.AddRun(owner, repo, Run(body)))));
        control.MapGet("/repos/{owner}/{repo}/runs/{runId:long}", (EmulatorState state, string owner, string repo, long runId) =>
            RunState(state, owner, repo, runId));
    }

    private static ApiResult Created(long id) => new(201, new JsonObject { ["id"] = id });

    /// <summary><c>{ org, slug, name, members: ["login"] }</c></summary>
    internal static TeamSpec Team(JsonObject body) => new(ControlInput.RequiredString(body, "org"), ControlInput.RequiredString(body, "slug"))
    {
        Name = ControlInput.String(body, "name"),
        Members = ControlInput.Strings(body, "members") ?? [],
    };

    /// <summary><c>{ name, waitTimer, preventSelfReview, reviewers: ["login", "org/slug"], branchPolicy, policies: ["release/*", "tag:v*"], canAdminsBypass }</c></summary>
    internal static EnvironmentSpec Environment(JsonObject body) => new(ControlInput.RequiredString(body, "name"))
    {
        WaitTimer = ControlInput.Int(body, "waitTimer") ?? 0,
        PreventSelfReview = ControlInput.Bool(body, "preventSelfReview") ?? false,
        Reviewers = ControlInput.Strings(body, "reviewers") ?? [],
        BranchPolicy = ControlInput.String(body, "branchPolicy") ?? "all",
        Policies = ControlInput.Strings(body, "policies") ?? [],
        CanAdminsBypass = ControlInput.Bool(body, "canAdminsBypass") ?? true,
    };

    /// <summary><c>{ id, actor, ref, environments: [ { name, apps: ["slug"] } ] }</c></summary>
    internal static RunSpec Run(JsonObject body) => new()
    {
        Id = ControlInput.Long(body, "id"),
        Actor = ControlInput.String(body, "actor") ?? EmulatorState.DefaultLogin,
        Ref = ControlInput.String(body, "ref") ?? "main",
        Environments = (ControlInput.Array(body, "environments") ?? [])
            .Select(node => node as JsonObject ?? throw new ControlInputException("Each of 'environments' must be an object."))
            .Select(item => new RunEnvironmentSpec(ControlInput.RequiredString(item, "name")) { Apps = ControlInput.Strings(item, "apps") ?? [] })
            .ToList(),
    };

    /// <summary>
    /// <c>{ id, actor, gates: [ { environment, environmentId, deploymentId, state, reviews: [ { by, state, comment } ],
    /// rules: { app: state }, ruleReviews: [ … ] } ] }</c>; 404 for an unknown run.
    /// </summary>
    private static IResult RunState(EmulatorState state, string owner, string repo, long runId)
    {
        lock (state.Gate)
        {
            if (state.FindRepository(owner, repo) is not { } repository || state.FindRun(repository, runId) is not { } run)
            {
                return new ApiResult(404, new JsonObject { ["message"] = $"No run {runId} in {owner}/{repo}." });
            }
            static JsonNode Review(ReviewRecord r) => new JsonObject { ["by"] = r.By, ["state"] = r.State, ["comment"] = r.Comment };
            var gates = run.Gates.Select(g => (JsonNode)new JsonObject
            {
                ["environment"] = g.Environment.Name,
                ["environmentId"] = g.Environment.Id,
                ["deploymentId"] = g.Deployment.Id,
                ["state"] = g.ReviewState,
                ["reviews"] = new JsonArray([.. g.Reviews.Select(Review)]),
                ["rules"] = new JsonObject([.. g.Rules.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]),
                ["ruleReviews"] = new JsonArray([.. g.RuleReviews.Select(Review)]),
            });
            return new ApiResult(200, new JsonObject { ["id"] = run.Id, ["actor"] = run.Actor.Login, ["gates"] = new JsonArray([.. gates]) });
        }
    }
}
