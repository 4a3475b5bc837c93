using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHubEmulator.Api;

/// <summary>
/// A request body read as JSON whatever its content type: Octokit sends JSON labelled
/// <c>application/x-www-form-urlencoded</c> by default, and GitHub reads it all the same.
/// Field readers check each field's JSON type and collect GitHub's wording for a mistyped one.
/// </summary>
internal sealed class RequestBody
{
    private readonly JsonObject body;
    private readonly List<string> problems = [];

    private RequestBody(JsonObject body) => this.body = body;

    /// <summary>Schema problems found so far (GitHub answers them as <c>Invalid request.</c>).</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>The body as a JSON object (an empty body is an empty object); null when it is not one.</summary>
    public static async Task<RequestBody?> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestBody([]);
        }
        try
        {
            return JsonNode.Parse(text) is JsonObject parsed ? new RequestBody(parsed) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public bool Has(string name) => body.ContainsKey(name);

    /// <summary>The body's field names.</summary>
    public IEnumerable<string> Keys => body.Select(p => p.Key);

    /// <summary>Whether the field is present with the value null.</summary>
    public bool IsNull(string name) => body.TryGetPropertyValue(name, out var node) && node is null;

    public long? Integer(string name) =>
        Read<long?>(name, JsonValueKind.Number, "an integer", false, n => n.AsValue().TryGetValue<long>(out var v) ? v : throw new FormatException());

    public JsonNode? Raw(string name) => body[name];

    public string? String(string name, bool nullable = false) =>
        Read(name, JsonValueKind.String, "a string", nullable, n => n.GetValue<string>());

    public bool? Boolean(string name) =>
        Read<bool?>(name, JsonValueKind.True, "a boolean", false, n => n.GetValue<bool>());

    /// <summary>An array of strings.</summary>
    public IReadOnlyList<string>? Strings(string name)
    {
        var node = body[name];
        if (node is null)
        {
            return null;
        }
        if (node is JsonArray array && array.All(item => item?.GetValueKind() == JsonValueKind.String))
        {
            return array.Select(item => item!.GetValue<string>()).ToList();
        }
        NotA(name, "an array of strings");
        return null;
    }

    private T? Read<T>(string name, JsonValueKind kind, string description, bool nullable, Func<JsonNode, T> get)
    {
        if (!body.TryGetPropertyValue(name, out var node) || (node is null && nullable))
        {
            return default;
        }
        var actual = node?.GetValueKind() ?? JsonValueKind.Null;
        if (actual == kind || (kind == JsonValueKind.True && actual == JsonValueKind.False))
        {
            try
            {
                return get(node!);
            }
            catch (FormatException)
            {
                // e.g. 1.5 where an integer belongs
            }
        }
        NotA(name, description);
        return default;
    }

    /// <summary>Records that field <paramref name="name"/> is not of the JSON type <paramref name="description"/> names.</summary>
    public void NotA(string name, string description) =>
        problems.Add($"For 'properties/{name}', {body[name]?.ToJsonString() ?? "nil"} is not {description}.");
}
