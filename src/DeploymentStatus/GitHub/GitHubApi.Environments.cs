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
                list => (list?.Environments ?? new List<WireEnvironment>()).Select(e => e.ToEnvironment(repository)), Asked(repository), token));

        public Task<GhEnvironment> GetEnvironmentAsync(RepositoryName repository, string name, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireEnvironment>(EnvironmentPath(repository, name), null, null, token).ConfigureAwait(false))
                .ToEnvironment(repository), Asked(repository, name));

        /// <summary>PUT: creates the environment or changes the settings the request holds. Octokit's PUT takes no cancellation token; the operation's scope stops it.</summary>
        public Task<GhEnvironment> SetEnvironmentAsync(RepositoryName repository, string name, EnvironmentRequest request)
        {
            var body = request.ToBody();
            return Call(async () => Read(await connection.Put<WireEnvironment>(EnvironmentPath(repository, name), JsonContent(body)).ConfigureAwait(false))
                .ToEnvironment(repository), Asked(repository));
        }

        public Task DeleteEnvironmentAsync(RepositoryName repository, string name) =>
            Call(() => connection.Delete(EnvironmentPath(repository, name)), Asked(repository, name));

        /// <summary>The environment's path: its name is one segment, URL-encoded as GitHub asks (a slash as %2F).</summary>
        static Uri EnvironmentPath(RepositoryName repository, string name, string rest = "") =>
            repository.Path("environments/" + Uri.EscapeDataString(name) + rest);

        // ---- reviewers

        /// <summary>GET /users/{login}: the user's id.</summary>
        public Task<long> GetUserIdAsync(string login, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireAccount>(new Uri("users/" + Uri.EscapeDataString(login), UriKind.Relative), null, null, token).ConfigureAwait(false)).Id,
                "user " + login);

        /// <summary>GET /orgs/{org}/teams/{team_slug}: the team's id.</summary>
        public Task<long> GetTeamIdAsync(string organization, string slug, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireAccount>(
                new Uri("orgs/" + Uri.EscapeDataString(organization) + "/teams/" + Uri.EscapeDataString(slug), UriKind.Relative), null, null, token).ConfigureAwait(false)).Id,
                "team " + organization + "/" + slug);

        // ---- deployment branch policies

        public Pager<GhDeploymentBranchPolicy> ListBranchPolicies(RepositoryName repository, string environment) =>
            new Pager<GhDeploymentBranchPolicy>((next, token) => GetPageAsync<WireBranchPolicyList, GhDeploymentBranchPolicy>(
                EnvironmentPath(repository, environment, "/deployment-branch-policies"),
                new Dictionary<string, string> { ["per_page"] = Number(PageSize) }, next,
                list => (list?.BranchPolicies ?? new List<WireBranchPolicy>()).Select(p => p.ToPolicy(repository, environment)), Asked(repository, environment), token));

        public Task<GhDeploymentBranchPolicy> GetBranchPolicyAsync(RepositoryName repository, string environment, long id, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireBranchPolicy>(EnvironmentPath(repository, environment, "/deployment-branch-policies/" + Number(id)), null, null, token).ConfigureAwait(false))
                .ToPolicy(repository, environment), BranchPolicyAsked(repository, environment, id));

        /// <summary>
        /// POST a name pattern (type branch or tag; null: GitHub's default, branch). GitHub answers a pattern the environment
        /// has already with 303 to it, which Octokit follows: either way the answer is the policy.
        /// </summary>
        public Task<GhDeploymentBranchPolicy> CreateBranchPolicyAsync(RepositoryName repository, string environment, string name, string? type, CancellationToken token)
        {
            var body = new Dictionary<string, object?> { ["name"] = name };
            if (type != null) body["type"] = type;
            var json = ToJson(body);
            return Call(async () => Read(await connection.Post<WireBranchPolicy>(EnvironmentPath(repository, environment, "/deployment-branch-policies"), json, null, Json,
                    (IDictionary<string, string>?)null, token).ConfigureAwait(false))
                .ToPolicy(repository, environment), Asked(repository, environment));
        }

        public Task DeleteBranchPolicyAsync(RepositoryName repository, string environment, long id) =>
            Call(() => connection.Delete(EnvironmentPath(repository, environment, "/deployment-branch-policies/" + Number(id))), BranchPolicyAsked(repository, environment, id));

        // ---- a workflow run's pending deployments

        /// <summary>The environments the run waits on (GitHub does not page this list).</summary>
        public Task<IReadOnlyList<GhPendingDeployment>> GetPendingDeploymentsAsync(RepositoryName repository, long runId, CancellationToken token) =>
            Call(async () => (IReadOnlyList<GhPendingDeployment>)((await connection.Get<List<WirePendingDeployment>>(RunPath(repository, runId, "pending_deployments"), null, null, token).ConfigureAwait(false))
                .Body ?? new List<WirePendingDeployment>()).Select(p => p.ToPending(repository, runId)).ToList(), RunAsked(repository, runId));

        /// <summary>Approves or rejects (<paramref name="state"/>) the run's jobs waiting on those environments; GitHub answers their deployments.</summary>
        public Task<IReadOnlyList<GhDeployment>> ReviewPendingDeploymentsAsync(RepositoryName repository, long runId, IEnumerable<long> environmentIds, string state, string comment, CancellationToken token)
        {
            var json = ToJson(new Dictionary<string, object?> { ["environment_ids"] = environmentIds.Cast<object>().ToList(), ["state"] = state, ["comment"] = comment });
            return Call(async () => (IReadOnlyList<GhDeployment>)((await connection.Post<List<WireDeployment>>(RunPath(repository, runId, "pending_deployments"), json, null, Json,
                    (IDictionary<string, string>?)null, token).ConfigureAwait(false))
                .Body ?? new List<WireDeployment>()).Select(d => d.ToDeployment(repository)).ToList(), RunAsked(repository, runId));
        }

        /// <summary>A GitHub App approves or rejects (or, with no state, comments on) its own custom protection rule of an environment the run waits on.</summary>
        public Task ReviewProtectionRuleAsync(RepositoryName repository, long runId, string environment, string? state, string? comment, CancellationToken token)
        {
            var body = new Dictionary<string, object?> { ["environment_name"] = environment };
            if (state != null) body["state"] = state;
            if (comment != null) body["comment"] = comment;
            return Call(() => connection.Post(RunPath(repository, runId, "deployment_protection_rule"), JsonContent(body), null, token), RunAsked(repository, runId));
        }

        /// <summary>"octo-org/hello-world environment 'production'"</summary>
        static string Asked(RepositoryName repository, string environment) => repository + " environment '" + environment + "'";

        static string BranchPolicyAsked(RepositoryName repository, string environment, long id) => "branch policy " + Number(id) + " of " + Asked(repository, environment);

        static string RunAsked(RepositoryName repository, long runId) => repository + " workflow run " + Number(runId);

        static Uri RunPath(RepositoryName repository, long runId, string rest) => repository.Path("actions/runs/" + Number(runId) + "/" + rest);

        /// <summary>A JSON body for the Octokit calls that take no content type (PUT, a POST answered without a body).</summary>
        static HttpContent JsonContent(IDictionary<string, object?> body) => new StringContent(ToJson(body), Encoding.UTF8, Json);
    }
}
