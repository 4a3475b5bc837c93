using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHubEmulator.Control;

/// <summary>A control request the emulator cannot carry out; answered 400 with its message.</summary>
internal sealed class ControlInputException(string message) : Exception(message);

/// <summary>Typed reads of control API bodies; a wrong type or a missing required field is a <see cref="ControlInputException"/>.</summary>
internal static class ControlInput
{
    public static JsonObject Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new ControlInputException("The body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw new ControlInputException($"The body is not JSON: {e.Message}");
        }
    }

    public static string? String(JsonObject body, string name) => Read(body, name, JsonValueKind.String, "a string", n => n.GetValue<string>());

    public static string RequiredString(JsonObject body, string name) =>
        String(body, name) is { Length: > 0 } value ? value : throw new ControlInputException($"'{name}' is required.");

    public static int? Int(JsonObject body, string name) =>
        Read<int?>(body, name, JsonValueKind.Number, "an integer", n => n.GetValue<int>());

    public static long? Long(JsonObject body, string name) =>
        Read<long?>(body, name, JsonValueKind.Number, "an integer", n => n.GetValue<long>());

    public static bool? Bool(JsonObject body, string name) =>
        Read<bool?>(body, name, JsonValueKind.True, "a boolean", n => n.GetValue<bool>());

    public static JsonObject? Object(JsonObject body, string name) => Read(body, name, JsonValueKind.Object, "an object", n => n.AsObject());

    public static JsonArray? Array(JsonObject body, string name) => Read(body, name, JsonValueKind.Array, "an array", n => n.AsArray());

    /// <summary>An array of strings.</summary>
    public static IReadOnlyList<string>? Strings(JsonObject body, string name) =>
        Array(body, name)?.Select(item => item?.GetValueKind() == JsonValueKind.String
            ? item.GetValue<string>()
            : throw new ControlInputException($"'{name}' must hold strings only.")).ToList();

    /// <summary>An object whose values are all strings.</summary>
    public static Dictionary<string, string>? StringMap(JsonObject body, string name) =>
        Object(body, name)?.ToDictionary(
            p => p.Key,
            p => p.Value?.GetValueKind() == JsonValueKind.String
                ? p.Value.GetValue<string>()
                : throw new ControlInputException($"'{name}.{p.Key}' must be a string."));

    private static T? Read<T>(JsonObject body, string name, JsonValueKind kind, string description, Func<JsonNode, T> get)
    {
        var node = body[name];
        if (node is null)
        {
            return default;
        }
        var actual = node.GetValueKind();
        if (actual == kind || (kind == JsonValueKind.True && actual == JsonValueKind.False))
        {
            try
            {
                return get(node);
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                // e.g. a number that is not an int
            }
        }
        throw new ControlInputException($"'{name}' must be {description}.");
    }
}
