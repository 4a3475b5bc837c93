using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>GET /user</c>: the token's user.</summary>
internal static class UserRoutes
{
    public static void Map(IEndpointRouteBuilder routes) => routes.MapGet("/user", Get);

    private static IResult Get(HttpContext context, EmulatorState state) =>
        ApiAccess.AsUser(context, state, user => new ApiResult(200, new Representations(context.Request).User(user)));
}
