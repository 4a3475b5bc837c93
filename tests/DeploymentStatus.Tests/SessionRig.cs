using DeploymentStatus.GitHub;
using DeploymentStatus.Session;
using GitHubEmulator;
using GitHubEmulator.State;

namespace DeploymentStatus.Tests;

/// <summary>
/// The module's own session (GhSession: Octokit over the policy handler, exactly as Connect-GhAccount builds it)
/// against an in-process emulator holding repository octo-org/hello-world and a token that sees it.
/// </summary>
internal sealed class SessionRig : IAsyncDisposable
{
    public const string Token = "session-rig-token";

    SessionRig(EmulatorServer emulator)
    {
        Emulator = emulator;
        Session = new GhSession(new Uri(emulator.BaseUri, "api/v3/"), ConnectionSettings.ToSecureString(Token), GhTokenSource.Parameter,
            new GhHttpPolicy { WriteIntervalSeconds = 0, RetryBaseDelaySeconds = 0.01 }, null, null);
        Api = new GitHubApi(Session.Connection);
    }

    public EmulatorServer Emulator { get; }
    public GhSession Session { get; }
    public GitHubApi Api { get; }
    public RepositoryName Repository { get; } = new("octo-org", "hello-world");

    /// <summary>Every request that reached the emulator, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Wire => Emulator.State.Requests.Snapshot();

    public static async Task<SessionRig> StartAsync(IEnumerable<GitRefSpec>? refs = null)
    {
        var emulator = await EmulatorServer.StartAsync();
        emulator.State.AddToken(Token);
        emulator.State.AddRepository("octo-org", "hello-world", refs);
        return new SessionRig(emulator);
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
