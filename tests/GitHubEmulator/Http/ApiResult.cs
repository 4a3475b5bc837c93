using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GitHubEmulator.Http;

/// <summary>A JSON answer the way GitHub sends it: <c>application/json; charset=utf-8</c>, no body for 204.</summary>
internal sealed class ApiResult(int status, JsonNode? body, IEnumerable<KeyValuePair<string, string>>? headers = null) : IResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node) => node.ToJsonString(Options);

    public static Task WriteAsync(HttpResponse response, int status, string? body)
    {
        response.StatusCode = status;
        if (body is null)
        {
            return Task.CompletedTask;
        }
        response.ContentType = JsonContentType;
        return response.WriteAsync(body, response.HttpContext.RequestAborted);
    }

    public Task ExecuteAsync(HttpContext httpContext)
    {
        foreach (var (name, value) in headers ?? [])
        {
            httpContext.Response.Headers[name] = value;
        }
        return WriteAsync(httpContext.Response, status, body is null ? null : Serialize(body));
    }
}
