using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary>Authentication and repository visibility, checked the way GitHub does before any operation runs.</summary>
internal static class ApiAccess
{
    private static readonly string[] Schemes = ["token ", "bearer "];

    /// <summary>The grant of the request's token (<c>token X</c> or <c>Bearer X</c>); the caller holds <see cref="EmulatorState.Gate"/>.</summary>
    public static TokenGrant? Authenticate(HttpRequest request, EmulatorState state)
    {
        var header = request.Headers.Authorization.ToString();
        var scheme = Array.Find(Schemes, s => header.StartsWith(s, StringComparison.OrdinalIgnoreCase));
        return scheme is null ? null : state.FindToken(header[scheme.Length..].Trim());
    }

    /// <summary>Runs <paramref name="operation"/> for the token's user under the state's lock; 401 for no or an unknown token.</summary>
    public static IResult AsUser(HttpContext context, EmulatorState state, Func<UserRecord, IResult> operation)
    {
        lock (state.Gate)
        {
            return Authenticate(context.Request, state) is { } grant ? operation(grant.User) : GitHubErrors.BadCredentials();
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on the repository under the state's lock; 401 for no or an unknown token,
    /// 404 for a repository that does not exist or that the token may not see (GitHub hides its existence).
    /// </summary>
    public static IResult OnRepository(
        HttpContext context, EmulatorState state, string owner, string repo, string documentationUrl,
        Func<UserRecord, RepositoryRecord, IResult> operation)
    {
        lock (state.Gate)
        {
            if (Authenticate(context.Request, state) is not { } grant)
            {
                return GitHubErrors.BadCredentials();
            }
            var repository = state.FindRepository(owner, repo);
            return repository is not null && grant.CanSee(repository)
                ? operation(grant.User, repository)
                : GitHubErrors.NotFound(documentationUrl);
        }
    }
}
