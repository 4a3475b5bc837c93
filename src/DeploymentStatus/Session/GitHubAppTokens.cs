using System;
using System.Globalization;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// The credentials of a session connected as a GitHub App installation, asked for before every request: an
    /// installation token, minted here on first use and minted again when less than
    /// <see cref="RefreshMargin"/> of it is left (GitHub's tokens live an hour; a bulk job may outlive several).
    /// </summary>
    /// <remarks>
    /// A token is minted with <c>POST app/installations/{id}/access_tokens</c>, authenticated with
    /// <c>Authorization: Bearer JWT</c> (a fresh <see cref="GitHubAppJwt"/> per request), through the session's own
    /// HTTP stack, so the one policy applies to it as to every request: Accept headers, timeouts, rate limits,
    /// cancellation, and the token kept to the API's origin. A 5xx or a lost connection is an ambiguous write
    /// (<see cref="AmbiguousWrite"/>) that is simply sent again: a second mint is harmless, it is just another token.
    /// The token is checked like any other (printable ASCII), masked in the CI log before anything can print it, and
    /// kept only as a SecureString, revealed per request like a personal access token.
    /// </remarks>
    internal sealed class GitHubAppTokens : IGitHubCredentials, IDisposable
    {
        /// <summary>A token with less than this left is replaced before the next request.</summary>
        public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        readonly GitHubAppIdentity app;
        readonly Machine machine;
        readonly TimeProvider time;
        readonly GhHttpPolicy policy;
        /// <summary>The API as the app itself (a fresh JWT per request), over the session's transport.</summary>
        readonly GitHubApi appApi;
        readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        SecureString? token;
        DateTimeOffset replaceAt;
        bool disposed;

        public GitHubAppTokens(GitHubAppIdentity app, ApiTransport transport, Machine machine)
        {
            this.app = app;
            this.machine = machine;
            time = transport.Time;
            policy = transport.Policy;
            appApi = new GitHubApi(transport, new AppJwt(this));
        }

        public string AppId => app.AppId;
        public long InstallationId => app.InstallationId;
        public string KeyPath => app.KeyPath;

        /// <summary>When the current token expires, as GitHub said (expires_at); null before the first one.</summary>
        public DateTimeOffset? ExpiresAt { get; private set; }

        /// <summary>How many tokens this session has minted.</summary>
        public int Minted { get; private set; }

        /// <summary>The path of the token request.</summary>
        public Uri AccessTokensPath => new Uri("app/installations/" + app.InstallationId.ToString(CultureInfo.InvariantCulture) + "/access_tokens", UriKind.Relative);

        /// <summary>Asked before every request: the installation token, minted first when there is none or it is nearly spent.</summary>
        public async Task<GitHubCredential> GetAsync()
        {
            var cancel = OperationScope.Current?.Token ?? CancellationToken.None;
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (token == null || replaceAt - time.GetUtcNow() < RefreshMargin) await MintAsync(cancel).ConfigureAwait(false);
                return new GitHubCredential(ConnectionSettings.Reveal(token!), generation: Minted);
            }
            finally { gate.Release(); }
        }

        /// <summary>
        /// GitHub refused an installation token (revoked, the installation's permissions changed, or GitHub's clock and
        /// ours disagree about its expiry): unless a newer one was minted meanwhile, mint one now. Either way the next
        /// request carries a token other than the refused one.
        /// </summary>
        public async Task<bool> RenewAsync(GitHubCredential refused, CancellationToken cancel)
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (refused.Generation == Minted)
                {
                    OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture,
                        "GitHub refused the installation token of GitHub App {0}, installation {1}; minting a new one.", app.AppId, app.InstallationId));
                    await MintAsync(cancel).ConfigureAwait(false);
                }
                return true;
            }
            finally { gate.Release(); }
        }

        public string RefusedAgainAdvice => string.Format(CultureInfo.InvariantCulture,
            "GitHub refused a newly minted installation token of GitHub App {0}, installation {1}, too: check that the app's private key is "
            + "its current one, that installation {1} still exists, and that it has the Deployments permission.", app.AppId, app.InstallationId);

        /// <summary>Mints a token now, whatever the current one's age (Connect-GhAccount -Validate).</summary>
        public async Task RefreshAsync(CancellationToken cancel)
        {
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try { await MintAsync(cancel).ConfigureAwait(false); }
            finally { gate.Release(); }
        }

        async Task MintAsync(CancellationToken cancel)
        {
            if (disposed) throw new ObjectDisposedException(nameof(GitHubAppTokens), "The connection was closed (Disconnect-GhAccount or a new Connect-GhAccount).");
            var path = AccessTokensPath;
            var sentAt = time.GetUtcNow();
            var answer = await AmbiguousWrite.SendAsync("POST " + path, t => appApi.CreateInstallationTokenAsync(path, t), null,
                "asking for an installation token again", policy, time, cancel).ConfigureAwait(false);
            Accept(answer, sentAt);
        }

        /// <summary>Takes the token from GitHub's answer: checked, masked, stored as a SecureString; the plain copies dropped.</summary>
        void Accept(WireInstallationToken body, DateTimeOffset sentAt)
        {
            if (string.IsNullOrEmpty(body.Token))
                throw Unusable("holds no token.");
            if (body.ExpiresAt == null)
                throw Unusable("does not say when the token expires.");
            SecureString minted;
            try { minted = ConnectionSettings.CheckToken(ConnectionSettings.ToSecureString(body.Token!)); }
            catch (ArgumentException ex) { throw Unusable("holds no usable token: " + ex.Message); }
            finally { body.Token = null; }

            // Mask it before it can reach anything that prints: the runner reads standard output in order.
            var ci = CiCommands.MaskSecret(ConnectionSettings.Reveal(minted), machine.Environment(), machine.StandardOutput());

            var expiresAt = body.ExpiresAt.Value;
            var old = token;
            token = minted;
            old?.Dispose();
            ExpiresAt = expiresAt;
            replaceAt = sentAt + Lifetime(expiresAt, body.ServerDate, sentAt);
            Minted++;
            OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture,
                "Minted an installation token for GitHub App {0}, installation {1}; it expires at {2:u}{3}.",
                app.AppId, app.InstallationId, expiresAt,
                ci == CiKind.AzurePipelines ? " (masked in the Azure Pipelines log)" : ci == CiKind.GitHubActions ? " (masked in the GitHub Actions log)" : ""));
        }

        /// <summary>
        /// How long the token lives, measured on GitHub's clock (expires_at minus the answer's Date) when it sent one,
        /// so a local clock that is behind does not keep a token past its end; else against the local clock.
        /// </summary>
        static TimeSpan Lifetime(DateTimeOffset expiresAt, DateTimeOffset? serverDate, DateTimeOffset sentAt)
        {
            if (serverDate != null)
            {
                var lifetime = expiresAt - serverDate.Value;
                if (lifetime > TimeSpan.Zero && lifetime <= TimeSpan.FromDays(1)) return lifetime;
            }
            var local = expiresAt - sentAt;
            return local > TimeSpan.Zero ? local : TimeSpan.Zero;
        }

        GhFailureException Unusable(string what) =>
            new GhFailureException(GhFailureKind.Unexpected, "GitHub's answer to POST " + AccessTokensPath + " " + what);

        public void Dispose()
        {
            disposed = true;
            app.Key.Dispose();
            token?.Dispose();
            token = null;
        }

        /// <summary>The app's own credentials: a JWT made for each request, in no field, never reused.</summary>
        sealed class AppJwt : IGitHubCredentials
        {
            readonly GitHubAppTokens owner;

            public AppJwt(GitHubAppTokens owner) => this.owner = owner;

            public Task<GitHubCredential> GetAsync() =>
                Task.FromResult(new GitHubCredential(GitHubAppJwt.Create(owner.app.Key, owner.app.AppId, owner.time.GetUtcNow()), bearer: true));

            /// <summary>A refused JWT is refused for its key, its app ID or the clock: another one would be too.</summary>
            public Task<bool> RenewAsync(GitHubCredential refused, CancellationToken cancel) => Task.FromResult(false);

            public string? RefusedAgainAdvice => null;
        }
    }
}
