using System;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Get-GhRepository: the repositories of an organisation or a user (-Owner, else the connection's or the CI's owner),
    /// or, connected as a GitHub App, those of its installation; streamed a page of 100 at a time, by name. -Name picks
    /// one (GET /repos/{owner}/{repo}) or, with wildcards, those it matches. Each binds to -Owner and -Repository.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "GhRepository")]
    [OutputType(typeof(GhRepository))]
    public sealed class GetGhRepositoryCommand : GhCmdlet
    {
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateGitHubOwner]
        public string? Owner { get; set; }

        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ValidateNoControlCharacters]
        public string[]? Name { get; set; }

        protected override void Process()
        {
            var app = Session.App != null;
            var owner = Owner ?? (app ? null : Session.DefaultOwner ?? Ci.Repository?.Owner);
            if (owner == null && !app)
                throw Terminate(new InvalidOperationException(
                    "No owner given: pass -Owner, set a default with Connect-GhAccount -Owner, or run where GITHUB_REPOSITORY (GitHub Actions) " +
                    "or BUILD_REPOSITORY_NAME (Azure Pipelines) is set."), ErrorIds.RepositoryNotSpecified, ErrorCategory.InvalidArgument);

            var filters = (Name ?? new[] { "*" }).Select(Wildcards.Filter).ToList();
            // A name without wildcards, of a known owner, is one request.
            if (owner != null)
                foreach (var exact in filters.Where(f => f.ExactName != null))
                    TryItem(exact.Text, () => WriteObject(Run(t => Api.GetRepositoryAsync(new RepositoryName(owner, exact.ExactName!), t))));
            var listed = owner != null ? filters.Where(f => f.ExactName == null).ToList() : filters;
            if (listed.Count == 0) return;
            TryItem(owner, () =>
            {
                var pager = app ? Api.ListInstallationRepositories() : Api.ListRepositories(owner!);
                WritePages<GhRepository>(async t => (await pager.NextAsync(t).ConfigureAwait(false))?
                    .Where(r => (owner == null || string.Equals(r.Owner, owner, StringComparison.OrdinalIgnoreCase)) && listed.Any(f => f.Matches(r.Repository)))
                    .ToList());
            });
        }
    }
}
