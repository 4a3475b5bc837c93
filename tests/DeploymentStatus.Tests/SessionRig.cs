using DeploymentStatus.GitHub;
using DeploymentStatus.Http;
using DeploymentStatus.Session;
using DeploymentStatus.Testing;
using GitHubEmulator;
using GitHubEmulator.State;

namespace DeploymentStatus.Tests;

/// <summary>
/// The module's own session (GhSession, exactly as Connect-GhAccount builds it, with GitHub's default policy) against an
/// in-process emulator holding repository octo-org/hello-world and a token that sees it. Both run on one manual clock on
/// which the policy's waits (a second between writes) pass at once.
/// </summary>
internal sealed class SessionRig : IAsyncDisposable
{
    public const string Token = "session-rig-token";

    SessionRig(EmulatorServer emulator, ManualClock clock)
    {
        Emulator = emulator;
        Clock = clock;
        Session = new GhSession(new Uri(emulator.BaseUri, "api/v3/"), ConnectionSettings.ToSecureString(Token), GhTokenSource.Parameter,
            new GhHttpPolicy(), null, null, new Machine { Time = clock, Budgets = new WriteBudgets() });
    }

    public EmulatorServer Emulator { get; }
    public ManualClock Clock { get; }
    public GhSession Session { get; }
    public GitHubApi Api => Session.Api;
    public RepositoryName Repository { get; } = new("octo-org", "hello-world");

    /// <summary>Every request that reached the emulator, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Wire => Emulator.State.Requests.Snapshot();

    /// <summary>The REST requests among them (the state queries are in <see cref="GraphQL"/>).</summary>
    public IReadOnlyList<RecordedRequest> Rest => Wire.Where(r => !IsGraphQL(r)).ToList();

    /// <summary>The GraphQL requests among them.</summary>
    public IReadOnlyList<RecordedRequest> GraphQL => Wire.Where(IsGraphQL).ToList();

    static bool IsGraphQL(RecordedRequest request) => request.Path.EndsWith("graphql", StringComparison.Ordinal);

    public static async Task<SessionRig> StartAsync(IEnumerable<GitRefSpec>? refs = null)
    {
        var clock = new ManualClock { AutoAdvance = true };
        var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { Clock = clock });
        emulator.State.AddToken(Token);
        emulator.State.AddRepository("octo-org", "hello-world", refs);
        return new SessionRig(emulator, clock);
    }

    /// <summary>Seeds deployments (oldest first), each with the given states (default one success).</summary>
    public IReadOnlyList<long> Seed(int count, string environment = "staging", params string[] states) =>
        Emulator.State.SeedDeployments("octo-org", "hello-world", new DeploymentSeed { Count = count, Environment = environment, States = states.Length == 0 ? ["success"] : states });

    public async ValueTask DisposeAsync()
    {
        Session.Dispose();
        await Emulator.DisposeAsync();
    }
}
