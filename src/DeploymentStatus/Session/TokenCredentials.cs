using System;
using System.Security;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Session
{
    /// <summary>A token (personal access token, GITHUB_TOKEN) handed out per request, so no plain copy is kept beside the connection.</summary>
    internal sealed class TokenCredentials : IGitHubCredentials
    {
        readonly SecureString token;

        public TokenCredentials(SecureString token) => this.token = token;

        public Task<GitHubCredential> GetAsync() => Task.FromResult(new GitHubCredential(ConnectionSettings.Reveal(token)));

        /// <summary>A token the user gave cannot be had anew: GitHub's 401 is final.</summary>
        public Task<bool> RenewAsync(GitHubCredential refused, CancellationToken cancel) => Task.FromResult(false);

        public string? RefusedAgainAdvice => null;

        /// <summary>The token's SHA-256, in hex: tells one token from another (a write budget each) without being one.</summary>
        public string Fingerprint()
        {
            using var sha = SHA256.Create();
            var plain = ConnectionSettings.Reveal(token);
            return BitConverter.ToString(sha.ComputeHash(Encoding.UTF8.GetBytes(plain))).Replace("-", "");
        }
    }
}
