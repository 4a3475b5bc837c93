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
    /// and where its token came from. The token lives only in a SecureString and is revealed per request.
    /// </summary>
    internal sealed class GhSession : IDisposable
    {
        static readonly ConditionalWeakTable<Runspace, GhSession> sessions = new ConditionalWeakTable<Runspace, GhSession>();
        static readonly ProductHeaderValue product =
            new ProductHeaderValue("DeploymentStatus", typeof(GhSession).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        readonly HttpClientAdapter http;

        public GhSession(Uri apiUri, SecureString token, GhTokenSource tokenSource, GhHttpPolicy policy, string? owner, string? repository)
        {
            token = ConnectionSettings.CheckToken(token);
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
            Connection = new Connection(product, apiUri, new SecureTokenStore(token), http, new SimpleJsonSerializer());
        }

        public Uri ApiUri { get; }
        public GhTokenSource TokenSource { get; }
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

        public void Dispose() => http.Dispose();

        /// <summary>Hands Octokit the token per request, so no plain copy is kept beside the connection.</summary>
        sealed class SecureTokenStore : ICredentialStore
        {
            readonly SecureString token;
            public SecureTokenStore(SecureString token) => this.token = token;
            public Task<Credentials> GetCredentials() => Task.FromResult(new Credentials(ConnectionSettings.Reveal(token)));
        }
    }
}
