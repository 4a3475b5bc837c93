using System;
using System.Threading;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// Which credential one call to GitHub went out with. <see cref="GitHubApi"/> opens one around each call; the
    /// transport's credential store records the credential it hands Octokit into it (it flows down with the call), so a
    /// 401 can be laid at the right credential even when other calls renew theirs at the same time.
    /// </summary>
    internal sealed class CredentialUse
    {
        static readonly AsyncLocal<CredentialUse?> current = new AsyncLocal<CredentialUse?>();

        /// <summary>The credential the call used last; null when it sent none (or failed before).</summary>
        public GitHubCredential? Credential { get; private set; }

        /// <summary>Makes a fresh use current for what starts until the result is disposed.</summary>
        public static (CredentialUse Use, IDisposable Scope) Begin()
        {
            var use = new CredentialUse();
            var previous = current.Value;
            current.Value = use;
            return (use, new Restore(previous));
        }

        public static void Record(GitHubCredential credential)
        {
            if (current.Value != null) current.Value.Credential = credential;
        }

        sealed class Restore : IDisposable
        {
            readonly CredentialUse? previous;
            public Restore(CredentialUse? previous) => this.previous = previous;
            public void Dispose() => current.Value = previous;
        }
    }
}
