using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DeploymentStatus.Testing;
using GitHubEmulator.State;

namespace GitHubEmulator.Tests;

/// <summary>An answer read whole: status, headers and body text (as JSON on demand).</summary>
internal sealed record Reply(HttpResponseMessage Response, string Text)
{
    public int Status => (int)Response.StatusCode;

    public JsonNode Json => JsonNode.Parse(Text) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>A response or content header, its values joined; null when absent.</summary>
    public string? Header(string name) =>
        Response.Headers.TryGetValues(name, out var values) || Response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}

/// <summary>
/// An emulator hosted in the test process, with token <see cref="Token"/> (user octocat) seeing every repository,
/// repository o/r, and an HTTP client that sends that token.
/// </summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string Token = "t";

    private TestEmulator(EmulatorServer server, ManualClock clock)
    {
        Server = server;
        Clock = clock;
        Http = new HttpClient { BaseAddress = server.BaseUri };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", Token);
    }

    public EmulatorServer Server { get; }
    public EmulatorState State => Server.State;
    public ManualClock Clock { get; }
    public HttpClient Http { get; }
    public string BaseUrl => Server.BaseUri.ToString();

    public static async Task<TestEmulator> StartAsync(int latencyMs = 0)
    {
        var clock = new ManualClock();
        var server = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock, LatencyMs = latencyMs });
        server.State.AddToken(Token);
        server.State.AddRepository("o", "r");
        return new TestEmulator(server, clock);
    }

    public Task<Reply> GetAsync(string path, CancellationToken cancellationToken = default) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);

    public Task<Reply> PostAsync(string path, string json, string contentType = "application/json") =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = Json(json, contentType) });

    public Task<Reply> PutAsync(string path, string json) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, path) { Content = Json(json, "application/json") });

    public Task<Reply> DeleteAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Delete, path));

    /// <summary>Sends the next requests with this token (<c>token X</c>).</summary>
    public void UseToken(string token) => Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);

    /// <summary>A control API call (<c>/_emulator/…</c>).</summary>
    public Task<Reply> ControlAsync(HttpMethod method, string path, string? json = null) =>
        SendAsync(new HttpRequestMessage(method, "_emulator/" + path) { Content = json is null ? null : Json(json, "application/json") });

    public async Task<Reply> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        using (request)
        {
            var response = await Http.SendAsync(request, cancellationToken);
            return new Reply(response, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    /// <summary>Creates a deployment through the API and returns its JSON.</summary>
    public async Task<JsonNode> CreateDeploymentAsync(string json = """{"ref":"main"}""")
    {
        var reply = await PostAsync("repos/o/r/deployments", json);
        return reply.Status == 201 ? reply.Json : throw new InvalidOperationException($"Create deployment answered {reply.Status}: {reply.Text}");
    }

    /// <summary>Creates a status through the API and returns its JSON.</summary>
    public async Task<JsonNode> CreateStatusAsync(long deploymentId, string json)
    {
        var reply = await PostAsync($"repos/o/r/deployments/{deploymentId}/statuses", json);
        return reply.Status == 201 ? reply.Json : throw new InvalidOperationException($"Create status answered {reply.Status}: {reply.Text}");
    }

    public IReadOnlyList<long> Seed(DeploymentSeed seed) => State.SeedDeployments("o", "r", seed);

    /// <summary>A GraphQL request (<c>{"query": …, "variables": …}</c>) to <paramref name="path"/>.</summary>
    public Task<Reply> GraphQLAsync(string query, JsonObject? variables = null, string path = "graphql")
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            body["variables"] = variables;
        }
        return PostAsync(path, body.ToJsonString());
    }

    /// <summary>A deployment's global node id, made as GitHub makes its legacy ones: base64 of <c>10:Deployment{id}</c>.</summary>
    public static string DeploymentNodeId(long id) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"10:Deployment{id}"));

    /// <summary>The REST <c>node_id</c> of a deployment, as GitHub gives it (and GraphQL takes it).</summary>
    public async Task<string> NodeIdAsync(long deploymentId) =>
        (await GetAsync($"repos/o/r/deployments/{deploymentId}")).Json["node_id"]!.GetValue<string>();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    private static StringContent Json(string json, string contentType) =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue(contentType));
}
