namespace DeploymentStatus.Testing;

/// <summary>
/// A clock the tests move, so that waits of seconds or minutes cost no real time and are measured exactly. Its timers
/// fire when the clock reaches them: when a test calls <see cref="Advance"/>, or, with <see cref="AutoAdvance"/>, as
/// soon as they are set (the clock jumps to their time: every wait passes at once, and the clock shows how long it was).
/// Without AutoAdvance a wait lasts until the test moves the clock, which makes a "hung" wait to cancel.
/// Shared by the module's and the emulator's tests.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    public static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 0, TimeSpan.Zero);

    readonly object gate = new();
    readonly List<Timer> timers = [];
    long ticks = Start.UtcTicks;

    /// <summary>Every timer set fires at once, the clock moved to its time.</summary>
    public bool AutoAdvance { get; init; }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How long the clock has moved since it was made.</summary>
    public TimeSpan Elapsed => GetUtcNow() - Start;

    /// <summary>Moves the clock on, firing every timer that comes due.</summary>
    public void Advance(TimeSpan by)
    {
        lock (gate) ticks += by.Ticks;
        FireDue();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    void Schedule(Timer timer, long dueAt)
    {
        lock (gate)
        {
            timer.DueAt = dueAt;
            if (!timers.Contains(timer)) timers.Add(timer);
            if (AutoAdvance && dueAt > ticks) ticks = dueAt;
        }
        if (AutoAdvance) ThreadPool.QueueUserWorkItem(_ => FireDue());
    }

    void Unschedule(Timer timer)
    {
        lock (gate) timers.Remove(timer);
    }

    void FireDue()
    {
        List<Timer> due;
        lock (gate)
        {
            due = timers.Where(t => t.DueAt <= ticks).OrderBy(t => t.DueAt).ToList();
            foreach (var timer in due)
            {
                if (timer.Period > 0) timer.DueAt += timer.Period;
                else timers.Remove(timer);
            }
        }
        foreach (var timer in due) timer.Fire();
    }

    sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long DueAt { get; set; }
        public long Period { get; private set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Period = period == Timeout.InfiniteTimeSpan ? 0 : period.Ticks;
            if (dueTime == Timeout.InfiniteTimeSpan) clock.Unschedule(this);
            else clock.Schedule(this, clock.GetTimestamp() + Math.Max(0, dueTime.Ticks));
            return true;
        }

        public void Dispose() => clock.Unschedule(this);

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
