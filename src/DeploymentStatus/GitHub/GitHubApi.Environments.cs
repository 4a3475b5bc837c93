using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.GitHub
{
    /// <summary>Environments, their branch policies, the users and teams that review them, and the workflow runs waiting on them.</summary>
    internal sealed partial class GitHubApi
    {
        // ---- environments

        /// <summary>The repository's environments, by name, a page of 100 at a time.</summary>
        public Pager<GhEnvironment> ListEnvironments(RepositoryName repository) =>
            new Pager<GhEnvironment>((next, token) => GetPageAsync<WireEnvironmentList, GhEnvironment>(repository.Path("environments"),
                new Dictionary<string, string> { ["per_page"] = Number(PageSize) }, next,
                list => (list?.Environments ?? new List<WireEnvironment>()).Select(e => e.ToEnvironment(repository)), token));

        public Task<GhEnvironment> GetEnvironmentAsync(RepositoryName repository, string name, CancellationToken token) =>
            Call(async () => (await connection.Get<WireEnvironment>(EnvironmentPath(repository, name), null, null, token).ConfigureAwait(false))
                .Body.ToEnvironment(repository));

        /// <summary>PUT: creates the environment or changes the settings the request holds. Octokit's PUT takes no cancellation token; the operation's scope stops it.</summary>
        public Task<GhEnvironment> SetEnvironmentAsync(RepositoryName repository, string name, EnvironmentRequest request)
        {
            var body = request.ToBody();
            return Call(async () => (await connection.Put<WireEnvironment>(EnvironmentPath(repository, name), JsonContent(body)).ConfigureAwait(false))
                .Body.ToEnvironment(repository));
        }

        public Task DeleteEnvironmentAsync(RepositoryName repository, string name) =>
            Call(() => connection.Delete(EnvironmentPath(repository, name)));

        /// <summary>
        /// How many deployments name the environment, in one request: a page of one deployment, whose rel="last" link
        /// numbers the last page, which is the count.
        /// </summary>
        public async Task<int> CountDeploymentsAsync(RepositoryName repository, string environment, CancellationToken token)
        {
            var page = await GetPageAsync<WireDeployment, GhDeployment>(repository.Path("deployments"),
                new Dictionary<string, string> { ["environment"] = environment, ["per_page"] = "1" }, null, d => d.ToDeployment(repository), token).ConfigureAwait(false);
            return page.LastPage ?? page.Items.Count;
        }

        /// <summary>The environment's path: its name is one segment, URL-encoded as GitHub asks (a slash as %2F).</summary>
        static Uri EnvironmentPath(RepositoryName repository, string name, string rest = "") =>
            repository.Path("environments/" + Uri.EscapeDataString(name) + rest);

        // ---- reviewers

        /// <summary>GET /users/{login}: the user's id.</summary>
        public Task<long> GetUserIdAsync(string login, CancellationToken token) =>
            Call(async () => (await connection.Get<WireAccount>(new Uri("users/" + Uri.EscapeDataString(login), UriKind.Relative), null, null, token).ConfigureAwait(false)).Body.Id);

        /// <summary>GET /orgs/{org}/teams/{team_slug}: the team's id.</summary>
        public Task<long> GetTeamIdAsync(string organization, string slug, CancellationToken token) =>
            Call(async () => (await connection.Get<WireAccount>(
                new Uri("orgs/" + Uri.EscapeDataString(organization) + "/teams/" + Uri.EscapeDataString(slug), UriKind.Relative), null, null, token).ConfigureAwait(false)).Body.Id);

        // ---- deployment branch policies

        public Pager<GhDeploymentBranchPolicy> ListBranchPolicies(RepositoryName repository, string environment) =>
            new Pager<GhDeploymentBranchPolicy>((next, token) => GetPageAsync<WireBranchPolicyList, GhDeploymentBranchPolicy>(
                EnvironmentPath(repository, environment, "/deployment-branch-policies"),
                new Dictionary<string, string> { ["per_page"] = Number(PageSize) }, next,
                list => (list?.BranchPolicies ?? new List<WireBranchPolicy>()).Select(p => p.ToPolicy(repository, environment)), token));

        public Task<GhDeploymentBranchPolicy> GetBranchPolicyAsync(RepositoryName repository, string environment, long id, CancellationToken token) =>
            Call(async () => (await connection.Get<WireBranchPolicy>(EnvironmentPath(repository, environment, "/deployment-branch-policies/" + Number(id)), null, null, token).ConfigureAwait(false))
                .Body.ToPolicy(repository, environment));

        /// <summary>
        /// POST a name pattern (type branch or tag; null: GitHub's default, branch). GitHub answers a pattern the environment
        /// has already with 303 to it, which Octokit follows: either way the answer is the policy.
        /// </summary>
        public Task<GhDeploymentBranchPolicy> CreateBranchPolicyAsync(RepositoryName repository, string environment, string name, string? type, CancellationToken token)
        {
            var body = new Dictionary<string, object?> { ["name"] = name };
            if (type != null) body["type"] = type;
            var json = ToJson(body);
            return Call(async () => (await connection.Post<WireBranchPolicy>(EnvironmentPath(repository, environment, "/deployment-branch-policies"), json, null, Json,
                    (IDictionary<string, string>?)null, token).ConfigureAwait(false))
                .Body.ToPolicy(repository, environment));
        }

        public Task DeleteBranchPolicyAsync(RepositoryName repository, string environment, long id) =>
            Call(() => connection.Delete(EnvironmentPath(repository, environment, "/deployment-branch-policies/" + Number(id))));

        // ---- a workflow run's pending deployments

        /// <summary>The environments the run waits on (GitHub does not page this list).</summary>
        public Task<IReadOnlyList<GhPendingDeployment>> GetPendingDeploymentsAsync(RepositoryName repository, long runId, CancellationToken token) =>
            Call(async () => (IReadOnlyList<GhPendingDeployment>)((await connection.Get<List<WirePendingDeployment>>(RunPath(repository, runId, "pending_deployments"), null, null, token).ConfigureAwait(false))
                .Body ?? new List<WirePendingDeployment>()).Select(p => p.ToPending(repository, runId)).ToList());

        /// <summary>Approves or rejects (<paramref name="state"/>) the run's jobs waiting on those environments; GitHub answers their deployments.</summary>
        public Task<IReadOnlyList<GhDeployment>> ReviewPendingDeploymentsAsync(RepositoryName repository, long runId, IEnumerable<long> environmentIds, string state, string comment, CancellationToken token)
        {
            var json = ToJson(new Dictionary<string, object?> { ["environment_ids"] = environmentIds.Cast<object>().ToList(), ["state"] = state, ["comment"] = comment });
            return Call(async () => (IReadOnlyList<GhDeployment>)((await connection.Post<List<WireDeployment>>(RunPath(repository, runId, "pending_deployments"), json, null, Json,
                    (IDictionary<string, string>?)null, token).ConfigureAwait(false))
                .Body ?? new List<WireDeployment>()).Select(d => d.ToDeployment(repository)).ToList());
        }

        /// <summary>A GitHub App approves or rejects (or, with no state, comments on) its own custom protection rule of an environment the run waits on.</summary>
        public Task ReviewProtectionRuleAsync(RepositoryName repository, long runId, string environment, string? state, string? comment, CancellationToken token)
        {
            var body = new Dictionary<string, object?> { ["environment_name"] = environment };
            if (state != null) body["state"] = state;
            if (comment != null) body["comment"] = comment;
            return Call(() => connection.Post(RunPath(repository, runId, "deployment_protection_rule"), JsonContent(body), null, token));
        }

        static Uri RunPath(RepositoryName repository, long runId, string rest) => repository.Path("actions/runs/" + Number(runId) + "/" + rest);

        /// <summary>A JSON body for the Octokit calls that take no content type (PUT, a POST answered without a body).</summary>
        static HttpContent JsonContent(IDictionary<string, object?> body) => new StringContent(ToJson(body), Encoding.UTF8, Json);
    }
}
