using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DeploymentStatus.Pipelines
{
    /// <summary>
    /// What a cmdlet may take from the CI run when the user gave nothing: pure functions of a <see cref="CiEnvironment"/>, each
    /// null when it cannot say for sure (a wrong default is worse than none), always null outside Azure Pipelines and GitHub
    /// Actions. The cmdlets apply them only to parameters the user left out. Where each variable is defined:
    /// <list type="table">
    /// <item><term>BUILD_SOURCEVERSION</term><description>"The latest version control change of the triggering repo that is
    /// included in this build. Git: The commit ID." learn.microsoft.com/azure/devops/pipelines/build/variables (Build
    /// variables); in a classic release it is the primary artifact's (learn.microsoft.com/azure/devops/pipelines/release/variables,
    /// Primary artifact variables).</description></item>
    /// <item><term>BUILD_REPOSITORY_PROVIDER</term><description>"The type of the triggering repository": TfsGit, TfsVersionControl,
    /// Git, GitHub, Svn (same page).</description></item>
    /// <item><term>ENVIRONMENT_NAME</term><description>"Name of the environment targeted in the deployment job" (same page,
    /// Deployment job variables; set only in a YAML deployment job).</description></item>
    /// <item><term>RELEASE_ENVIRONMENTNAME</term><description>"The name of stage to which deployment is currently in progress"
    /// (learn.microsoft.com/azure/devops/pipelines/release/variables, Release variables).</description></item>
    /// <item><term>RELEASE_RELEASEWEBURL</term><description>"The URL for this release" (same page).</description></item>
    /// <item><term>SYSTEM_JOBID</term><description>"A unique identifier for a single attempt of a single job"
    /// (learn.microsoft.com/azure/devops/pipelines/build/variables, System variables): the j= of the web UI's job log link,
    /// _build/results?buildId=ID&amp;view=logs&amp;j=JOBID (the UI's link, not a documented API; used only when it is a GUID).</description></item>
    /// <item><term>AGENT_JOBSTATUS</term><description>"The status of the build: Canceled, Failed, Succeeded, SucceededWithIssues
    /// (partially successful). The environment variable should be referenced as AGENT_JOBSTATUS" (same page, Agent variables).</description></item>
    /// <item><term>GITHUB_SHA</term><description>"The commit SHA that triggered the workflow"
    /// (docs.github.com/actions/reference/workflows-and-actions/variables, Default environment variables).</description></item>
    /// <item><term>GITHUB_JOB</term><description>"The job_id of the current job", the YAML key (same page): no URL can be made of
    /// it, so it is not used. The job's numeric id is only the context property job.check_run_id ("The check run ID of the
    /// current job", docs.github.com/actions/reference/workflows-and-actions/contexts, job context; not on Enterprise Server),
    /// which no default variable carries: a step that maps it as JOB_CHECK_RUN_ID (env: JOB_CHECK_RUN_ID: ${{ job.check_run_id }})
    /// gets the job's own page, GitHub's run URL + /job/ID.</description></item>
    /// <item><term>GITHUB_ENV</term><description>"The path on the runner to the file that sets variables from workflow commands"
    /// (same page); a NAME=VALUE line there is an environment variable of the job's later steps
    /// (docs.github.com/actions/reference/workflows-and-actions/workflow-commands, Environment files).</description></item>
    /// </list>
    /// The run's page, and the repository, come from <see cref="CiEnvironment"/>.
    /// </summary>
    internal static class CiDefaults
    {
        /// <summary>
        /// The job variable that holds the id of the deployment a -CiOutputName handed on (the last one in the job): Azure
        /// Pipelines' job-scoped variable (task.setvariable without isOutput: "Subsequent steps will also have the pipeline
        /// variable added to their environment", learn.microsoft.com/azure/devops/pipelines/process/variables, Set a job-scoped
        /// variable from a script), GitHub Actions' $GITHUB_ENV.
        /// </summary>
        public const string DeploymentIdVariable = "DEPLOYMENTSTATUS_DEPLOYMENT_ID";

        /// <summary>The job variable that holds that deployment's repository, owner/name.</summary>
        public const string RepositoryVariable = "DEPLOYMENTSTATUS_REPOSITORY";

        /// <summary>A Git commit SHA: 40 hexadecimal digits (SHA-1), or 64 (SHA-256).</summary>
        static readonly Regex commitSha = new Regex("^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})\\z", RegexOptions.CultureInvariant);

        /// <summary>
        /// The commit this run builds, for a deployment of <paramref name="owner"/>/<paramref name="repository"/>, and the
        /// variable it came from: GITHUB_SHA, or BUILD_SOURCEVERSION when the triggering repository is on GitHub. Only when
        /// that repository is the target (a SHA of another repository would be a wrong ref) and the value is a commit SHA
        /// (not a TFVC changeset).
        /// </summary>
        public static (string Value, string Variable)? Ref(CiEnvironment ci, string owner, string repository)
        {
            if (!IsCiRepository(ci, owner, repository)) return null;
            var variable = ci.Kind switch
            {
                CiKind.GitHubActions => "GITHUB_SHA",
                CiKind.AzurePipelines when ci.IsGitHubRepository => "BUILD_SOURCEVERSION",
                _ => null,
            };
            var sha = variable == null ? null : ci[variable];
            return sha != null && commitSha.IsMatch(sha) ? (sha, variable!) : ((string, string)?)null;
        }

        /// <summary>
        /// The environment this job deploys to, and the variable it came from: a YAML deployment job's ENVIRONMENT_NAME, else
        /// a classic release stage's RELEASE_ENVIRONMENTNAME. GitHub Actions has no variable for a job's environment.
        /// </summary>
        public static (string Value, string Variable)? Environment(CiEnvironment ci)
        {
            if (ci.Kind != CiKind.AzurePipelines) return null;
            var variable = ci["ENVIRONMENT_NAME"] != null ? "ENVIRONMENT_NAME" : ci.IsClassicRelease ? "RELEASE_ENVIRONMENTNAME" : null;
            var name = variable == null ? null : ci[variable];
            return name != null && !HasControlCharacter(name) ? (name, variable!) : ((string, string)?)null;
        }

        /// <summary>
        /// The log of this job: Azure Pipelines' job log link (a build whose SYSTEM_JOBID is a GUID), a classic release's
        /// page, GitHub Actions' job page when the step maps JOB_CHECK_RUN_ID; else the run's page; null outside CI.
        /// </summary>
        public static Uri? LogUrl(CiEnvironment ci)
        {
            var run = ci.RunUrl;
            if (run == null) return null;
            switch (ci.Kind)
            {
                case CiKind.AzurePipelines when !ci.IsClassicRelease:
                    var job = ci["SYSTEM_JOBID"];
                    return job != null && Guid.TryParseExact(job, "D", out _)
                        ? CiEnvironment.Absolute(run.OriginalString + "&view=logs&j=" + job.ToLowerInvariant()) ?? run
                        : run;
                case CiKind.GitHubActions:
                    var checkRun = ci["JOB_CHECK_RUN_ID"];
                    return CiEnvironment.IsDigits(checkRun) ? CiEnvironment.Absolute(run.OriginalString + "/job/" + checkRun) ?? run : run;
                default:
                    return run;
            }
        }

        /// <summary>The deployment an earlier step of this job handed on with -CiOutputName (<see cref="DeploymentIdVariable"/>); null when none.</summary>
        public static HandedOnDeployment? HandedOn(CiEnvironment ci)
        {
            if (ci.Kind == CiKind.None) return null;
            var text = ci[DeploymentIdVariable];
            if (text == null || !CiEnvironment.IsDigits(text) || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
                return null;
            var repository = CiEnvironment.SplitRepository(ci[RepositoryVariable]);
            return new HandedOnDeployment(id, repository?.Owner, repository?.Name);
        }

        /// <summary>How the job has gone so far, as Azure Pipelines says (AGENT_JOBSTATUS); GitHub Actions has no such variable.</summary>
        public static string? JobStatus(CiEnvironment ci) => ci.Kind == CiKind.AzurePipelines ? ci["AGENT_JOBSTATUS"] : null;

        static bool HasControlCharacter(string text)
        {
            foreach (var c in text)
                if (char.IsControl(c)) return true;
            return false;
        }

        static bool IsCiRepository(CiEnvironment ci, string owner, string repository)
        {
            if (ci.Kind == CiKind.None) return false;
            var own = ci.Repository;
            return own != null
                && string.Equals(own.Value.Owner, owner, StringComparison.OrdinalIgnoreCase)
                && string.Equals(own.Value.Name, repository, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>A deployment handed on to later steps of the job: its id, and its repository when that was handed on too.</summary>
    internal sealed class HandedOnDeployment
    {
        public HandedOnDeployment(long id, string? owner, string? repository)
        {
            Id = id;
            Owner = owner;
            Repository = repository;
        }

        public long Id { get; }
        public string? Owner { get; }
        public string? Repository { get; }
    }
}
