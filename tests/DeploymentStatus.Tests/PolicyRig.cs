using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using GitHubEmulator;
using GitHubEmulator.State;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using Octokit;

namespace DeploymentStatus.Tests;

/// <summary>
/// The module's HTTP stack exactly as GhSession builds it (<see cref="ApiTransport"/>: Octokit's HttpClientAdapter over the
/// policy handler over an HttpClientHandler with redirects off), pointed at an in-process emulator, with a hook between
/// the policy and the wire (<see cref="Wire"/>) that counts, times and can sabotage each attempt. The policy's waits run
/// on <see cref="Clock"/>: by default a manual clock that lets every wait pass at once and measures it exactly.
/// </summary>
internal sealed class PolicyRig : IAsyncDisposable
{
    public const string Owner = "octo-org";
    public const string Name = "hello-world";
    /// <summary>A token in GitHub's shape; the tests look for it wherever it must not be.</summary>
    public const string Token = "ghp_PolicyRigToken0123456789abcdefABCDEF";

    readonly ApiTransport transport;

    PolicyRig(EmulatorServer emulator, GhHttpPolicy policy, Uri apiRoot, TimeProvider clock)
    {
        Emulator = emulator;
        Policy = policy;
        ApiRoot = apiRoot;
        Clock = clock;
        Wire = new WireTap(new HttpClientHandler { AllowAutoRedirect = false }, clock);
        Budget = new WriteBudget();
        transport = new ApiTransport(apiRoot, policy, clock, Budget, Wire);
        var credentials = new TokenCredentials(ConnectionSettings.ToSecureString(Token));
        Connection = transport.Connect(credentials);
        Api = new GitHubApi(transport, credentials);
    }

    public EmulatorServer Emulator { get; }
    public EmulatorState State => Emulator.State;
    public GhHttpPolicy Policy { get; }
    public Uri ApiRoot { get; }
    public TimeProvider Clock { get; }
    /// <summary>The rig's own write budget (a session's comes from the process's, one per token).</summary>
    public WriteBudget Budget { get; }
    public WireTap Wire { get; }
    /// <summary>Octokit's own connection over the stack, for the one test of Octokit's behaviour under the policy.</summary>
    public IConnection Connection { get; }
    public GitHubApi Api { get; }
    public GhRateLimit? LastRateLimit => transport.LastRateLimit;
    public GhRateLimit? LastGraphQLRateLimit => transport.LastGraphQLRateLimit;
    public RepositoryName Repository { get; } = new(Owner, Name);

    /// <summary>Short waits, so that the suite stays fast; each test states what it changes.</summary>
    public static GhHttpPolicy FastPolicy() => new()
    {
        TimeoutSeconds = 5,
        MaxRetries = 4,
        RetryBaseDelaySeconds = 0.01,
        MaxRetryDelaySeconds = 0.1,
        SecondaryLimitWaitSeconds = 0.05,
        MaxRateLimitWaitSeconds = 3,
        WriteIntervalSeconds = 0,
        MaxParallelReads = 8,
        WritesPerMinute = 0,
        WritesPerHour = 0,
    };

