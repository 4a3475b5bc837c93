using System.Management.Automation;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>A cmdlet that targets a repository: -Owner and -Repository, from the pipeline or the defaults.</summary>
    public abstract class GhRepositoryCmdlet : GhCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [Alias("Repo")]
        [ValidateGitHubRepository]
        public string? Repository { get; set; }

        internal RepositoryName ResolveRepository() => ResolveRepository(Owner, Repository);
    }
}
