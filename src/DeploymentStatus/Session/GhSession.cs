using System;
using System.Management.Automation.Runspaces;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Security;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// One connection per runspace: the Octokit connection with the policy handler under it, where it points,
    /// and how it authenticates. A token lives only in a SecureString and is revealed per request; a GitHub App
    /// session mints installation tokens itself (<see cref="GitHubAppTokens"/>) through the same HTTP stack.
    /// </summary>
    internal sealed class GhSession : IDisposable
    {
        static readonly ConditionalWeakTable<Runspace, GhSession> sessions = new ConditionalWeakTable<Runspace, GhSession>();
        static readonly ProductHeaderValue product =
            new ProductHeaderValue("DeploymentStatus", typeof(GhSession).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        readonly HttpClientAdapter http;

        /// <summary>A session authenticated with a token (personal access token, GITHUB_TOKEN, an installation token).</summary>
        public GhSession(Uri apiUri, SecureString token, GhTokenSource tokenSource, GhHttpPolicy policy, string? owner, string? repository)
            : this(apiUri, policy, owner, repository, tokenSource, ConnectionSettings.CheckToken(token), null)
        {
        }

        /// <summary>A session authenticated as a GitHub App installation; it owns (and disposes) the app's key.</summary>
        public GhSession(Uri apiUri, GitHubAppIdentity app, GhHttpPolicy policy, string? owner, string? repository)
            : this(apiUri, policy, owner, repository, null, null, app)
        {
        }

        GhSession(Uri apiUri, GhHttpPolicy policy, string? owner, string? repository, GhTokenSource? tokenSource, SecureString? token, GitHubAppIdentity? app)
        {
            ApiUri = apiUri;
            TokenSource = tokenSource;
            Policy = policy.Clone();
            DefaultOwner = owner;
            DefaultRepository = repository;
            // Octokit follows redirects itself, above the policy handler (so each hop passes the policy too); the
            // policy handler sends the token to the API's own origin only.
            http = new HttpClientAdapter(() => new GitHubPolicyHandler(Policy, apiUri, rate => LastRateLimit = rate,
                new HttpClientHandler { AllowAutoRedirect = false }));
            // The policy bounds each attempt itself; HttpClient's own 100 s limit would cut across retries and waits.
            http.SetRequestTimeout(System.Threading.Timeout.InfiniteTimeSpan);
            ICredentialStore credentials;
            if (app != null) credentials = App = new GitHubAppTokens(app, apiUri, http, product, Policy);
            else credentials = new SecureTokenStore(token!);
            Connection = new Connection(product, apiUri, credentials, http, new SimpleJsonSerializer());
        }

        public Uri ApiUri { get; }
        /// <summary>Where the token came from; null for a GitHub App session (see <see cref="App"/>).</summary>
        public GhTokenSource? TokenSource { get; }
        /// <summary>The installation tokens of a GitHub App session; null for a token session.</summary>
        public GitHubAppTokens? App { get; }
        public GhHttpPolicy Policy { get; }
        public string? DefaultOwner { get; }
        public string? DefaultRepository { get; }
        public IConnection Connection { get; }
        public GhRateLimit? LastRateLimit { get; private set; }

        public static GhSession? Get(Runspace runspace) => sessions.TryGetValue(runspace, out var session) ? session : null;

        public static void Set(Runspace runspace, GhSession? session)
        {
            if (sessions.TryGetValue(runspace, out var old))
            {
                sessions.Remove(runspace);
                old.Dispose();
            }
            if (session != null) sessions.Add(runspace, session);
        }

        public void Dispose()
        {
            http.Dispose();
            App?.Dispose();
        }

        /// <summary>Hands Octokit the token per request, so no plain copy is kept beside the connection.</summary>
        sealed class SecureTokenStore : ICredentialStore
        {
            readonly SecureString token;
            public SecureTokenStore(SecureString token) => this.token = token;
            public Task<Credentials> GetCredentials() => Task.FromResult(new Credentials(ConnectionSettings.Reveal(token)));
        }
    }
}
