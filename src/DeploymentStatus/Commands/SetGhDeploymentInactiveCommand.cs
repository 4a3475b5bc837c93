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
    public sealed class SetGhDeploymentInactiveCommand : GhDeploymentOrEnvironmentCmdlet
    {
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidateRange(0, int.MaxValue)]
        public int Keep { get; set; } = 1;

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            if (ParameterSetName == EnvironmentSet)
            {
                TryItem(Environment, () => RetireEnvironment(ResolveRepository()));
                return;
            }
            // A piped deployment's State says whether it needs a write, and is brought up to date after one.
            var piped = Piped;
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
                if (result.Error != null) WriteError(Errors.From(result.Error, (object?)result.Deployment ?? Environment));
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
