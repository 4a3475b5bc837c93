using System;
using System.Globalization;
using System.Linq;
using System.Net.Http;

namespace DeploymentStatus.Http
{
    /// <summary>GitHub's rate-limit headers, read off a response.</summary>
    internal static class RateLimitHeaders
    {
        /// <summary>The x-ratelimit-* headers, or null when GitHub sent none (limit and remaining are the least it sends).</summary>
        public static GhRateLimit? Read(HttpResponseMessage response)
        {
            var limit = Header(response, "x-ratelimit-limit");
            var remaining = Header(response, "x-ratelimit-remaining");
            if (limit == null || remaining == null) return null;
            return new GhRateLimit
            {
                Limit = ParseInt(limit),
                Remaining = ParseInt(remaining),
                Used = ParseInt(Header(response, "x-ratelimit-used")),
                Reset = DateTimeOffset.FromUnixTimeSeconds(ParseLong(Header(response, "x-ratelimit-reset"))),
                Resource = Header(response, "x-ratelimit-resource") ?? "",
            };
        }

        /// <summary>retry-after as a wait: seconds, or an HTTP date measured from <paramref name="now"/>; null when absent or unreadable.</summary>
        public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            var value = Header(response, "retry-after");
            if (value == null) return null;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return GhHttpPolicy.Seconds(seconds);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        static int ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

        static long ParseLong(string? s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }
}