    /// <param name="clock">The clock of the policy's waits, shared with the emulator (its rate-limit resets and Date):
    /// by default a <see cref="ManualClock"/> on which every wait passes at once.</param>
    public static async Task<PolicyRig> StartAsync(GhHttpPolicy? policy = null, TimeProvider? clock = null)
    {
        clock ??= new ManualClock { AutoAdvance = true };
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock });
        emulator.State.AddToken(Token, "octocat", [Owner + "/" + Name]);
        emulator.State.AddRepository(Owner, Name);
        return new PolicyRig(emulator, policy ?? FastPolicy(), new Uri(emulator.BaseUri, "api/v3/"), clock);
    }

    /// <summary>How far the rig's manual clock has moved: how long the policy waited.</summary>
    public TimeSpan Waited => ((ManualClock)Clock).Elapsed;

    /// <summary>Seeds deployments in staging, each with one success status; ids oldest first.</summary>
    public IReadOnlyList<long> Seed(int count = 1, string environment = "staging", params string[] states) =>
        State.SeedDeployments(Owner, Name, new DeploymentSeed { Count = count, Environment = environment, States = states.Length == 0 ? ["success"] : states });

    public void Fault(string? method, string path, int? status = null, int count = 1, int delayMs = 0, bool drop = false,
        IReadOnlyDictionary<string, string>? headers = null, string? body = null) =>
        State.Faults.Add(new FaultRule
        {
            Method = method,
            Path = new Regex(path),
            Status = status,
            Count = count,
            DelayMs = delayMs,
            Drop = drop,
            Headers = headers ?? new Dictionary<string, string>(),
            Body = body,
        });

    public IReadOnlyList<RecordedRequest> Requests(string? method = null, string? pathPattern = null) =>
        State.Requests.Snapshot()
            .Where(r => method == null || r.Method == method)
            .Where(r => pathPattern == null || Regex.IsMatch(r.Path, pathPattern))
            .ToList();

    public void ClearRecords()
    {
        State.Requests.Clear();
        Wire.Clear();
    }

    /// <summary>Runs an operation as a cmdlet does: inside an <see cref="OperationScope"/> carrying its token and message queue.</summary>
    public static async Task<(T Result, List<string> Messages)> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token = default)
    {
        var scope = new OperationScope(token);
        Task<T> task;
        using (scope.Enter()) task = operation(token);
        try
        {
            var result = await task;
            return (result, Drain(scope));
        }
        catch (Exception ex)
        {
            throw new ScopeException(ex, Drain(scope));
        }
    }

    public static async Task<(Exception Error, List<string> Messages, TimeSpan Elapsed)> FailAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken token = default)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await RunAsync(operation, token);
        }
        catch (ScopeException ex)
        {
            return (ex.InnerException!, ex.Messages, clock.Elapsed);
        }
        throw new Xunit.Sdk.XunitException("The operation succeeded; a failure was expected.");
    }

    static List<string> Drain(OperationScope scope)
    {
        var messages = new List<string>();
        while (scope.Messages.TryDequeue(out var m)) messages.Add(m.Level + ": " + m.Text);
        return messages;
    }

    /// <summary>A deployment's statuses (its first page), read from the emulator through the API.</summary>
    public async Task<List<GhDeploymentStatus>> StatusesAsync(long deploymentId)
    {
        var (page, _) = await RunAsync(t => Api.ListStatuses(Repository, deploymentId).NextAsync(t));
        return page!.ToList();
    }

    /// <summary>A port on 127.0.0.1 where nothing listens (connections are refused).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        transport.Dispose();
        await Emulator.DisposeAsync();
    }

    public sealed class ScopeException(Exception inner, List<string> messages) : Exception(inner.Message, inner)
    {
        public List<string> Messages { get; } = messages;
    }
}

/// <summary>
/// Sits between the policy handler and the wire: records every attempt (method, path, start and end on the given clock, headers),
/// the highest number of reads and of writes in flight at once, and can replace an attempt's outcome after the
/// real request went through (GitHub applied it, then the answer was lost).
/// </summary>
public sealed class WireTap(HttpMessageHandler inner, TimeProvider? clock = null) : DelegatingHandler(inner)
{
    readonly object gate = new();
    int reads, writes;

    public sealed record Attempt(HttpMethod Method, string Path, DateTimeOffset Start, DateTimeOffset End, bool HadAuthorization);

    public ConcurrentQueue<Attempt> Attempts { get; } = new();
    public int MaxReadsInFlight { get; private set; }
    public int MaxWritesInFlight { get; private set; }
    public TimeSpan ExtraDelay { get; set; }

    /// <summary>When set and it returns a mode for a request, the request is sent for real and then its answer replaced.</summary>
    public Func<HttpRequestMessage, Sabotage>? After { get; set; }

    public enum Sabotage { None, Answer502, DropAnswer }

    public void Clear()
    {
        Attempts.Clear();
        lock (gate) MaxReadsInFlight = MaxWritesInFlight = 0;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var read = request.Method == HttpMethod.Get || request.Method == HttpMethod.Head;
        lock (gate)
        {
            if (read) MaxReadsInFlight = Math.Max(MaxReadsInFlight, ++reads);
            else MaxWritesInFlight = Math.Max(MaxWritesInFlight, ++writes);
        }
        var start = (clock ?? TimeProvider.System).GetUtcNow();
        try
        {
            if (ExtraDelay > TimeSpan.Zero) await Task.Delay(ExtraDelay, cancellationToken);
            var sabotage = After?.Invoke(request) ?? Sabotage.None;
            var response = await base.SendAsync(request, cancellationToken);
            switch (sabotage)
            {
                case Sabotage.Answer502:
                    await response.Content.LoadIntoBufferAsync();
                    response.Dispose();
                    return new HttpResponseMessage(System.Net.HttpStatusCode.BadGateway)
                    {
                        RequestMessage = request,
                        Content = new StringContent("{\"message\":\"Bad Gateway\"}", System.Text.Encoding.UTF8, "application/json"),
                    };
                case Sabotage.DropAnswer:
                    await response.Content.LoadIntoBufferAsync();
                    response.Dispose();
                    throw new HttpRequestException("The response ended prematurely.", new IOException("Connection reset by peer"));
                default:
                    return response;
            }
        }
        finally
        {
            lock (gate)
            {
                if (read) reads--;
                else writes--;
            }
            Attempts.Enqueue(new Attempt(request.Method, request.RequestUri!.AbsolutePath, start, (clock ?? TimeProvider.System).GetUtcNow(), request.Headers.Contains("Authorization")));
        }
    }
}
