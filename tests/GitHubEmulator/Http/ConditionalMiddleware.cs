using System.Globalization;
using System.Security.Cryptography;
using GitHubEmulator.State;
using Microsoft.Net.Http.Headers;

namespace GitHubEmulator.Http;

/// <summary>
/// GitHub's conditional requests: every successful GET answer carries an <c>ETag</c> (weak, from the body, as GitHub's
/// JSON answers do), and a GET whose <c>If-None-Match</c> names the answer's current ETag is answered
/// <c>304 Not Modified</c> without a body, not counted against the rate limit (its <c>x-ratelimit-*</c> headers show the
/// budget as it stands, the request given back). With <see cref="EmulatorSettings.PollIntervalSeconds"/> every GET
/// answer also carries <c>X-Poll-Interval</c>. Sits after the fault middleware, so a scripted fault is answered as scripted.
/// </summary>
internal sealed class ConditionalMiddleware(RequestDelegate next, EmulatorState state)
{
    public const string PollIntervalHeader = "X-Poll-Interval";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var original = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (state.Settings.PollIntervalSeconds > 0)
        {
            response.Headers[PollIntervalHeader] = state.Settings.PollIntervalSeconds.ToString(CultureInfo.InvariantCulture);
        }
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            var etag = ETagOf(buffer);
            response.Headers.ETag = etag;
            if (Matches(context.Request.Headers.IfNoneMatch, etag))
            {
                var budget = state.RateLimits.Refund();
                RateLimitMiddleware.WriteHeaders(response, budget, RateLimitMiddleware.Core, state.Clock);
                response.StatusCode = StatusCodes.Status304NotModified;
                response.Headers.ContentType = default;
                response.Headers.ContentLength = default;
                return;
            }
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    /// <summary><c>W/"…"</c>: the SHA-256 of the body, as hex.</summary>
    public static string ETagOf(MemoryStream body) =>
        "W/\"" + Convert.ToHexStringLower(SHA256.HashData(body.GetBuffer().AsSpan(0, (int)body.Length))) + "\"";

    /// <summary>
    /// Whether <c>If-None-Match</c> names <paramref name="etag"/>: one of its comma-separated tags is <c>*</c> or equals it
    /// by the weak comparison (a <c>W/</c> prefix on either side does not matter), as RFC 9110 has it for If-None-Match.
    /// </summary>
    public static bool Matches(IEnumerable<string?> ifNoneMatch, string etag)
    {
        if (!EntityTagHeaderValue.TryParseList([.. ifNoneMatch.OfType<string>()], out var tags))
        {
            return false;
        }
        var current = EntityTagHeaderValue.Parse(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
    }
}
