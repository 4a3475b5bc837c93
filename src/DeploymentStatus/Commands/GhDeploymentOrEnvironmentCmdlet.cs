using System.Management.Automation;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that acts on one deployment (-DeploymentId, in the set <see cref="GhDeploymentCmdlet.DeploymentSet"/>) or on
    /// environments' deployments (-Environment, which each cmdlet declares in <see cref="EnvironmentSet"/> as it takes it:
    /// one name, or names and wildcards), and takes either from the pipeline. By property name alone a GhDeployment's
    /// Environment would bind -Environment, and a GhEnvironment's or a GhRepository's Id -DeploymentId; so each is bound
    /// by value to a parameter of its own set (-InputObject, -EnvironmentObject, -RepositoryObject), which settles the set,
    /// and its properties bind the rest (a piped repository thus needs -Environment).
    /// </summary>
    public abstract class GhDeploymentOrEnvironmentCmdlet : GhDeploymentCmdlet
    {
        internal const string EnvironmentSet = "Environment";

        /// <summary>An environment from the pipeline (Get-GhEnvironment), taken as -Environment (its Name binds it).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = EnvironmentSet)]
        public GhEnvironment? EnvironmentObject { get; set; }

        /// <summary>A repository from the pipeline (Get-GhRepository), whose environments -Environment names (its Owner and Repository bind).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = EnvironmentSet)]
        public GhRepository? RepositoryObject { get; set; }

        /// <summary>A deployment from the pipeline, taken by its Id (and its Owner and Repository).</summary>
        [Parameter(ValueFromPipeline = true, ParameterSetName = DeploymentSet)]
        public GhDeployment? InputObject { get; set; }

        /// <summary>The deployment piped in, when it is the one -DeploymentId names (its State is known).</summary>
        internal GhDeployment? Piped => InputObject?.Id == DeploymentId ? InputObject : null;
    }
}
