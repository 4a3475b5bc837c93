using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;

namespace DeploymentStatus.Workflows
{
    /// <summary>Deletes a deployment. GitHub deletes only an inactive one (or a repository's only one) and answers 422 otherwise.</summary>
    internal static class DeploymentRemoval
    {
        /// <param name="force">On GitHub's 422, mark the deployment inactive and delete it again.</param>
        /// <param name="read">Read the deployment first and return it (it is gone afterwards).</param>
        /// <returns>The deployment as it was, when <paramref name="read"/>; else null.</returns>
        public static async Task<GhDeployment?> RemoveAsync(GitHubApi api, RepositoryName repository, long id, bool force, bool read, CancellationToken token)
        {
            var deployment = read ? await api.GetDeploymentAsync(repository, id, token).ConfigureAwait(false) : null;
            try
            {
                await api.DeleteDeploymentAsync(repository, id).ConfigureAwait(false);
            }
            catch (GitHubApiException ex) when (force && ex.Status == 422)
            {
                OperationScope.Log(LogLevel.Verbose, "Deployment " + id + " is active; marking it inactive before deleting it.");
                await api.CreateStatusAsync(repository, id, new StatusRequest("inactive"), token).ConfigureAwait(false);
                await api.DeleteDeploymentAsync(repository, id).ConfigureAwait(false);
            }
            return deployment;
        }
    }
}
