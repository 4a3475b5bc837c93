namespace GitHubEmulator.State;

/// <summary>The primary budget: <see cref="Limit"/> requests per window of <see cref="ResetSeconds"/>; <see cref="Status"/> when spent.</summary>
public sealed record PrimaryRateLimit(int Limit = 5000, int ResetSeconds = 3600, int Status = 403);

/// <summary>The GraphQL budget: <see cref="Limit"/> points per window of <see cref="ResetSeconds"/> (GitHub's <c>graphql</c> resource).</summary>
public sealed record GraphQLRateLimit(int Limit = 5000, int ResetSeconds = 3600);

/// <summary>
/// The secondary limit: more than <see cref="MaxWrites"/> writes within <see cref="WindowSeconds"/> answer
/// <see cref="Status"/>, with <c>retry-after</c> when <see cref="RetryAfter"/> is set. 0 writes = off.
/// </summary>
public sealed record SecondaryRateLimit(int MaxWrites = 0, int WindowSeconds = 60, int Status = 403, int? RetryAfter = null);

/// <summary>
/// GitHub's content-creation limits, per token: at most <see cref="PerMinute"/> writes in any rolling minute and
/// <see cref="PerHour"/> in any rolling hour (GitHub: 80 and 500,
/// https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits); a write beyond
/// them is refused with <see cref="Status"/> and GitHub's secondary-limit message, and is not counted. 0 = no limit.
/// </summary>
public sealed record ContentCreationLimits(int PerMinute = 80, int PerHour = 500, int Status = 403)
{
    public static readonly ContentCreationLimits Off = new(0, 0);
}

public enum RateLimitOutcome
{
    Allowed,
    PrimaryExceeded,
    SecondaryExceeded,
}

/// <summary>What one request did to the budget, and the <c>x-ratelimit-*</c> values to answer with.</summary>
public readonly record struct RateLimitDecision(
    RateLimitOutcome Outcome, int Limit, int Remaining, long ResetEpochSeconds, int Status, int? RetryAfter)
{
    public int Used => Limit - Remaining;
}

/// <summary>
/// GitHub's rate limits: the REST API's primary budget (resource <c>core</c>: requests per hour) and secondary limit
/// (write bursts), and GraphQL's own budget (resource <c>graphql</c>: points per hour).
/// </summary>
/// <param name="defaultContent">The content-creation limits a reset returns to (the ones the emulator was started with).</param>
public sealed class RateLimiter(TimeProvider clock, ContentCreationLimits defaultContent)
{
    private readonly object gate = new();
    private readonly Queue<DateTimeOffset> writes = new();
    private readonly Dictionary<string, List<DateTimeOffset>> writesByToken = new(StringComparer.Ordinal);
    private readonly ContentCreationLimits startingContent = defaultContent;
    private ContentCreationLimits content = defaultContent;
    private readonly PointWindow core = new();
    private readonly PointWindow graphql = new();
    private PrimaryRateLimit primary = new();
    private GraphQLRateLimit graphqlLimit = new();
    private SecondaryRateLimit secondary = new();
    private DateTimeOffset blockedUntil;

    public PrimaryRateLimit Primary
    {
        get { lock (gate) { return primary; } }
    }

    public GraphQLRateLimit GraphQL
    {
        get { lock (gate) { return graphqlLimit; } }
    }

    public SecondaryRateLimit Secondary
    {
        get { lock (gate) { return secondary; } }
        set
        {
            lock (gate)
            {
                secondary = value;
                writes.Clear();
                blockedUntil = DateTimeOffset.MinValue;
            }
        }
    }

    public ContentCreationLimits Content
    {
        get { lock (gate) { return content; } }
        set
        {
            lock (gate)
            {
                content = value;
                writesByToken.Clear();
            }
        }
    }

    public int Remaining
    {
        get { lock (gate) { return core.Remaining; } }
    }

    public DateTimeOffset ResetAt
    {
        get { lock (gate) { return core.ResetAt; } }
    }

    public int GraphQLRemaining
    {
        get { lock (gate) { return graphql.Remaining; } }
    }

    public DateTimeOffset GraphQLResetAt
    {
        get { lock (gate) { return graphql.ResetAt; } }
    }

    /// <summary>Sets the REST budget and starts a new window now; <paramref name="remainingNow"/> defaults to the full limit.</summary>
    public void SetPrimary(PrimaryRateLimit settings, int? remainingNow = null)
    {
        lock (gate)
        {
            primary = settings;
            core.Start(settings.Limit, settings.ResetSeconds, remainingNow, clock.GetUtcNow());
        }
    }

    /// <summary>Sets the GraphQL budget and starts a new window now; <paramref name="remainingNow"/> defaults to the full limit.</summary>
    public void SetGraphQL(GraphQLRateLimit settings, int? remainingNow = null)
    {
        lock (gate)
        {
            graphqlLimit = settings;
            graphql.Start(settings.Limit, settings.ResetSeconds, remainingNow, clock.GetUtcNow());
        }
    }

    internal void Reset()
    {
        SetPrimary(new PrimaryRateLimit());
        SetGraphQL(new GraphQLRateLimit());
        Secondary = new SecondaryRateLimit();
        Content = startingContent;
    }

