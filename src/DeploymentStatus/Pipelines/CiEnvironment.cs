using System;
using System.Collections;
using DeploymentStatus.Session;

namespace DeploymentStatus.Pipelines
{
    /// <summary>What the CI system a script runs in tells through its environment variables.</summary>
    internal static class CiEnvironment
    {
        /// <summary>owner/repo from GitHub Actions (GITHUB_REPOSITORY) or Azure Pipelines building a GitHub repository.</summary>
        public static (string Owner, string Name)? Repository(IDictionary environment)
        {
            var full = ConnectionSettings.Get(environment, "GITHUB_REPOSITORY");
            if (full == null)
            {
                var provider = ConnectionSettings.Get(environment, "BUILD_REPOSITORY_PROVIDER");
                if (string.Equals(provider, "GitHub", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "GitHubEnterprise", StringComparison.OrdinalIgnoreCase))
                    full = ConnectionSettings.Get(environment, "BUILD_REPOSITORY_NAME");
            }
            if (full == null) return null;
            var slash = full.IndexOf('/');
            if (slash <= 0 || slash == full.Length - 1 || full.IndexOf('/', slash + 1) >= 0) return null;
            return (full.Substring(0, slash), full.Substring(slash + 1));
        }

        /// <summary>The page of the current CI run, for a status's log_url when none is given; null outside CI.</summary>
        public static Uri? RunUrl(IDictionary environment)
        {
            if (string.Equals(ConnectionSettings.Get(environment, "GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase))
            {
                var server = ConnectionSettings.Get(environment, "GITHUB_SERVER_URL");
                var repository = ConnectionSettings.Get(environment, "GITHUB_REPOSITORY");
                var run = ConnectionSettings.Get(environment, "GITHUB_RUN_ID");
                if (server != null && repository != null && run != null)
                    return Absolute(server.TrimEnd('/') + "/" + repository + "/actions/runs/" + run);
            }
            if (string.Equals(ConnectionSettings.Get(environment, "TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase))
            {
                var collection = ConnectionSettings.Get(environment, "SYSTEM_COLLECTIONURI");
                var project = ConnectionSettings.Get(environment, "SYSTEM_TEAMPROJECT");
                var build = ConnectionSettings.Get(environment, "BUILD_BUILDID");
                if (collection != null && project != null && build != null)
                    return Absolute(collection.TrimEnd('/') + "/" + Uri.EscapeDataString(project) + "/_build/results?buildId=" + Uri.EscapeDataString(build));
            }
            return null;
        }

        static Uri? Absolute(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
    }
}
