using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
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

        /// <summary>How far GitHub's clock may be behind ours when matching a status it created to the one we sent.</summary>
        static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

        static readonly SimpleJsonSerializer serializer = new SimpleJsonSerializer();
        readonly ApiTransport transport;
        readonly IConnection connection;

        public GitHubApi(ApiTransport transport, IGitHubCredentials credentials)
        {
            this.transport = transport;
            connection = transport.Connect(credentials);
        }

        public static string ToJson(IDictionary<string, object?> body) => serializer.Serialize(body);

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
            return new Pager<GhDeployment>((next, token) => GetPageAsync<WireDeployment, GhDeployment>(
                repository.Path("deployments"), parameters, next, d => d.ToDeployment(repository), token), (int)(skip % PageSize));
        }

        public Task<GhDeployment> GetDeploymentAsync(RepositoryName repository, long id, CancellationToken token) =>
            Call(async () => (await connection.Get<WireDeployment>(repository.Path("deployments/" + Number(id)), null, null, token).ConfigureAwait(false))
                .Body.ToDeployment(repository));

        public async Task<CreatedDeployment> CreateDeploymentAsync(RepositoryName repository, DeploymentRequest request, CancellationToken token)
        {
            var body = ToJson(request.ToBody());
            var response = await Call(() => connection.Post<WireDeployment>(repository.Path("deployments"), body, null, Json, (IDictionary<string, string>?)null, token),
                api => api.StatusCode == HttpStatusCode.Conflict ? GitHubApiException.DeploymentConflicted(api, request.Ref) : GitHubApiException.From(api)).ConfigureAwait(false);
            if (response.HttpResponse.StatusCode == HttpStatusCode.Accepted)
            {
                var message = response.HttpResponse.Body is string text ? serializer.Deserialize<WireMessage>(text)?.Message : null;
                return new CreatedDeployment { MergeMessage = message ?? "GitHub merged the default branch into the ref instead of creating a deployment." };
            }
            return new CreatedDeployment { Deployment = response.Body.ToDeployment(repository) };
        }

        /// <summary>DELETE: Octokit's takes no cancellation token; the operation's scope stops it (OperationScope).</summary>
        public Task DeleteDeploymentAsync(RepositoryName repository, long id) =>
            Call(() => connection.Delete(repository.Path("deployments/" + Number(id))));

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
            Call(async () => (await connection.Get<WireDeploymentStatus>(new Uri(StatusesPath(repository, deploymentId) + "/" + Number(statusId), UriKind.Relative), null, null, token).ConfigureAwait(false))
                .Body.ToStatus(repository, deploymentId));

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
                t => Call(async () => (await connection.Post<WireDeploymentStatus>(path, body, null, Json, (IDictionary<string, string>?)null, t).ConfigureAwait(false))
                    .Body.ToStatus(repository, deploymentId)),
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
                new Dictionary<string, string> { ["per_page"] = Number(pageSize) }, next, s => s.ToStatus(repository, deploymentId), token);

        static Uri StatusesPath(RepositoryName repository, long deploymentId) => repository.Path("deployments/" + Number(deploymentId) + "/statuses");

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

        /// <summary>Runs one Octokit call; its failures leave as the module's own (GitHub's answers through <paramref name="translate"/>).</summary>
        static async Task<T> Call<T>(Func<Task<T>> call, Func<ApiException, GitHubApiException>? translate = null)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (ApiException ex)
            {
                throw (translate ?? GitHubApiException.From)(ex);
            }
            catch (HttpRequestException ex)
            {
                throw new GhFailureException(GhFailureKind.NetworkError, ex.Message, ex);
            }
        }

        Task<Page<TOut>> GetPageAsync<TWire, TOut>(Uri first, IDictionary<string, string> parameters, Uri? next, Func<TWire, TOut> map, CancellationToken token) =>
            GetPageAsync<List<TWire>, TOut>(first, parameters, next, body => (body ?? new List<TWire>()).Select(map), token);

        /// <summary>A page of a list GitHub wraps in an object (<c>{ total_count, environments: [...] }</c>): <paramref name="read"/> takes the items out.</summary>
        Task<Page<TOut>> GetPageAsync<TBody, TOut>(Uri first, IDictionary<string, string> parameters, Uri? next, Func<TBody?, IEnumerable<TOut>> read, CancellationToken token)
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
            });

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
