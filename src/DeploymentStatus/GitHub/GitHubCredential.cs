using System.Threading.Tasks;

namespace DeploymentStatus.GitHub
{
    /// <summary>What authenticates one request: a token (<c>Authorization: token …</c>) or a JWT (<c>Bearer …</c>).</summary>
    internal sealed class GitHubCredential
    {
        public GitHubCredential(string secret, bool bearer = false)
        {
            Secret = secret;
            Bearer = bearer;
        }

        public string Secret { get; }
        public bool Bearer { get; }
    }

    /// <summary>Asked before every request, so a secret is revealed only for the moment its header is built.</summary>
    internal interface IGitHubCredentials
    {
        Task<GitHubCredential> GetAsync();
    }
}