    /// <summary>Counts one REST API request (a write when <paramref name="isWrite"/>, by <paramref name="token"/>).</summary>
    internal RateLimitDecision Consume(bool isWrite, string token)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!core.TryTake(1, now))
            {
                return core.Decision(RateLimitOutcome.PrimaryExceeded, primary.Status, null);
            }
            if (isWrite && secondary.MaxWrites > 0 && !TryWrite(now))
            {
                return core.Decision(RateLimitOutcome.SecondaryExceeded, secondary.Status, secondary.RetryAfter);
            }
            if (isWrite && !TryCreateContent(token, now))
            {
                return core.Decision(RateLimitOutcome.SecondaryExceeded, content.Status, null);
            }
            return core.Decision(RateLimitOutcome.Allowed, 200, null);
        }
    }

    /// <summary>
    /// Gives back the unit a REST request took (GitHub does not count a conditional request answered 304 Not Modified),
    /// and the budget as it then stands. Within the window the request was counted in; a window that has rolled since is
    /// full anyway.
    /// </summary>
    internal RateLimitDecision Refund()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            core.Roll(now);
            core.Give(1);
            return core.Decision(RateLimitOutcome.Allowed, 200, null);
        }
    }

    /// <summary>
    /// Charges a GraphQL query's <paramref name="points"/>. While any remain the query runs (and may overdraw the rest, as
    /// GitHub lets it); once none remain it is refused (GitHub answers 200 with a RATE_LIMITED error).
    /// </summary>
    internal RateLimitDecision ConsumeGraphQL(int points)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            return graphql.TryTake(points, now)
                ? graphql.Decision(RateLimitOutcome.Allowed, 200, null)
                : graphql.Decision(RateLimitOutcome.PrimaryExceeded, 200, null);
        }
    }

    /// <summary>The GraphQL budget as it stands, charging nothing (for answers that cost no points).</summary>
    internal RateLimitDecision PeekGraphQL()
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            graphql.Roll(now);
            return graphql.Decision(graphql.Remaining > 0 ? RateLimitOutcome.Allowed : RateLimitOutcome.PrimaryExceeded, 200, null);
        }
    }

    /// <summary>Whether the token may write now under the content-creation limits; a write that may is counted.</summary>
    private bool TryCreateContent(string token, DateTimeOffset now)
    {
        if (content.PerMinute <= 0 && content.PerHour <= 0)
        {
            return true;
        }
        if (!writesByToken.TryGetValue(token, out var times))
        {
            writesByToken[token] = times = [];
        }
        times.RemoveAll(t => t <= now.AddHours(-1));
        var lastMinute = times.Count(t => t > now.AddMinutes(-1));
        if ((content.PerMinute > 0 && lastMinute >= content.PerMinute) || (content.PerHour > 0 && times.Count >= content.PerHour))
        {
            return false;
        }
        times.Add(now);
        return true;
    }

    private bool TryWrite(DateTimeOffset now)
    {
        if (now < blockedUntil)
        {
            return false;
        }
        var windowStart = now.AddSeconds(-secondary.WindowSeconds);
        while (writes.Count > 0 && writes.Peek() <= windowStart)
        {
            writes.Dequeue();
        }
        if (writes.Count >= secondary.MaxWrites)
        {
            // Blocked for the advertised retry-after (or a whole window); afterwards a fresh window starts.
            blockedUntil = now.AddSeconds(secondary.RetryAfter ?? secondary.WindowSeconds);
            writes.Clear();
            return false;
        }
        writes.Enqueue(now);
        return true;
    }

    /// <summary>A budget of points per window, refilled when the window has passed. Used under the limiter's lock.</summary>
    private sealed class PointWindow
    {
        private int limit;
        private int resetSeconds;

        public int Remaining { get; private set; }
        public DateTimeOffset ResetAt { get; private set; }

        public void Start(int newLimit, int newResetSeconds, int? remaining, DateTimeOffset now)
        {
            limit = newLimit;
            resetSeconds = newResetSeconds;
            Remaining = Math.Clamp(remaining ?? newLimit, 0, newLimit);
            ResetAt = now.AddSeconds(newResetSeconds);
        }

        public void Roll(DateTimeOffset now)
        {
            if (now >= ResetAt)
            {
                Remaining = limit;
                ResetAt = now.AddSeconds(resetSeconds);
            }
        }

        /// <summary>Gives <paramref name="points"/> back, up to the limit.</summary>
        public void Give(int points) => Remaining = Math.Min(limit, Remaining + points);

        /// <summary>Takes <paramref name="points"/> (down to 0 at most) unless none remain.</summary>
        public bool TryTake(int points, DateTimeOffset now)
        {
            Roll(now);
            if (Remaining <= 0)
            {
                return false;
            }
            Remaining = Math.Max(0, Remaining - points);
            return true;
        }

        public RateLimitDecision Decision(RateLimitOutcome outcome, int status, int? retryAfter) =>
            new(outcome, limit, Remaining, (ResetAt.ToUnixTimeMilliseconds() + 999) / 1000, status, retryAfter);
    }
}
