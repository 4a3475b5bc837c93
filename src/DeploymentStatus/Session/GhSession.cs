using System;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;
using System.Security;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// One connection per runspace: where it points, how it authenticates, its policy, and the one <see cref="GitHubApi"/>
    /// every cmdlet of the runspace calls, over the one HTTP stack (<see cref="ApiTransport"/>). A token lives only in a
    /// SecureString and is revealed per request; a GitHub App session mints installation tokens itself
    /// (<see cref="GitHubAppTokens"/>) through the same stack.
    /// </summary>
    internal sealed class GhSession : IDisposable
    {
        static readonly ConditionalWeakTable<Runspace, GhSession> sessions = new ConditionalWeakTable<Runspace, GhSession>();

        readonly ApiTransport transport;

        /// <summary>A session authenticated with a token (personal access token, GITHUB_TOKEN, an installation token).</summary>
        public GhSession(Uri apiUri, SecureString token, GhTokenSource tokenSource, GhHttpPolicy policy, string? owner, string? repository, Machine? machine = null)
            : this(apiUri, policy, owner, repository, machine ?? new Machine(), new TokenCredentials(ConnectionSettings.CheckToken(token)), null) =>
            TokenSource = tokenSource;

        /// <summary>A session authenticated as a GitHub App installation; it owns (and disposes) the app's key.</summary>
        public GhSession(Uri apiUri, GitHubAppIdentity app, GhHttpPolicy policy, string? owner, string? repository, Machine? machine = null)
            : this(apiUri, policy, owner, repository, machine ?? new Machine(), null, app)
        {
        }

        GhSession(Uri apiUri, GhHttpPolicy policy, string? owner, string? repository, Machine machine, TokenCredentials? token, GitHubAppIdentity? app)
        {
            ApiUri = apiUri;
            Policy = policy.Clone();
            DefaultOwner = owner;
            DefaultRepository = repository;
            // The write budget belongs to whoever GitHub counts the writes against: the token (by its fingerprint, never
            // the token itself), or the app's installation, whose tokens come and go; on this API host.
            var budgetOwner = (token != null ? "token:" + token.Fingerprint() : "app:" + app!.AppId + "/" + app.InstallationId.ToString(System.Globalization.CultureInfo.InvariantCulture))
                + "@" + apiUri.Authority;
            transport = new ApiTransport(apiUri, Policy, machine.Time, machine.Budgets.For(budgetOwner), machine.Wire);
            Api = new GitHubApi(transport, token ?? (IGitHubCredentials)(App = new GitHubAppTokens(app!, transport, machine)));
            Environments = new EnvironmentCache(machine.Time, async (repository, t) =>
                await Api.ListEnvironments(repository).NextAsync(t).ConfigureAwait(false) ?? Array.Empty<GhEnvironment>());
        }

        public Uri ApiUri { get; }
        /// <summary>Where the token came from; null for a GitHub App session (see <see cref="App"/>).</summary>
        public GhTokenSource? TokenSource { get; }
        /// <summary>The installation tokens of a GitHub App session; null for a token session.</summary>
        public GitHubAppTokens? App { get; }
        /// <summary>The session's own copy, read by the policy on every request (so it may be tuned while the session lives).</summary>
        public GhHttpPolicy Policy { get; }
        public string? DefaultOwner { get; }
        public string? DefaultRepository { get; }
        public GitHubApi Api { get; }
        /// <summary>The repositories' environments as tab completion knows them (a request a minute at most).</summary>
        public EnvironmentCache Environments { get; }
        /// <summary>The session's clock (the machine's): the policy's waits, token lifetimes, and the waits of long operations.</summary>
        public TimeProvider Time => transport.Time;
        public GhRateLimit? LastRateLimit => transport.LastRateLimit;
        public GhRateLimit? LastGraphQLRateLimit => transport.LastGraphQLRateLimit;

        /// <summary>What Get-GhContext shows: never a token, a JWT or a key.</summary>
        public GhContext ToContext() => new GhContext
        {
            HostName = ApiUri.Host,
            ApiUri = ApiUri,
            AuthKind = App != null ? "GitHubApp" : "Token",
            TokenSource = App != null ? "GitHubApp" : TokenSource?.ToString() ?? "",
            AppId = App?.AppId,
            InstallationId = App?.InstallationId,
            PrivateKeyPath = App?.KeyPath,
            TokenExpiresAt = App?.ExpiresAt,
            Owner = DefaultOwner,
            Repository = DefaultRepository,
            RateLimit = LastRateLimit,
            GraphQLRateLimit = LastGraphQLRateLimit,
            Policy = Policy.Clone(),
        };

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
            transport.Dispose();
            App?.Dispose();
        }
    }
}
