using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Complete-GhDeployment: posts a deployment's final status from how the CI job ended (<see cref="CiJobStatus"/>): the
    /// last step of a job, run whatever happened before it (Azure Pipelines condition: always(), GitHub Actions if: always()).
    /// The deployment is -DeploymentId, else the one an earlier step of the job handed on with -CiOutputName
    /// (<see cref="CiDefaults.HandedOn"/>); the job's status is -JobStatus, else Azure Pipelines' AGENT_JOBSTATUS.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Complete, "GhDeployment", SupportsShouldProcess = true)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class CompleteGhDeploymentCommand : GhNamedRepositoryCmdlet
    {
        HandedOnDeployment? handedOn;

        // Its own declaration, not GhDeploymentCmdlet's: here it is optional (an earlier step may have handed the id on),
        // and the first positional parameter (-Owner and -Repository are named), as the interface writes it.
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        /// <summary>How the job ended, in either runner's words; Azure Pipelines' AGENT_JOBSTATUS when not given.</summary>
        [Parameter]
        [ValidateSet("Succeeded", "SucceededWithIssues", "Failed", "Canceled", "success", "failure", "cancelled")]
        public string? JobStatus { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? EnvironmentUrl { get; set; }

        [Parameter]
        [ValidateLength(0, StatusRequest.MaxDescriptionLength)]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? LogUrl { get; set; }

        protected override void Process()
        {
            var ci = Ci;
            var id = DeploymentId;
            handedOn = null;
            if (id == 0)
            {
                handedOn = CiDefaults.HandedOn(ci) ?? throw Terminate(new InvalidOperationException(
                    "No deployment given: pass -DeploymentId, or create the deployment in an earlier step of this job with New-GhDeployment or " +
                    "Invoke-GhDeployment -CiOutputName NAME under Azure Pipelines or GitHub Actions (which hands it on as " + CiDefaults.DeploymentIdVariable + ")."),
                    ErrorIds.DeploymentNotSpecified, ErrorCategory.InvalidArgument);
                id = handedOn.Id;
                WriteVerbose("-DeploymentId defaults to " + id + ", handed on by an earlier step of this job (" + CiDefaults.DeploymentIdVariable + ").");
            }

            var jobStatus = JobStatus ?? CiDefaults.JobStatus(ci);
            var outcome = CiJobStatus.From(jobStatus) ?? throw Terminate(new InvalidOperationException(UnknownJobStatus(ci, jobStatus)),
                ErrorIds.JobStatusUnknown, ErrorCategory.InvalidArgument);
            if (JobStatus == null) WriteVerbose("-JobStatus defaults to " + jobStatus + " (AGENT_JOBSTATUS).");

            var request = new StatusRequest(outcome.State)
            {
                Description = Description ?? outcome.Description,
                LogUrl = LogUrl ?? CiDefaults.LogUrl(ci),
                EnvironmentUrl = EnvironmentUrl,
            };
            Request(id, (repository, t) => Api.CreateStatusAsync(repository, id, request, t),
                repository => (DeploymentTarget(repository, id), "Complete deployment as '" + outcome.State + "' (job status " + outcome.JobStatus + ")"));
        }

        /// <summary>The handed-on deployment's repository when the user named none: the id means nothing in another one.</summary>
        internal override RepositoryName ResolveRepository() =>
            handedOn?.Owner != null && Owner == null && Repository == null
                ? ResolveRepository(handedOn.Owner, handedOn.Repository)
                : base.ResolveRepository();

        /// <summary>This is a CI step's own cmdlet: a deployment it could not complete is an error on the run's summary page too.</summary>
        internal override bool ReportsProblemsToCi => true;

        static string UnknownJobStatus(CiEnvironment ci, string? jobStatus)
        {
            switch (ci.Kind)
            {
                case CiKind.AzurePipelines:
                    return jobStatus == null
                        ? "No job status: AGENT_JOBSTATUS is not set. Pass -JobStatus (" + CiJobStatus.List + ")."
                        : "AGENT_JOBSTATUS is '" + jobStatus + "', which is none of " + CiJobStatus.List + "; pass -JobStatus.";
                case CiKind.GitHubActions:
                    return "No job status: GitHub Actions has no variable for it. Pass -JobStatus ${{ job.status }} (success, failure or cancelled).";
                default:
                    return "No job status: pass -JobStatus (" + CiJobStatus.List + "); only Azure Pipelines gives it (AGENT_JOBSTATUS).";
            }
        }
    }
}
