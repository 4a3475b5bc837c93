using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DeploymentStatus.Http;
using Octokit;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// Polling at no rate-limit cost: GETs sent with <c>If-None-Match</c> naming the ETag of the last answer
    /// (<see cref="ConditionalRequest"/>, which the policy handler adds), so that GitHub answers <c>304 Not Modified</c>,
    /// which it does not count against the rate limit, for as long as nothing has changed. The ETag comes from Octokit's
    /// ApiInfo; a 304 reaches here as an answer without a body (Octokit treats only 4xx and 5xx as errors).
    /// No GraphQL state is read here: a state query is a POST, never free.
    /// </summary>
    internal sealed partial class GitHubApi
    {
        const string PollIntervalHeader = "X-Poll-Interval";

        /// <summary>A deployment's newest statuses (up to 100, newest first), unless they are as they were when <paramref name="etag"/> was sent.</summary>
        public Task<Polled<IReadOnlyList<GhDeploymentStatus>>> PollStatusesAsync(RepositoryName repository, long deploymentId, string? etag, CancellationToken token) =>
            PollAsync<List<WireDeploymentStatus>, IReadOnlyList<GhDeploymentStatus>>(StatusesPath(repository, deploymentId),
                new Dictionary<string, string> { ["per_page"] = Number(PageSize) }, etag,
                body => (body ?? new List<WireDeploymentStatus>()).Select(s => s.ToStatus(repository, deploymentId)).ToList(), token);

        /// <summary>
        /// The newest deployment matching <paramref name="filters"/> (GitHub's query parameters: environment, ref, sha, task), or
        /// null when none does, unless that is as it was when <paramref name="etag"/> was sent. Its <see cref="GhDeployment.State"/>
        /// stays null (no GraphQL).
        /// </summary>
        public Task<Polled<GhDeployment?>> PollNewestDeploymentAsync(RepositoryName repository, IDictionary<string, string> filters, string? etag, CancellationToken token) =>
            PollAsync<List<WireDeployment>, GhDeployment?>(repository.Path("deployments"),
                new Dictionary<string, string>(filters) { ["per_page"] = "1" }, etag,
                body => body?.FirstOrDefault()?.ToDeployment(repository), token);

        Task<Polled<TOut>> PollAsync<TBody, TOut>(Uri path, IDictionary<string, string> parameters, string? etag, Func<TBody?, TOut> read, CancellationToken token)
            where TBody : class =>
            Call(async () =>
            {
                IApiResponse<TBody> response;
                using (ConditionalRequest.Begin(etag))
                    response = await connection.Get<TBody>(path, parameters, null, token).ConfigureAwait(false);
                var answer = response.HttpResponse;
                var interval = PollInterval(answer);
                var tag = string.IsNullOrEmpty(answer.ApiInfo?.Etag) ? null : answer.ApiInfo!.Etag;
                return answer.StatusCode == HttpStatusCode.NotModified
                    ? Polled<TOut>.NotModified(tag ?? etag, interval)
                    : Polled<TOut>.Answered(read(response.Body), tag, interval);
            });

        static TimeSpan? PollInterval(IResponse answer) =>
            double.TryParse(GitHubApiException.Header(answer, PollIntervalHeader), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                ? GhHttpPolicy.Seconds(seconds)
                : (TimeSpan?)null;
    }
}
