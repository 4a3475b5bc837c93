using System;
using System.Collections;

namespace DeploymentStatus.Pipelines
{
    /// <summary>
    /// The process's environment variables as the module reads them, and what they tell about the CI a script runs
    /// in: which CI it is, the repository it builds, the page of the run. The one place that reads the environment
    /// (the session's token and host settings read it through here too); built from a dictionary, so the rules are
    /// testable without touching the process.
    /// </summary>
    internal sealed class CiEnvironment
    {
        readonly IDictionary variables;

        public CiEnvironment(IDictionary variables) => this.variables = variables;

        /// <summary>This process's environment, read now.</summary>
        public static CiEnvironment Process => new CiEnvironment(Environment.GetEnvironmentVariables());

        /// <summary>A variable's value, trimmed; null when it is unset or blank.</summary>
        public string? this[string name]
        {
            get
            {
                var value = variables[name] as string;
                return string.IsNullOrWhiteSpace(value) ? null : value!.Trim();
            }
        }

        /// <summary>
        /// The CI this process runs under: GitHub Actions when GITHUB_ACTIONS is true (it wins: a self-hosted runner may
        /// inherit a stray TF_BUILD), else Azure Pipelines when TF_BUILD is True, else none.
        /// </summary>
        public CiKind Kind =>
            IsTrue("GITHUB_ACTIONS") ? CiKind.GitHubActions
            : IsTrue("TF_BUILD") ? CiKind.AzurePipelines
            : CiKind.None;

        bool IsTrue(string name) => string.Equals(this[name], "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>owner/repo from GitHub Actions (GITHUB_REPOSITORY) or Azure Pipelines building a GitHub repository.</summary>
        public (string Owner, string Name)? Repository
        {
            get
            {
                var full = this["GITHUB_REPOSITORY"];
                if (full == null)
                {
                    var provider = this["BUILD_REPOSITORY_PROVIDER"];
                    if (string.Equals(provider, "GitHub", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "GitHubEnterprise", StringComparison.OrdinalIgnoreCase))
                        full = this["BUILD_REPOSITORY_NAME"];
                }
                if (full == null) return null;
                var slash = full.IndexOf('/');
                if (slash <= 0 || slash == full.Length - 1 || full.IndexOf('/', slash + 1) >= 0) return null;
                return (full.Substring(0, slash), full.Substring(slash + 1));
            }
        }

        /// <summary>The GitHub Actions workflow run this job belongs to (GITHUB_RUN_ID); null elsewhere or when it is not a number.</summary>
        public long? RunId =>
            long.TryParse(this["GITHUB_RUN_ID"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null;

        /// <summary>The page of the current CI run, for a status's log_url when none is given; null outside CI.</summary>
        public Uri? RunUrl
        {
            get
            {
                switch (Kind)
                {
                    case CiKind.GitHubActions:
                        var server = this["GITHUB_SERVER_URL"];
                        var repository = this["GITHUB_REPOSITORY"];
                        var run = this["GITHUB_RUN_ID"];
                        return server != null && repository != null && run != null
                            ? Absolute(server.TrimEnd('/') + "/" + repository + "/actions/runs/" + run)
                            : null;
                    case CiKind.AzurePipelines:
                        var collection = this["SYSTEM_COLLECTIONURI"];
                        var project = this["SYSTEM_TEAMPROJECT"];
                        var build = this["BUILD_BUILDID"];
                        return collection != null && project != null && build != null
                            ? Absolute(collection.TrimEnd('/') + "/" + Uri.EscapeDataString(project) + "/_build/results?buildId=" + Uri.EscapeDataString(build))
                            : null;
                    default:
                        return null;
                }
            }
        }

        static Uri? Absolute(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
    }
}
