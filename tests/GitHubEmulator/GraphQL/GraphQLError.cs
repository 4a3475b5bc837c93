using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// An entry of a GraphQL answer's <c>errors</c> in GitHub's shape: <c>type</c> for the errors GitHub types
/// (NOT_FOUND, RATE_LIMITED, …), <c>path</c>, <c>extensions</c> for validation errors, <c>locations</c>, <c>message</c>.
/// </summary>
internal sealed record GraphQLErrorEntry(string Message)
{
    public string? Type { get; init; }
    public string? Code { get; init; }
    public IReadOnlyList<object>? Path { get; init; }
    public IReadOnlyList<Location> Locations { get; init; } = [];
    public JsonObject? Extensions { get; init; }

    public static GraphQLErrorEntry At(string message, ASTNode node, GraphQLDocument document) =>
        new(message) { Locations = [Location.FromLinearPosition(document.Source, node.Location.Start)] };

    public static GraphQLErrorEntry FromExecution(ExecutionError error) => new(error is UnhandledError { InnerException: { } inner }
        ? $"{error.Message} {inner.Message}"
        : error.Message)
    {
        Type = (error as TypedExecutionError)?.Type,
        Code = (error as TypedExecutionError)?.Code,
        Path = error.Path?.ToList(),
        Locations = error.Locations ?? [],
    };

    public JsonObject ToJson()
    {
        var json = new JsonObject();
        if (Type is not null)
        {
            json["type"] = Type;
        }
        if (Code is not null)
        {
            json["code"] = Code;
        }
        if (Path is { Count: > 0 })
        {
            json["path"] = new JsonArray([.. Path.Select(p => p is int index ? JsonValue.Create(index) : (JsonNode)JsonValue.Create(p.ToString()!))]);
        }
        if (Extensions is not null)
        {
            json["extensions"] = Extensions.DeepClone();
        }
        if (Locations.Count > 0)
        {
            json["locations"] = new JsonArray([.. Locations.Select(l => (JsonNode)new JsonObject { ["line"] = l.Line, ["column"] = l.Column })]);
        }
        json["message"] = Message;
        return json;
    }
}

/// <summary>A field error of a type GitHub names (NOT_FOUND, INVALID_CURSOR_ARGUMENTS, …), thrown by a resolver or added to the answer.</summary>
internal sealed class TypedExecutionError : ExecutionError
{
    public TypedExecutionError(string type, string message, string? code = null)
        : base(message)
    {
        Type = type;
        Code = code;
    }

    public string Type { get; }
}
