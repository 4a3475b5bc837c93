using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>GET /repos/{owner}/{repo}/environments</c>: every environment a deployment or status has named, by name.</summary>
internal static class EnvironmentRoutes
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/repos/{owner}/{repo}/environments", List);

    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.ListEnvironments, (_, repository) =>
        {
            var all = repository.Environments.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).ToList();
            var (page, link) = Pagination.Slice(context.Request, all);
            var render = new Representations(context.Request);
            var body = new JsonObject
            {
                ["total_count"] = all.Count,
                ["environments"] = new JsonArray([.. page.Select(e => render.Environment(repository, e))]),
            };
            return new ApiResult(200, body, Pagination.Headers(link));
        });
}
