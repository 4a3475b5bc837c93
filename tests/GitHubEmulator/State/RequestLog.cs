namespace GitHubEmulator.State;

/// <summary>
/// One API request as the emulator received it, the status it answered (0: no answer, the connection was dropped or
/// aborted), and the <c>x-ratelimit-used</c> the answer carried (null: none, or no answer).
/// </summary>
public sealed record RecordedRequest(
    string Method,
    string Path,
    string RawPath,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int Status,
    DateTimeOffset Time,
    int? RateLimitUsed = null);

/// <summary>Every API request, in the order they arrived.</summary>
public sealed class RequestLog
{
    private readonly object gate = new();
    private readonly List<(long Sequence, RecordedRequest Request)> entries = [];
    private long nextSequence;

    /// <summary>Numbers a request on arrival, so that the record keeps arrival order even when answers finish out of order.</summary>
    internal long Arrive() => Interlocked.Increment(ref nextSequence);

    internal void Add(long sequence, RecordedRequest request)
    {
        lock (gate)
        {
            var index = entries.FindLastIndex(e => e.Sequence < sequence) + 1;
            entries.Insert(index, (sequence, request));
        }
    }

    /// <summary>Oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (gate)
        {
            return entries.Select(e => e.Request).ToList();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
        }
    }
}
