using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitHubEmulator.Api;
using GitHubEmulator.State;
using GraphQL;
using GraphQL.Resolvers;

namespace GitHubEmulator.GraphQL;

/// <summary>
/// The fields the emulator resolves; every other field of the schema resolves to null. Records are read under
/// <see cref="EmulatorState.Gate"/>, one field at a time.
/// </summary>
internal static class Resolvers
{
    private const string CursorPrefix = "cursor:v2:";

    public static IReadOnlyDictionary<(string Type, string Field), IFieldResolver> All { get; } = Build();

    private static Dictionary<(string, string), IFieldResolver> Build()
    {
        var all = new Dictionary<(string, string), IFieldResolver>();
        void Root(string field, Func<RequestContext, IResolveFieldContext, object?> resolve) =>
            On<object?>("Query", field, (_, request, context) => resolve(request, context));
        void On<TSource>(string type, string field, Func<TSource, RequestContext, IResolveFieldContext, object?> resolve) =>
            all.Add((type, field), new FuncFieldResolver<object>(context =>
            {
                var request = (RequestContext)context.UserContext;
                lock (request.State.Gate)
                {
                    return resolve((TSource)context.Source!, request, context);
                }
            }));
        void Value<TSource>(string type, string field, Func<TSource, object?> resolve) =>
            On<TSource>(type, field, (source, _, _) => resolve(source));

        Root("node", (request, context) => Node(request, context.GetArgument<string>("id"))
            ?? throw NotFound(context.GetArgument<string>("id")));
        Root("nodes", Nodes);
        Root("repository", (request, context) =>
        {
            var (owner, name) = (context.GetArgument<string>("owner"), context.GetArgument<string>("name"));
            return request.State.FindRepository(owner, name) is { } repository && request.Grant.CanSee(repository)
                ? new RepositoryObject(repository)
                : throw new TypedExecutionError("NOT_FOUND", $"Could not resolve to a Repository with the name '{owner}/{name}'.");
        });
        Root("viewer", (request, _) => User(request.Grant.User));
        Root("rateLimit", (request, _) => request.RateLimit);

        Value<RepositoryObject>("Repository", "id", r => r.Id);
        Value<RepositoryObject>("Repository", "databaseId", r => Int32(r.Repository.Id));
        Value<RepositoryObject>("Repository", "name", r => r.Repository.Name);
        Value<RepositoryObject>("Repository", "nameWithOwner", r => r.Repository.FullName);
        On<RepositoryObject>("Repository", "owner", (r, request, _) =>
            new UserObject(r.Repository.Owner, request.State.FindUser(r.Repository.Owner)?.Id ?? 0));
        On<RepositoryObject>("Repository", "url", (r, request, _) => $"{request.Web}/{r.Repository.FullName}");
        On<RepositoryObject>("Repository", "deployments", (r, _, context) => Deployments(r.Repository, context));

        Value<DeploymentObject>("Deployment", "id", d => d.Id);
        Value<DeploymentObject>("Deployment", "databaseId", d => Int32(d.Deployment.Id));
        On<DeploymentObject>("Deployment", "state", (d, request, _) => d.Deployment.StateAt(request.State.Now));
        Value<DeploymentObject>("Deployment", "environment", d => d.Deployment.Environment);
        Value<DeploymentObject>("Deployment", "latestEnvironment", d => d.Deployment.Environment);
        Value<DeploymentObject>("Deployment", "originalEnvironment", d => d.Deployment.OriginalEnvironment);
        Value<DeploymentObject>("Deployment", "task", d => d.Deployment.Task);
        Value<DeploymentObject>("Deployment", "description", d => d.Deployment.Description);
        Value<DeploymentObject>("Deployment", "createdAt", d => d.Deployment.CreatedAt);
        Value<DeploymentObject>("Deployment", "updatedAt", d => d.Deployment.UpdatedAt);
        Value<DeploymentObject>("Deployment", "commitOid", d => d.Deployment.Sha);
        Value<DeploymentObject>("Deployment", "creator", d => User(d.Deployment.Creator));
        Value<DeploymentObject>("Deployment", "repository", d => new RepositoryObject(d.Repository));
        Value<DeploymentObject>("Deployment", "payload", d => Payload(d.Deployment.Payload));
        // A deployment made from a sha has no ref.
        Value<DeploymentObject>("Deployment", "ref", d => d.Deployment.Ref == d.Deployment.Sha ? null : new RefObject(d.Repository, d.Deployment.Ref));
        On<DeploymentObject>("Deployment", "latestStatus", (d, request, _) =>
            d.Deployment.RetainedStatuses(request.State.Now) is { Count: > 0 } retained ? new StatusObject(d.Repository, d.Deployment, retained[^1]) : null);
        On<DeploymentObject>("Deployment", "statuses", (d, request, context) =>
            Paginate(d.Deployment.RetainedStatuses(request.State.Now), s => s.Id, s => new StatusObject(d.Repository, d.Deployment, s), context));

        Value<StatusObject>("DeploymentStatus", "id", s => s.Id);
        Value<StatusObject>("DeploymentStatus", "state", s => s.Status.State.ToUpperInvariant());
        Value<StatusObject>("DeploymentStatus", "description", s => s.Status.Description);
        Value<StatusObject>("DeploymentStatus", "environment", s => s.Status.Environment);
        Value<StatusObject>("DeploymentStatus", "environmentUrl", s => NullIfEmpty(s.Status.EnvironmentUrl));
        Value<StatusObject>("DeploymentStatus", "logUrl", s => NullIfEmpty(s.Status.LogUrl) ?? NullIfEmpty(s.Status.TargetUrl));
        Value<StatusObject>("DeploymentStatus", "createdAt", s => s.Status.CreatedAt);
        Value<StatusObject>("DeploymentStatus", "updatedAt", s => s.Status.CreatedAt);
        Value<StatusObject>("DeploymentStatus", "creator", s => User(s.Status.Creator));
        Value<StatusObject>("DeploymentStatus", "deployment", s => new DeploymentObject(s.Repository, s.Deployment));

        Value<UserObject>("User", "id", u => u.Id);
        Value<UserObject>("User", "login", u => u.Login);
        Value<UserObject>("User", "databaseId", u => Int32(u.DatabaseId));
        Value<UserObject>("User", "resourcePath", u => "/" + u.Login);
        On<UserObject>("User", "url", (u, request, _) => $"{request.Web}/{u.Login}");
        On<UserObject>("User", "avatarUrl", (u, request, _) => $"{request.Web}/avatars/u/{u.DatabaseId}?v=4");

        Value<RefObject>("Ref", "id", r => r.Id);
        Value<RefObject>("Ref", "name", r => r.Name);
        Value<RefObject>("Ref", "prefix", _ => "refs/heads/");
        Value<RefObject>("Ref", "repository", r => new RepositoryObject(r.Repository));

        foreach (var connection in new[] { "DeploymentConnection", "DeploymentStatusConnection" })
        {
            Value<ConnectionPage>(connection, "edges", p => p.Edges);
            Value<ConnectionPage>(connection, "nodes", p => p.Edges.Select(e => e.Node).ToList());
            Value<ConnectionPage>(connection, "pageInfo", p => p);
            Value<ConnectionPage>(connection, "totalCount", p => p.TotalCount);
        }
        foreach (var edge in new[] { "DeploymentEdge", "DeploymentStatusEdge" })
        {
            Value<EdgeObject>(edge, "cursor", e => e.Cursor);
            Value<EdgeObject>(edge, "node", e => e.Node);
        }
        Value<ConnectionPage>("PageInfo", "startCursor", p => p.Edges.Count > 0 ? p.Edges[0].Cursor : null);
        Value<ConnectionPage>("PageInfo", "endCursor", p => p.Edges.Count > 0 ? p.Edges[^1].Cursor : null);
        Value<ConnectionPage>("PageInfo", "hasNextPage", p => p.HasNextPage);
        Value<ConnectionPage>("PageInfo", "hasPreviousPage", p => p.HasPreviousPage);

        Value<RateLimitObject>("RateLimit", "limit", r => r.Limit);
        Value<RateLimitObject>("RateLimit", "cost", r => r.Cost);
        Value<RateLimitObject>("RateLimit", "remaining", r => r.Remaining);
        Value<RateLimitObject>("RateLimit", "resetAt", r => r.ResetAt);
        Value<RateLimitObject>("RateLimit", "used", r => r.Used);
        Value<RateLimitObject>("RateLimit", "nodeCount", r => r.NodeCount);
        return all;
    }

