using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// A cmdlet that targets a repository: -Owner and -Repository (positions 0 and 1), from the pipeline or the defaults.
    /// A cmdlet whose first positional parameter is another one declares them named only (<see cref="GhNamedRepositoryCmdlet"/>).
    /// </summary>
    public abstract class GhRepositoryCmdlet : GhCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Repo")]
        [ValidateGitHubRepository]
        public string? Repository { get; set; }

        /// <summary>The repository of the current item: -Owner and -Repository, else the defaults.</summary>
        internal override RepositoryName ResolveRepository() => ResolveRepository(Owner, Repository);
    }
}
