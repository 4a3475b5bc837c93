using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.GitHub
{
    /// <summary>What authenticates one request: a token (<c>Authorization: token …</c>) or a JWT (<c>Bearer …</c>).</summary>
    internal sealed class GitHubCredential
    {
        /// <param name="generation">Which of the credentials that replace one another this is (an installation token's mint number).</param>
        public GitHubCredential(string secret, bool bearer = false, int generation = 0)
        {
            Secret = secret;
            Bearer = bearer;
            Generation = generation;
        }

        public string Secret { get; }
        public bool Bearer { get; }
        public int Generation { get; }
    }

    /// <summary>Asked before every request, so a secret is revealed only for the moment its header is built.</summary>
    internal interface IGitHubCredentials
    {
        Task<GitHubCredential> GetAsync();

        /// <summary>
        /// GitHub answered 401 to a request made with <paramref name="refused"/>. Credentials that can be had anew (an
        /// installation token: the module mints them) make sure the next request carries another one and return true;
        /// the request is then sent once more. Any other credential returns false: its 401 is final.
        /// </summary>
        Task<bool> RenewAsync(GitHubCredential refused, CancellationToken token);

        /// <summary>What to check when GitHub refuses a renewed credential too; null when there is nothing to add.</summary>
        string? RefusedAgainAdvice { get; }
    }
}
