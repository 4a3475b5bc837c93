using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;

namespace DeploymentStatus.Workflows
{
    /// <summary>Deletes a deployment. GitHub deletes only an inactive one (or a repository's only one) and answers 422 otherwise.</summary>
    internal static class DeploymentRemoval
    {
        /// <param name="known">The deployment as a list gave it, when it came from one: its state spares a delete GitHub would refuse.</param>
        /// <param name="force">Mark an active deployment inactive before deleting it (known to be active, or on GitHub's 422).</param>
        /// <param name="read">Return the deployment as it was (read first unless <paramref name="known"/>; it is gone afterwards).</param>
        /// <returns>The deployment as it was, when <paramref name="read"/>; else null.</returns>
        public static async Task<GhDeployment?> RemoveAsync(GitHubApi api, RepositoryName repository, long id, GhDeployment? known, bool force, bool read, CancellationToken token)
        {
            var deployment = known ?? (read ? await api.GetDeploymentAsync(repository, id, token).ConfigureAwait(false) : null);
            var state = deployment?.State;
            if (force && state != null && !DeploymentStates.IsRetired(state))
            {
                await RetireAsync(api, repository, id, token).ConfigureAwait(false);
                await api.DeleteDeploymentAsync(repository, id).ConfigureAwait(false);
                return read ? deployment : null;
            }
            try
            {
                await api.DeleteDeploymentAsync(repository, id).ConfigureAwait(false);
            }
            catch (GitHubApiException ex) when (force && ex.Status == 422)
            {
                await RetireAsync(api, repository, id, token).ConfigureAwait(false);
                await api.DeleteDeploymentAsync(repository, id).ConfigureAwait(false);
            }
            return read ? deployment : null;
        }

        static Task RetireAsync(GitHubApi api, RepositoryName repository, long id, CancellationToken token)
        {
            OperationScope.Log(LogLevel.Verbose, "Deployment " + id + " is active; marking it inactive before deleting it.");
            return api.CreateStatusAsync(repository, id, new StatusRequest(DeploymentStates.Inactive), token);
        }
    }
}
