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
        /// GITHUB_ACTIONS: "Always set to true when GitHub Actions is running the workflow" (docs.github.com/actions/reference/
        /// workflows-and-actions/variables, Default environment variables). TF_BUILD: "Set to True if the script is being run by
        /// a build task" (learn.microsoft.com/azure/devops/pipelines/build/variables, System variables); the agent sets it for
        /// every process it starts, build or classic release (microsoft/azure-pipelines-agent, src/Agent.Sdk/ProcessInvoker.cs:
        /// "Set the TF_BUILD env variable").
        /// </summary>
        public CiKind Kind =>
            IsTrue("GITHUB_ACTIONS") ? CiKind.GitHubActions
            : IsTrue("TF_BUILD") ? CiKind.AzurePipelines
            : CiKind.None;

        bool IsTrue(string name) => string.Equals(this[name], "true", StringComparison.OrdinalIgnoreCase);

        /// <summary>owner/repo from GitHub Actions (GITHUB_REPOSITORY) or Azure Pipelines building a GitHub repository.</summary>
        public (string Owner, string Name)? Repository =>
            SplitRepository(this["GITHUB_REPOSITORY"] ?? (IsGitHubRepository ? this["BUILD_REPOSITORY_NAME"] : null));

        /// <summary>
        /// Whether Azure Pipelines' triggering repository is on GitHub: BUILD_REPOSITORY_PROVIDER, "The type of the triggering
        /// repository" (TfsGit, TfsVersionControl, Git, GitHub, Svn; learn.microsoft.com/azure/devops/pipelines/build/variables),
        /// is GitHub, or GitHubEnterprise for an Enterprise Server service connection.
        /// </summary>
        public bool IsGitHubRepository
        {
            get
            {
                var provider = this["BUILD_REPOSITORY_PROVIDER"];
                return string.Equals(provider, "GitHub", StringComparison.OrdinalIgnoreCase) || string.Equals(provider, "GitHubEnterprise", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <summary>The GitHub Actions workflow run this job belongs to (GITHUB_RUN_ID); null elsewhere or when it is not a number.</summary>
        public long? RunId =>
            long.TryParse(this["GITHUB_RUN_ID"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0 ? id : (long?)null;


        /// <summary>"owner/name" split in two; null unless it is exactly that.</summary>
        internal static (string Owner, string Name)? SplitRepository(string? full)
        {
            if (full == null) return null;
            var slash = full.IndexOf('/');
            if (slash <= 0 || slash == full.Length - 1 || full.IndexOf('/', slash + 1) >= 0) return null;
            return (full.Substring(0, slash), full.Substring(slash + 1));
        }

        /// <summary>
        /// Whether this Azure Pipelines job belongs to a classic release, not a build (YAML pipelines included).
        /// SYSTEM_HOSTTYPE: "build if the pipeline is a build. For a release, the values are deployment for a Deployment group
        /// job, gates during evaluation of gates, and release for other (Agent and Agentless) jobs"
        /// (learn.microsoft.com/azure/devops/pipelines/build/variables, System variables). Without it, a release is known by
        /// RELEASE_RELEASEID, "the identifier of the current release record" (learn.microsoft.com/azure/devops/pipelines/
        /// release/variables, Release variables). In a release the Build.* variables describe the primary artifact's build
        /// (same document, Primary artifact variables), never this job: nothing of this job may be made from them.
        /// </summary>
        public bool IsClassicRelease
        {
            get
            {
                if (Kind != CiKind.AzurePipelines) return false;
                var host = this["SYSTEM_HOSTTYPE"];
                if (host != null)
                    return string.Equals(host, "release", StringComparison.OrdinalIgnoreCase) || string.Equals(host, "deployment", StringComparison.OrdinalIgnoreCase);
                return this["RELEASE_RELEASEID"] != null;
            }
        }

        /// <summary>
        /// The page of the current CI run; null outside CI or when a variable it needs is missing.
        /// <list type="bullet">
        /// <item>GitHub Actions: $GITHUB_SERVER_URL/$GITHUB_REPOSITORY/actions/runs/$GITHUB_RUN_ID, the combination GitHub's
        /// variables reference gives for "a workflow run's URL" (docs.github.com/actions/reference/workflows-and-actions/variables).</item>
        /// <item>Azure Pipelines, a build: SYSTEM_COLLECTIONURI ("A string Team Foundation Server collection URI"),
        /// SYSTEM_TEAMPROJECT ("The name of the project that contains this build"), BUILD_BUILDID ("The ID of the record for the
        /// completed build"), all from learn.microsoft.com/azure/devops/pipelines/build/variables, joined as the web UI's
        /// _build/results?buildId= page.</item>
        /// <item>Azure Pipelines, a classic release: RELEASE_RELEASEWEBURL, "The URL for this release"
        /// (learn.microsoft.com/azure/devops/pipelines/release/variables), as given; never the Build.* page, which there is the
        /// artifact's build.</item>
        /// </list>
        /// </summary>
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
                        return server != null && repository != null && IsDigits(run)
                            ? Absolute(server.TrimEnd('/') + "/" + repository + "/actions/runs/" + run)
                            : null;
                    case CiKind.AzurePipelines when IsClassicRelease:
                        var release = this["RELEASE_RELEASEWEBURL"];
                        return release != null ? Absolute(release) : null;
                    case CiKind.AzurePipelines:
                        var collection = this["SYSTEM_COLLECTIONURI"];
                        var project = this["SYSTEM_TEAMPROJECT"];
                        var build = this["BUILD_BUILDID"];
                        return collection != null && project != null && IsDigits(build)
                            ? Absolute(collection.TrimEnd('/') + "/" + Uri.EscapeDataString(project) + "/_build/results?buildId=" + build)
                            : null;
                    default:
                        return null;
                }
            }
        }

        /// <summary>Whether a value is a number of ASCII digits (run and build ids; never a name that could change a URL's shape).</summary>
        internal static bool IsDigits(string? value)
        {
            if (string.IsNullOrEmpty(value)) return false;
            foreach (var c in value!)
                if (c < '0' || c > '9') return false;
            return true;
        }

        internal static Uri? Absolute(string text) =>
            Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
    }
}
