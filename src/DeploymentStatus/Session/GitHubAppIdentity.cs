using System.Security.Cryptography;

namespace DeploymentStatus.Session
{
    /// <summary>What Connect-GhAccount -AppId -PrivateKeyPath -InstallationId gives.</summary>
    internal sealed class GitHubAppIdentity
    {
        public GitHubAppIdentity(string appId, long installationId, RSA key, string keyPath)
        {
            AppId = appId;
            InstallationId = installationId;
            Key = key;
            KeyPath = keyPath;
        }

        /// <summary>The app's ID (digits) or client ID; the JWT's issuer.</summary>
        public string AppId { get; }
        public long InstallationId { get; }
        /// <summary>The private key, owned (and disposed) by the session from here on.</summary>
        public RSA Key { get; }
        /// <summary>Where the key was read from (shown by Get-GhContext; the key itself never is).</summary>
        public string KeyPath { get; }
    }
}
