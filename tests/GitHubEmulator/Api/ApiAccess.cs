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

    /// <summary>Runs <paramref name="operation"/> with the token's grant under the state's lock; 401 for no or an unknown token.</summary>
    public static IResult AsGrant(HttpContext context, EmulatorState state, Func<TokenGrant, IResult> operation)
    {
        lock (state.Gate)
        {
            return Authenticate(context.Request, state) is { } grant ? operation(grant) : GitHubErrors.BadCredentials();
        }
    }

    /// <summary>
    /// Runs <paramref name="operation"/> on the repository under the state's lock; 401 for no or an unknown token,
    /// 404 for a repository that does not exist or that the token may not see (GitHub hides its existence).
    /// </summary>
    public static IResult OnRepository(
        HttpContext context, EmulatorState state, string owner, string repo, string documentationUrl,
        Func<UserRecord, RepositoryRecord, IResult> operation) =>
        WithGrant(context, state, owner, repo, documentationUrl, (grant, repository) => operation(grant.User, repository));

    /// <summary>As <see cref="OnRepository"/>, handing the operation the token's grant.</summary>
    public static IResult WithGrant(
        HttpContext context, EmulatorState state, string owner, string repo, string documentationUrl,
        Func<TokenGrant, RepositoryRecord, IResult> operation)
    {
        lock (state.Gate)
        {
            if (Authenticate(context.Request, state) is not { } grant)
            {
                return GitHubErrors.BadCredentials();
            }
            var repository = state.FindRepository(owner, repo);
            if (repository is null || !grant.CanSee(repository))
            {
                return GitHubErrors.NotFound(documentationUrl);
            }
            // An archived repository is read-only: GitHub refuses every write there.
            return repository.Archived && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method)
                ? new ApiResult(403, GitHubErrors.Basic("Repository was archived so is read-only.", Docs.ArchivedRepository, 403))
                : operation(grant, repository);
        }
    }

    /// <summary>
    /// An operation that needs the repository's administration permission (environments, branch policies). A token
    /// without it is refused as GitHub refuses it: a classic token of a user who is no admin gets 404 (GitHub hides admin
    /// routes); a fine-grained or an integration's token (a GitHub App, the Actions GITHUB_TOKEN) gets 403 "Resource not
    /// accessible by …" with <c>X-Accepted-GitHub-Permissions: administration=write</c>.
    /// </summary>
    public static IResult AsAdmin(
        HttpContext context, EmulatorState state, string owner, string repo, string documentationUrl,
        Func<UserRecord, RepositoryRecord, IResult> operation) =>
        WithGrant(context, state, owner, repo, documentationUrl, (grant, repository) => grant.Admin
            ? operation(grant.User, repository)
            : grant.Kind switch
            {
                TokenKind.Classic => GitHubErrors.NotFound(documentationUrl),
                var kind => new ApiResult(403,
                    GitHubErrors.Basic(kind == TokenKind.Integration ? "Resource not accessible by integration" : "Resource not accessible by personal access token",
                        documentationUrl, 403),
                    [new(GitHubErrors.AcceptedPermissionsHeader, "administration=write")]),
            });
}
