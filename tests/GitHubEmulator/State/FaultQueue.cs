using System.Text.RegularExpressions;

namespace GitHubEmulator.State;

/// <summary>
/// A scripted failure for the next <see cref="Count"/> API requests that match <see cref="Method"/> (any when null)
/// and <see cref="Path"/> (a regex on the path without <c>/api/v3</c>; any when null).
/// With <see cref="Status"/>: answer it (after <see cref="DelayMs"/>). With <see cref="Drop"/>: close the connection
/// without an answer. With neither: delay the real answer by <see cref="DelayMs"/>.
/// </summary>
public sealed record FaultRule
{
    public string? Method { get; init; }
    public Regex? Path { get; init; }
    public int Count { get; init; } = 1;
    public int? Status { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
    /// <summary>The body to answer; null: <c>{"message": "&lt;reason phrase&gt;"}</c>.</summary>
    public string? Body { get; init; }
    public int DelayMs { get; init; }
    public bool Drop { get; init; }

    internal bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (Path is null || Path.IsMatch(path));
}

/// <summary>Faults in the order they were added; a request takes the first that matches.</summary>
public sealed class FaultQueue
{
    private readonly object gate = new();
    private readonly List<(FaultRule Rule, int Left)> faults = [];

    public void Add(FaultRule rule)
    {
        if (rule.Count < 1)
        {
            throw new ArgumentException("A fault needs a count of at least 1.", nameof(rule));
        }
        lock (gate)
        {
            faults.Add((rule, rule.Count));
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The fault for this request, if one matches; it uses up one of that fault's count.</summary>
    internal FaultRule? Take(string method, string path)
    {
        lock (gate)
        {
            var index = faults.FindIndex(f => f.Rule.Matches(method, path));
            if (index < 0)
            {
                return null;
            }
            var (rule, left) = faults[index];
            if (left == 1)
            {
                faults.RemoveAt(index);
            }
            else
            {
                faults[index] = (rule, left - 1);
            }
            return rule;
        }
    }
}