    /// <summary>
    /// The object a global node id names, when it exists and the token may see it: a deployment, a status GitHub
    /// still holds (90 days), a repository or a user; null otherwise.
    /// </summary>
    private static IGitHubObject? Node(RequestContext request, string id)
    {
        if (!NodeIds.TryParse(id, out var type, out var databaseId))
        {
            return null;
        }
        var state = request.State;
        return type switch
        {
            DeploymentObject.Type when state.FindDeployment(databaseId) is var (repository, deployment) && request.Grant.CanSee(repository) =>
                new DeploymentObject(repository, deployment),
            StatusObject.Type when state.FindStatus(databaseId) is var (repository, deployment, status) && request.Grant.CanSee(repository)
                && deployment.RetainedStatuses(state.Now).Contains(status) =>
                new StatusObject(repository, deployment, status),
            RepositoryObject.Type when state.FindRepository(databaseId) is { } repository && request.Grant.CanSee(repository) =>
                new RepositoryObject(repository),
            UserObject.Type when state.FindUser(databaseId) is { } user => User(user),
            _ => null,
        };
    }

    /// <summary>The nodes in the order of their ids; each id that names nothing the token can see is null, with a NOT_FOUND error.</summary>
    private static List<IGitHubObject?> Nodes(RequestContext request, IResolveFieldContext context)
    {
        var ids = context.GetArgument<List<string>>("ids");
        var nodes = new List<IGitHubObject?>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            var node = Node(request, ids[i]);
            if (node is null)
            {
                var error = NotFound(ids[i]).AddLocation(context.FieldAst, context.Document);
                error.Path = [.. context.ResponsePath, i];
                context.Errors.Add(error);
            }
            nodes.Add(node);
        }
        return nodes;
    }

    private static TypedExecutionError NotFound(string id) =>
        new("NOT_FOUND", $"Could not resolve to a node with the global id of '{id}'");

    /// <summary><c>repository.deployments</c>: filtered by <c>environments</c>, ordered by <c>orderBy</c> (default: created, oldest first).</summary>
    private static ConnectionPage Deployments(RepositoryRecord repository, IResolveFieldContext context)
    {
        var environments = context.GetArgument<List<string>?>("environments")?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var descending = context.GetArgument<Dictionary<string, object?>?>("orderBy")?.GetValueOrDefault("direction") as string == "DESC";
        var ordered = repository.Deployments
            .Where(d => environments is null || environments.Contains(d.Environment))
            .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
            .ToList();
        if (descending)
        {
            ordered.Reverse();
        }
        return Paginate(ordered, d => d.Id, d => new DeploymentObject(repository, d), context);
    }

    /// <summary>Relay pagination over <paramref name="ordered"/>: <c>after</c>/<c>before</c> cursors, then <c>first</c>/<c>last</c>.</summary>
    private static ConnectionPage Paginate<T>(IReadOnlyList<T> ordered, Func<T, long> idOf, Func<T, object> nodeOf, IResolveFieldContext context)
    {
        int Position(string argument, int otherwise)
        {
            if (context.GetArgument<string?>(argument) is not { } cursor)
            {
                return otherwise;
            }
            var id = ParseCursor(cursor);
            var index = id is null ? -1 : ordered.Select(idOf).ToList().IndexOf(id.Value);
            return index >= 0 ? index : throw new TypedExecutionError("INVALID_CURSOR_ARGUMENTS", $"`{argument}` does not appear to be a valid cursor.");
        }

        var start = Position("after", -1) + 1;
        var end = Position("before", ordered.Count);
        var window = Enumerable.Range(start, Math.Max(0, end - start));
        if (context.GetArgument<int?>("first") is { } first)
        {
            window = window.Take(Math.Max(0, first));
        }
        if (context.GetArgument<int?>("last") is { } last)
        {
            window = window.TakeLast(Math.Max(0, last));
        }
        var indexes = window.ToList();
        var edges = indexes.Select(i => new EdgeObject(nodeOf(ordered[i]), Cursor(idOf(ordered[i])))).ToList();
        return new ConnectionPage(edges, ordered.Count,
            HasNextPage: indexes.Count > 0 && indexes[^1] < ordered.Count - 1,
            HasPreviousPage: indexes.Count > 0 && indexes[0] > 0);
    }

    private static string Cursor(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + id));

    private static long? ParseCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(CursorPrefix, StringComparison.Ordinal) && long.TryParse(text.AsSpan(CursorPrefix.Length), out var id) ? id : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static UserObject User(UserRecord user) => new(user.Login, user.Id);

    /// <summary>GraphQL's Int is 32-bit: a database id beyond it (the emulator's deployment ids are) resolves to null.</summary>
    private static int? Int32(long id) => id <= int.MaxValue ? (int)id : null;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    /// <summary>The payload as JSON text (a string payload as that string); none (an empty object) is null.</summary>
    private static string? Payload(JsonNode payload) => payload switch
    {
        JsonObject { Count: 0 } => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => payload.ToJsonString(),
    };
}
