namespace GitHubEmulator.State;

/// <summary>The primary budget: <see cref="Limit"/> requests per window of <see cref="ResetSeconds"/>; <see cref="Status"/> when spent.</summary>
public sealed record PrimaryRateLimit(int Limit = 5000, int ResetSeconds = 3600, int Status = 403);

/// <summary>
/// The secondary limit: more than <see cref="MaxWrites"/> writes within <see cref="WindowSeconds"/> answer
/// <see cref="Status"/>, with <c>retry-after</c> when <see cref="RetryAfter"/> is set. 0 writes = off.
/// </summary>
public sealed record SecondaryRateLimit(int MaxWrites = 0, int WindowSeconds = 60, int Status = 403, int? RetryAfter = null);

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

/// <summary>GitHub's primary (per-hour budget) and secondary (write burst) rate limits.</summary>
public sealed class RateLimiter(TimeProvider clock)
{
    private readonly object gate = new();
    private readonly Queue<DateTimeOffset> writes = new();
    private PrimaryRateLimit primary = new();
    private SecondaryRateLimit secondary = new();
    private int remaining;
    private DateTimeOffset resetAt;
    private DateTimeOffset blockedUntil;

    public PrimaryRateLimit Primary
    {
        get { lock (gate) { return primary; } }
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

    public int Remaining
    {
        get { lock (gate) { return remaining; } }
    }

    public DateTimeOffset ResetAt
    {
        get { lock (gate) { return resetAt; } }
    }

    /// <summary>Sets the budget and starts a new window now; <paramref name="remainingNow"/> defaults to the full limit.</summary>
    public void SetPrimary(PrimaryRateLimit settings, int? remainingNow = null)
    {
        lock (gate)
        {
            primary = settings;
            remaining = Math.Clamp(remainingNow ?? settings.Limit, 0, settings.Limit);
            resetAt = clock.GetUtcNow().AddSeconds(settings.ResetSeconds);
        }
    }

    internal void Reset()
    {
        SetPrimary(new PrimaryRateLimit());
        Secondary = new SecondaryRateLimit();
    }

    /// <summary>Counts one API request (a write when <paramref name="isWrite"/>).</summary>
    internal RateLimitDecision Consume(bool isWrite)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (now >= resetAt)
            {
                remaining = primary.Limit;
                resetAt = now.AddSeconds(primary.ResetSeconds);
            }
            if (remaining <= 0)
            {
                return Decision(RateLimitOutcome.PrimaryExceeded, primary.Status, null);
            }
            remaining--;
            if (isWrite && secondary.MaxWrites > 0 && !TryWrite(now))
            {
                return Decision(RateLimitOutcome.SecondaryExceeded, secondary.Status, secondary.RetryAfter);
            }
            return Decision(RateLimitOutcome.Allowed, 200, null);
        }
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

    private RateLimitDecision Decision(RateLimitOutcome outcome, int status, int? retryAfter) =>
        new(outcome, primary.Limit, remaining, (resetAt.ToUnixTimeMilliseconds() + 999) / 1000, status, retryAfter);
}
