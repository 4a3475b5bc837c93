using System;

namespace DeploymentStatus.GitHub
{
    /// <summary>Where GitHub's GraphQL API is, given the REST API root (INTERFACE.md, "Deployment state").</summary>
    internal static class GraphQLEndpoint
    {
        const string EnterpriseRest = "/api/v3/";

        /// <summary>
        /// <c>https://api.github.com/</c> → <c>https://api.github.com/graphql</c>; <c>https://api.NAME.ghe.com/</c> →
        /// <c>…/graphql</c>; a root ending in <c>/api/v3/</c> (GitHub Enterprise Server) → the same host's
        /// <c>/api/graphql</c>; any other root (an emulator) → root + <c>graphql</c>.
        /// </summary>
        public static Uri For(Uri apiRoot)
        {
            var path = apiRoot.AbsolutePath;
            return path.EndsWith(EnterpriseRest, StringComparison.OrdinalIgnoreCase)
                ? new Uri(apiRoot, path.Substring(0, path.Length - EnterpriseRest.Length) + "/api/graphql")
                : new Uri(apiRoot, "graphql");
        }
    }
}
