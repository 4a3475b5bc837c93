using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>New-GhDeployment: POST /repos/{owner}/{repo}/deployments.</summary>
    [Cmdlet(VerbsCommon.New, "GhDeployment", SupportsShouldProcess = true, DefaultParameterSetName = ContextsSet)]
    [OutputType(typeof(GhDeployment))]
    public sealed class NewGhDeploymentCommand : GhRepositoryCmdlet
    {
        const string ContextsSet = "RequiredContext";
        const string SkipSet = "SkipStatusCheck";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string Ref { get; set; } = "";

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Environment { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string? Task { get; set; }

        [Parameter]
        [ValidateNoControlCharacters]
        public string? Description { get; set; }

        [Parameter]
        public object? Payload { get; set; }

        [Parameter]
        public SwitchParameter TransientEnvironment { get; set; }

        [Parameter]
        public bool ProductionEnvironment { get; set; }

        [Parameter(ParameterSetName = ContextsSet)]
        [AllowEmptyCollection]
        [ValidateNoControlCharacters]
        public string[]? RequiredContext { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = SkipSet)]
        public SwitchParameter SkipStatusCheck { get; set; }

        [Parameter]
        public bool AutoMerge { get; set; }

        protected override void Process()
        {
            TryItem(Ref, () =>
            {
                var request = new DeploymentRequest(Ref)
                {
                    Environment = Environment,
                    Task = Task,
                    Description = Description,
                    Payload = PayloadConverter.ToJsonValue(Payload),
                    TransientEnvironment = Bound(nameof(TransientEnvironment)) ? TransientEnvironment.IsPresent : (bool?)null,
                    ProductionEnvironment = Bound(nameof(ProductionEnvironment)) ? ProductionEnvironment : (bool?)null,
                    AutoMerge = Bound(nameof(AutoMerge)) ? AutoMerge : (bool?)null,
                    RequiredContexts = SkipStatusCheck ? new string[0] : RequiredContext,
                };
                var repository = ResolveRepository();
                if (!ShouldProcess(repository.ToString(), "Create deployment of '" + Ref + "' to " + (Environment ?? "production"))) return;
                var created = Run(t => Api.CreateDeploymentAsync(repository, request, t));
                if (created.Deployment != null) WriteObject(created.Deployment);
                else WriteWarning("No deployment was created: " + created.MergeMessage + " Run the deployment again to deploy the merged ref.");
            });
        }

        bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
