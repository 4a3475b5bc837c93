using System.Globalization;
using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>
/// <c>POST /app/installations/{installation_id}/access_tokens</c>: a GitHub App, authenticated with
/// <c>Authorization: Bearer JWT</c>, exchanges its JWT for an installation token
/// (https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app).
/// </summary>
internal static class AppRoutes
{
    public const string CreateInstallationToken = "https://docs.github.com/rest/apps/apps#create-an-installation-access-token-for-an-app";

    public static void Map(IEndpointRouteBuilder routes) =>
        routes.MapPost("/app/installations/{installationId:long}/access_tokens", Create);

    private static IResult Create(HttpContext context, EmulatorState state, long installationId)
    {
        // Only a JWT opens this door, and only as a Bearer token; an installation or personal token is no JWT.
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Unauthorized(EmulatorState.CouldNotDecode);
        }
        MintedToken? minted;
        try
        {
            minted = state.MintInstallationToken(header["Bearer ".Length..].Trim(), installationId);
        }
        catch (JwtRejectedException e)
        {
            return Unauthorized(e.Message);
        }
        if (minted is null)
        {
            return GitHubErrors.NotFound(CreateInstallationToken);
        }
        var body = new JsonObject
        {
            ["token"] = minted.Token,
            ["expires_at"] = minted.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["deployments"] = "write", ["metadata"] = "read" },
            ["repository_selection"] = minted.Selected ? "selected" : "all",
        };
        // expires_at is on the emulator's clock, and so is every answer's Date (RateLimitMiddleware), as both are on
        // GitHub's, so a client can measure the token's lifetime whatever its own clock says.
        return new ApiResult(201, body);
    }

    private static ApiResult Unauthorized(string message) => new(401, GitHubErrors.Basic(message, GitHubErrors.RestDocs, 401));
}
