using System;
using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>A cmdlet that acts on a GitHub Actions workflow run: -RunId, by default the run this job belongs to (GITHUB_RUN_ID).</summary>
    public abstract class GhRunCmdlet : GhRepositoryCmdlet
    {
        [Parameter(Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        public long RunId { get; set; }

        /// <summary>-RunId, else GITHUB_RUN_ID; neither is a setup failure (terminating).</summary>
        internal long ResolveRunId()
        {
            if (RunId > 0) return RunId;
            return Ci.RunId ?? throw Terminate(new InvalidOperationException(
                "No workflow run given: pass -RunId (the number in the run's URL, …/actions/runs/RUN_ID), or run in a GitHub Actions job, where GITHUB_RUN_ID names its own run."),
                ErrorIds.RunNotSpecified, ErrorCategory.InvalidArgument);
        }
    }
}
