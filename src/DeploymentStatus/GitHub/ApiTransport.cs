using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// The HTTP stack of a session, built in one place for the module and its tests: Octokit's HttpClientAdapter over the
    /// policy handler over the wire (an HttpClientHandler with redirects off: Octokit follows redirects itself, above the
    /// policy, so each hop passes the policy too, and the policy sends the token to the API's own origin only). Every
    /// <see cref="GitHubApi"/> of the session, whatever it authenticates with, sends through this one stack, so the
    /// policy's gates and pacing see all of its requests.
    /// </summary>
    internal sealed class ApiTransport : IDisposable
    {
        static readonly ProductHeaderValue product =
            new ProductHeaderValue("DeploymentStatus", typeof(ApiTransport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

        readonly HttpClientAdapter http;

        /// <param name="budget">The token's write budget (GitHub's content-creation limits).</param>
        /// <param name="wire">The handler that does the I/O; tests put a tap here. Default: an HttpClientHandler with redirects off.</param>
        public ApiTransport(Uri apiRoot, GhHttpPolicy policy, TimeProvider time, WriteBudget budget, HttpMessageHandler? wire = null)
        {
            Tls.Enable();
            ApiRoot = apiRoot;
            Policy = policy;
            Time = time;
            Handler = new GitHubPolicyHandler(policy, apiRoot, Remember, time, budget, wire ?? new HttpClientHandler { AllowAutoRedirect = false });
            http = new HttpClientAdapter(() => Handler);
            // The policy bounds each attempt itself; HttpClient's own 100 s limit would cut across retries and waits.
            http.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        }

        public Uri ApiRoot { get; }
        public GhHttpPolicy Policy { get; }
        public TimeProvider Time { get; }
        public GitHubPolicyHandler Handler { get; }

        /// <summary>The rate-limit headers of the last REST response (GitHub's <c>core</c> resource).</summary>
        public GhRateLimit? LastRateLimit { get; private set; }

        /// <summary>The rate-limit headers of the last GraphQL response: GraphQL has a budget of its own, in points.</summary>
        public GhRateLimit? LastGraphQLRateLimit { get; private set; }

        void Remember(GhRateLimit rate)
        {
            if (rate.Resource == "graphql") LastGraphQLRateLimit = rate;
            else LastRateLimit = rate;
        }

        /// <summary>An Octokit connection over this stack that authenticates with <paramref name="credentials"/>.</summary>
        internal IConnection Connect(IGitHubCredentials credentials) =>
            new Connection(product, ApiRoot, new CredentialStore(credentials), http, new SimpleJsonSerializer());

        public void Dispose() => http.Dispose();

        sealed class CredentialStore : ICredentialStore
        {
            readonly IGitHubCredentials credentials;

            public CredentialStore(IGitHubCredentials credentials) => this.credentials = credentials;

            public async Task<Credentials> GetCredentials()
            {
                var credential = await credentials.GetAsync().ConfigureAwait(false);
                CredentialUse.Record(credential);
                return credential.Bearer ? new Credentials(credential.Secret, AuthenticationType.Bearer) : new Credentials(credential.Secret);
            }
        }
    }
}
