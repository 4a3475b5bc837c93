using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitHubEmulator.GraphQL;
using GitHubEmulator.State;
using Xunit;
using Xunit.Abstractions;

namespace GitHubEmulator.Tests;

public sealed class GraphQLTests(ITestOutputHelper output)
{
    /// <summary>The module's query: the states of a page of deployments by their REST node ids.</summary>
    private const string StatesQuery = "query($ids: [ID!]!) { nodes(ids: $ids) { ... on Deployment { id state } } }";

    private static JsonObject Ids(IEnumerable<string> ids) => new() { ["ids"] = new JsonArray([.. ids.Select(id => (JsonNode)id)]) };

    private static JsonNode Error(Reply reply, int index = 0) => reply.Json["errors"]![index]!;

    /// <summary>JSON as the emulator writes it (quotes and apostrophes unescaped).</summary>
    private static string Text(JsonNode node) => node.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    [Fact]
    public async Task TheModulesQueryReadsTheStatesOfAHundredDeploymentsInOneRequestForOnePoint()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Count = 100, Environment = "production" });
        var page = (await emu.GetAsync("repos/o/r/deployments?per_page=100")).Json.AsArray();
        var nodeIds = page.Select(d => d!["node_id"]!.GetValue<string>()).ToList();
        emu.State.Requests.Clear();

        // Octokit's default content type; the body is JSON all the same.
        var reply = await emu.PostAsync("graphql", new JsonObject { ["query"] = StatesQuery, ["variables"] = Ids(nodeIds) }.ToJsonString(),
            "application/x-www-form-urlencoded");

        Assert.Equal(200, reply.Status);
        Assert.Null(reply.Json["errors"]);
        var nodes = reply.Json["data"]!["nodes"]!.AsArray();
        Assert.Equal(nodeIds, nodes.Select(n => n!["id"]!.GetValue<string>()));
        Assert.Equal("ACTIVE", nodes[0]!["state"]!.GetValue<string>());
        Assert.All(nodes.Skip(1), n => Assert.Equal("SUCCESS", n!["state"]!.GetValue<string>()));
        Assert.Equal("graphql", reply.Header("x-ratelimit-resource"));
        Assert.Equal("1", reply.Header("x-ratelimit-used"));
        Assert.Equal("4999", reply.Header("x-ratelimit-remaining"));
        var recorded = Assert.Single(emu.State.Requests.Snapshot());
        Assert.Equal(("POST", "/graphql", 200), (recorded.Method, recorded.Path, recorded.Status));
        output.WriteLine($"GitHub's schema built once in {GitHubSchema.BuildTime.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task AnIdThatNamesNothingTheTokenCanSeeIsNullWithANotFoundError()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed())[0];
        var known = await emu.NodeIdAsync(id);
        var hidden = emu.State.SeedDeployments("secret", "repo", new DeploymentSeed())[0];
        emu.State.AddToken("narrow", repositories: ["o/r"]);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "narrow");
        var hiddenId = TestEmulator.DeploymentNodeId(hidden);

        var reply = await emu.GraphQLAsync(StatesQuery, Ids([known, "MDEwOkRlcGxveW1lbnQx", hiddenId, "not an id"]));

        Assert.Equal(200, reply.Status);
        var nodes = reply.Json["data"]!["nodes"]!.AsArray();
        Assert.Equal(known, nodes[0]!["id"]!.GetValue<string>());
        Assert.Equal([true, true, true], nodes.Skip(1).Select(n => n is null));
        var errors = reply.Json["errors"]!.AsArray();
        Assert.Equal(3, errors.Count);
        Assert.Equal(
            """{"type":"NOT_FOUND","path":["nodes",1],"locations":[{"line":1,"column":23}],"message":"Could not resolve to a node with the global id of 'MDEwOkRlcGxveW1lbnQx'"}""",
            Text(errors[0]!));
        Assert.Equal($"Could not resolve to a node with the global id of '{hiddenId}'", errors[1]!["message"]!.GetValue<string>());
        Assert.Equal("""["nodes",3]""", errors[2]!["path"]!.ToJsonString());
    }

    [Fact]
    public async Task NodeResolvesADeploymentOrAStatusAndAnswersNotFoundForAnythingElse()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed { States = ["in_progress", "success"] })[0];
        var status = (await emu.GetAsync($"repos/o/r/deployments/{id}/statuses")).Json[0]!;

        var reply = await emu.GraphQLAsync($$"""
            { status: node(id: "{{status["node_id"]}}") { ... on DeploymentStatus { id state deployment { id databaseId commitOid } creator { login } } }
              missing: node(id: "nope") { id } }
            """);

        var found = reply.Json["data"]!["status"]!;
        Assert.Equal(status["node_id"]!.GetValue<string>(), found["id"]!.GetValue<string>());
        Assert.Equal("SUCCESS", found["state"]!.GetValue<string>());
        Assert.Equal(await emu.NodeIdAsync(id), found["deployment"]!["id"]!.GetValue<string>());
        // GraphQL's Int is 32-bit; the emulator's ids are not.
        Assert.Null(found["deployment"]!["databaseId"]);
        Assert.Equal("octocat", found["creator"]!["login"]!.GetValue<string>());
        Assert.Null(reply.Json["data"]!["missing"]);
        Assert.Equal("""{"type":"NOT_FOUND","path":["missing"],"locations":[{"line":2,"column":3}],"message":"Could not resolve to a node with the global id of 'nope'"}""",
            Text(Error(reply)));
    }

    [Fact]
    public async Task AQueryGitHubsSchemaRejectsIsAnsweredWithItsValidationErrorsAndNoData()
    {
        await using var emu = await TestEmulator.StartAsync();

        var reply = await emu.GraphQLAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id status } }", Ids(["x"]));

        Assert.Equal(200, reply.Status);
        Assert.Null(reply.Json["data"]);
        Assert.Equal(
            """{"errors":[{"path":["query","nodes","status"],"extensions":{"code":"undefinedField","typeName":"Node","fieldName":"status"},"locations":[{"line":1,"column":45}],"message":"Field 'status' doesn't exist on type 'Node'"}]}""",
            reply.Text);
        Assert.Equal("5000", reply.Header("x-ratelimit-remaining")); // refused before it ran: no points
        Assert.Equal("graphql", reply.Header("x-ratelimit-resource"));
    }

    [Theory]
    [InlineData("query($ids: [ID]!) { nodes(ids: $ids) { id } }",
        "Nullability mismatch on variable $ids and argument ids ([ID]! / [ID!]!)", """{"ids":["x"]}""")]
    [InlineData("query($first: String) { repository(owner: \"o\", name: \"r\") { deployments(first: $first) { totalCount } } }",
        "Type mismatch on variable $first and argument first (String / Int)", "{}")]
    [InlineData("{ repository(owner: \"o\") { id } }", "Field 'repository' is missing required arguments: name")]
    [InlineData("{ repository(owner: \"o\", name: \"r\", first: 1) { id } }", "Field 'repository' doesn't accept argument 'first'")]
    [InlineData("{ repository(owner: \"o\", name: \"r\") { deployments(first: \"ten\") { totalCount } } }",
        "Argument 'first' on Field 'deployments' has an invalid value (\"ten\"). Expected type 'Int'.")]
    [InlineData("{ nodes(ids: [\"x\"]) { ... on Deploy { id } } }", "No such type Deploy, so it can't be a fragment condition")]
    [InlineData("{ repository(owner: \"o\", name: \"r\") }",
        "Field must have selections (field 'repository' returns Repository but has no selections. Did you mean 'repository { ... }'?)")]
    [InlineData("{ viewer { login { x } } }", "Selections can't be made on scalars (field 'login' returns String but has selections [x])")]
    [InlineData("query($x: Int) { viewer { login } }", "Variable $x is declared by anonymous query but not used")]
    [InlineData("{ nodes(ids: $ids) { id } }", "Variable $ids is used by anonymous query but not declared")]
    [InlineData("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", "Variable $ids of type [ID!]! was provided invalid value")]
    public void TheValidatorAnswersInGitHubsWords(string query, string message, string? variables = null)
    {
        Assert.Equal([message], GitHubSchema.Validate(query, variables));
    }

    [Fact]
    public void TheValidatorAcceptsWhatGitHubsSchemaAccepts()
    {
        Assert.Empty(GitHubSchema.Validate(StatesQuery, """{"ids":["MDEwOkRlcGxveW1lbnQx"]}"""));
        Assert.Empty(GitHubSchema.Validate("""
            query($owner: String!, $name: String!, $after: String) {
              repository(owner: $owner, name: $name) {
                deployments(first: 100, after: $after, environments: ["production"], orderBy: {field: CREATED_AT, direction: DESC}) {
                  pageInfo { hasNextPage endCursor }
                  nodes { id databaseId state environment latestStatus { state createdAt logUrl } }
                }
              }
              rateLimit { cost remaining resetAt }
            }
            """, """{"owner":"o","name":"r"}"""));
        Assert.StartsWith("Parse error", Assert.Single(GitHubSchema.Validate("{ nodes(ids: [\"x\"]) { id }")));
    }

    [Fact]
    public async Task ConnectionsNeedFirstOrLastOfAtMostAHundredAndNodesAtMostAHundredIds()
    {
        await using var emu = await TestEmulator.StartAsync();

        var unbounded = await emu.GraphQLAsync("{ repository(owner: \"o\", name: \"r\") { deployments { totalCount } } }");
        var excessive = await emu.GraphQLAsync("{ repository(owner: \"o\", name: \"r\") { deployments(last: 101) { totalCount } } }");
        var tooMany = await emu.GraphQLAsync(StatesQuery, Ids(Enumerable.Range(0, 101).Select(i => $"id{i}")));

        Assert.Equal(
            """{"errors":[{"type":"MISSING_PAGINATION_BOUNDARIES","path":["repository","deployments"],"locations":[{"line":1,"column":39}],"message":"You must provide a `first` or `last` value to properly paginate the `deployments` connection."}]}""",
            unbounded.Text);
        Assert.Equal("EXCESSIVE_PAGINATION", Error(excessive)["type"]!.GetValue<string>());
        Assert.Equal("Requesting 101 records on the `deployments` connection exceeds the `last` limit of 100 records.", Error(excessive)["message"]!.GetValue<string>());
        Assert.Equal("You may not provide more than 100 node ids; you provided 101.", Error(tooMany)["message"]!.GetValue<string>());
        Assert.Null(tooMany.Json["data"]);
    }

    [Fact]
    public async Task RepositoryDeploymentsAreOldestFirstByDefaultFilteredOrderedAndPaginated()
    {
        await using var emu = await TestEmulator.StartAsync();
        var staging = emu.Seed(new DeploymentSeed { Count = 3, Environment = "staging" });
        emu.Seed(new DeploymentSeed { Count = 1, Environment = "production" });
        var nodeIds = new List<string>();
        foreach (var id in staging)
        {
            nodeIds.Add(await emu.NodeIdAsync(id));
        }
        const string Query = """
            query($after: String, $direction: OrderDirection = ASC) {
              repository(owner: "o", name: "r") {
                deployments(first: 2, after: $after, environments: ["staging"], orderBy: {field: CREATED_AT, direction: $direction}) {
                  totalCount
                  pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
                  edges { cursor node { id environment } }
                }
              }
            }
            """;

        var first = (await emu.GraphQLAsync(Query)).Json["data"]!["repository"]!["deployments"]!;
        var second = (await emu.GraphQLAsync(Query, new JsonObject { ["after"] = first["pageInfo"]!["endCursor"]!.GetValue<string>() }))
            .Json["data"]!["repository"]!["deployments"]!;
        var newest = (await emu.GraphQLAsync(Query, new JsonObject { ["direction"] = "DESC" })).Json["data"]!["repository"]!["deployments"]!;
        var all = (await emu.GraphQLAsync("{ repository(owner: \"o\", name: \"r\") { deployments(last: 10) { totalCount } } }"))
            .Json["data"]!["repository"]!["deployments"]!;

        static IEnumerable<string> Ids(JsonNode connection) => connection["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>());
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.Equal(nodeIds[..2], Ids(first));
        Assert.True(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(first["edges"]![1]!["cursor"]!.GetValue<string>(), first["pageInfo"]!["endCursor"]!.GetValue<string>());
        Assert.Equal([nodeIds[2]], Ids(second));
        Assert.False(second["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.True(second["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal([nodeIds[2], nodeIds[1]], Ids(newest));
        Assert.Equal(4, all["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task ARepositoryTheTokenCannotSeeIsNotFound()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.State.SeedDeployments("secret", "repo", new DeploymentSeed());
        emu.State.AddToken("narrow", repositories: ["o/r"]);
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "narrow");

        var reply = await emu.GraphQLAsync("{ repository(owner: \"secret\", name: \"repo\") { deployments(first: 1) { totalCount } } }");

        Assert.Equal(
            """{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"locations":[{"line":1,"column":3}],"message":"Could not resolve to a Repository with the name 'secret/repo'."}]}""",
            reply.Text);
    }

    [Fact]
    public async Task AnUnknownTokenIsRefusedAndAMissingQueryIsAnError()
    {
        await using var emu = await TestEmulator.StartAsync();

        var noQuery = await emu.PostAsync("graphql", """{"variables":{}}""");
        var notJson = await emu.PostAsync("graphql", "query { viewer { login } }");
        emu.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", "unknown");
        var refused = await emu.GraphQLAsync("{ viewer { login } }");

        Assert.Equal(200, noQuery.Status);
        Assert.Equal("""{"errors":[{"message":"A query attribute must be specified and must be a string."}]}""", noQuery.Text);
        Assert.Equal(400, notJson.Status);
        Assert.Equal("Problems parsing JSON", notJson.Json["message"]!.GetValue<string>());
        Assert.Equal(401, refused.Status);
        Assert.Equal("Bad credentials", refused.Json["message"]!.GetValue<string>());
        Assert.Equal("https://docs.github.com/graphql", refused.Json["documentation_url"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnterpriseServersPathIsServedButNotTheRestPrefix()
    {
        await using var emu = await TestEmulator.StartAsync();

        var enterprise = await emu.GraphQLAsync("{ viewer { login } }", path: "api/graphql");
        var underV3 = await emu.GraphQLAsync("{ viewer { login } }", path: "api/v3/graphql");

        Assert.Equal("""{"data":{"viewer":{"login":"octocat"}}}""", enterprise.Text);
        Assert.Equal("graphql", enterprise.Header("x-ratelimit-resource"));
        Assert.Equal(404, underV3.Status);
        Assert.Equal("core", underV3.Header("x-ratelimit-resource"));
        Assert.Equal(["/api/graphql", "/graphql"], emu.State.Requests.Snapshot().Select(r => r.Path));
    }

    [Fact]
    public async Task GraphQLHasItsOwnBudgetInPointsApartFromRestsCore()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Seed(new DeploymentSeed { Count = 3 });

        var rest = await emu.GetAsync("repos/o/r/deployments");
        // 1 request for the deployments, 10 for their statuses, 1,000 for the statuses' deployments' statuses: 10 points.
        var nested = await emu.GraphQLAsync("""
            { repository(owner: "o", name: "r") { deployments(first: 10) { nodes { statuses(first: 100) { nodes { deployment { statuses(first: 100) { totalCount } } } } } } }
              rateLimit { limit cost remaining used resetAt nodeCount } }
            """);
        var dryRun = await emu.GraphQLAsync("{ rateLimit(dryRun: true) { cost remaining } }");
        var restAgain = await emu.GetAsync("repos/o/r/deployments");

        Assert.Equal(("core", "4999"), (rest.Header("x-ratelimit-resource"), rest.Header("x-ratelimit-remaining")));
        var rateLimit = nested.Json["data"]!["rateLimit"]!;
        Assert.Equal(
            $$"""{"limit":5000,"cost":10,"remaining":4990,"used":10,"resetAt":"2026-01-15T11:00:00Z","nodeCount":101010}""",
            rateLimit.ToJsonString());
        Assert.Equal(("graphql", "4990", "10"), (nested.Header("x-ratelimit-resource"), nested.Header("x-ratelimit-remaining"), nested.Header("x-ratelimit-used")));
        Assert.Equal(emu.Clock.GetUtcNow().AddHours(1).ToUnixTimeSeconds().ToString(), nested.Header("x-ratelimit-reset"));
        Assert.Equal("""{"cost":1,"remaining":4990}""", dryRun.Json["data"]!["rateLimit"]!.ToJsonString());
        Assert.Equal("4998", restAgain.Header("x-ratelimit-remaining"));
    }

    [Fact]
    public async Task ASpentGraphQLBudgetAnswers200WithRateLimitedUntilTheReset()
    {
        await using var emu = await TestEmulator.StartAsync();
        var settings = await emu.ControlAsync(HttpMethod.Put, "settings", """{"graphqlRateLimit":{"limit":10,"remaining":1,"resetSeconds":60}}""");
        var reset = emu.Clock.GetUtcNow().AddSeconds(60).ToUnixTimeSeconds().ToString();

        var last = await emu.GraphQLAsync("{ viewer { login } }");
        var refused = await emu.GraphQLAsync("{ viewer { login } }");
        var rest = await emu.GetAsync("user");
        emu.Clock.Advance(TimeSpan.FromSeconds(61));
        var refilled = await emu.GraphQLAsync("{ viewer { login } }");

        Assert.Equal(
            """{"limit":10,"remaining":1,"resetSeconds":60,"reset":""" + reset + "}",
            settings.Json["graphqlRateLimit"]!.ToJsonString());
        Assert.Equal(200, last.Status);
        Assert.Equal("0", last.Header("x-ratelimit-remaining"));
        Assert.Equal(200, refused.Status);
        Assert.Equal(
            """{"errors":[{"type":"RATE_LIMITED","code":"graphql_rate_limit","message":"API rate limit already exceeded for user ID 1."}]}""",
            refused.Text);
        Assert.Equal(("0", "10", reset, "graphql"),
            (refused.Header("x-ratelimit-remaining"), refused.Header("x-ratelimit-used"), refused.Header("x-ratelimit-reset"), refused.Header("x-ratelimit-resource")));
        Assert.Equal(200, rest.Status);
        Assert.Equal("9", refilled.Header("x-ratelimit-remaining"));
        await emu.ControlAsync(HttpMethod.Post, "reset");
        Assert.Equal(new GraphQLRateLimit(), emu.State.RateLimits.GraphQL);
        Assert.Equal(5000, emu.State.RateLimits.GraphQLRemaining);
    }

    [Fact]
    public async Task FaultsAndLatencyApplyToGraphQL()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.ControlAsync(HttpMethod.Post, "faults",
            """{"path":"^/graphql$","status":200,"headers":{"x-ratelimit-remaining":"0"},"body":{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded for user ID 1."}]}}""");

        var faulted = await emu.GraphQLAsync(StatesQuery, Ids(["x"]));
        var real = await emu.GraphQLAsync("{ viewer { login } }");

        Assert.Equal("""{"errors":[{"type":"RATE_LIMITED","message":"API rate limit exceeded for user ID 1."}]}""", faulted.Text);
        Assert.Equal(("0", "graphql"), (faulted.Header("x-ratelimit-remaining"), faulted.Header("x-ratelimit-resource")));
        Assert.Equal("""{"data":{"viewer":{"login":"octocat"}}}""", real.Text);
        Assert.Equal([200, 200], emu.State.Requests.Snapshot().Select(r => r.Status));
    }

    [Fact]
    public async Task FieldsTheEmulatorDoesNotImplementResolveToNull()
    {
        await using var emu = await TestEmulator.StartAsync();
        var id = emu.Seed(new DeploymentSeed())[0];

        var reply = await emu.GraphQLAsync($$"""{ node(id: "{{await emu.NodeIdAsync(id)}}") { ... on Deployment { commit { oid } task payload ref { name prefix } } } }""");

        Assert.Equal("""{"data":{"node":{"commit":null,"task":"deploy","payload":null,"ref":{"name":"main","prefix":"refs/heads/"}}}}""", reply.Text);
        // A non-null field left unresolved is a field error; at the root it leaves no data.
        var nonNull = await emu.GraphQLAsync("{ relay { __typename } }");
        Assert.Equal(200, nonNull.Status);
        Assert.Null(nonNull.Json["data"]);
        Assert.True(nonNull.Json.AsObject().ContainsKey("data"));
        Assert.Equal("""["relay"]""", Error(nonNull)["path"]!.ToJsonString());
    }
}
