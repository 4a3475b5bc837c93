using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using Octokit;
using Octokit.Internal;

namespace DeploymentStatus.GitHub
{
    /// <summary>One page of a list and the address of the next one (from the Link header), if any.</summary>
    internal sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, Uri? next, int? lastPage)
        {
            Items = items;
            Next = next;
            LastPage = lastPage;
        }

        public IReadOnlyList<T> Items { get; }
        public Uri? Next { get; }
        /// <summary>The number of the last page, from the Link header's rel="last", when GitHub gave it.</summary>
        public int? LastPage { get; }

        public Page<TOut> Select<TOut>(Func<T, TOut> map) => new Page<TOut>(Items.Select(map).ToList(), Next, LastPage);
    }

    /// <summary>What POST /deployments gave: a deployment, or (202) the message of the merge GitHub did instead.</summary>
    internal sealed class CreatedDeployment
    {
        public GhDeployment? Deployment { get; set; }
        public string? MergeMessage { get; set; }
    }

    /// <summary>
    /// The typed calls of the deployments and statuses API, over Octokit's connection (so over the policy handler).
    /// Request bodies are JSON built from dictionaries, so only the fields a caller gave are sent, with GitHub's names.
    /// </summary>
    internal sealed class GitHubApi
    {
        /// <summary>GitHub's maximum page size: a list costs as few requests as it can.</summary>
        public const int PageSize = 100;
        const string Json = "application/json";

        static readonly SimpleJsonSerializer serializer = new SimpleJsonSerializer();
        readonly IConnection connection;

        public GitHubApi(IConnection connection) => this.connection = connection;

        public static string ToJson(IDictionary<string, object?> body) => serializer.Serialize(body);

        // ---- deployments

        /// <summary>The first page when <paramref name="next"/> is null, else the page it names.</summary>
        public async Task<Page<GhDeployment>> ListDeploymentsAsync(RepositoryName repository, IDictionary<string, string> filters, Uri? next, CancellationToken token)
        {
            var page = await GetPageAsync<WireDeployment>(repository.Path("deployments"), filters, next, token).ConfigureAwait(false);
            return page.Select(d => d.ToDeployment(repository));
        }

        public async Task<GhDeployment> GetDeploymentAsync(RepositoryName repository, long id, CancellationToken token)
        {
            var response = await connection.Get<WireDeployment>(repository.Path("deployments/" + Id(id)), null, null, token).ConfigureAwait(false);
            return response.Body.ToDeployment(repository);
        }

        public async Task<CreatedDeployment> CreateDeploymentAsync(RepositoryName repository, DeploymentRequest request, CancellationToken token)
        {
            var response = await connection.Post<WireDeployment>(repository.Path("deployments"), ToJson(request.ToBody()), null, Json, (IDictionary<string, string>?)null, token).ConfigureAwait(false);
            if (response.HttpResponse.StatusCode == HttpStatusCode.Accepted)
            {
                var message = response.HttpResponse.Body is string text ? serializer.Deserialize<WireMessage>(text)?.Message : null;
                return new CreatedDeployment { MergeMessage = message ?? "GitHub merged the default branch into the ref instead of creating a deployment." };
            }
            return new CreatedDeployment { Deployment = response.Body.ToDeployment(repository) };
        }

        public Task DeleteDeploymentAsync(RepositoryName repository, long id) =>
            connection.Delete(repository.Path("deployments/" + Id(id)));

        // ---- statuses

        public async Task<Page<GhDeploymentStatus>> ListStatusesAsync(RepositoryName repository, long deploymentId, int pageSize, Uri? next, CancellationToken token)
        {
            var page = await GetPageAsync<WireDeploymentStatus>(StatusesPath(repository, deploymentId),
                new Dictionary<string, string> { ["per_page"] = pageSize.ToString(CultureInfo.InvariantCulture) }, next, token).ConfigureAwait(false);
            return page.Select(s => s.ToStatus(repository, deploymentId));
        }

        /// <summary>The newest status, or null when the deployment has none: one request.</summary>
        public async Task<GhDeploymentStatus?> GetLatestStatusAsync(RepositoryName repository, long deploymentId, CancellationToken token)
        {
            var page = await ListStatusesAsync(repository, deploymentId, 1, null, token).ConfigureAwait(false);
            return page.Items.FirstOrDefault();
        }

        public async Task<GhDeploymentStatus> GetStatusAsync(RepositoryName repository, long deploymentId, long statusId, CancellationToken token)
        {
            var response = await connection.Get<WireDeploymentStatus>(new Uri(StatusesPath(repository, deploymentId) + "/" + Id(statusId), UriKind.Relative), null, null, token).ConfigureAwait(false);
            return response.Body.ToStatus(repository, deploymentId);
        }

        /// <summary>
        /// Creates a status. A 5xx or a dropped connection leaves it unknown whether GitHub applied the POST, and a
        /// second identical status is not harmless (it re-triggers auto_inactive and webhooks), so the policy handler
        /// does not resend it. Here we can look: if the newest status is the one we sent, created since we sent it,
        /// the first attempt took effect; otherwise it is sent again, within the policy's bounds.
        /// </summary>
        public async Task<GhDeploymentStatus> CreateStatusAsync(RepositoryName repository, long deploymentId, StatusRequest request, GhHttpPolicy policy, CancellationToken token)
        {
            var path = StatusesPath(repository, deploymentId);
            var body = ToJson(request.ToBody());
            for (var attempt = 0; ; attempt++)
            {
                var sentAt = DateTimeOffset.UtcNow;
                try
                {
                    var response = await connection.Post<WireDeploymentStatus>(path, body, null, Json, (IDictionary<string, string>?)null, token).ConfigureAwait(false);
                    return response.Body.ToStatus(repository, deploymentId);
                }
                catch (Exception ex) when (attempt < policy.MaxRetries && IsAmbiguous(ex) && !token.IsCancellationRequested)
                {
                    OperationScope.Log(LogLevel.Verbose, string.Format(CultureInfo.InvariantCulture,
                        "POST {0} failed ({1}); checking whether GitHub applied it.", path, ex.Message));
                    var latest = await GetLatestStatusAsync(repository, deploymentId, token).ConfigureAwait(false);
                    if (latest != null && request.Matches(latest) && latest.CreatedAt >= sentAt - ClockSkew)
                    {
                        OperationScope.Log(LogLevel.Verbose, "It was: status " + latest.Id + " is the one sent.");
                        return latest;
                    }
                    await Task.Delay(GhHttpPolicy.Seconds(policy.RetryBaseDelaySeconds * Math.Pow(2, attempt)), token).ConfigureAwait(false);
                }
            }
        }

        /// <summary>How far GitHub's clock may be behind ours when matching a status it created to the one we sent.</summary>
        static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

        static bool IsAmbiguous(Exception ex) =>
            (ex is ApiException api && (int)api.StatusCode >= 500)
            || (ex is GhFailureException failure && failure.Kind == GhFailureKind.NetworkError);

        static Uri StatusesPath(RepositoryName repository, long deploymentId) => repository.Path("deployments/" + Id(deploymentId) + "/statuses");

        static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

        async Task<Page<T>> GetPageAsync<T>(Uri first, IDictionary<string, string> parameters, Uri? next, CancellationToken token)
        {
            var response = next == null
                ? await connection.Get<List<T>>(first, parameters, null, token).ConfigureAwait(false)
                : await connection.Get<List<T>>(next, null, null, token).ConfigureAwait(false);
            var links = response.HttpResponse.ApiInfo.Links;
            links.TryGetValue("next", out var nextPage);
            if (nextPage != null && !GitHubPolicyHandler.SameOrigin(nextPage, connection.BaseAddress))
                throw new InvalidOperationException("GitHub's Link header named a next page on another host (" + nextPage.Host + "); it is not followed, so the token stays with " + connection.BaseAddress.Host + ".");
            return new Page<T>(response.Body ?? new List<T>(), nextPage, links.TryGetValue("last", out var last) ? PageNumber(last) : null);
        }

        static int? PageNumber(Uri link)
        {
            foreach (var part in link.Query.TrimStart('?').Split('&'))
                if (part.StartsWith("page=", StringComparison.Ordinal) && int.TryParse(part.Substring(5), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    return number;
            return null;
        }
    }
}
