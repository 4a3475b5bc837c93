namespace GitHubEmulator.Tests;

/// <summary>A clock the tests move, so rate-limit windows and timestamps need no real waiting.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long ticks = new DateTimeOffset(2026, 1, 15, 10, 0, 0, TimeSpan.Zero).UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
}
