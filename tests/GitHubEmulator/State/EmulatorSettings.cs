namespace GitHubEmulator.State;

/// <summary>Switches that change how every API request is answered (rate limits live in <see cref="RateLimiter"/>).</summary>
public sealed class EmulatorSettings
{
    private readonly int defaultLatencyMs;
    private volatile int latencyMs;
    private volatile bool ghes22;
    private volatile int pollIntervalSeconds;

    /// <param name="defaultLatencyMs">The latency a reset returns to (the one the emulator was started with).</param>
    public EmulatorSettings(int defaultLatencyMs) => latencyMs = this.defaultLatencyMs = Math.Max(0, defaultLatencyMs);

    /// <summary>Delay added to every API response, modelling a network round trip.</summary>
    public int LatencyMs
    {
        get => latencyMs;
        set => latencyMs = Math.Max(0, value);
    }

    /// <summary>Behave like GitHub Enterprise Server 2.2x: newer deployment status fields need preview media types.</summary>
    public bool Ghes22
    {
        get => ghes22;
        set => ghes22 = value;
    }

    /// <summary>
    /// When above 0, every answer to a GET carries <c>X-Poll-Interval</c> with this many seconds: GitHub's way of telling a
    /// poller how often it may ask (it sends it on its polling endpoints, such as events).
    /// </summary>
    public int PollIntervalSeconds
    {
        get => pollIntervalSeconds;
        set => pollIntervalSeconds = Math.Max(0, value);
    }

    internal void Reset()
    {
        latencyMs = defaultLatencyMs;
        ghes22 = false;
        pollIntervalSeconds = 0;
    }
}
