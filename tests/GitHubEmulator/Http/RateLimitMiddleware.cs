using System.Globalization;
using GitHubEmulator.Api;
using GitHubEmulator.State;

namespace GitHubEmulator.Http;

/// <summary>
/// Counts every REST API request against the <c>core</c> budget and sends <c>x-ratelimit-*</c> on every answer; answers
/// the primary limit (budget spent) and the secondary limit (too many writes in a window) as GitHub does. The answer's
/// <c>Date</c> is on the emulator's clock, like <c>x-ratelimit-reset</c> (both are on GitHub's), so a client that measures
/// the wait for the reset against the server's clock gets it right whatever clock the emulator runs on. A GraphQL
/// request counts against its own <c>graphql</c> budget in points, which only the endpoint can work out
/// (<see cref="GraphQLRoutes"/>); here it gets that budget's headers as they stand (so a scripted fault has them too).
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, EmulatorState state)
{
    private const string SecondaryDocs = GitHubErrors.RateLimitDocs + "#about-secondary-rate-limits";

    public const string Core = "core";
    public const string GraphQL = "graphql";

    /// <summary>The <c>x-ratelimit-*</c> headers of <paramref name="decision"/> for <paramref name="resource"/>, and <c>Date</c> on the emulator's clock.</summary>
    public static void WriteHeaders(HttpResponse response, RateLimitDecision decision, string resource, TimeProvider clock)
    {
        var headers = response.Headers;
        headers["x-ratelimit-limit"] = Invariant(decision.Limit);
        headers["x-ratelimit-remaining"] = Invariant(decision.Remaining);
        headers["x-ratelimit-used"] = Invariant(decision.Used);
        headers["x-ratelimit-reset"] = Invariant(decision.ResetEpochSeconds);
        headers["x-ratelimit-resource"] = resource;
        headers.Date = clock.GetUtcNow().UtcDateTime.ToString("r", CultureInfo.InvariantCulture);
    }

    public Task InvokeAsync(HttpContext context)
    {
        if (GraphQLRoutes.IsGraphQL(context.Request))
        {
            WriteHeaders(context.Response, state.RateLimits.PeekGraphQL(), GraphQL, state.Clock);
            return next(context);
        }
        var method = context.Request.Method;
        var decision = state.RateLimits.Consume(isWrite: !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method), context.Request.Headers.Authorization.ToString());
        WriteHeaders(context.Response, decision, Core, state.Clock);
        var headers = context.Response.Headers;

        switch (decision.Outcome)
        {
            case RateLimitOutcome.PrimaryExceeded:
                var body = GitHubErrors.Basic($"API rate limit exceeded for {Who(context)}.", GitHubErrors.RateLimitDocs, decision.Status);
                return ApiResult.WriteAsync(context.Response, decision.Status, ApiResult.Serialize(body));
            case RateLimitOutcome.SecondaryExceeded:
                if (decision.RetryAfter is { } retryAfter)
                {
                    headers.RetryAfter = Invariant(retryAfter);
                }
                var message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. "
                    + $"If you reach out to GitHub Support for help, please include the request ID {RequestIdMiddleware.Of(context)}.";
                return ApiResult.WriteAsync(context.Response, decision.Status, ApiResult.Serialize(GitHubErrors.Basic(message, SecondaryDocs, decision.Status)));
            default:
                return next(context);
        }
    }

    /// <summary>GitHub names the user for a token and the address for anonymous requests.</summary>
    private string Who(HttpContext context)
    {
        lock (state.Gate)
        {
            return ApiAccess.Authenticate(context.Request, state) is { } grant
                ? $"user ID {grant.User.Id}"
                : context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1";
        }
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
