using System.Collections.Generic;
using System.Linq;
using DeploymentStatus.Http;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// GitHub's GraphQL API answered 200 with <c>errors</c>: the query failed, for the reasons listed (GitHub's own
    /// words). Its rate limit (<c>RATE_LIMITED</c>) never ends here: the policy waits it out or fails with GhRateLimited.
    /// </summary>
    internal sealed class GraphQLException : GhFailureException
    {
        public GraphQLException(IReadOnlyList<WireGraphQLError> errors)
            : base(GhFailureKind.Refused, "GitHub's GraphQL API answered: " + string.Join("; ", errors.Select(Describe)) + ".") =>
            NotFound = errors.Count > 0 && errors.All(e => e.Type == WireGraphQLError.NotFoundType);

        /// <summary>Every error was NOT_FOUND (what was asked for does not exist, or the token may not see it).</summary>
        public bool NotFound { get; }

        static string Describe(WireGraphQLError error) =>
            string.IsNullOrEmpty(error.Type) ? (error.Message ?? "an error") : error.Type + ": " + (error.Message ?? "");
    }
}
