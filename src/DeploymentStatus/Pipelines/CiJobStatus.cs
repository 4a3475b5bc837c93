namespace DeploymentStatus.Pipelines
{
    /// <summary>
    /// How a CI job ended, as the deployment status that reports it. The runners' own words:
    /// <list type="bullet">
    /// <item>Azure Pipelines, Agent.Job.Status (AGENT_JOBSTATUS): Canceled, Failed, Succeeded, SucceededWithIssues
    /// ("partially successful"); learn.microsoft.com/azure/devops/pipelines/build/variables, Agent variables.</item>
    /// <item>GitHub Actions, job.status: "Possible values are success, failure, or cancelled";
    /// docs.github.com/actions/reference/workflows-and-actions/contexts, job context. No default variable carries it, so a step
    /// passes it: -JobStatus ${{ job.status }}.</item>
    /// </list>
    /// Succeeded, SucceededWithIssues and success are success; Failed and failure are failure; Canceled and cancelled are error
    /// with the description "cancelled" (as Invoke-GhDeployment reports a stopped run). Case does not matter; anything else is
    /// no outcome at all, so nothing is posted on a guess.
    /// </summary>
    internal sealed class CiJobStatus
    {
        /// <summary>Every value a runner gives, for ValidateSet and messages.</summary>
        public static readonly string[] Values = { "Succeeded", "SucceededWithIssues", "Failed", "Canceled", "success", "failure", "cancelled" };

        CiJobStatus(string jobStatus, string state, string description)
        {
            JobStatus = jobStatus;
            State = state;
            Description = description;
        }

        /// <summary>The runner's word, as given.</summary>
        public string JobStatus { get; }

        /// <summary>The deployment status state: success, failure or error.</summary>
        public string State { get; }

        /// <summary>The status's description when the user gives none.</summary>
        public string Description { get; }

        /// <summary>The outcome a runner's job status stands for; null for a value no runner gives.</summary>
        public static CiJobStatus? From(string? jobStatus)
        {
            switch (jobStatus?.Trim().ToLowerInvariant())
            {
                case "succeeded":
                case "success":
                    return new CiJobStatus(jobStatus!, "success", "The job succeeded");
                case "succeededwithissues":
                    return new CiJobStatus(jobStatus!, "success", "The job succeeded with issues");
                case "failed":
                case "failure":
                    return new CiJobStatus(jobStatus!, "failure", "The job failed");
                case "canceled":
                case "cancelled":
                    return new CiJobStatus(jobStatus!, "error", "cancelled");
                default:
                    return null;
            }
        }

        public override string ToString() => JobStatus + " (" + State + ")";

        /// <summary>"Succeeded, SucceededWithIssues, …": the values, for a message.</summary>
        public static string List => string.Join(", ", Values);
    }
}
