using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Security;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using DeploymentStatus.Pipelines;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus.Session
{
    /// <summary>What Connect-GhAccount -AppId -PrivateKeyPath -InstallationId gives, plus the seams tests use.</summary>
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

        /// <summary>The local clock (JWT claims, token expiry).</summary>
        public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;
        /// <summary>The environment a minted token's masking looks at (TF_BUILD, GITHUB_ACTIONS).</summary>
        public Func<IDictionary> Environment { get; set; } = System.Environment.GetEnvironmentVariables;
        /// <summary>Where masking commands go: the process's standard output, which the CI runner reads.</summary>
        public Func<TextWriter> StandardOutput { get; set; } = () => Console.Out;
    }

    /// <summary>
    /// The credentials of a session connected as a GitHub App installation: Octokit asks for them before every request,
    /// and gets an installation token, minted here on first use and minted again when less than
    /// <see cref="RefreshMargin"/> of it is left (GitHub's tokens live an hour; a bulk job may outlive several).
    /// </summary>
    /// <remarks>
    /// A token is minted with <c>POST app/installations/{id}/access_tokens</c>, authenticated with
    /// <c>Authorization: Bearer JWT</c> (a fresh <see cref="GitHubAppJwt"/> per request), through the session's own
    /// HTTP stack, so the one policy applies to it as to every request: Accept headers, timeouts, rate limits,
    /// cancellation, and the token kept to the API's origin. A 5xx or a lost connection is retried here, within the
    /// policy's MaxRetries (the policy sends no POST twice, but a second mint is harmless: it is just another token).
    /// The token is checked like any other (printable ASCII), masked in the CI log before anything can print it, and
    /// kept only as a SecureString, revealed per request like a personal access token.
    /// </remarks>
    internal sealed class GitHubAppTokens : ICredentialStore, IDisposable
    {
        /// <summary>A token with less than this left is replaced before the next request.</summary>
        public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

        static readonly SimpleJsonSerializer serializer = new SimpleJsonSerializer();

        readonly GitHubAppIdentity app;
        readonly Uri apiUri;
        readonly IHttpClient http;
        readonly ProductHeaderValue product;
        readonly GhHttpPolicy policy;
        readonly SemaphoreSlim gate = new SemaphoreSlim(1, 1);
        SecureString? token;
        DateTimeOffset replaceAt;
        bool disposed;

        public GitHubAppTokens(GitHubAppIdentity app, Uri apiUri, IHttpClient http, ProductHeaderValue product, GhHttpPolicy policy)
        {
            this.app = app;
            this.apiUri = apiUri;
            this.http = http;
            this.product = product;
            this.policy = policy;
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

        /// <summary>Octokit's hook, before every request: the installation token, minted first when there is none or it is nearly spent.</summary>
        public async Task<Credentials> GetCredentials()
        {
            var cancel = OperationScope.Current?.Token ?? CancellationToken.None;
            await gate.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                if (token == null || replaceAt - app.Clock() < RefreshMargin) await MintAsync(cancel).ConfigureAwait(false);
                return new Credentials(ConnectionSettings.Reveal(token!));
            }
            finally { gate.Release(); }
        }

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
            for (var attempt = 0; ; attempt++)
            {
                var sentAt = app.Clock();
                IApiResponse<WireInstallationToken> response;
                try
                {
                    // The JWT exists for this one request: it is in no field, and the connection that carries it is dropped with it.
                    var bearer = new Connection(product, apiUri,
                        new InMemoryCredentialStore(new Credentials(GitHubAppJwt.Create(app.Key, app.AppId, sentAt), AuthenticationType.Bearer)),
                        http, serializer);
                    response = await bearer.Post<WireInstallationToken>(path, cancel).ConfigureAwait(false);
                }
                catch (Exception ex) when (attempt < policy.MaxRetries && IsAmbiguous(ex) && !cancel.IsCancellationRequested)
                {
                    OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture,
                        "POST {0} failed ({1}); asking for an installation token again.", path, ex.Message));
                    await Task.Delay(GhHttpPolicy.Seconds(policy.RetryBaseDelaySeconds * Math.Pow(2, attempt)), cancel).ConfigureAwait(false);
                    continue;
                }
                Accept(response, sentAt);
                return;
            }
        }

        /// <summary>Takes the token from GitHub's answer: checked, masked, stored as a SecureString; the plain copies dropped.</summary>
        void Accept(IApiResponse<WireInstallationToken> response, DateTimeOffset sentAt)
        {
            var body = response.Body;
            if (body == null || string.IsNullOrEmpty(body.Token))
                throw new InvalidOperationException("GitHub's answer to POST " + AccessTokensPath + " holds no token.");
            if (body.ExpiresAt == null)
                throw new InvalidOperationException("GitHub's answer to POST " + AccessTokensPath + " does not say when the token expires.");
            SecureString minted;
            try { minted = ConnectionSettings.CheckToken(ConnectionSettings.ToSecureString(body.Token!)); }
            catch (ArgumentException ex) { throw new InvalidOperationException("GitHub's answer to POST " + AccessTokensPath + " holds no usable token: " + ex.Message); }
            finally { body.Token = null; }

            // Mask it before it can reach anything that prints: the runner reads standard output in order.
            var ci = CiCommands.MaskSecret(ConnectionSettings.Reveal(minted), app.Environment(), app.StandardOutput());

            var expiresAt = body.ExpiresAt.Value;
            var old = token;
            token = minted;
            old?.Dispose();
            ExpiresAt = expiresAt;
            replaceAt = sentAt + Lifetime(expiresAt, ServerDate(response.HttpResponse), sentAt);
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

        static DateTimeOffset? ServerDate(IResponse? response)
        {
            var headers = response?.Headers;
            if (headers == null) return null;
            foreach (var header in headers.Where(h => string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase)))
                if (DateTimeOffset.TryParseExact(header.Value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                    return date;
            return null;
        }

        static bool IsAmbiguous(Exception ex) =>
            (ex is ApiException api && (int)api.StatusCode >= 500)
            || (ex is GhFailureException failure && (failure.Kind == GhFailureKind.NetworkError || failure.Kind == GhFailureKind.ServerError));

        public void Dispose()
        {
            disposed = true;
            app.Key.Dispose();
            token?.Dispose();
            token = null;
        }

        /// <summary>The answer of POST app/installations/{id}/access_tokens (read by Octokit's serializer).</summary>
        internal sealed class WireInstallationToken
        {
            public string? Token { get; set; }
            public DateTimeOffset? ExpiresAt { get; set; }
            public string? RepositorySelection { get; set; }
        }
    }
}
