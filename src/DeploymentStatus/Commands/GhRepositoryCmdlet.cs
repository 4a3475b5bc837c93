using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
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

        /// <summary>The repository of the current item: -Owner and -Repository, else the defaults.</summary>
        internal virtual RepositoryName ResolveRepository() => ResolveRepository(Owner, Repository);

        /// <summary>
        /// One item's request, the sequence every such cmdlet follows: resolve the repository; when the request changes
        /// something, ask ShouldProcess (<paramref name="change"/> names the target and the action); call GitHub; write
        /// what it returns, if anything (or hand it to <paramref name="output"/>). A failure is this item's error, and the
        /// pipeline goes on; the result says whether there was none.
        /// </summary>
        internal bool Request<T>(object? target, Func<RepositoryName, CancellationToken, Task<T>> call,
            Func<RepositoryName, (string Target, string Action)>? change = null, Action<T>? output = null) =>
            TryItem(target, () =>
            {
                var repository = ResolveRepository();
                if (change != null)
                {
                    var (what, action) = change(repository);
                    if (!ShouldProcess(what, action)) return;
                }
                var result = Run(t => call(repository, t));
                if (output != null) output(result);
                else if (result != null) WriteObject(result);
            });

        /// <summary>"octo-org/hello-world deployment 42": what a change to one deployment is shown as (-WhatIf, -Confirm).</summary>
        internal static string DeploymentTarget(RepositoryName repository, long id) => repository + " deployment " + id;
    }
}
