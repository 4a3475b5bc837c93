using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>New-GhDeploymentStatus: POST /repos/{owner}/{repo}/deployments/{id}/statuses with every field GitHub takes.</summary>
    [Cmdlet(VerbsCommon.New, "GhDeploymentStatus", SupportsShouldProcess = true)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class NewGhDeploymentStatusCommand : GhDeploymentCmdlet
    {
        [Parameter(Mandatory = true)]
        [StateTransformation]
        [ValidateSet("error", "failure", "inactive", "in_progress", "queued", "pending", "success")]
        public string State { get; set; } = "";

        [Parameter]
        [ValidateStatusDescription]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? LogUrl { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? TargetUrl { get; set; }

        // Not from the pipeline: a piped GhDeployment's Environment would be sent with every status.
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string? Environment { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? EnvironmentUrl { get; set; }

        [Parameter]
        public bool AutoInactive { get; set; }

        protected override void Process()
        {
            var request = new StatusRequest(State)
            {
                Description = Description,
                LogUrl = LogUrl ?? CiDefaults.LogUrl(Ci),
                TargetUrl = TargetUrl,
                Environment = Environment,
                EnvironmentUrl = EnvironmentUrl,
                AutoInactive = MyInvocation.BoundParameters.ContainsKey(nameof(AutoInactive)) ? AutoInactive : (bool?)null,
            };
            Request(DeploymentId, (repository, t) => Api.CreateStatusAsync(repository, DeploymentId, request, t),
                repository => (DeploymentTarget(repository, DeploymentId), "Create deployment status '" + State + "'"));
        }
    }
}
