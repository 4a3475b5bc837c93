using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// Creates or updates an environment: the reviewers, named as users' logins and ORG/TEAM-SLUG teams, are resolved to
    /// the ids GitHub takes (GET /users/{login}, GET /orgs/{org}/teams/{slug}), then one PUT sends the settings given.
    /// </summary>
    internal static class EnvironmentConfiguration
    {
        /// <param name="reviewers">The reviewers to set (an empty list removes them all); null leaves them as they are.</param>
        public static async Task<GhEnvironment> SetAsync(GitHubApi api, RepositoryName repository, string name, EnvironmentRequest request,
            IReadOnlyList<ReviewerName>? reviewers, CancellationToken token)
        {
            if (reviewers != null) request.Reviewers = await ResolveAsync(api, reviewers, token).ConfigureAwait(false);
            return await api.SetEnvironmentAsync(repository, name, request).ConfigureAwait(false);
        }

        /// <summary>Each reviewer's {type, id}, once each, in the order given; a login or team GitHub does not know is that reviewer's GhNotFound.</summary>
        public static async Task<IList<ReviewerId>> ResolveAsync(GitHubApi api, IEnumerable<ReviewerName> reviewers, CancellationToken token)
        {
            var ids = new List<ReviewerId>();
            foreach (var reviewer in reviewers.GroupBy(r => r.ToString(), StringComparer.OrdinalIgnoreCase).Select(g => g.First()))
            {
                try
                {
                    ids.Add(reviewer.IsTeam
                        ? new ReviewerId("Team", await api.GetTeamIdAsync(reviewer.Organization!, reviewer.Name, token).ConfigureAwait(false))
                        : new ReviewerId("User", await api.GetUserIdAsync(reviewer.Name, token).ConfigureAwait(false)));
                }
                catch (GitHubApiException ex) when (ex.Status == 404)
                {
                    throw ex.Reworded(reviewer.IsTeam
                        ? "Reviewer '" + reviewer + "': GitHub has no team '" + reviewer.Name + "' in the organization '" + reviewer.Organization
                            + "' that the token may see (GET /orgs/{org}/teams/{team_slug} answered 404). Give a team as ORG/TEAM-SLUG, its slug as in the team's URL."
                        : "Reviewer '" + reviewer + "': GitHub has no user with that login (GET /users/{username} answered 404).");
                }
            }
            return ids;
        }
    }
}
