using System.Text.Json.Nodes;

namespace GitHubEmulator.Http;

/// <summary>GitHub's error bodies (basic-error, validation-error, validation-error-simple in the OpenAPI description).</summary>
internal static class GitHubErrors
{
    public const string RestDocs = "https://docs.github.com/rest";
    public const string RateLimitDocs = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

    /// <summary>The permissions (sets separated by <c>;</c>) a fine-grained token or GitHub App needs for the route refused.</summary>
    public const string AcceptedPermissionsHeader = "X-Accepted-GitHub-Permissions";

    public static JsonObject Basic(string message, string documentationUrl, int status) => new()
    {
        ["message"] = message,
        ["documentation_url"] = documentationUrl,
        ["status"] = status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static ApiResult BadCredentials() => new(401, Basic("Bad credentials", RestDocs, 401));

    public static ApiResult NotFound(string documentationUrl) => new(404, Basic("Not Found", documentationUrl, 404));

    /// <summary>A body that is not a JSON object.</summary>
    public static ApiResult ProblemsParsingJson(string documentationUrl) => new(400, Basic("Problems parsing JSON", documentationUrl, 400));

    /// <summary>A request that does not match the operation's JSON schema (missing or mistyped fields).</summary>
    public static ApiResult InvalidRequest(IEnumerable<string> problems, string documentationUrl) =>
        new(422, Basic("Invalid request.\n\n" + string.Join("\n", problems), documentationUrl, 422));

    /// <summary>A well-formed request the model rejects: <c>Validation Failed</c> with one entry per problem.</summary>
    public static ApiResult ValidationFailed(IEnumerable<JsonObject> errors, string documentationUrl)
    {
        var body = Basic("Validation Failed", documentationUrl, 422);
        body.Insert(1, "errors", new JsonArray([.. errors]));
        return new ApiResult(422, body);
    }

    /// <summary>An entry of <c>errors</c> for a model validation with its own message (code <c>custom</c>).</summary>
    public static JsonObject Custom(string resource, string field, string message) => new()
    {
        ["resource"] = resource,
        ["code"] = "custom",
        ["field"] = field,
        ["message"] = message,
    };
}
