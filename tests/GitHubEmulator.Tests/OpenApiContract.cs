using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Xunit;

namespace GitHubEmulator.Tests;

/// <summary>
/// Validates JSON against the schemas of GitHub's OpenAPI description (<c>tests/contract/github-deployments.openapi.json</c>).
/// The whole description is registered as one schema document so that its <c>$ref: #/components/schemas/…</c> resolve;
/// OpenAPI 3.0's <c>nullable: true</c> becomes a type that admits null, and a <c>format: uri</c> field whose documented
/// default is <c>""</c> (GitHub sends <c>""</c> when it is unset) admits the empty string. Formats are asserted.
/// </summary>
public sealed class OpenApiContract
{
    /// <summary>Where the test projects copy the description (next to the test assembly).</summary>
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "contract", "github-deployments.openapi.json");

    private static readonly Uri DocumentUri = new("https://contract.test/github-deployments.openapi.json");

    private readonly JsonNode document;
    private readonly EvaluationOptions options;

    public OpenApiContract(string? path = null)
    {
        document = JsonNode.Parse(File.ReadAllText(path ?? DefaultPath)) ?? throw new InvalidDataException("The OpenAPI description is empty.");
        ToJsonSchema(document);
        options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        options.SchemaRegistry.Register(DocumentUri, new JsonNodeBaseDocument(document, DocumentUri));
    }

    /// <summary>Asserts that <paramref name="instance"/> is valid per <c>components/schemas/{schemaName}</c>.</summary>
    public void AssertValid(string schemaName, JsonNode? instance)
    {
        if (document["components"]?["schemas"]?[schemaName] is null)
        {
            throw new ArgumentException($"The OpenAPI description has no schema '{schemaName}'.", nameof(schemaName));
        }
        Validate(["components", "schemas", schemaName], instance, $"schema '{schemaName}'");
    }

    /// <summary>
    /// Asserts that <paramref name="body"/> is a valid request body of the operation (e.g. "POST", "/repos/{owner}/{repo}/deployments").
    /// <paramref name="undocumented"/> names top-level fields GitHub takes that its description leaves out (such as
    /// <c>can_admins_bypass</c> of an environment): the rest of the body is validated without them.
    /// </summary>
    public void AssertValidRequest(string method, string pathTemplate, JsonNode? body, params string[] undocumented)
    {
        if (undocumented.Length > 0 && body is JsonObject fields)
        {
            body = fields.DeepClone();
            foreach (var name in undocumented)
            {
                body.AsObject().Remove(name);
            }
        }
        var operation = Operation(method, pathTemplate);
        if (operation["requestBody"]?["content"]?["application/json"]?["schema"] is null)
        {
            throw new ArgumentException($"{method} {pathTemplate} takes no JSON request body.", nameof(pathTemplate));
        }
        Validate(["paths", pathTemplate, method.ToLowerInvariant(), "requestBody", "content", "application/json", "schema"], body, $"request of {method} {pathTemplate}");
    }

    /// <summary>Asserts that <paramref name="body"/> is a valid response of the operation with that status (a shared <c>components/responses</c> entry is followed).</summary>
    public void AssertValidResponse(string method, string pathTemplate, int status, JsonNode? body)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] location = ["paths", pathTemplate, method.ToLowerInvariant(), "responses", code];
        var response = Operation(method, pathTemplate)["responses"]?[code]
            ?? throw new ArgumentException($"{method} {pathTemplate} documents no {status} response.", nameof(status));
        if (response["$ref"]?.GetValue<string>() is { } reference)
        {
            location = reference.TrimStart('#', '/').Split('/');
            response = Resolve(location);
        }
        if (response?["content"]?["application/json"]?["schema"] is null)
        {
            throw new ArgumentException($"The {status} response of {method} {pathTemplate} has no JSON schema.", nameof(status));
        }
        Validate([.. location, "content", "application/json", "schema"], body, $"{status} response of {method} {pathTemplate}");
    }

    private JsonNode Operation(string method, string pathTemplate) =>
        document["paths"]?[pathTemplate]?[method.ToLowerInvariant()]
        ?? throw new ArgumentException($"The OpenAPI description has no operation {method} {pathTemplate}.", nameof(pathTemplate));

    private JsonNode? Resolve(IEnumerable<string> segments) => segments.Aggregate<string, JsonNode?>(document, (node, segment) => node?[segment]);

    private void Validate(string[] location, JsonNode? instance, string what)
    {
        var pointer = string.Concat(location.Select(s => "/" + Uri.EscapeDataString(s.Replace("~", "~0").Replace("/", "~1"))));
        var schema = JsonSchema.FromText(new JsonObject { ["$ref"] = $"{DocumentUri}#{pointer}" }.ToJsonString());
        var results = schema.Evaluate(instance, options);
        if (results.IsValid)
        {
            return;
        }
        var errors = (results.Details.Count == 0 ? [results] : results.Details)
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"  {d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}"));
        Assert.Fail($"Not a valid {what}:\n{string.Join("\n", errors)}\ninstance: {instance?.ToJsonString() ?? "null"}");
    }

    /// <summary>Rewrites the OpenAPI 3.0 dialect into JSON Schema, in place.</summary>
    private static void ToJsonSchema(JsonNode? node)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    ToJsonSchema(item);
                }
                break;
            case JsonObject schema:
                foreach (var (_, value) in schema.ToList())
                {
                    ToJsonSchema(value);
                }
                // Every nullable schema in the description has a single type to widen.
                if (schema["nullable"] is JsonValue nullable && nullable.GetValueKind() == JsonValueKind.True && schema["type"] is JsonValue type)
                {
                    schema.Remove("nullable");
                    schema["type"] = new JsonArray(type.GetValue<string>(), "null");
                }
                if (schema["format"]?.GetValueKind() == JsonValueKind.String && schema["format"]!.GetValue<string>() == "uri"
                    && schema["default"]?.GetValueKind() == JsonValueKind.String && schema["default"]!.GetValue<string>() == "")
                {
                    schema.Remove("format");
                    schema["anyOf"] = new JsonArray(new JsonObject { ["format"] = "uri" }, new JsonObject { ["const"] = "" });
                }
                break;
        }
    }
}
