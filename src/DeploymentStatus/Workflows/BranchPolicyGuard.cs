using System;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Workflows
{
    /// <summary>
    /// A branch-policy call, explained when GitHub refuses it. GitHub keeps name patterns only for an environment whose
    /// deployment branch policy is CustomBranches, and for any other answers a bare 404 (documented for creation; some
    /// report 422): the environment is then read to say which policy it has, or that there is no such environment.
    /// </summary>
    internal static class BranchPolicyGuard
    {
        public static async Task<T> RunAsync<T>(GitHubApi api, RepositoryName repository, string environment, Func<Task<T>> call, CancellationToken token)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (GitHubApiException refused) when (refused.Status == 404 || refused.Status == 422)
            {
                GhEnvironment found;
                try
                {
                    found = await api.GetEnvironmentAsync(repository, environment, token).ConfigureAwait(false);
                }
                catch (GitHubApiException missing) when (missing.Status == 404)
                {
                    throw missing.Reworded("GitHub has no environment '" + environment + "' in " + repository + " that the token may see (GET …/environments/{name} answered 404).");
                }
                if (found.DeploymentBranchPolicy != EnvironmentRequest.CustomBranches) throw NotCustom(found, refused);
                throw;
            }
        }

        public static Task RunAsync(GitHubApi api, RepositoryName repository, string environment, Func<Task> call, CancellationToken token) =>
            RunAsync(api, repository, environment, async () =>
            {
                await call().ConfigureAwait(false);
                return true;
            }, token);

        static GhStateException NotCustom(GhEnvironment environment, Exception refused) =>
            new GhStateException(GhStateProblem.NotCustomBranches,
                "Environment '" + environment.Name + "' of " + environment.Owner + "/" + environment.Repository + " lets "
                + (environment.DeploymentBranchPolicy == EnvironmentRequest.ProtectedBranches ? "only protected branches" : "every branch")
                + " deploy (its deployment branch policy is " + environment.DeploymentBranchPolicy + "), so it has no branch or tag patterns: GitHub keeps them only for an environment whose policy is "
                + EnvironmentRequest.CustomBranches + ".", refused);
    }
}
