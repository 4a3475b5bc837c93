using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>
/// Repositories: one by name, and the lists of an organisation (<c>/orgs/{org}/repos</c>), a user
/// (<c>/users/{username}/repos</c>) and a GitHub App installation (<c>/installation/repositories</c>), paginated, by
/// name, only those the token may see.
/// </summary>
internal static class RepositoryRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/repos/{owner}/{repo}", Get);
        routes.MapGet("/orgs/{org}/repos", ListOfOrganization);
        routes.MapGet("/users/{username}/repos", ListOfUser);
        routes.MapGet("/installation/repositories", ListOfInstallation);
    }

    private static IResult Get(HttpContext context, EmulatorState state, string owner, string repo) =>
        ApiAccess.WithGrant(context, state, owner, repo, Docs.GetRepository, (_, repository) =>
            new ApiResult(200, new Representations(context.Request).FullRepository(repository, state.FindUser(repository.Owner))));

    /// <summary>An organisation is an account that is no user; a user's login here is GitHub's 404.</summary>
    private static IResult ListOfOrganization(HttpContext context, EmulatorState state, string org) =>
        ApiAccess.AsGrant(context, state, grant => state.FindUser(org) is null && state.RepositoriesOf(org).Count > 0
            ? List(context, state, grant, state.RepositoriesOf(org))
            : GitHubErrors.NotFound(Docs.ListOrganizationRepositories));

    private static IResult ListOfUser(HttpContext context, EmulatorState state, string username) =>
        ApiAccess.AsGrant(context, state, grant => state.FindUser(username) is not null || state.RepositoriesOf(username).Count > 0
            ? List(context, state, grant, state.RepositoriesOf(username))
            : GitHubErrors.NotFound(Docs.ListUserRepositories));

    /// <summary>Only an installation token may ask (GitHub answers 403 to any other); its items are whole repositories.</summary>
    private static IResult ListOfInstallation(HttpContext context, EmulatorState state) =>
        ApiAccess.AsGrant(context, state, grant =>
        {
            if (!grant.IsInstallation)
            {
                return new ApiResult(403, GitHubErrors.Basic("You must authenticate with an installation access token in order to list repositories for an installation.", Docs.ListInstallationRepositories, 403));
            }
            var visible = state.AllRepositories().Where(grant.CanSee).ToList();
            var (page, link) = Pagination.Slice(context.Request, visible);
            var render = new Representations(context.Request);
            return new ApiResult(200, new JsonObject
            {
                ["total_count"] = visible.Count,
                ["repository_selection"] = grant.SeesSelectedRepositories ? "selected" : "all",
                ["repositories"] = new JsonArray([.. page.Select(r => (JsonNode)render.FullRepository(r, state.FindUser(r.Owner)))]),
            }, Pagination.Headers(link));
        });

    private static IResult List(HttpContext context, EmulatorState state, TokenGrant grant, IReadOnlyList<RepositoryRecord> repositories)
    {
        var visible = repositories.Where(grant.CanSee).ToList();
        var (page, link) = Pagination.Slice(context.Request, visible);
        var render = new Representations(context.Request);
        return new ApiResult(200, new JsonArray([.. page.Select(r => (JsonNode)render.Repository(r, state.FindUser(r.Owner)))]), Pagination.Headers(link));
    }
}
