using System;
using System.Threading;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// Marks a GET as conditional: the policy handler sends it with <c>If-None-Match</c> naming the ETag of the last answer
    /// to the same request, so that GitHub answers <c>304 Not Modified</c> (without a body, and not counted against the
    /// rate limit) while nothing has changed. Octokit's connection has no way to add a header to one request, so the mark
    /// flows with the call (AsyncLocal) down to the one place that sees every request.
    /// </summary>
    internal static class ConditionalRequest
    {
        public const string IfNoneMatchHeader = "If-None-Match";

        static readonly AsyncLocal<string?> current = new AsyncLocal<string?>();

        /// <summary>The ETag to send as If-None-Match with the GET now being made; null: none.</summary>
        public static string? IfNoneMatch => current.Value;

        /// <summary>Sends <paramref name="etag"/> with the GETs that start until the result is disposed (nothing when null).</summary>
        public static IDisposable Begin(string? etag) => AsyncLocalScope.Set(current, etag);
    }
}
