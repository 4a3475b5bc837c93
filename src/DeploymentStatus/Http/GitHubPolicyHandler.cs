using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// The one HTTP policy under Octokit: every request the module sends passes here. It sets GitHub's media types,
    /// bounds each attempt in time, retries what GitHub's rules say may be retried, waits out rate limits, keeps
    /// writes from overlapping and paces them, caps parallel reads, keeps the token to the API's own origin, and
    /// reports what it does (never a header value but the rate-limit ones, so never a token) to the operation's
    /// message queue.
    /// </summary>
    /// <remarks>
    /// GitHub's rules, as this class applies them (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api
    /// and https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api). A response is
    /// classified on its status, headers and body, never on the exception type Octokit would make of it:
    /// <list type="bullet">
    /// <item>403 or 429 with <c>retry-after</c>: a secondary limit; wait that long, then try again.</item>
    /// <item>403 or 429 with <c>x-ratelimit-remaining: 0</c>, no secondary-limit message, and a body that speaks of a
    /// rate limit (or none): the primary limit; nothing helps before <c>x-ratelimit-reset</c>. Wait for it when it is
    /// within <see cref="GhHttpPolicy.MaxRateLimitWaitSeconds"/>, else fail at once with GhRateLimited naming the reset.
    /// (A retry-after beyond that cap fails at once the same way.)</item>
    /// <item>403 or 429 whose message speaks of a rate limit, and any other 429: a secondary limit; wait at least
    /// <see cref="GhHttpPolicy.SecondaryLimitWaitSeconds"/> (GitHub: one minute), doubling on each repeat.</item>
    /// <item>A GraphQL query answered 200 with an error of type <c>RATE_LIMITED</c>: the primary limit when
    /// <c>x-ratelimit-remaining</c> is 0, else a secondary one, waited for as above.</item>
    /// <item>500, 502, 503, 504 and a failed connection: transient; a GET, HEAD, PUT, DELETE or GraphQL query is sent
    /// again after an exponential backoff with jitter. A POST or PATCH is not (see <see cref="MaySendAgain"/>).</item>
    /// <item>Anything else (304 to a conditional GET, 400, 401, 403 that is no limit, 404, 409, 410, 422, 451 …) is
    /// GitHub's final answer and is handed to Octokit at once.</item>
    /// </list>
    /// A GET made inside a <see cref="ConditionalRequest"/> carries <c>If-None-Match</c>; its 304 (free: GitHub does not
    /// count it against the rate limit) is said so in the verbose message.
    /// Every wait and retry is bounded by <see cref="GhHttpPolicy.MaxRetries"/>, and every wait ends at once when the
    /// operation is cancelled (Ctrl+C).
    /// </remarks>
    internal sealed class GitHubPolicyHandler : DelegatingHandler
    {
        /// <summary>
        /// GitHub's media type plus the two previews older GitHub Enterprise Server needs for deployment statuses:
        /// flash (in_progress, queued, environment, auto_inactive) and ant-man (inactive, log_url, environment_url).
        /// </summary>
        public const string AcceptMediaTypes =
            "application/vnd.github+json, application/vnd.github.flash-preview+json, application/vnd.github.ant-man-preview+json";

        const string SecondaryLimitText = "secondary rate limit";
        const string GraphQLRateLimited = "\"RATE_LIMITED\"";
        const string RateLimitText = "rate limit";
        /// <summary>The answer to a conditional GET whose ETag still holds: GitHub's final answer, never retried, never an error.</summary>
        const int NotModified = 304;

        readonly GhHttpPolicy policy;
        readonly Uri? apiRoot;
        readonly Action<GhRateLimit> onRateLimit;
        readonly TimeProvider time;
        readonly WriteBudget? budget;
        readonly SemaphoreSlim writeGate = new SemaphoreSlim(1, 1);
        readonly SemaphoreSlim readGate;
        readonly Random jitter = new Random();
        DateTimeOffset nextWriteAt = DateTimeOffset.MinValue;

        /// <param name="policy">The knobs (read on every request, so a session's policy may be tuned while it lives).</param>
        /// <param name="apiRoot">The API root the token belongs to; a request to any other origin (scheme, host and port) is
        /// sent without the Authorization header. Null: no such check (only for tests of other rules).</param>
        /// <param name="onRateLimit">Told the rate-limit headers of every response.</param>
        /// <param name="time">The clock of the policy's own waits (backoff, rate limits, write pacing) and of "now". The
        /// timeout of an attempt bounds real I/O, so it runs on the real clock whatever this is.</param>
        /// <param name="budget">The write budget of the token (GitHub's content-creation limits); null: none (only for tests of other rules).</param>
        /// <param name="inner">The handler that does the I/O (with automatic redirects off: Octokit follows them above us).</param>
        public GitHubPolicyHandler(GhHttpPolicy policy, Uri? apiRoot, Action<GhRateLimit> onRateLimit, TimeProvider time, WriteBudget? budget, HttpMessageHandler inner) : base(inner)
        {
            this.policy = policy;
            this.apiRoot = apiRoot;
            this.onRateLimit = onRateLimit;
            this.time = time;
            this.budget = budget;
            readGate = new SemaphoreSlim(policy.MaxParallelReads, policy.MaxParallelReads);
        }

        internal static bool IsRead(HttpMethod method) => method == HttpMethod.Get || method == HttpMethod.Head;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // Octokit links every request to a fixed 100 s timeout of its own (Request.Timeout, not settable for GETs),
            // which would cut across the rate-limit waits and retries below and come out as a bare TaskCanceledException.
            // Under a cmdlet the operation's token (Ctrl+C) is the one that counts, and each attempt is bounded here by
            // the policy's own timeout; the caller's token is used only when no operation is in scope.
            var scope = OperationScope.Current;
            var token = scope != null ? scope.Token : cancellationToken;
            token.ThrowIfCancellationRequested();

            request.Headers.Accept.Clear();
            request.Headers.TryAddWithoutValidation("Accept", AcceptMediaTypes);
            if (IsRead(request.Method) && ConditionalRequest.IfNoneMatch is string etag)
            {
                // A conditional GET: GitHub answers 304 Not Modified, at no rate-limit cost, while the answer is unchanged.
                request.Headers.Remove(ConditionalRequest.IfNoneMatchHeader);
                request.Headers.TryAddWithoutValidation(ConditionalRequest.IfNoneMatchHeader, etag);
            }
            KeepTokenAtHome(request);
            var body = request.Content == null ? null : await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);

            var write = !IsRead(request.Method) && !GraphQLQuery.IsCurrent;
            var gate = write ? writeGate : readGate;
            await gate.WaitAsync(token).ConfigureAwait(false);
            try
            {
                if (write)
                {
                    // Writes never overlap (the gate) and follow each other at least WriteIntervalSeconds apart:
                    // GitHub's guidance for content-creating requests is one second.
                    var wait = nextWriteAt - time.GetUtcNow();
                    if (wait > TimeSpan.Zero) await time.Delay(wait, token).ConfigureAwait(false);
                }
                return await SendWithRetriesAsync(request, body, write, token).ConfigureAwait(false);
            }
            finally
            {
                if (write) nextWriteAt = time.GetUtcNow() + GhHttpPolicy.Seconds(policy.WriteIntervalSeconds);
                gate.Release();
            }
        }

        /// <summary>
        /// The token is for the API's origin only. Octokit follows redirects above this handler and drops the
        /// Authorization header only when the host name changes; a redirect to another port or from https to http
        /// on the same host would keep it. Here any origin but the API's own loses it.
        /// </summary>
        void KeepTokenAtHome(HttpRequestMessage request)
        {
            if (apiRoot == null || request.RequestUri == null || !request.Headers.Contains("Authorization")) return;
            if (SameOrigin(request.RequestUri, apiRoot)) return;
            request.Headers.Remove("Authorization");
            Log(LogLevel.Verbose, "{0} {1}://{2}:{3} is not the API's origin ({4}://{5}:{6}): sent without the Authorization header.",
                request.Method, request.RequestUri.Scheme, request.RequestUri.Host, request.RequestUri.Port, apiRoot.Scheme, apiRoot.Host, apiRoot.Port);
        }

        internal static bool SameOrigin(Uri a, Uri b) =>
            string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Host, b.Host, StringComparison.OrdinalIgnoreCase)
            && a.Port == b.Port;

        enum Verdict { Final, PrimaryLimit, SecondaryLimit, Transient }

        /// <summary>GitHub's rules on status, headers and body (see the class remarks).</summary>
        static Verdict Classify(int status, GhRateLimit? rate, TimeSpan? retryAfter, string text, bool query)
        {
            if (status == 200 && query)
            {
                // GraphQL answers its rate limits with 200 and an error of type RATE_LIMITED: the primary one when the
                // budget is spent (x-ratelimit-remaining: 0 and a reset), else a secondary one.
                if (text.IndexOf(GraphQLRateLimited, StringComparison.Ordinal) < 0) return Verdict.Final;
                return rate != null && rate.Remaining == 0 ? Verdict.PrimaryLimit : Verdict.SecondaryLimit;
            }
            if (status == 403 || status == 429)
            {
                if (retryAfter != null) return Verdict.SecondaryLimit;
                var secondaryMessage = text.IndexOf(SecondaryLimitText, StringComparison.OrdinalIgnoreCase) >= 0;
                var limitMessage = text.IndexOf(RateLimitText, StringComparison.OrdinalIgnoreCase) >= 0;
                // A 403 that spent the last unit of the budget for another reason ("Resource not accessible …")
                // also says remaining 0: it is that refusal, not the limit, unless the body speaks of a limit.
                if (rate != null && rate.Remaining == 0 && !secondaryMessage && (limitMessage || status == 429 || string.IsNullOrWhiteSpace(text)))
                    return Verdict.PrimaryLimit;
                if (secondaryMessage || limitMessage || status == 429) return Verdict.SecondaryLimit;
                return Verdict.Final;
            }
            return status == 500 || status == 502 || status == 503 || status == 504 ? Verdict.Transient : Verdict.Final;
        }

        async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage request, byte[]? body, bool write, CancellationToken token)
        {
            var what = request.Method + " " + request.RequestUri;
            var timeout = GhHttpPolicy.Seconds(policy.TimeoutSeconds);
            var tries = policy.MaxRetries + 1;
            var secondaryHits = 0;
            for (var attempt = 0; ; attempt++)
            {
                var retriesLeft = attempt < policy.MaxRetries;
                if (write) await SpendBudgetAsync(what, token).ConfigureAwait(false);
                var started = time.GetTimestamp();
                HttpResponseMessage response;
                using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(token))
                {
                    attemptCts.CancelAfter(timeout);
                    try
                    {
                        // The request itself the first time (its content is buffered above); a copy for each try after it, since
                        // a request message is sent once only.
                        response = await base.SendAsync(attempt == 0 ? request : Copy(request, body), attemptCts.Token).ConfigureAwait(false);
                        await BufferAsync(response, attemptCts.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
                    {
                        // The attempt's own clock ran out, not the operation: a timeout, never a cancellation.
                        throw new GhFailureException(GhFailureKind.Timeout,
                            string.Format(CultureInfo.InvariantCulture, "{0} got no answer within {1:0.###} s.", what, timeout.TotalSeconds), ex);
                    }
                    catch (HttpRequestException ex) when (!token.IsCancellationRequested)
                    {
                        var reason = Innermost(ex).Message;
                        if (!retriesLeft || !MaySendAgain(request.Method, write, ex))
                            throw new GhFailureException(GhFailureKind.NetworkError, what + " failed: " + reason, ex);
                        var wait = Paced(write, Backoff(attempt));
                        Log(LogLevel.Verbose, "{0} failed ({1}); try {2} of {3} in {4:0.###} s.", what, reason, attempt + 2, tries, wait.TotalSeconds);
                        await time.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                }

                var rate = RateLimitHeaders.Read(response);
                if (rate != null) onRateLimit(rate);
                var status = (int)response.StatusCode;
                if (status == NotModified)
                    Log(LogLevel.Verbose, "{0} -> 304 Not Modified in {1} ms: unchanged since the last answer, free (not counted against the rate limit){2}",
                        what, (long)time.GetElapsedTime(started).TotalMilliseconds, rate == null ? "" : "; rate limit " + rate);
                else Log(LogLevel.Verbose, "{0} -> {1} in {2} ms{3}", what, status, (long)time.GetElapsedTime(started).TotalMilliseconds, rate == null ? "" : "; rate limit " + rate);

                var retryAfter = RateLimitHeaders.RetryAfter(response, time.GetUtcNow());
                var query = GraphQLQuery.IsCurrent;
                var text = status == 403 || status == 429 || (status == 200 && query) ? await ReadTextAsync(response).ConfigureAwait(false) : "";
                switch (Classify(status, rate, retryAfter, text, query))
                {
                    case Verdict.PrimaryLimit:
                    {
                        // Nothing helps before the reset: wait for it when it is near, else fail now, naming it.
                        var wait = UntilReset(rate!, response);
                        if (!retriesLeft || wait > GhHttpPolicy.Seconds(policy.MaxRateLimitWaitSeconds))
                        {
                            response.Dispose();
                            throw new GhFailureException(GhFailureKind.RateLimited, string.Format(CultureInfo.InvariantCulture,
                                "GitHub's rate limit of {0} requests ({1}) is used up until {2:u}, {3:0} s from now; {4} was not sent again.",
                                rate!.Limit, rate.Resource == "" ? "core" : rate.Resource, rate.Reset, wait.TotalSeconds, what));
                        }
                        Log(LogLevel.Warning, "GitHub's rate limit is used up; waiting {0:0.###} s for its reset at {1:u} (try {2} of {3}).",
                            wait.TotalSeconds, rate!.Reset, attempt + 2, tries);
                        response.Dispose();
                        await time.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                    case Verdict.SecondaryLimit:
                    {
                        // GitHub refused the request without applying it, so any method, POST included, may be sent
                        // again. Wait retry-after if given, else at least the secondary wait, doubling on each repeat.
                        secondaryHits++;
                        var wait = Paced(write, retryAfter + Margin ?? TimeSpan.FromTicks(GhHttpPolicy.Seconds(policy.SecondaryLimitWaitSeconds).Ticks << Math.Min(secondaryHits - 1, 10)));
                        if (!retriesLeft || wait > GhHttpPolicy.Seconds(policy.MaxRateLimitWaitSeconds))
                        {
                            response.Dispose();
                            throw new GhFailureException(GhFailureKind.RateLimited, string.Format(CultureInfo.InvariantCulture,
                                "GitHub's secondary rate limit refused {0} ({1}, try {2} of {3}); try again after {4:u}.",
                                what, status, attempt + 1, tries, time.GetUtcNow() + wait));
                        }
                        Log(LogLevel.Warning, "GitHub's secondary rate limit answered {0}; waiting {1:0.###} s{2} (try {3} of {4}).",
                            status, wait.TotalSeconds, retryAfter != null ? " (retry-after)" : "", attempt + 2, tries);
                        response.Dispose();
                        await time.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                    case Verdict.Transient when retriesLeft && MaySendAgain(request.Method, write, null):
                    {
                        var wait = Paced(write, Backoff(attempt));
                        Log(LogLevel.Verbose, "{0} answered {1}; try {2} of {3} in {4:0.###} s.", what, status, attempt + 2, tries, wait.TotalSeconds);
                        response.Dispose();
                        await time.Delay(wait, token).ConfigureAwait(false);
                        continue;
                    }
                    default:
                        // GitHub's final answer: read as JSON whatever JSON media type it is labelled with; refused when it is not JSON.
                        await JsonAnswer.CheckAsync(response, request).ConfigureAwait(false);
                        return response;
                }
            }
        }

        /// <summary>
        /// Whether a request that met a 5xx or a broken connection may be sent again. GET, HEAD and a GraphQL query
        /// (<see cref="GraphQLQuery"/>) change nothing; PUT and DELETE leave the same state however often they are applied. A POST (or PATCH) that reached GitHub
        /// may have been applied before the answer was lost, and a second deployment or status is not harmless (it
        /// fires webhooks and auto_inactive again), so it is sent again only when the connection was never made:
        /// then GitHub cannot have seen it. The caller, which can look at what GitHub holds, settles an ambiguous POST
        /// (<see cref="AmbiguousWrite"/>).
        /// </summary>
        static bool MaySendAgain(HttpMethod method, bool write, HttpRequestException? failure) =>
            !write || method == HttpMethod.Delete || method == HttpMethod.Put || (failure != null && NeverConnected(failure));

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

        static async Task<string> ReadTextAsync(HttpResponseMessage response)
        {
            if (response.Content == null) return "";
            try { return await response.Content.ReadAsStringAsync().ConfigureAwait(false); }
            catch (InvalidOperationException) { return ""; }
        }

        /// <summary>
        /// Added to a wait GitHub prescribes (retry-after, a reset on its clock): the server counts from before it sent the
        /// answer and a timer may fire a millisecond early, so an exact wait can arrive a hair too soon and be refused again.
        /// </summary>
        static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(100);

        /// <summary>
        /// Time until the primary limit resets. Measured against the server's own clock (the Date header) when it
        /// sent one, so a skewed local clock neither cuts the wait short nor stretches it; else against ours plus a
        /// second of margin.
        /// </summary>
        TimeSpan UntilReset(GhRateLimit rate, HttpResponseMessage response)
        {
            var serverNow = response.Headers.Date;
            var wait = serverNow != null ? rate.Reset - serverNow.Value + Margin : rate.Reset - time.GetUtcNow() + TimeSpan.FromSeconds(1);
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        /// <summary>
        /// Every attempt of a write spends one of the budget's writes (GitHub counts what it receives), waiting first when
        /// the budget has no room yet. A wait longer than MaxRateLimitWaitSeconds is not waited: the write is not sent.
        /// </summary>
        async Task SpendBudgetAsync(string what, CancellationToken token)
        {
            if (budget == null) return;
            var now = time.GetUtcNow();
            var at = budget.Reserve(now, policy.WritesPerMinute, policy.WritesPerHour, GhHttpPolicy.Seconds(policy.MaxRateLimitWaitSeconds));
            if (at <= now) return;
            Log(LogLevel.Verbose, "{0} waits for GitHub's write budget until {1:HH:mm:ss} UTC ({2:0.###} s).", what, at.UtcDateTime, (at - now).TotalSeconds);
            Log(LogLevel.Progress, "Waiting for GitHub's write budget until {0:HH:mm:ss} UTC", at.UtcDateTime);
            try { await time.Delay(at - now, token).ConfigureAwait(false); }
            finally { Log(LogLevel.Progress, ""); }
        }

        /// <summary>
        /// How long <paramref name="writes"/> more writes take at the least from now: paced <see cref="GhHttpPolicy.WriteIntervalSeconds"/>
        /// apart and within the write budget as it stands (the time of the requests themselves not counted).
        /// </summary>
        public TimeSpan ForecastWrites(int writes)
        {
            if (writes <= 0) return TimeSpan.Zero;
            var now = time.GetUtcNow();
            var interval = GhHttpPolicy.Seconds(policy.WriteIntervalSeconds);
            var first = nextWriteAt > now ? nextWriteAt : now;
            var last = budget != null
                ? budget.Forecast(now, first, writes, policy.WritesPerMinute, policy.WritesPerHour, interval)
                : first + TimeSpan.FromTicks(interval.Ticks * (writes - 1));
            return last - now;
        }

        /// <summary>A write sent again is another content-creating request: it keeps the pacing too.</summary>
        TimeSpan Paced(bool write, TimeSpan wait)
        {
            if (!write) return wait;
            var interval = GhHttpPolicy.Seconds(policy.WriteIntervalSeconds);
            return wait > interval ? wait : interval;
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
            if (load.IsCompleted)
            {
                // A small answer came with its headers: nothing to wait for.
                await load.ConfigureAwait(false);
                return;
            }
            var cancelled = new TaskCompletionSource<bool>();
            using (token.Register(() => cancelled.TrySetResult(true)))
            {
                if (await Task.WhenAny(load, cancelled.Task).ConfigureAwait(false) != load)
                {
                    _ = load.ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
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
