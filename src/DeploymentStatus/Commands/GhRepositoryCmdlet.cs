using System;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

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

        /// <summary>
        /// The target repository: the parameters (or the piped object), else the connection's defaults, else the
        /// CI's (GITHUB_REPOSITORY, BUILD_REPOSITORY_NAME for GitHub repositories in Azure Pipelines). Missing is a
        /// setup failure (terminating); a malformed name is an item's failure (ArgumentException).
        /// </summary>
        internal RepositoryName ResolveRepository()
        {
            var owner = Owner ?? Session.DefaultOwner;
            var name = Repository ?? Session.DefaultRepository;
            if (owner == null || name == null)
            {
                var fromCi = CiEnvironment.Repository(ProcessEnvironment);
                if (fromCi != null)
                {
                    owner ??= fromCi.Value.Owner;
                    name ??= fromCi.Value.Name;
                }
            }
            if (owner == null || name == null)
                throw Terminate(new InvalidOperationException(
                    "No repository given: pass -Owner and -Repository, set defaults with Connect-GhAccount -Owner -Repository, " +
                    "or run where GITHUB_REPOSITORY (GitHub Actions) or BUILD_REPOSITORY_NAME (Azure Pipelines) is set."),
                    "GhRepositoryNotSpecified", ErrorCategory.InvalidArgument);
            return new RepositoryName(owner, name);
        }
    }
}
