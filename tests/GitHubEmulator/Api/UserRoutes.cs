using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>GET /user</c> (the token's user), <c>GET /users/{username}</c> and <c>GET /orgs/{org}/teams/{team_slug}</c> (reviewers' ids).</summary>
internal static class UserRoutes
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/user", Get);
        routes.MapGet("/users/{username}", GetUser);
        routes.MapGet("/orgs/{org}/teams/{teamSlug}", GetTeam);
    }

    private static IResult Get(HttpContext context, EmulatorState state)
    {
        lock (state.Gate)
        {
            // An installation token acts for an app, not a user: GitHub refuses it here.
            if (ApiAccess.Authenticate(context.Request, state) is { IsInstallation: true })
            {
                return new ApiResult(403, GitHubErrors.Basic("Resource not accessible by integration", Docs.GetAuthenticatedUser, 403));
            }
        }
        return ApiAccess.AsUser(context, state, user => new ApiResult(200, new Representations(context.Request).User(user)));
    }

    private static IResult GetUser(HttpContext context, EmulatorState state, string username) =>
        ApiAccess.AsUser(context, state, _ => state.FindUser(username) is { } user
            ? new ApiResult(200, new Representations(context.Request).PublicUser(user))
            : GitHubErrors.NotFound(Docs.GetUser));

    /// <summary>A team of an organization, by slug; 404 when there is none (GitHub also hides a secret team from outsiders).</summary>
    private static IResult GetTeam(HttpContext context, EmulatorState state, string org, string teamSlug) =>
        ApiAccess.AsUser(context, state, _ => state.FindTeam(org, teamSlug) is { } team
            ? new ApiResult(200, new Representations(context.Request).TeamFull(team))
            : GitHubErrors.NotFound(Docs.GetTeam));
}
