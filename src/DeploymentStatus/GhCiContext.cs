using System;

namespace DeploymentStatus
{
    /// <summary>
    /// What Get-GhContext found out about the CI run it is in: which CI, and the defaults the cmdlets take from it when the
    /// user gives nothing. Every value is null where no default applies (always outside CI).
    /// </summary>
    public sealed class GhCiContext
    {
        /// <summary>AzurePipelines, GitHubActions or None.</summary>
        public string Kind { get; internal set; } = "None";
        /// <summary>Whether the Azure Pipelines job belongs to a classic release (its Build.* variables are the artifact's).</summary>
        public bool ClassicRelease { get; internal set; }
        /// <summary>The run's repository, owner/name (GITHUB_REPOSITORY, or BUILD_REPOSITORY_NAME of a GitHub repository).</summary>
        public string? Repository { get; internal set; }
        /// <summary>-Ref's default for a deployment of that repository: the run's commit (GITHUB_SHA, BUILD_SOURCEVERSION).</summary>
        public string? Ref { get; internal set; }
        /// <summary>The variable Ref came from.</summary>
        public string? RefSource { get; internal set; }
        /// <summary>-Environment's default (ENVIRONMENT_NAME of a deployment job, RELEASE_ENVIRONMENTNAME of a classic release).</summary>
        public string? Environment { get; internal set; }
        /// <summary>The variable Environment came from.</summary>
        public string? EnvironmentSource { get; internal set; }
        /// <summary>-LogUrl's default: the job's log, else the run's page.</summary>
        public Uri? LogUrl { get; internal set; }
        /// <summary>How the job has gone so far, Azure Pipelines' AGENT_JOBSTATUS (GitHub Actions has no such variable).</summary>
        public string? JobStatus { get; internal set; }
        /// <summary>The deployment an earlier step of the job handed on with -CiOutputName: Complete-GhDeployment's default.</summary>
        public long? DeploymentId { get; internal set; }
        /// <summary>That deployment's repository, owner/name.</summary>
        public string? DeploymentRepository { get; internal set; }

        /// <summary>"AzurePipelines octo-org/hello-world (staging)": the CI, its repository and its environment.</summary>
        public override string ToString() => Kind + (Repository != null ? " " + Repository : "") + (Environment != null ? " (" + Environment + ")" : "");
    }
}
