using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime.Serialization;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// The typed calls of GitHub's API the module makes, over Octokit's connection (so over the one policy handler).
    /// Request bodies are JSON built from dictionaries, so only the fields a caller gave are sent, with GitHub's names.
    /// Octokit ends here: every failure leaves as a <see cref="GhFailureException"/> (GitHub's answers as
    /// <see cref="GitHubApiException"/>), and every answer as the module's own types.
    /// </summary>
    internal sealed partial class GitHubApi
    {
        /// <summary>GitHub's maximum page size: a list costs as few requests as it can.</summary>
        public const int PageSize = 100;
        const string Json = "application/json";

        /// <summary>Every deployment's state, by the REST node_ids of a page: 100 nodes, one point of GraphQL's budget.</summary>
        internal const string StatesQuery = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { id state } } }";

        /// <summary>How far GitHub's clock may be behind ours when matching a status it created to the one we sent.</summary>
        static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

        static readonly SimpleJsonSerializer serializer = new SimpleJsonSerializer();
        readonly ApiTransport transport;
        readonly IGitHubCredentials credentials;
        readonly IConnection connection;
        readonly Uri graphQL;
        /// <summary>Whether GitHub's GraphQL API answers: null until first asked.</summary>
        bool? graphQLAvailable;

        public GitHubApi(ApiTransport transport, IGitHubCredentials credentials)
        {
            this.transport = transport;
            this.credentials = credentials;
            connection = transport.Connect(credentials);
            graphQL = GraphQLEndpoint.For(transport.ApiRoot);
        }

        /// <summary>
        /// Whether deployment states come from GitHub (GraphQL): false once GitHub's GraphQL API proved unavailable (then
        /// <see cref="GhDeployment.State"/> stays null and decisions read statuses instead); null before it was asked.
        /// </summary>
        public bool? StatesAvailable => graphQLAvailable;

        public static string ToJson(IDictionary<string, object?> body) => serializer.Serialize(body);

        /// <summary>How long <paramref name="writes"/> more writes take at the least under the session's pacing and write budget.</summary>
        public TimeSpan ForecastWrites(int writes) => transport.Handler.ForecastWrites(writes);

        // ---- deployments

        /// <summary>
        /// The repository's deployments, newest first, matching <paramref name="filters"/> (GitHub's query parameters:
        /// environment, ref, sha, task). <paramref name="skip"/> jumps whole pages without reading them.
        /// </summary>
        public Pager<GhDeployment> ListDeployments(RepositoryName repository, IDictionary<string, string> filters, ulong skip = 0)
        {
            var parameters = new Dictionary<string, string>(filters) { ["per_page"] = Number(PageSize) };
            var firstPage = skip / PageSize + 1;
            if (firstPage > 1) parameters["page"] = firstPage.ToString(CultureInfo.InvariantCulture);
            return new Pager<GhDeployment>(async (next, token) =>
            {
                var page = await GetPageAsync<WireDeployment, GhDeployment>(repository.Path("deployments"), parameters, next, d => d.ToDeployment(repository), Asked(repository), token).ConfigureAwait(false);
                await ReadStatesAsync(page.Items, token).ConfigureAwait(false);
                return page;
            }, (int)(skip % PageSize));
        }

        /// <summary>
        /// How many deployments match <paramref name="filters"/> (as <see cref="ListDeployments"/> takes them), in one request:
        /// a page of one deployment, whose rel="last" link numbers the last page, which is the count.
        /// </summary>
        public async Task<long> CountDeploymentsAsync(RepositoryName repository, IDictionary<string, string> filters, CancellationToken token)
        {
            var page = await GetPageAsync<WireDeployment, GhDeployment>(repository.Path("deployments"),
                new Dictionary<string, string>(filters) { ["per_page"] = "1" }, null, d => d.ToDeployment(repository), Asked(repository), token).ConfigureAwait(false);
            return page.LastPage ?? page.Items.Count;
        }

        public async Task<GhDeployment> GetDeploymentAsync(RepositoryName repository, long id, CancellationToken token)
        {
            var deployment = Read(await Call(() => connection.Get<WireDeployment>(repository.Path("deployments/" + Number(id)), null, null, token),
                Asked(repository, id)).ConfigureAwait(false)).ToDeployment(repository);
            await ReadStatesAsync(new[] { deployment }, token).ConfigureAwait(false);
            return deployment;
        }

        public async Task<CreatedDeployment> CreateDeploymentAsync(RepositoryName repository, DeploymentRequest request, CancellationToken token)
        {
            var body = ToJson(request.ToBody());
            var asked = Asked(repository);
            var response = await Call(() => connection.Post<WireDeployment>(repository.Path("deployments"), body, null, Json, (IDictionary<string, string>?)null, token), asked,
                api => api.StatusCode == HttpStatusCode.Conflict ? GitHubApiException.DeploymentConflicted(api, request.Ref) : Translate(api, asked)).ConfigureAwait(false);
            if (response.HttpResponse.StatusCode == HttpStatusCode.Accepted)
            {
                var message = response.HttpResponse.Body is string text ? serializer.Deserialize<WireMessage>(text)?.Message : null;
                return new CreatedDeployment { MergeMessage = message ?? "GitHub merged the default branch into the ref instead of creating a deployment." };
            }
            return new CreatedDeployment { Deployment = Read(response).ToDeployment(repository) };
        }

        /// <summary>DELETE: Octokit's takes no cancellation token; the operation's scope stops it (OperationScope).</summary>
        public Task DeleteDeploymentAsync(RepositoryName repository, long id) =>
            Call(() => connection.Delete(repository.Path("deployments/" + Number(id))), Asked(repository, id));

        // ---- statuses

        /// <summary>A deployment's statuses, newest first.</summary>
        public Pager<GhDeploymentStatus> ListStatuses(RepositoryName repository, long deploymentId) =>
            new Pager<GhDeploymentStatus>((next, token) => StatusPageAsync(repository, deploymentId, PageSize, next, token));

        /// <summary>The newest status, or null when the deployment has none: one request.</summary>
        public async Task<GhDeploymentStatus?> GetLatestStatusAsync(RepositoryName repository, long deploymentId, CancellationToken token)
        {
            var page = await StatusPageAsync(repository, deploymentId, 1, null, token).ConfigureAwait(false);
            return page.Items.FirstOrDefault();
        }

        public Task<GhDeploymentStatus> GetStatusAsync(RepositoryName repository, long deploymentId, long statusId, CancellationToken token) =>
            Call(async () => Read(await connection.Get<WireDeploymentStatus>(new Uri(StatusesPath(repository, deploymentId) + "/" + Number(statusId), UriKind.Relative), null, null, token).ConfigureAwait(false))
                .ToStatus(repository, deploymentId), "status " + Number(statusId) + " of " + Asked(repository, deploymentId));

        /// <summary>
        /// Creates a status. A 5xx or a lost connection leaves it unknown whether GitHub applied the POST, and a second
        /// identical status is not harmless (it re-triggers auto_inactive and webhooks), so before sending it again this
        /// looks: if the newest status is the one we sent, created since we sent it, the first attempt took effect.
        /// </summary>
        public Task<GhDeploymentStatus> CreateStatusAsync(RepositoryName repository, long deploymentId, StatusRequest request, CancellationToken token)
        {
            var path = StatusesPath(repository, deploymentId);
            var body = ToJson(request.ToBody());
            return AmbiguousWrite.SendAsync("POST " + path,
                t => Call(async () => Read(await connection.Post<WireDeploymentStatus>(path, body, null, Json, (IDictionary<string, string>?)null, t).ConfigureAwait(false))
                    .ToStatus(repository, deploymentId), Asked(repository, deploymentId)),
                async (sentAt, t) =>
                {
                    var latest = await GetLatestStatusAsync(repository, deploymentId, t).ConfigureAwait(false);
                    if (latest == null || !request.Matches(latest) || latest.CreatedAt < sentAt - ClockSkew) return null;
                    OperationScope.Log(LogLevel.Verbose, "It was: status " + latest.Id + " is the one sent.");
                    return latest;
                },
                "sending it again", transport.Policy, transport.Time, token);
        }

        Task<Page<GhDeploymentStatus>> StatusPageAsync(RepositoryName repository, long deploymentId, int pageSize, Uri? next, CancellationToken token) =>
            GetPageAsync<WireDeploymentStatus, GhDeploymentStatus>(StatusesPath(repository, deploymentId),
                new Dictionary<string, string> { ["per_page"] = Number(pageSize) }, next, s => s.ToStatus(repository, deploymentId), Asked(repository, deploymentId), token);

        static Uri StatusesPath(RepositoryName repository, long deploymentId) => repository.Path("deployments/" + Number(deploymentId) + "/statuses");

        // ---- state, through GraphQL

        /// <summary>
        /// Fills in each deployment's <see cref="GhDeployment.State"/> as GitHub keeps it on the deployment (GraphQL
        /// <c>Deployment.state</c>, which outlives the 90 days GitHub keeps statuses), 100 deployments a query. Where
        /// GitHub's GraphQL API is not available (an old Enterprise Server answers 404; a token GraphQL refuses, 401 or
        /// 403) the states stay null, and one warning says why, once.
        /// </summary>
        public async Task ReadStatesAsync(IReadOnlyList<GhDeployment> deployments, CancellationToken token)
        {
            for (var first = 0; first < deployments.Count && graphQLAvailable != false; first += PageSize)
            {
                var batch = deployments.Skip(first).Take(PageSize).ToList();
                WireDeploymentNodes data;
                try
                {
                    data = await QueryAsync<WireDeploymentNodes>(StatesQuery,
                        new Dictionary<string, object?> { ["ids"] = batch.Select(d => (object?)d.NodeId).ToList() }, token).ConfigureAwait(false);
                }
                catch (GitHubApiException ex) when (ex.Kind == GhFailureKind.Refused && (ex.Status == 401 || ex.Status == 403 || ex.Status == 404))
                {
                    graphQLAvailable = false;
                    OperationScope.Log(LogLevel.Warning, string.Format(CultureInfo.InvariantCulture,
                        "GitHub's GraphQL API is not available here (GitHub answered {0} to POST {1}), so deployment states are not shown, and what "
                        + "needs a state reads each deployment's newest status instead. GitHub keeps statuses for 90 days only: an older deployment "
                        + "shows no status, and is treated as not yet inactive.", ex.Status, graphQL));
                    return;
                }
                graphQLAvailable = true;
                var states = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var node in data.Nodes ?? new List<WireDeploymentNode?>())
                    if (node?.Id != null) states[node.Id] = node.State?.ToLowerInvariant();
                foreach (var deployment in batch)
                    deployment.State = states.TryGetValue(deployment.NodeId, out var state) ? state : null;
            }
        }

        /// <summary>
        /// A GraphQL query, POSTed through the one policy as a read (<see cref="GraphQLQuery"/>). A 200 with <c>errors</c>
        /// is a <see cref="GraphQLException"/>, except NOT_FOUND for some of a list's nodes: those come back null.
        /// </summary>
        async Task<T> QueryAsync<T>(string query, IDictionary<string, object?> variables, CancellationToken token) where T : class
        {
            var body = ToJson(new Dictionary<string, object?> { ["query"] = query, ["variables"] = variables });
            var response = await Call(async () =>
            {
                using (GraphQLQuery.Begin())
                    return await connection.Post<WireGraphQLResponse<T>>(graphQL, body, null, Json, (IDictionary<string, string>?)null, token).ConfigureAwait(false);
            }).ConfigureAwait(false);
            var answer = response.Body;
            var errors = answer?.Errors ?? new List<WireGraphQLError>();
            if (answer?.Data == null || errors.Any(e => e.Type != WireGraphQLError.NotFoundType))
                throw errors.Count > 0 ? new GraphQLException(errors)
                    : new GhFailureException(GhFailureKind.Unexpected, "GitHub's GraphQL API answered POST " + graphQL + " without data.");
            return answer.Data;
        }

        // ---- the account and the app

        /// <summary>GET /user: whether the token is good (Connect-GhAccount -Validate).</summary>
        public Task GetAuthenticatedUserAsync(CancellationToken token) =>
            Call(() => connection.Get<WireUser>(new Uri("user", UriKind.Relative), null, null, token));

        /// <summary>
        /// POST app/installations/{id}/access_tokens: an installation token, asked for with the credentials this API was
        /// made with (a GitHub App's JWT). The caller owns the token in the answer and clears it.
        /// </summary>
        public Task<WireInstallationToken> CreateInstallationTokenAsync(Uri path, CancellationToken token) =>
            Call(async () =>
            {
                var response = await connection.Post<WireInstallationToken>(path, token).ConfigureAwait(false);
                var body = response.Body ?? new WireInstallationToken();
                body.ServerDate = ServerDate(response.HttpResponse);
                return body;
            });

        static DateTimeOffset? ServerDate(IResponse? response)
        {
            var headers = response?.Headers;
            if (headers == null) return null;
            foreach (var header in headers.Where(h => string.Equals(h.Key, "Date", StringComparison.OrdinalIgnoreCase)))
                if (DateTimeOffset.TryParseExact(header.Value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                    return date;
            return null;
        }

        // ---- the edge

        /// <summary>
        /// Runs one Octokit call; its failures leave as the module's own (GitHub's answers through <paramref name="translate"/>,
        /// by default <see cref="Translate"/>, which names <paramref name="asked"/> in a 404).
        /// A 401 to a credential that can be had anew (an installation token) is not final: the credential is renewed
        /// and the call made once more (a 401 means GitHub applied nothing, so even a POST may go again); a second 401 is.
        /// </summary>
        async Task<T> Call<T>(Func<Task<T>> call, string? asked = null, Func<ApiException, GitHubApiException>? translate = null)
        {
            translate ??= api => Translate(api, asked);
            for (var renewed = false; ; renewed = true)
            {
                GitHubCredential? refused;
                var (use, scope) = CredentialUse.Begin();
                try
                {
                    using (scope) return await call().ConfigureAwait(false);
                }
                catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized && !renewed && use.Credential != null)
                {
                    refused = use.Credential;
                    if (!await credentials.RenewAsync(refused, OperationScope.Current?.Token ?? CancellationToken.None).ConfigureAwait(false))
                        throw translate(ex);
                }
                catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized && renewed)
                {
                    throw GitHubApiException.From(ex, asked, credentials.RefusedAgainAdvice, connection.BaseAddress);
                }
                catch (ApiException ex)
                {
                    throw translate(ex);
                }
                catch (HttpRequestException ex)
                {
                    throw new GhFailureException(GhFailureKind.NetworkError, ex.Message, ex);
                }
                catch (SerializationException ex)
                {
                    // Labelled JSON, begun like JSON, and still not JSON (cut short, say).
                    throw new GhFailureException(GhFailureKind.InvalidResponse, "GitHub's answer" + (asked == null ? "" : " for " + asked) + " from "
                        + connection.BaseAddress.Authority + " is not JSON the module can read: " + ex.Message, ex);
                }
                OperationScope.Log(LogLevel.Verbose, "GitHub refused the credential (401); sending the request once more with a new one.");
            }
        }

        /// <summary>GitHub's refusal as the module's own failure, naming what was asked for (a 404) and the host (an answer that is not JSON).</summary>
        GitHubApiException Translate(ApiException api, string? asked) => GitHubApiException.From(api, asked, apiRoot: connection.BaseAddress);

        /// <summary>The answer's object. Octokit reads "{}" as no object at all; that is no answer to build on either.</summary>
        T Read<T>(IApiResponse<T> response) where T : class =>
            response.Body ?? throw new GhFailureException(GhFailureKind.InvalidResponse, string.Format(CultureInfo.InvariantCulture,
                "GitHub's answer ({0}, {1}) from {2} holds no object where GitHub answers one.",
                (int)response.HttpResponse.StatusCode, response.HttpResponse.ContentType ?? "no Content-Type", connection.BaseAddress.Authority));

        /// <summary>"repository octo-org/hello-world": what a 404 to a repository's list or a new item names.</summary>
        static string Asked(RepositoryName repository) => "repository " + repository;

        /// <summary>"octo-org/hello-world deployment 7"</summary>
        static string Asked(RepositoryName repository, long deploymentId) => repository + " deployment " + Number(deploymentId);

        Task<Page<TOut>> GetPageAsync<TWire, TOut>(Uri first, IDictionary<string, string> parameters, Uri? next, Func<TWire, TOut> map, string asked, CancellationToken token) =>
            GetPageAsync<List<TWire>, TOut>(first, parameters, next, body => (body ?? new List<TWire>()).Select(map), asked, token);

        /// <summary>A page of a list GitHub wraps in an object (<c>{ total_count, environments: [...] }</c>): <paramref name="read"/> takes the items out.</summary>
        Task<Page<TOut>> GetPageAsync<TBody, TOut>(Uri first, IDictionary<string, string> parameters, Uri? next, Func<TBody?, IEnumerable<TOut>> read, string asked, CancellationToken token)
            where TBody : class =>
            Call(async () =>
            {
                var response = next == null
                    ? await connection.Get<TBody>(first, parameters, null, token).ConfigureAwait(false)
                    : await connection.Get<TBody>(next, null, null, token).ConfigureAwait(false);
                var links = response.HttpResponse.ApiInfo.Links;
                links.TryGetValue("next", out var nextPage);
                if (nextPage != null && !GitHubPolicyHandler.SameOrigin(nextPage, connection.BaseAddress))
                    throw new GhFailureException(GhFailureKind.Unexpected, "GitHub's Link header named a next page on another host (" + nextPage.Host
                        + "); it is not followed, so the token stays with " + connection.BaseAddress.Host + ".");
                return new Page<TOut>(read(response.Body).ToList(), nextPage,
                    links.TryGetValue("last", out var last) ? PageNumber(last) : null);
            }, asked);

        static int? PageNumber(Uri link)
        {
            foreach (var part in link.Query.TrimStart('?').Split('&'))
                if (part.StartsWith("page=", StringComparison.Ordinal) && int.TryParse(part.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    return number;
            return null;
        }

        static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
