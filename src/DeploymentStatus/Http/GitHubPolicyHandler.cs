using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.Http
{
    /// <summary>Rate-limit headers of the last response GitHub sent.</summary>
    public sealed class GhRateLimit
    {
        public int Limit { get; internal set; }
        public int Remaining { get; internal set; }
        public int Used { get; internal set; }
        public DateTimeOffset Reset { get; internal set; }
        public string Resource { get; internal set; } = "";

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0}/{1} ({2}), resets {3:u}", Remaining, Limit, Resource, Reset);

        internal static GhRateLimit? From(HttpResponseMessage response)
        {
            var limit = Header(response, "x-ratelimit-limit");
            var remaining = Header(response, "x-ratelimit-remaining");
            if (limit == null || remaining == null) return null;
            return new GhRateLimit
            {
                Limit = ParseInt(limit),
                Remaining = ParseInt(remaining),
                Used = ParseInt(Header(response, "x-ratelimit-used")),
                Reset = DateTimeOffset.FromUnixTimeSeconds(ParseLong(Header(response, "x-ratelimit-reset"))),
                Resource = Header(response, "x-ratelimit-resource") ?? "",
            };
        }

        internal static string? Header(HttpResponseMessage response, string name) =>
            response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

        static int ParseInt(string? s) => int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;

        static long ParseLong(string? s) => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : 0;
    }

    /// <summary>
    /// The one HTTP policy under Octokit: every request the module sends passes here. It sets GitHub's media types,
    /// bounds each attempt in time, retries what GitHub's rules say may be retried, waits out rate limits, keeps
    /// writes from overlapping and paces them, caps parallel reads, and reports what it does (never a header value
    /// but the rate-limit ones, so never a token) to the operation's message queue.
    /// </summary>
    internal sealed class GitHubPolicyHandler : DelegatingHandler
    {
        /// <summary>
        /// GitHub's media type plus the two previews older GitHub Enterprise Server needs for deployment statuses:
        /// flash (in_progress, queued, environment, auto_inactive) and ant-man (inactive, log_url, environment_url).
        /// </summary>
        public const string AcceptMediaTypes =
            "application/vnd.github+json, application/vnd.github.flash-preview+json, application/vnd.github.ant-man-preview+json";

        const string SecondaryLimitText = "secondary rate limit";

        readonly GhHttpPolicy policy;
        readonly Action<GhRateLimit> onRateLimit;
        readonly SemaphoreSlim writeGate = new SemaphoreSlim(1, 1);
        readonly SemaphoreSlim readGate;
        readonly Random jitter = new Random();
        DateTimeOffset nextWriteAt = DateTimeOffset.MinValue;

        public GitHubPolicyHandler(GhHttpPolicy policy, Action<GhRateLimit> onRateLimit, HttpMessageHandler inner) : base(inner)
        {
            this.policy = policy;
            this.onRateLimit = onRateLimit;
            readGate = new SemaphoreSlim(policy.MaxParallelReads, policy.MaxParallelReads);
        }

        internal static bool IsRead(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var scope = OperationScope.Current;
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, scope?.Token ?? CancellationToken.None);
            var token = linked.Token;

            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", AcceptMediaTypes);
            var body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

            var write = !IsRead(request.Method);
            var gate = write ? writeGate : readGate;
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (write)
                {
                    var wait = nextWriteAt - DateTimeOffset.UtcNow;
                    if (wait > TimeSpan.Zero) await Task.Delay(wait, token).ConfigureAwait(false);
                }
                return await SendWithRetriesAsync(request, body, token).ConfigureAwait(false);
            }
            finally
            {
                if (write) nextWriteAt = DateTimeOffset.UtcNow + GhHttpPolicy.Seconds(policy.WriteIntervalSeconds);
                gate.Release();
            }
        }

        async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, byte[]? body, CancellationToken token)
        {
            var what = request.Method + " " + request.RequestUri;
            var timeout = GhHttpPolicy.Seconds(policy.TimeoutSeconds);
            var secondaryHits = 0;
            for (var attempt = 0; ; attempt++)
            {
                var retriesLeft = attempt < policy.MaxRetries;
                var clock = Stopwatch.StartNew();
                HttpResponseMessage response;
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    attemptCts.CancelAfter(timeout);
                    try
                    {
                        response = await base.SendAsync(Copy(request, body), attemptCts.Token).ConfigureAwait(false);
                        await BufferAsync(response, attemptCts.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                    {
                        throw new GhFailureException(GhFailureKind.Timeout,
                            string.Format(CultureInfo.InvariantCulture, "{0} got no answer within {1:0.###} s.", what, timeout.TotalSeconds), ex);
                    }
                    catch (HttpRequestException ex) when (!token.IsCancellationRequested)
                    {
                        // A GET or DELETE may be sent again whatever happened. Any other method only when the
                        // connection was never made: then the server cannot have applied it.
                        var retry = retriesLeft && (IsIdempotent(request.Method) || NeverConnected(ex));
                        if (!retry)
                            throw new GhFailureException(GhFailureKind.NetworkError, what + " failed: " + Innermost(ex).Message, ex);
                        var wait = Backoff(attempt);
                        Log(LogLevel.Verbose, "{0} failed ({1}); try {2} of {3} in {4:0.###} s.", what, Innermost(ex).Message, attempt + 2, policy.MaxRetries + 1, wait.TotalSeconds);
                        await Task.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                }

                var rate = GhRateLimit.From(response);
                if (rate != null) onRateLimit(rate);
                var status = (int)response.StatusCode;
                Log(LogLevel.Verbose, "{0} -> {1} in {2} ms{3}", what, status, clock.ElapsedMilliseconds, rate == null ? "" : "; rate limit " + rate);

                if (status == 403 || status == 429)
                {
                    var text = response.Content == null ? "" : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    var retryAfter = RetryAfter(response);
                    if (rate != null && rate.Remaining == 0 && retryAfter == null && text.IndexOf(SecondaryLimitText, StringComparison.OrdinalIgnoreCase) < 0)
                    {
                        // Primary limit: nothing helps before the reset. Wait for it when it is near, else fail now.
                        var wait = rate.Reset - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
                        if (wait < TimeSpan.Zero) wait = TimeSpan.Zero;
                        if (!retriesLeft || wait > GhHttpPolicy.Seconds(policy.MaxRateLimitWaitSeconds))
                        {
                            response.Dispose();
                            throw new GhFailureException(GhFailureKind.RateLimited, string.Format(CultureInfo.InvariantCulture,
                                "GitHub's rate limit of {0} requests ({1}) is used up until {2:u}, {3:0} s from now.",
                                rate.Limit, rate.Resource, rate.Reset, (rate.Reset - DateTimeOffset.UtcNow).TotalSeconds));
                        }
                        Log(LogLevel.Warning, "GitHub's rate limit is used up; waiting {0:0.###} s for its reset at {1:u}.", wait.TotalSeconds, rate.Reset);
                        response.Dispose();
                        await Task.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                    if (status == 429 || retryAfter != null || text.IndexOf(SecondaryLimitText, StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        // Secondary limit: GitHub refused the request without applying it, so any method may be
                        // sent again. Wait retry-after if given, else at least a minute, doubling on each repeat.
                        secondaryHits++;
                        if (!retriesLeft)
                        {
                            response.Dispose();
                            throw new GhFailureException(GhFailureKind.RateLimited, string.Format(CultureInfo.InvariantCulture,
                                "GitHub's secondary rate limit still refused {0} after {1} tries.", what, attempt + 1));
                        }
                        var wait = retryAfter ?? TimeSpan.FromTicks(GhHttpPolicy.Seconds(policy.SecondaryLimitWaitSeconds).Ticks << Math.Min(secondaryHits - 1, 10));
                        Log(LogLevel.Warning, "GitHub's secondary rate limit answered {0}; waiting {1:0.###} s (try {2} of {3}).", status, wait.TotalSeconds, attempt + 2, policy.MaxRetries + 1);
                        response.Dispose();
                        await Task.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                    return response;
                }

                if (IsTransient(status) && retriesLeft && IsIdempotent(request.Method))
                {
                    // A POST that met a 5xx may have been applied: it is not sent again here. The services
                    // that can check what GitHub holds (status creation) reconcile and retry themselves.
                    var wait = Backoff(attempt);
                    Log(LogLevel.Verbose, "{0} answered {1}; try {2} of {3} in {4:0.###} s.", what, status, attempt + 2, policy.MaxRetries + 1, wait.TotalSeconds);
                    response.Dispose();
                    await Task.Delay(wait, token).ConfigureAwait(false);
                    continue;
                }
                return response;
            }
        }

        static bool IsTransient(int status) => status == 500 || status == 502 || status == 503 || status == 504;

        static bool IsIdempotent(HttpMethod method) => IsRead(method) || method == HttpMethod.Delete || method == HttpMethod.Put;

        static bool NeverConnected(Exception ex)
        {
            for (var e = ex; e != null; e = e.InnerException)
                if (e is SocketException se && (se.SocketErrorCode == SocketError.ConnectionRefused || se.SocketErrorCode == SocketError.HostNotFound))
                    return true;
            return false;
        }

        static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var value = GhRateLimit.Header(response, "retry-after");
            if (value == null) return null;
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return GhHttpPolicy.Seconds(seconds);
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when))
            {
                var wait = when - DateTimeOffset.UtcNow;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
            return null;
        }

        /// <summary>Exponential backoff with jitter: half the step fixed, half random.</summary>
        TimeSpan Backoff(int attempt)
        {
            var step = Math.Min(policy.MaxRetryDelaySeconds, policy.RetryBaseDelaySeconds * Math.Pow(2, attempt));
            double r;
            lock (jitter) r = jitter.NextDouble();
            return GhHttpPolicy.Seconds(step * (0.5 + r / 2));
        }

        static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body)
        {
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version };
            foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            if (body != null && request.Content != null)
            {
                copy.Content = new ByteArrayContent(body);
                foreach (var header in request.Content.Headers) copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
            return copy;
        }

        /// <summary>Reads the whole answer within the attempt's time, so a server that stalls mid-body times out too.</summary>
        static async Task BufferAsync(HttpResponseMessage response, CancellationToken token)
        {
            if (response.Content == null) return;
            var load = response.Content.LoadIntoBufferAsync();
            var cancelled = new TaskCompletionSource<bool>();
            using (token.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(load, cancelled.Task).ConfigureAwait(false) != load)
                {
                    response.Dispose();
                    token.ThrowIfCancellationRequested();
                }
            }
            await load.ConfigureAwait(false);
        }

        static void Log(LogLevel level, string format, params object[] args) =>
            OperationScope.Log(level, string.Format(CultureInfo.InvariantCulture, format, args));

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                writeGate.Dispose();
                readGate.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
