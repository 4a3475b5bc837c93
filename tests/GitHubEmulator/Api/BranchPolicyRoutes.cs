using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>
/// <c>/repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies[/{id}]</c>: list, create, get,
/// delete. Only an environment whose deployment_branch_policy has custom_branch_policies true has them: for any other,
/// every route answers 404, as GitHub documents for creation. Writes need administration.
/// </summary>
internal static class BranchPolicyRoutes
{
    private const string Path = "/repos/{owner}/{repo}/environments/{environmentName}/deployment-branch-policies";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, List);
        routes.MapPost(Path, CreateAsync);
        routes.MapGet(Path + "/{policyId:long}", Get);
        routes.MapDelete(Path + "/{policyId:long}", Delete);
    }

    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo, string environmentName) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.ListBranchPolicies, (_, repository) =>
            OnCustomEnvironment(repository, environmentName, Docs.ListBranchPolicies, environment =>
            {
                var (page, link) = Pagination.Slice(context.Request, environment.BranchPolicies);
                var body = new JsonObject
                {
                    ["total_count"] = environment.BranchPolicies.Count,
                    ["branch_policies"] = new JsonArray([.. page.Select(p => (JsonNode)Representations.BranchPolicy(p))]),
                };
                return new ApiResult(200, body, Pagination.Headers(link));
            }));

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state, string owner, string repo, string environmentName)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.AsAdmin(context, state, owner, repo, Docs.CreateBranchPolicy, (_, repository) =>
            OnCustomEnvironment(repository, environmentName, Docs.CreateBranchPolicy, environment =>
                body is null ? GitHubErrors.ProblemsParsingJson(Docs.CreateBranchPolicy) : Create(context, state, repository, environment, body)));
    }

    /// <summary>200 with the new policy (GitHub's documented status); 303 to the existing one when the pattern is there already.</summary>
    private static IResult Create(HttpContext context, EmulatorState state, RepositoryRecord repository, EnvironmentRecord environment, RequestBody body)
    {
        var name = body.String("name");
        var type = body.String("type") ?? "branch";
        if (body.Keys.FirstOrDefault(k => k is not ("name" or "type")) is { } unknown)
        {
            return GitHubErrors.InvalidRequest([$"\"{unknown}\" is not a permitted key."], Docs.CreateBranchPolicy);
        }
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.CreateBranchPolicy);
        }
        if (string.IsNullOrEmpty(name))
        {
            return GitHubErrors.InvalidRequest(["\"name\" wasn't supplied."], Docs.CreateBranchPolicy);
        }
        if (type is not ("branch" or "tag"))
        {
            return GitHubErrors.InvalidRequest([$"For 'properties/type', \"{type}\" is not one of [\"branch\", \"tag\"]."], Docs.CreateBranchPolicy);
        }
        var url = $"{new Representations(context.Request).EnvironmentUrl(repository, environment)}/deployment-branch-policies";
        if (environment.BranchPolicies.Find(p => p.Name == name && p.Type == type) is { } existing)
        {
            return new ApiResult(303, null, [new("Location", $"{url}/{existing.Id}")]);
        }
        var policy = state.AddBranchPolicy(environment, name, type);
        environment.UpdatedAt = state.Now;
        return new ApiResult(200, Representations.BranchPolicy(policy));
    }

    private static IResult Get(HttpContext context, EmulatorState state, string owner, string repo, string environmentName, long policyId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.GetBranchPolicy, (_, repository) =>
            OnCustomEnvironment(repository, environmentName, Docs.GetBranchPolicy, environment =>
                environment.BranchPolicies.Find(p => p.Id == policyId) is { } policy
                    ? new ApiResult(200, Representations.BranchPolicy(policy))
                    : GitHubErrors.NotFound(Docs.GetBranchPolicy)));

    private static IResult Delete(HttpContext context, EmulatorState state, string owner, string repo, string environmentName, long policyId) =>
        ApiAccess.AsAdmin(context, state, owner, repo, Docs.DeleteBranchPolicy, (_, repository) =>
            OnCustomEnvironment(repository, environmentName, Docs.DeleteBranchPolicy, environment =>
            {
                if (environment.BranchPolicies.RemoveAll(p => p.Id == policyId) == 0)
                {
                    return GitHubErrors.NotFound(Docs.DeleteBranchPolicy);
                }
                environment.UpdatedAt = state.Now;
                return new ApiResult(204, null);
            }));

    /// <summary>Runs <paramref name="operation"/> on an environment with custom branch policies; 404 for any other (or none).</summary>
    private static IResult OnCustomEnvironment(RepositoryRecord repository, string segment, string documentationUrl, Func<EnvironmentRecord, IResult> operation) =>
        repository.Environments.GetValueOrDefault(EnvironmentRoutes.Name(segment)) is { BranchPolicy: BranchPolicyMode.CustomBranches } environment
            ? operation(environment)
            : GitHubErrors.NotFound(documentationUrl);
}
