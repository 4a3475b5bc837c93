using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>
/// <c>/repos/{owner}/{repo}/environments[/{environment_name}]</c>: list (every environment a deployment, status, PUT or
/// run has named, by name), get, create or update (PUT, with GitHub's validation), delete. Writes need administration.
/// </summary>
internal static class EnvironmentRoutes
{
    /// <summary>GitHub's limits: a name of at most 255 characters, a wait of at most 30 days, at most six reviewers.</summary>
    public const int MaxNameLength = 255;
    public const int MaxWaitTimer = 43_200;
    public const int MaxReviewers = 6;

    private const string Path = "/repos/{owner}/{repo}/environments";

    /// <summary>What PUT takes: the OpenAPI description's fields, and can_admins_bypass, which GitHub takes but does not describe.</summary>
    private static readonly HashSet<string> PutFields =
        ["wait_timer", "prevent_self_review", "reviewers", "deployment_branch_policy", "can_admins_bypass"];

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, List);
        routes.MapGet(Path + "/{environmentName}", Get);
        routes.MapPut(Path + "/{environmentName}", PutAsync);
        routes.MapDelete(Path + "/{environmentName}", Delete);
    }

    /// <summary>
    /// The environment name of the path: GitHub asks for it URL-encoded (a slash as <c>%2F</c>); Kestrel decodes every
    /// escape of the path but <c>%2F</c>, so that one is decoded here.
    /// </summary>
    public static string Name(string segment) => segment.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);

    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.ListEnvironments, (_, repository) =>
        {
            var all = repository.Environments.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var (page, link) = Pagination.Slice(context.Request, all);
            var render = new Representations(context.Request);
            var body = new JsonObject
            {
                ["total_count"] = all.Count,
                ["environments"] = new JsonArray([.. page.Select(e => render.Environment(repository, e, state))]),
            };
            return new ApiResult(200, body, Pagination.Headers(link));
        });

    private static IResult Get(HttpContext context, EmulatorState state, string owner, string repo, string environmentName) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.GetEnvironment, (_, repository) =>
            repository.Environments.GetValueOrDefault(Name(environmentName)) is { } environment
                ? new ApiResult(200, new Representations(context.Request).Environment(repository, environment, state))
                : GitHubErrors.NotFound(Docs.GetEnvironment));

    private static async Task<IResult> PutAsync(HttpContext context, EmulatorState state, string owner, string repo, string environmentName)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.AsAdmin(context, state, owner, repo, Docs.SetEnvironment, (_, repository) =>
            body is null ? GitHubErrors.ProblemsParsingJson(Docs.SetEnvironment) : Put(context, state, repository, Name(environmentName), body));
    }

    /// <summary>
    /// Creates the environment or changes the settings the body names; a setting left out keeps its value (a new
    /// environment: no wait, no reviewers, every branch, admins may bypass). Explicit nulls clear reviewers and the
    /// branch policy.
    /// </summary>
    private static IResult Put(HttpContext context, EmulatorState state, RepositoryRecord repository, string name, RequestBody body)
    {
        if (name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Invalid($"Name is invalid: an environment name has at most {MaxNameLength} characters and no control characters.");
        }
        if (body.Keys.FirstOrDefault(k => !PutFields.Contains(k)) is { } unknown)
        {
            return GitHubErrors.InvalidRequest([$"\"{unknown}\" is not a permitted key."], Docs.SetEnvironment);
        }
        var waitTimer = body.Integer("wait_timer");
        var preventSelfReview = body.Boolean("prevent_self_review");
        var canAdminsBypass = body.Boolean("can_admins_bypass");
        var reviewers = Reviewers(body);
        var policy = BranchPolicy(body);
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.SetEnvironment);
        }
        if (waitTimer is < 0 or > MaxWaitTimer)
        {
            return Invalid($"Wait timer must be between 0 and {MaxWaitTimer} minutes.");
        }
        if (reviewers is { Count: > MaxReviewers })
        {
            return Invalid($"Reviewers can only have up to {MaxReviewers} users or teams.");
        }
        if (reviewers?.Find(r => r.Type == "User" ? state.FindUser(r.Id) is null : state.FindTeam(r.Id) is null) is { } missing)
        {
            return Invalid($"Reviewers must be users or teams with access to the repository; there is no {missing.Type} with id {missing.Id}.");
        }
        if (policy is { Valid: false })
        {
            return Invalid("deployment_branch_policy: protected_branches and custom_branch_policies cannot both be " + (policy.Value.Protected ? "true" : "false") + ".");
        }

        var environment = repository.Environments.GetValueOrDefault(name) ?? state.CreateEnvironment(repository, name);
        if (waitTimer is { } minutes)
        {
            environment.WaitTimer = (int)minutes;
        }
        if (preventSelfReview is { } prevent)
        {
            environment.PreventSelfReview = prevent;
        }
        if (canAdminsBypass is { } bypass)
        {
            environment.CanAdminsBypass = bypass;
        }
        if (reviewers is not null || body.IsNull("reviewers"))
        {
            environment.Reviewers.Clear();
            environment.Reviewers.AddRange(reviewers ?? []);
        }
        if (policy is { } settings)
        {
            environment.BranchPolicy = settings.Mode;
        }
        else if (body.IsNull("deployment_branch_policy"))
        {
            environment.BranchPolicy = BranchPolicyMode.All;
        }
        environment.UpdatedAt = state.Now;
        return new ApiResult(200, new Representations(context.Request).Environment(repository, environment, state));
    }

    /// <summary><c>reviewers</c>: null when absent or null; every entry must be <c>{ type: User|Team, id }</c>.</summary>
    private static List<ReviewerRef>? Reviewers(RequestBody body)
    {
        if (body.Raw("reviewers") is not { } node)
        {
            return null;
        }
        var entries = (node as JsonArray)?.Select(item => item is JsonObject entry
                && entry["type"] is JsonValue type && type.TryGetValue<string>(out var kind) && kind is "User" or "Team"
                && entry["id"] is JsonValue id && id.TryGetValue<long>(out var value)
            ? new ReviewerRef(kind, value)
            : null).ToList();
        if (entries is null || entries.Contains(null))
        {
            body.NotA("reviewers", "an array of objects { type: User or Team, id: integer }");
            return null;
        }
        return entries.ConvertAll(e => e!);
    }

    private readonly record struct PolicySettings(bool Protected, bool Custom)
    {
        public bool Valid => Protected != Custom;
        public BranchPolicyMode Mode => Protected ? BranchPolicyMode.ProtectedBranches : BranchPolicyMode.CustomBranches;
    }

    /// <summary><c>deployment_branch_policy</c>: null when absent or null; both flags required.</summary>
    private static PolicySettings? BranchPolicy(RequestBody body)
    {
        switch (body.Raw("deployment_branch_policy"))
        {
            case null:
                return null;
            case JsonObject policy when policy["protected_branches"] is JsonValue p && policy["custom_branch_policies"] is JsonValue c
                && p.TryGetValue<bool>(out var isProtected) && c.TryGetValue<bool>(out var isCustom):
                return new PolicySettings(isProtected, isCustom);
            default:
                body.NotA("deployment_branch_policy", "an object with the booleans protected_branches and custom_branch_policies");
                return null;
        }
    }

    private static IResult Delete(HttpContext context, EmulatorState state, string owner, string repo, string environmentName) =>
        ApiAccess.AsAdmin(context, state, owner, repo, Docs.DeleteEnvironment, (_, repository) =>
        {
            if (repository.Environments.GetValueOrDefault(Name(environmentName)) is not { } environment)
            {
                return GitHubErrors.NotFound(Docs.DeleteEnvironment);
            }
            state.DeleteEnvironment(repository, environment);
            return new ApiResult(204, null);
        });

    /// <summary>GitHub's 422 for this operation: a basic-error with the reason.</summary>
    private static ApiResult Invalid(string message) => new(422, GitHubErrors.Basic(message, Docs.SetEnvironment, 422));
}
