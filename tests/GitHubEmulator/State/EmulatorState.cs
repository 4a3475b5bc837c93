using System.Text.Json.Nodes;

namespace GitHubEmulator.State;

/// <summary>
/// Everything the emulator knows: repositories, tokens, users, the request record, queued faults,
/// settings and rate limits. The control API and in-process tests change it; the API routes read and
/// change the repositories under <see cref="Gate"/>.
/// </summary>
public sealed partial class EmulatorState
{
    /// <summary>Deployment, status and environment ids start above 2^31 so that clients must hold them as 64-bit numbers.</summary>
    public const long FirstId = 3_000_000_001;

    public const string DefaultLogin = "octocat";

    private readonly Dictionary<string, RepositoryRecord> repositories = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TokenGrant> tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UserRecord> users = new(StringComparer.OrdinalIgnoreCase);
    private long nextDeploymentId, nextStatusId, nextEnvironmentId, nextUserId, nextTeamId, nextPolicyId, nextRunId;

    public EmulatorState(TimeProvider clock, int defaultLatencyMs = 0)
    {
        Clock = clock;
        Settings = new EmulatorSettings(defaultLatencyMs);
        RateLimits = new RateLimiter(clock);
        Reset();
    }

    public TimeProvider Clock { get; }
    public EmulatorSettings Settings { get; }
    public RateLimiter RateLimits { get; }
    public RequestLog Requests { get; } = new();
    public FaultQueue Faults { get; } = new();

    /// <summary>Held while the repositories, tokens and users are read or changed.</summary>
    internal object Gate { get; } = new();

