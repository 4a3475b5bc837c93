using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that targets a repository with -Owner and -Repository named only, because its first positional parameter is
    /// another one (Invoke-GhDeployment's script block, Complete-GhDeployment's deployment id).
    /// </summary>
    public abstract class GhNamedRepositoryCmdlet : GhCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Repo")]
        [ValidateGitHubRepository]
        public string? Repository { get; set; }

        /// <summary>The repository of the current item: -Owner and -Repository, else the defaults.</summary>
        internal override RepositoryName ResolveRepository() => ResolveRepository(Owner, Repository);
    }
}
