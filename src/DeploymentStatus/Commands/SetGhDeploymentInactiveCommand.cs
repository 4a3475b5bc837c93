using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhDeploymentInactive: posts an inactive status to one deployment (none to a piped deployment whose state is
    /// already inactive or destroyed), or retires whole environments but the newest -Keep of each (<see cref="GhCleanupCmdlet"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GhDeploymentInactive", SupportsShouldProcess = true, DefaultParameterSetName = DeploymentSet)]
    [OutputType(typeof(GhDeploymentStatus), ParameterSetName = new[] { DeploymentSet })]
    [OutputType(typeof(GhCleanupResult), ParameterSetName = new[] { EnvironmentSet })]
    public sealed class SetGhDeploymentInactiveCommand : GhCleanupCmdlet
    {
        /// <summary>The newest deployment of each environment stays active unless told otherwise.</summary>
        public SetGhDeploymentInactiveCommand() => Keep = 1;

        internal override CleanupKind Kind => CleanupKind.Retire;

        internal override void ProcessDeployment(GhDeployment? piped)
        {
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
                    if (PassThru) WriteObject(status);
                });
        }
    }
}
