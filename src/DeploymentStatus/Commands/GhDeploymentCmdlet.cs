using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that acts on one deployment, named by -DeploymentId (alias -Id, so a GhDeployment binds from the
    /// pipeline; a bare id from the pipeline binds by value) in the parameter set <see cref="DeploymentSet"/>; a cmdlet with other modes (a whole environment, a
    /// list) declares them in sets of their own.
    /// </summary>
    public abstract class GhDeploymentCmdlet : GhRepositoryCmdlet
    {
        internal const string DeploymentSet = "Deployment";

        [Parameter(Mandatory = true, Position = 2, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = DeploymentSet)]
        [Alias("Id")]
        [ValidateRange(1, long.MaxValue)]
        public long DeploymentId { get; set; }
    }
}
