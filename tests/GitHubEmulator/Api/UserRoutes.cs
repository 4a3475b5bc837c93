using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>GET /user</c>: the token's user.</summary>
internal static class UserRoutes
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/user", Get);

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
}
