using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhDeploymentInactive: posts an inactive status to one deployment (none to a piped deployment whose state is
    /// already inactive or destroyed), or retires a whole environment's deployments but the newest -Keep
    /// (<see cref="EnvironmentRetirement"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GhDeploymentInactive", SupportsShouldProcess = true, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeploymentStatus))]
    public sealed class SetGhDeploymentInactiveCommand : GhDeploymentCmdlet
    {
        const string EnvironmentSet = "Environment";

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        /// <summary>
        /// An environment from the pipeline (Get-GhEnvironment), retired as with -Environment. Bound by value, it keeps a
        /// GhEnvironment in the Environment set: by property name alone its Id would bind -DeploymentId.
        /// </summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = EnvironmentSet)]
        public GhEnvironment? EnvironmentObject { get; set; }

        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateRange(0, int.MaxValue)]
        public int Keep { get; set; } = 1;

        /// <summary>A deployment from Get-GhDeployment: its State says whether it needs a write, and is brought up to date after one.</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        public GhDeployment? InputObject { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == EnvironmentSet)
            {
                TryItem(Environment, () => RetireEnvironment(ResolveRepository()));
                return;
            }
            var piped = InputObject?.Id == DeploymentId ? InputObject : null;
            if (piped != null && DeploymentStates.IsRetired(piped.State))
            {
                WriteVerbose(piped + " is already " + piped.State + "; nothing to write.");
                return;
            }
            Request(DeploymentId, (repository, t) => Api.CreateStatusAsync(repository, DeploymentId, new StatusRequest(DeploymentStates.Inactive), t),
                repository => (DeploymentTarget(repository, DeploymentId), "Mark inactive"),
                status =>
                {
                    if (piped != null) piped.State = DeploymentStates.AfterRetiring(piped);
                    WritePassThru(status);
                });
        }

        void RetireEnvironment(RepositoryName repository)
        {
            var retirement = new EnvironmentRetirement(Api, repository, Environment, Keep);
            foreach (var result in retirement.Run(this))
            {
                if (result.Error != null) WriteFailure(result.Error, (object?)result.Deployment ?? Environment);
                else if (result.Status != null) WritePassThru(result.Status);
            }
            WriteInformation(new HostInformationMessage { Message = retirement.Summary() }, new[] { "PSHOST" });
        }

        void WritePassThru(GhDeploymentStatus status)
        {
            if (PassThru) WriteObject(status);
        }
    }
}
