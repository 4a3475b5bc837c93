using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>New-GhDeploymentStatus: POST /repos/{owner}/{repo}/deployments/{id}/statuses with every field GitHub takes.</summary>
    [Cmdlet(VerbsCommon.New, "GhDeploymentStatus", SupportsShouldProcess = true)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class NewGhDeploymentStatusCommand : GhRepositoryCmdlet
    {
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }

        [Parameter(Mandatory = true)]
        [StateTransformation]
        [ValidateSet("error", "failure", "inactive", "in_progress", "queued", "pending", "success")]
        public string State { get; set; } = "";

        [Parameter]
        [ValidateLength(0, StatusRequest.MaxDescriptionLength)]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? LogUrl { get; set; }

        [Parameter]
        [ValidateHttpUrl]
        public Uri? TargetUrl { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
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
                LogUrl = LogUrl ?? CiEnvironment.RunUrl(ProcessEnvironment),
                TargetUrl = TargetUrl,
                Environment = Environment,
                EnvironmentUrl = EnvironmentUrl,
                AutoInactive = MyInvocation.BoundParameters.ContainsKey(nameof(AutoInactive)) ? AutoInactive : (bool?)null,
            };
            TryItem(DeploymentId, () =>
            {
                var repository = ResolveRepository();
                if (!ShouldProcess(repository + " deployment " + DeploymentId, "Create deployment status '" + State + "'")) return;
                WriteObject(Run(t => Api.CreateStatusAsync(repository, DeploymentId, request, Session.Policy, t)));
            });
        }
    }
}
