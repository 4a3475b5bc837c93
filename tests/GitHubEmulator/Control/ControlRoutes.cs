using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitHubEmulator.Api;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Control;

/// <summary>
/// <c>/_emulator/*</c>: seeds and inspects the state, scripts faults and changes settings (see README.md).
/// No authentication, never recorded, no rate limits.
/// </summary>
internal static class ControlRoutes
{
    public const string Prefix = "/_emulator";

    public static bool IsControl(PathString path) => path.StartsWithSegments(Prefix);

    public static void Map(IEndpointRouteBuilder routes)
    {
        var control = routes.MapGroup(Prefix);
        control.MapPost("/reset", (EmulatorState state) =>
        {
            state.Reset();
            return NoContent;
        });
        control.MapPost("/tokens", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            AddToken(state, body);
            return NoContent;
        }));
        control.MapPost("/apps", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            state.AddApp(App(body));
            return NoContent;
        }));
        control.MapPost("/installations/{installationId:long}/revoke", (EmulatorState state, long installationId) =>
            new ApiResult(200, new JsonObject { ["revoked"] = state.RevokeInstallationTokens(installationId) }));
        control.MapPost("/repos", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            AddRepository(state, body);
            return NoContent;
        }));
        control.MapPost("/repos/{owner}/{repo}/deployments", (HttpContext context, EmulatorState state, string owner, string repo) =>
            WithBodyAsync(context, body =>
            {
                var ids = state.SeedDeployments(owner, repo, Seed(body));
                return new ApiResult(201, new JsonObject { ["ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) });
            }));
        control.MapPost("/seed", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            SeedFile.Apply(state, body);
            return NoContent;
        }));
        control.MapGet("/requests", (EmulatorState state) =>
            new ApiResult(200, new JsonArray([.. state.Requests.Snapshot().Select(Request)])));
        control.MapDelete("/requests", (EmulatorState state) =>
        {
            state.Requests.Clear();
            return NoContent;
        });
        control.MapPost("/faults", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            state.Faults.Add(Fault(body));
            return NoContent;
        }));
        control.MapPut("/settings", (HttpContext context, EmulatorState state) => WithBodyAsync(context, body =>
        {
            ApplySettings(state, body);
            return new ApiResult(200, Settings(state));
        }));
        control.MapGet("/state/{owner}/{repo}", (HttpContext context, EmulatorState state, string owner, string repo) =>
            RepositoryState(context, state, owner, repo));
        EnvironmentControlRoutes.Map(control);
        ScriptControlRoutes.Map(control);
    }

    internal static ApiResult NoContent => new(204, null);

    /// <summary><c>{ token, login, repos, admin, kind }</c></summary>
    internal static void AddToken(EmulatorState state, JsonObject body) => state.AddToken(
        ControlInput.RequiredString(body, "token"),
        ControlInput.String(body, "login") ?? EmulatorState.DefaultLogin,
        ControlInput.Strings(body, "repos"),
        ControlInput.Bool(body, "admin") ?? true,
        Kind(ControlInput.String(body, "kind")));

    /// <summary><c>{ owner, name, refs }</c></summary>
    internal static void AddRepository(EmulatorState state, JsonObject body) =>
        state.AddRepository(ControlInput.RequiredString(body, "owner"), ControlInput.RequiredString(body, "name"), Refs(body),
            ControlInput.Bool(body, "archived"), ControlInput.Bool(body, "private"));

    /// <summary><c>classic</c> (default), <c>fine-grained</c> or <c>integration</c>.</summary>
    private static TokenKind Kind(string? kind) => kind switch
    {
        null or "classic" => TokenKind.Classic,
        "fine-grained" => TokenKind.FineGrained,
        "integration" => TokenKind.Integration,
        _ => throw new ControlInputException("'kind' must be classic, fine-grained or integration."),
    };

    internal static async Task<IResult> WithBodyAsync(HttpContext context, Func<JsonObject, IResult> action)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            return action(ControlInput.Parse(text));
        }
        catch (Exception e) when (e is ControlInputException or ArgumentException)
        {
            return new ApiResult(400, new JsonObject { ["message"] = e.Message });
        }
    }

    private static IEnumerable<GitRefSpec> Refs(JsonObject body) =>
        (ControlInput.Array(body, "refs") ?? []).Select(node => node as JsonObject ?? throw new ControlInputException("Each of 'refs' must be an object."))
            .Select(item => new GitRefSpec(ControlInput.RequiredString(item, "ref"))
            {
                Sha = ControlInput.String(item, "sha"),
                Behind = ControlInput.Bool(item, "behind") ?? false,
                MergeConflict = ControlInput.Bool(item, "mergeConflict") ?? false,
                Contexts = ControlInput.StringMap(item, "contexts") ?? [],
            })
            .ToList();

    /// <summary><c>{ appId, publicKeyPem, installations: [ { id, login, repos } ], tokenLifetimeSeconds, slug }</c></summary>
    internal static GitHubAppSpec App(JsonObject body)
    {
        // An app ID may be given as GitHub shows it, a number, or as a string (a client ID is one).
        var appId = body["appId"] is { } id && id.GetValueKind() == JsonValueKind.Number
            ? ControlInput.Long(body, "appId")!.Value.ToString(CultureInfo.InvariantCulture)
            : ControlInput.RequiredString(body, "appId");
        return new GitHubAppSpec(appId, ControlInput.RequiredString(body, "publicKeyPem"))
        {
            Installations = (ControlInput.Array(body, "installations") ?? [])
                .Select(node => node as JsonObject ?? throw new ControlInputException("Each of 'installations' must be an object."))
                .Select(item => new InstallationSpec(
                    ControlInput.Long(item, "id") ?? throw new ControlInputException("'installations[].id' is required."),
                    ControlInput.RequiredString(item, "login"))
                {
                    Repos = ControlInput.Strings(item, "repos"),
                })
                .ToList(),
            TokenLifetimeSeconds = ControlInput.Int(body, "tokenLifetimeSeconds") ?? 3600,
            Slug = ControlInput.String(body, "slug"),
        };
    }

    internal static DeploymentSeed Seed(JsonObject body)
    {
        var defaults = new DeploymentSeed();
        return new DeploymentSeed
        {
            Count = ControlInput.Int(body, "count") ?? defaults.Count,
            Environment = ControlInput.String(body, "environment") ?? defaults.Environment,
            Ref = ControlInput.String(body, "ref") ?? defaults.Ref,
            Task = ControlInput.String(body, "task") ?? defaults.Task,
            Transient = ControlInput.Bool(body, "transient") ?? defaults.Transient,
            Production = ControlInput.Bool(body, "production"),
            States = ControlInput.Strings(body, "states") ?? defaults.States,
            AgeDays = ControlInput.Int(body, "ageDays") ?? defaults.AgeDays,
        };
    }

    private static FaultRule Fault(JsonObject body)
    {
        var path = ControlInput.String(body, "path");
        Regex? regex;
        try
        {
            regex = path is null ? null : new Regex(path, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new ControlInputException($"'path' is not a regular expression: {e.Message}");
        }
        var status = ControlInput.Int(body, "status");
        if (status is < 100 or > 599)
        {
            throw new ControlInputException("'status' must be an HTTP status code.");
        }
        return new FaultRule
        {
            Method = ControlInput.String(body, "method"),
            Path = regex,
            Count = ControlInput.Int(body, "count") ?? 1,
            Status = status,
            Headers = ControlInput.StringMap(body, "headers") ?? [],
            // A body given as JSON rather than as a string is sent as that JSON.
            Body = body["body"] switch
            {
                null => null,
                var node when node.GetValueKind() == JsonValueKind.String => node.GetValue<string>(),
                var node => ApiResult.Serialize(node),
            },
            DelayMs = Math.Max(0, ControlInput.Int(body, "delayMs") ?? 0),
            Drop = ControlInput.Bool(body, "drop") ?? false,
        };
    }

    /// <summary>Changes only the fields given; setting <c>rateLimit</c> or <c>graphqlRateLimit</c> starts a new window of that budget now.</summary>
    internal static void ApplySettings(EmulatorState state, JsonObject body)
    {
        if (ControlInput.Int(body, "latencyMs") is { } latency)
        {
            state.Settings.LatencyMs = latency;
        }
        if (ControlInput.Bool(body, "ghes22") is { } ghes22)
        {
            state.Settings.Ghes22 = ghes22;
        }
        if (ControlInput.Int(body, "pollIntervalSeconds") is { } pollInterval)
        {
            state.Settings.PollIntervalSeconds = pollInterval;
        }
        if (ControlInput.Object(body, "rateLimit") is { } rateLimit)
        {
            var current = state.RateLimits.Primary;
            var primary = new PrimaryRateLimit(
                Positive(ControlInput.Int(rateLimit, "limit") ?? current.Limit, "rateLimit.limit"),
                Math.Max(0, ControlInput.Int(rateLimit, "resetSeconds") ?? current.ResetSeconds),
                ControlInput.Int(rateLimit, "status") ?? current.Status);
            state.RateLimits.SetPrimary(primary, ControlInput.Int(rateLimit, "remaining"));
        }
        if (ControlInput.Object(body, "graphqlRateLimit") is { } graphql)
        {
            var current = state.RateLimits.GraphQL;
            state.RateLimits.SetGraphQL(
                new GraphQLRateLimit(
                    Positive(ControlInput.Int(graphql, "limit") ?? current.Limit, "graphqlRateLimit.limit"),
                    Math.Max(0, ControlInput.Int(graphql, "resetSeconds") ?? current.ResetSeconds)),
                ControlInput.Int(graphql, "remaining"));
        }
        if (ControlInput.Object(body, "secondary") is { } secondary)
        {
            var current = state.RateLimits.Secondary;
            state.RateLimits.Secondary = new SecondaryRateLimit(
                Math.Max(0, ControlInput.Int(secondary, "maxWrites") ?? current.MaxWrites),
                Positive(ControlInput.Int(secondary, "windowSeconds") ?? current.WindowSeconds, "secondary.windowSeconds"),
                ControlInput.Int(secondary, "status") ?? current.Status,
                secondary.ContainsKey("retryAfter") ? ControlInput.Int(secondary, "retryAfter") : current.RetryAfter);
        }
        if (ControlInput.Object(body, "contentLimits") is { } contentLimits)
        {
            var current = state.RateLimits.Content;
            state.RateLimits.Content = new ContentCreationLimits(
                Math.Max(0, ControlInput.Int(contentLimits, "perMinute") ?? current.PerMinute),
                Math.Max(0, ControlInput.Int(contentLimits, "perHour") ?? current.PerHour),
                ControlInput.Int(contentLimits, "status") ?? current.Status);
        }
    }

    private static int Positive(int value, string name) =>
        value > 0 ? value : throw new ControlInputException($"'{name}' must be positive.");

    private static JsonObject Settings(EmulatorState state)
    {
        var primary = state.RateLimits.Primary;
        var graphql = state.RateLimits.GraphQL;
        var secondary = state.RateLimits.Secondary;
        var content = state.RateLimits.Content;
        return new JsonObject
        {
            ["latencyMs"] = state.Settings.LatencyMs,
            ["ghes22"] = state.Settings.Ghes22,
            ["pollIntervalSeconds"] = state.Settings.PollIntervalSeconds,
            ["rateLimit"] = new JsonObject
            {
                ["limit"] = primary.Limit,
                ["remaining"] = state.RateLimits.Remaining,
                ["resetSeconds"] = primary.ResetSeconds,
                ["status"] = primary.Status,
                ["reset"] = state.RateLimits.ResetAt.ToUnixTimeSeconds(),
            },
            ["graphqlRateLimit"] = new JsonObject
            {
                ["limit"] = graphql.Limit,
                ["remaining"] = state.RateLimits.GraphQLRemaining,
                ["resetSeconds"] = graphql.ResetSeconds,
                ["reset"] = state.RateLimits.GraphQLResetAt.ToUnixTimeSeconds(),
            },
            ["secondary"] = new JsonObject
            {
                ["maxWrites"] = secondary.MaxWrites,
                ["windowSeconds"] = secondary.WindowSeconds,
                ["status"] = secondary.Status,
                ["retryAfter"] = secondary.RetryAfter,
            },
            ["contentLimits"] = new JsonObject
            {
                ["perMinute"] = content.PerMinute,
                ["perHour"] = content.PerHour,
                ["status"] = content.Status,
            },
        };
    }

    private static JsonNode Request(RecordedRequest request) => new JsonObject
    {
        ["method"] = request.Method,
        ["path"] = request.Path,
        ["rawPath"] = request.RawPath,
        ["query"] = request.Query,
        ["headers"] = new JsonObject([.. request.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))]),
        ["body"] = request.Body,
        ["status"] = request.Status,
        ["rateLimitUsed"] = request.RateLimitUsed,
        ["time"] = request.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The repository's deployments as the API renders them (newest first), each with its <c>state</c> (GraphQL's
    /// DeploymentState) and the statuses the API still shows (newest first), and its environments, each with its branch
    /// policies.
    /// </summary>
    private static IResult RepositoryState(HttpContext context, EmulatorState state, string owner, string repo)
    {
        state.AdvanceScripts(null, null);
        lock (state.Gate)
        {
            if (state.FindRepository(owner, repo) is not { } repository)
            {
                return new ApiResult(404, new JsonObject { ["message"] = $"No repository {owner}/{repo}." });
            }
            var render = new Representations(context.Request);
            var now = state.Now;
            var deployments = repository.Deployments.AsEnumerable().Reverse().Select(d =>
            {
                var json = render.Deployment(repository, d);
                json["state"] = d.StateAt(now);
                json["statuses"] = new JsonArray([.. d.RetainedStatuses(now).Reverse().Select(s => render.Status(repository, d, s))]);
                return (JsonNode)json;
            });
            var environments = repository.Environments.Values.OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase).Select(e =>
            {
                var json = render.Environment(repository, e, state);
                json["branch_policies"] = new JsonArray([.. e.BranchPolicies.Select(p => (JsonNode)Representations.BranchPolicy(p))]);
                return (JsonNode)json;
            });
            return new ApiResult(200, new JsonObject
            {
                ["deployments"] = new JsonArray([.. deployments]),
                ["environments"] = new JsonArray([.. environments]),
            });
        }
    }
}
