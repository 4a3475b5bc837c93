using System;
using System.Threading;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// Marks the calls that are GraphQL queries: POSTs that only read. The policy handler treats them as reads (the read
    /// gate, no write pacing, sent again after a transient failure like a GET) and reads their 200 answers for GraphQL's
    /// own rate-limit signal, an error of type <c>RATE_LIMITED</c>. The mark flows with the call (AsyncLocal).
    /// </summary>
    internal static class GraphQLQuery
    {
        static readonly AsyncLocal<bool> current = new AsyncLocal<bool>();

        public static bool IsCurrent => current.Value;

        /// <summary>Marks what starts until the result is disposed.</summary>
        public static IDisposable Begin() => AsyncLocalScope.Set(current, true);
    }
}