    /// <summary>Timestamps as GitHub gives them: whole seconds, UTC.</summary>
    internal DateTimeOffset Now
    {
        get
        {
            var now = Clock.GetUtcNow();
            return new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }

    /// <summary>Forgets everything: repositories, tokens, users, ids, requests, faults and settings.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            repositories.Clear();
            tokens.Clear();
            users.Clear();
            apps.Clear();
            teams.Clear();
            runs.Clear();
            nextDeploymentId = nextStatusId = nextEnvironmentId = nextPolicyId = FirstId;
            nextUserId = nextTeamId = 1;
            nextRunId = FirstRunId;
        }
        Settings.Reset();
        RateLimits.Reset();
        Requests.Clear();
        Faults.Clear();
    }

    /// <summary>
    /// Accepts <paramref name="token"/> as <paramref name="login"/>; it sees <paramref name="repositories"/> ("owner/name"), or
    /// every repository when null. <paramref name="admin"/>: it may administer them (environments, branch policies);
    /// <paramref name="kind"/>: how GitHub refuses it what it may not do (see <see cref="TokenKind"/>).
    /// </summary>
    public void AddToken(string token, string login = DefaultLogin, IEnumerable<string>? repositories = null, bool admin = true, TokenKind kind = TokenKind.Classic)
    {
        var visible = repositories?.ToHashSet(StringComparer.OrdinalIgnoreCase);
        lock (Gate)
        {
            tokens[token] = new TokenGrant(User(login), visible, admin: admin, kind: kind);
        }
    }

    /// <summary>Creates a repository, or sets the given refs of an existing one. The default branch <c>main</c> always exists.</summary>
    public void AddRepository(string owner, string name, IEnumerable<GitRefSpec>? refs = null)
    {
        lock (Gate)
        {
            var repository = Repository(owner, name);
            repository.ResolveRef(RepositoryRecord.DefaultBranch);
            foreach (var spec in refs ?? [])
            {
                var record = new RefRecord(spec.Ref, spec.Sha ?? Shas.ForRef(spec.Ref))
                {
                    Behind = spec.Behind,
                    MergeConflict = spec.MergeConflict,
                };
                foreach (var (context, state) in spec.Contexts)
                {
                    record.Contexts[context] = state;
                }
                repository.Refs[spec.Ref] = record;
            }
        }
    }

    /// <summary>Adds deployments (creating the repository when needed) without requests; returns their ids, oldest first.</summary>
    public IReadOnlyList<long> SeedDeployments(string owner, string name, DeploymentSeed seed)
    {
        if (seed.States.FirstOrDefault(s => !StatusRecord.States.Contains(s)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not a deployment status state.", nameof(seed));
        }
        lock (Gate)
        {
            var repository = Repository(owner, name);
            var creator = User(DefaultLogin);
            var ids = new List<long>(seed.Count);
            for (var i = 0; i < seed.Count; i++)
            {
                var deployment = new DeploymentRecord
                {
                    Id = NextDeploymentId(),
                    Sha = repository.ResolveRef(seed.Ref).Sha,
                    Ref = seed.Ref,
                    Task = seed.Task,
                    Payload = new JsonObject(),
                    OriginalEnvironment = seed.Environment,
                    Environment = seed.Environment,
                    Description = "",
                    Creator = creator,
                    TransientEnvironment = seed.Transient,
                    ProductionEnvironment = seed.Production ?? seed.Environment == "production",
                    CreatedAt = Now,
                    UpdatedAt = Now,
                };
                AddDeployment(repository, deployment);
                foreach (var state in seed.States)
                {
                    AddStatus(repository, deployment, state, creator);
                }
                ids.Add(deployment.Id);
            }
            return ids;
        }
    }

    /// <summary>The grant of a token; null when unknown or expired (an installation token lives an hour).</summary>
    internal TokenGrant? FindToken(string token) =>
        tokens.GetValueOrDefault(token) is { } grant && (grant.ExpiresAt is null || grant.ExpiresAt > Clock.GetUtcNow()) ? grant : null;

    internal RepositoryRecord? FindRepository(string owner, string name) => repositories.GetValueOrDefault($"{owner}/{name}");

    internal long NextDeploymentId() => nextDeploymentId++;

    internal void AddDeployment(RepositoryRecord repository, DeploymentRecord deployment)
    {
        repository.Deployments.Add(deployment);
        TouchEnvironment(repository, deployment.Environment);
    }

    /// <summary>Adds a status with the next id; the deployment's environment follows the status's.</summary>
    internal StatusRecord AddStatus(
        RepositoryRecord repository, DeploymentRecord deployment, string state, UserRecord creator,
        string description = "", string? environment = null, string targetUrl = "", string logUrl = "", string environmentUrl = "")
    {
        var now = Now;
        var status = new StatusRecord
        {
            Id = nextStatusId++,
            State = state,
            Description = description,
            Environment = environment ?? deployment.Latest?.Environment ?? deployment.Environment,
            TargetUrl = targetUrl,
            LogUrl = logUrl,
            EnvironmentUrl = environmentUrl,
            Creator = creator,
            CreatedAt = now,
        };
        deployment.Statuses.Add(status);
        deployment.Environment = status.Environment;
        deployment.UpdatedAt = now;
        TouchEnvironment(repository, status.Environment);
        return status;
    }

    /// <summary>A deployment or status names an environment: GitHub creates it when it is new (with no protection rules).</summary>
    private void TouchEnvironment(RepositoryRecord repository, string name)
    {
        if (repository.Environments.TryGetValue(name, out var environment))
        {
            environment.UpdatedAt = Now;
        }
        else
        {
            CreateEnvironment(repository, name);
        }
    }

    internal EnvironmentRecord CreateEnvironment(RepositoryRecord repository, string name)
    {
        var environment = new EnvironmentRecord(nextEnvironmentId++, name, Now);
        repository.Environments.Add(name, environment);
        return environment;
    }

    /// <summary>The user of that login, created when it is new.</summary>
    private UserRecord User(string login)
    {
        if (!users.TryGetValue(login, out var user))
        {
            user = new UserRecord(login, nextUserId++, Now);
            users.Add(login, user);
        }
        return user;
    }

    private RepositoryRecord Repository(string owner, string name)
    {
        var key = $"{owner}/{name}";
        if (!repositories.TryGetValue(key, out var repository))
        {
            repository = new RepositoryRecord(owner, name);
            repositories.Add(key, repository);
        }
        return repository;
    }
}
