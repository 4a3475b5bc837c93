using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>
/// A workflow run's jobs that wait on environments: <c>GET|POST …/actions/runs/{run_id}/pending_deployments</c> (the
/// required reviewers' approvals) and <c>POST …/actions/runs/{run_id}/deployment_protection_rule</c> (a GitHub App's
/// custom protection rule). GitHub documents only the successes; the refusals here (422 with the reason) are the
/// emulator's reading of what GitHub answers.
/// </summary>
internal static class RunRoutes
{
    private const string Path = "/repos/{owner}/{repo}/actions/runs/{runId:long}";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path + "/pending_deployments", List);
        routes.MapPost(Path + "/pending_deployments", ReviewAsync);
        routes.MapPost(Path + "/deployment_protection_rule", ReviewRuleAsync);
    }

    /// <summary>Every environment the run still waits on, for reviewers or apps, as the caller sees it.</summary>
    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo, long runId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.GetPendingDeployments, (caller, repository) =>
        {
            if (state.FindRun(repository, runId) is not { } run)
            {
                return GitHubErrors.NotFound(Docs.GetPendingDeployments);
            }
            var render = new Representations(context.Request);
            return new ApiResult(200, new JsonArray([.. run.Gates.Where(g => g.Waiting).Select(g => (JsonNode)render.PendingDeployment(repository, run, g, caller, state))]));
        });

    private static async Task<IResult> ReviewAsync(HttpContext context, EmulatorState state, string owner, string repo, long runId)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.OnRepository(context, state, owner, repo, Docs.ReviewPendingDeployments, (caller, repository) =>
            state.FindRun(repository, runId) is not { } run ? GitHubErrors.NotFound(Docs.ReviewPendingDeployments)
            : body is null ? GitHubErrors.ProblemsParsingJson(Docs.ReviewPendingDeployments)
            : Review(context, state, caller, repository, run, body));
    }

    /// <summary>
    /// Approves or rejects the jobs waiting on the given environments, all or none: each must wait for reviewers in this
    /// run, and the caller must be one of them (not its own run's actor when self-review is prevented). Answers the
    /// jobs' deployments.
    /// </summary>
    private static IResult Review(HttpContext context, EmulatorState state, UserRecord caller, RepositoryRecord repository, RunRecord run, RequestBody body)
    {
        var ids = Integers(body, "environment_ids");
        var verdict = body.String("state");
        var comment = body.String("comment");
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.ReviewPendingDeployments);
        }
        var missing = new[] { ("environment_ids", ids is null), ("state", verdict is null), ("comment", comment is null) }.Where(f => f.Item2).Select(f => $"\"{f.Item1}\" wasn't supplied.").ToList();
        if (missing.Count > 0)
        {
            return GitHubErrors.InvalidRequest(missing, Docs.ReviewPendingDeployments);
        }
        if (verdict is not ("approved" or "rejected"))
        {
            return GitHubErrors.InvalidRequest([$"For 'properties/state', \"{verdict}\" is not one of [\"approved\", \"rejected\"]."], Docs.ReviewPendingDeployments);
        }
        var gates = new List<GateRecord>();
        foreach (var id in ids!)
        {
            var gate = run.Gates.Find(g => g.Environment.Id == id && g.ReviewState == "waiting");
            if (gate is null)
            {
                return Unprocessable($"Environment {id} is not waiting for a review in run {run.Id}.", Docs.ReviewPendingDeployments);
            }
            if (!Representations.CanApprove(run, gate, caller, state))
            {
                return Unprocessable($"{caller.Login} may not review deployments to {gate.Environment.Name}.", Docs.ReviewPendingDeployments);
            }
            gates.Add(gate);
        }
        foreach (var gate in gates)
        {
            gate.ReviewState = verdict;
            gate.Reviews.Add(new ReviewRecord(caller.Login, verdict, comment!));
        }
        var render = new Representations(context.Request);
        return new ApiResult(200, new JsonArray([.. gates.Select(g => (JsonNode)render.Deployment(repository, g.Deployment))]));
    }

    private static async Task<IResult> ReviewRuleAsync(HttpContext context, EmulatorState state, string owner, string repo, long runId)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.WithGrant(context, state, owner, repo, Docs.ReviewProtectionRule, (grant, repository) =>
            state.FindRun(repository, runId) is not { } run ? GitHubErrors.NotFound(Docs.ReviewProtectionRule)
            : body is null ? GitHubErrors.ProblemsParsingJson(Docs.ReviewProtectionRule)
            : ReviewRule(grant, run, body));
    }

    /// <summary>
    /// A GitHub App (an installation token) approves, rejects or comments on its own custom protection rule of an
    /// environment the run waits on: <c>environment_name</c> and <c>state</c>, or <c>environment_name</c> and a
    /// <c>comment</c> alone. 204.
    /// </summary>
    private static IResult ReviewRule(TokenGrant grant, RunRecord run, RequestBody body)
    {
        var name = body.String("environment_name");
        var verdict = body.String("state");
        var comment = body.String("comment");
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.ReviewProtectionRule);
        }
        if (name is null || (verdict is null && comment is null))
        {
            return GitHubErrors.InvalidRequest(["No subschema in \"anyOf\" matched: environment_name and state, or environment_name and comment, are required."], Docs.ReviewProtectionRule);
        }
        if (verdict is not (null or "approved" or "rejected"))
        {
            return GitHubErrors.InvalidRequest([$"For 'properties/state', \"{verdict}\" is not one of [\"approved\", \"rejected\"]."], Docs.ReviewProtectionRule);
        }
        var gate = run.Gates.Find(g => string.Equals(g.Environment.Name, name, StringComparison.OrdinalIgnoreCase));
        if (grant.AppSlug is not { } app || gate is null || gate.Rules.GetValueOrDefault(app) != "waiting")
        {
            return Unprocessable($"No deployment protection rule of {grant.AppSlug ?? grant.User.Login} is waiting on environment {name} in run {run.Id}.", Docs.ReviewProtectionRule);
        }
        if (verdict is not null)
        {
            gate.Rules[app] = verdict;
        }
        gate.RuleReviews.Add(new ReviewRecord(app, verdict, comment ?? ""));
        return new ApiResult(204, null);
    }

    /// <summary>An array of integers; null when absent (a wrong type is a problem of the body).</summary>
    private static List<long>? Integers(RequestBody body, string name)
    {
        if (body.Raw(name) is not { } node)
        {
            return null;
        }
        var values = (node as JsonArray)?.Select(item => item is JsonValue v && v.TryGetValue<long>(out var n) ? n : (long?)null).ToList();
        if (values is null || values.Contains(null))
        {
            body.NotA(name, "an array of integers");
            return null;
        }
        return values.ConvertAll(v => v!.Value);
    }

    private static ApiResult Unprocessable(string message, string documentationUrl) => new(422, GitHubErrors.Basic(message, documentationUrl, 422));
}
