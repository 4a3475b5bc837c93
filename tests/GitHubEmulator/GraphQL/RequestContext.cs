using GitHubEmulator.State;

namespace GitHubEmulator.GraphQL;

/// <summary>What the resolvers of one GraphQL request need: the state, the token's grant, the host for URLs, the rate limit after this query.</summary>
internal sealed class RequestContext(EmulatorState state, TokenGrant grant, string web, RateLimitObject rateLimit) : Dictionary<string, object?>
{
    public EmulatorState State { get; } = state;
    public TokenGrant Grant { get; } = grant;
    /// <summary><c>http://127.0.0.1:PORT</c>: github.com's place for html URLs.</summary>
    public string Web { get; } = web;
    public RateLimitObject RateLimit { get; } = rateLimit;
}
