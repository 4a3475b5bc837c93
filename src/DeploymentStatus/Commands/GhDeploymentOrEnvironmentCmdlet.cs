using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that acts on one deployment (-DeploymentId, in the set <see cref="GhDeploymentCmdlet.DeploymentSet"/>) or on
    /// an environment's deployments (-Environment, in <see cref="EnvironmentSet"/>), and takes either from the pipeline.
    /// PowerShell binds a piped object to the default (Deployment) set first, and by property name alone a GhDeployment's
    /// Environment would bind -Environment and a GhEnvironment's Id -DeploymentId; so each is bound by value to a parameter
    /// of its own set (-InputObject, -EnvironmentObject), which settles the set, and its properties bind the rest.
    /// </summary>
    public abstract class GhDeploymentOrEnvironmentCmdlet : GhDeploymentCmdlet
    {
        internal const string EnvironmentSet = "Environment";

        [Parameter(Mandatory = true, ParameterSetName = EnvironmentSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Name")]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        [ArgumentCompleter(typeof(EnvironmentCompleter))]
        public string Environment { get; set; } = "";

        /// <summary>An environment from the pipeline (Get-GhEnvironment), taken as -Environment (its Name binds it).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = EnvironmentSet)]
        public GhEnvironment? EnvironmentObject { get; set; }

        /// <summary>A deployment from the pipeline, taken by its Id (and its Owner and Repository).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        public GhDeployment? InputObject { get; set; }

        /// <summary>The deployment piped in, when it is the one -DeploymentId names (its State is known).</summary>
        internal GhDeployment? Piped => InputObject?.Id == DeploymentId ? InputObject : null;
    }
}
