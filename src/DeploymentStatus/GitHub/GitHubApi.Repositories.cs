using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.GitHub
{
    /// <summary>Repositories: one by name, an account's, a GitHub App installation's.</summary>
    internal sealed partial class GitHubApi
    {
        public Task<GhRepository> GetRepositoryAsync(RepositoryName repository, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireRepository>(repository.Self, null, null, token).ConfigureAwait(false)).ToRepository(),
                Asked(repository));

        /// <summary>
        /// An account's repositories, by name, 100 a page: an organisation's (GET /orgs/{org}/repos), or, when GitHub knows
        /// no organisation of that name (404), a user's (GET /users/{username}/repos). Only those the token may see.
        /// </summary>
        public Pager<GhRepository> ListRepositories(string owner)
        {
            var account = Uri.EscapeDataString(RepositoryName.CheckOwner(owner));
            var parameters = new Dictionary<string, string> { ["per_page"] = Number(PageSize), ["sort"] = "full_name" };
            Task<Page<GhRepository>> PageAsync(string kind, Uri? next, CancellationToken token) =>
                GetPageAsync<WireRepository, GhRepository>(new Uri(kind + "/" + account + "/repos", UriKind.Relative), parameters, next, r => r.ToRepository(),
                    "the repositories of " + owner, token);
            return new Pager<GhRepository>(async (next, token) =>
            {
                try
                {
                    return await PageAsync("orgs", next, token).ConfigureAwait(false);
                }
                catch (GitHubApiException ex) when (next == null && ex.Status == 404)
                {
                    return await PageAsync("users", null, token).ConfigureAwait(false);
                }
            });
        }

        /// <summary>The repositories a GitHub App installation may reach (GET /installation/repositories), 100 a page.</summary>
        public Pager<GhRepository> ListInstallationRepositories() =>
            new Pager<GhRepository>((next, token) => GetPageAsync<WireInstallationRepositories, GhRepository>(new Uri("installation/repositories", UriKind.Relative),
                new Dictionary<string, string> { ["per_page"] = Number(PageSize) }, next,
                list => (list?.Repositories ?? new List<WireRepository>()).Select(r => r.ToRepository()), "the installation's repositories", token));
    }
}
