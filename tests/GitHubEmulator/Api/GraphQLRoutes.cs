using System.Text.Json;
using System.Text.Json.Nodes;
using GitHubEmulator.GraphQL;
using GitHubEmulator.Http;
using GitHubEmulator.State;
using GraphQL;
using GraphQL.SystemTextJson;

namespace GitHubEmulator.Api;

/// <summary>
/// <c>POST /graphql</c> (github.com) and <c>POST /api/graphql</c> (Enterprise Server): GitHub's GraphQL API, executed
/// against GitHub's published schema (<see cref="GitHubSchema"/>). Authenticated like REST; every answer that got that far
/// is 200 with <c>data</c> and/or <c>errors</c>; each query is charged its points against the <c>graphql</c> budget.
/// Not served under <c>/api/v3</c>, as GitHub does not.
/// </summary>
internal static class GraphQLRoutes
{
    public const string Docs = "https://docs.github.com/graphql";

    private static readonly string[] Paths = ["/graphql", "/api/graphql"];
    private static readonly GraphQLSerializer Serializer = new();

    /// <summary>A GraphQL request: a POST to one of its paths, outside the REST prefix.</summary>
    public static bool IsGraphQL(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && !request.PathBase.HasValue
        && Array.Exists(Paths, p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));

    public static void Map(IEndpointRouteBuilder routes)
    {
        foreach (var path in Paths)
        {
            routes.MapPost(path, HandleAsync);
        }
    }

    private static async Task<IResult> HandleAsync(HttpContext context, EmulatorState state)
    {
        if (!IsGraphQL(context.Request))
        {
            return GitHubErrors.NotFound(GitHubErrors.RestDocs); // /api/v3/graphql
        }
        TokenGrant? grant;
        lock (state.Gate)
        {
            grant = ApiAccess.Authenticate(context.Request, state);
        }
        if (grant is null)
        {
            return new ApiResult(401, GitHubErrors.Basic("Bad credentials", Docs, 401));
        }
        var body = await RequestBody.ReadAsync(context.Request);
        if (body is null)
        {
            return GitHubErrors.ProblemsParsingJson(Docs);
        }
        if (body.Raw("query") is not JsonValue queryValue || queryValue.GetValueKind() != JsonValueKind.String
            || queryValue.GetValue<string>() is not { Length: > 0 } query)
        {
            return Answer([new GraphQLErrorEntry("A query attribute must be specified and must be a string.")]);
        }
        if (!TryVariables(body.Raw("variables"), out var variables))
        {
            return Answer([new GraphQLErrorEntry("Variables are invalid JSON.")]);
        }
        var operationName = body.Raw("operationName") is JsonValue name && name.GetValueKind() == JsonValueKind.String ? name.GetValue<string>() : null;

        var prepared = await GitHubSchema.PrepareAsync(query, variables, operationName, context.RequestAborted);
        if (prepared.Errors.Count > 0)
        {
            return Answer(prepared.Errors); // costs nothing; the budget's headers are already on
        }
        var limits = prepared.Limits!;
        var decision = limits.DryRun ? state.RateLimits.PeekGraphQL() : state.RateLimits.ConsumeGraphQL(limits.Cost);
        RateLimitMiddleware.WriteHeaders(context.Response, decision, RateLimitMiddleware.GraphQL, state.Clock);
        if (decision.Outcome == RateLimitOutcome.PrimaryExceeded)
        {
            // https://docs.github.com/graphql/overview/rate-limits-and-query-limits-for-the-graphql-api#exceeding-the-rate-limit
            return Answer([new GraphQLErrorEntry($"API rate limit already exceeded for user ID {grant.User.Id}.")
            {
                Type = "RATE_LIMITED",
                Code = "graphql_rate_limit",
            }]);
        }
        var rateLimit = new RateLimitObject(decision.Limit, limits.Cost, decision.Remaining,
            DateTimeOffset.FromUnixTimeSeconds(decision.ResetEpochSeconds), decision.Used, limits.NodeCount);
        var request = new RequestContext(state, grant, $"{context.Request.Scheme}://{context.Request.Host}", rateLimit);
        var (ran, data, errors) = await GitHubSchema.ExecuteAsync(prepared, request, context.RequestAborted);
        return Answer(errors, ran, data);
    }

    /// <summary>The request's <c>variables</c>: an object, null, or a string holding either.</summary>
    private static bool TryVariables(JsonNode? node, out Inputs? variables)
    {
        variables = null;
        try
        {
            switch (node?.GetValueKind())
            {
                case null or JsonValueKind.Null:
                    return true;
                case JsonValueKind.Object:
                    variables = Serializer.Deserialize<Inputs>(node.ToJsonString());
                    return true;
                case JsonValueKind.String:
                    var text = node.GetValue<string>();
                    if (string.IsNullOrWhiteSpace(text))
                    {
                        return true;
                    }
                    if (JsonNode.Parse(text) is not (JsonObject or null))
                    {
                        return false;
                    }
                    variables = Serializer.Deserialize<Inputs>(text);
                    return true;
                default:
                    return false;
            }
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>200 with <c>data</c> (when the query ran) and <c>errors</c> (when there are any), in that order, as GitHub answers.</summary>
    private static ApiResult Answer(IReadOnlyList<GraphQLErrorEntry> errors, bool ran = false, JsonNode? data = null)
    {
        var json = new JsonObject();
        if (ran)
        {
            json["data"] = data;
        }
        if (errors.Count > 0)
        {
            json["errors"] = new JsonArray([.. errors.Select(e => (JsonNode)e.ToJson())]);
        }
        return new ApiResult(200, json);
    }
}
