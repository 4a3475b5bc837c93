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
    // By id, for GraphQL's global node ids.
    private readonly Dictionary<long, (RepositoryRecord Repository, DeploymentRecord Deployment)> deploymentsById = [];
    private readonly Dictionary<long, (RepositoryRecord Repository, DeploymentRecord Deployment, StatusRecord Status)> statusesById = [];
    private long nextDeploymentId, nextStatusId, nextEnvironmentId, nextUserId, nextRepositoryId, nextTeamId, nextPolicyId, nextRunId;

    public EmulatorState(TimeProvider clock, int defaultLatencyMs = 0, ContentCreationLimits? contentLimits = null)
    {
        Clock = clock;
        Settings = new EmulatorSettings(defaultLatencyMs);
        RateLimits = new RateLimiter(clock, contentLimits ?? ContentCreationLimits.Off);
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
            deploymentsById.Clear();
            statusesById.Clear();
            teams.Clear();
            runs.Clear();
            scripts.Clear();
            nextScriptId = 1;
            nextDeploymentId = nextStatusId = nextEnvironmentId = nextPolicyId = FirstId;
            nextUserId = nextRepositoryId = nextTeamId = 1;
            nextRunId = FirstRunId;
        }
        Settings.Reset();
        RateLimits.Reset();
        Requests.Clear();
        Faults.Clear();
        AfterReset?.Invoke(this);
    }

    /// <summary>What a reset brings back after forgetting everything (the emulator's seed).</summary>
    internal Action<EmulatorState>? AfterReset { get; set; }

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

    /// <summary>
    /// Creates a repository, or sets the given refs (and whether it is archived or private) of an existing one. The
    /// default branch <c>main</c> always exists.
    /// </summary>
    public void AddRepository(string owner, string name, IEnumerable<GitRefSpec>? refs = null, bool? archived = null, bool? isPrivate = null)
    {
        lock (Gate)
        {
            var repository = Repository(owner, name);
            repository.Archived = archived ?? repository.Archived;
            repository.Private = isPrivate ?? repository.Private;
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

    /// <summary>
    /// Adds deployments (creating the repository when needed) without requests; returns their ids, oldest first.
    /// With <see cref="DeploymentSeed.AgeDays"/> they and their statuses were created that many days ago.
    /// </summary>
    public IReadOnlyList<long> SeedDeployments(string owner, string name, DeploymentSeed seed)
    {
        if (seed.States.FirstOrDefault(s => !StatusRecord.States.Contains(s)) is { } bad)
        {
            throw new ArgumentException($"'{bad}' is not a deployment status state.", nameof(seed));
        }
        if (seed.AgeDays < 0)
        {
            throw new ArgumentException("'ageDays' must not be negative.", nameof(seed));
        }
        lock (Gate)
        {
            var repository = Repository(owner, name);
            var creator = User(DefaultLogin);
            var createdAt = Now.AddDays(-seed.AgeDays);
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
                    CreatedAt = createdAt,
                    UpdatedAt = createdAt,
                };
                AddDeployment(repository, deployment);
                foreach (var state in seed.States)
                {
                    AddStatus(repository, deployment, state, creator, at: createdAt);
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

    internal RepositoryRecord? FindRepository(long id) => repositories.Values.FirstOrDefault(r => r.Id == id);

    /// <summary>The repositories of an account (an organisation or a user), by name.</summary>
    internal IReadOnlyList<RepositoryRecord> RepositoriesOf(string owner) =>
        repositories.Values.Where(r => string.Equals(r.Owner, owner, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>Every repository, by full name.</summary>
    internal IReadOnlyList<RepositoryRecord> AllRepositories() =>
        repositories.Values.OrderBy(r => r.FullName, StringComparer.OrdinalIgnoreCase).ToList();

    internal UserRecord? FindUser(string login) => users.GetValueOrDefault(login);

    internal UserRecord? FindUser(long id) => users.Values.FirstOrDefault(u => u.Id == id);

    internal (RepositoryRecord Repository, DeploymentRecord Deployment)? FindDeployment(long id) =>
        deploymentsById.TryGetValue(id, out var found) ? found : null;

    internal (RepositoryRecord Repository, DeploymentRecord Deployment, StatusRecord Status)? FindStatus(long id) =>
        statusesById.TryGetValue(id, out var found) ? found : null;

    internal long NextDeploymentId() => nextDeploymentId++;

    internal void AddDeployment(RepositoryRecord repository, DeploymentRecord deployment)
    {
        repository.Deployments.Add(deployment);
        deploymentsById.Add(deployment.Id, (repository, deployment));
        TouchEnvironment(repository, deployment.Environment);
    }

    internal void RemoveDeployment(RepositoryRecord repository, DeploymentRecord deployment)
    {
        repository.Deployments.Remove(deployment);
        deploymentsById.Remove(deployment.Id);
        foreach (var status in deployment.Statuses)
        {
            statusesById.Remove(status.Id);
        }
        if (repository.Active.GetValueOrDefault(deployment.Environment) == deployment)
        {
            repository.Active.Remove(deployment.Environment);
            ElectActive(repository, deployment.Environment);
        }
    }

    /// <summary>
    /// Adds a status with the next id (created now, or <paramref name="at"/>); the deployment's environment follows the
    /// status's, and its state (<see cref="DeploymentStates"/>) the status's state.
    /// </summary>
    internal StatusRecord AddStatus(
        RepositoryRecord repository, DeploymentRecord deployment, string state, UserRecord creator,
        string description = "", string? environment = null, string targetUrl = "", string logUrl = "", string environmentUrl = "",
        DateTimeOffset? at = null)
    {
        var now = at ?? Now;
        var previousEnvironment = deployment.Environment;
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
        statusesById.Add(status.Id, (repository, deployment, status));
        deployment.Environment = status.Environment;
        deployment.UpdatedAt = now;
        TouchEnvironment(repository, status.Environment);
        SettleState(repository, deployment, previousEnvironment);
        return status;
    }

    /// <summary>
    /// <c>auto_inactive</c>: adds an <c>inactive</c> status to every older non-transient, non-production deployment
    /// of the same repository and environment whose latest state is <c>success</c> (kept in its state when that status has expired).
    /// </summary>
    internal void RetirePriorDeployments(RepositoryRecord repository, DeploymentRecord deployment, UserRecord caller)
    {
        var prior = repository.Deployments.Where(d =>
            d.Id < deployment.Id
            && !d.TransientEnvironment
            && !d.ProductionEnvironment
            && string.Equals(d.Environment, deployment.Environment, StringComparison.OrdinalIgnoreCase)
            && DeploymentStates.IsSuccessful(d.State));
        foreach (var older in prior.ToList())
        {
            AddStatus(repository, older, "inactive", caller);
        }
    }

    /// <summary>
    /// The deployment's state after its latest status: that status's state, and ACTIVE for the newest successful
    /// non-transient deployment of the environment (the one it replaces drops to SUCCESS). When the ACTIVE one stops
    /// being successful or moves to another environment, the newest successful one left there becomes ACTIVE.
    /// </summary>
    private static void SettleState(RepositoryRecord repository, DeploymentRecord deployment, string previousEnvironment)
    {
        var latest = deployment.Latest!;
        deployment.State = DeploymentStates.FromStatus(latest.State, deployment.TransientEnvironment);
        var successful = latest.State == "success" && !deployment.TransientEnvironment;
        if (repository.Active.GetValueOrDefault(previousEnvironment) == deployment
            && (!successful || !string.Equals(previousEnvironment, deployment.Environment, StringComparison.OrdinalIgnoreCase)))
        {
            repository.Active.Remove(previousEnvironment);
            ElectActive(repository, previousEnvironment);
        }
        if (successful)
        {
            Promote(repository, deployment);
        }
    }

    /// <summary>Makes <paramref name="candidate"/> (successful, non-transient) ACTIVE unless a newer one of its environment is.</summary>
    private static void Promote(RepositoryRecord repository, DeploymentRecord candidate)
    {
        var current = repository.Active.GetValueOrDefault(candidate.Environment);
        if (current == candidate)
        {
            candidate.State = DeploymentStates.Active;
            return;
        }
        if (current is not null)
        {
            if (IsNewer(current, candidate))
            {
                candidate.State = DeploymentStates.Success;
                return;
            }
            current.State = DeploymentStates.Success;
        }
        repository.Active[candidate.Environment] = candidate;
        candidate.State = DeploymentStates.Active;
    }

    /// <summary>The newest successful non-transient deployment of <paramref name="environment"/>, if any, becomes ACTIVE.</summary>
    private static void ElectActive(RepositoryRecord repository, string environment)
    {
        var newest = repository.Deployments
            .Where(d => !d.TransientEnvironment
                && DeploymentStates.IsSuccessful(d.State)
                && string.Equals(d.Environment, environment, StringComparison.OrdinalIgnoreCase))
            .Aggregate((DeploymentRecord?)null, (best, d) => best is null || IsNewer(d, best) ? d : best);
        if (newest is not null)
        {
            Promote(repository, newest);
        }
    }

    /// <summary>Created later (the order GitHub's <c>CREATED_AT</c> sorts by; ids break ties).</summary>
    private static bool IsNewer(DeploymentRecord a, DeploymentRecord b) =>
        a.CreatedAt != b.CreatedAt ? a.CreatedAt > b.CreatedAt : a.Id > b.Id;

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
            repository = new RepositoryRecord(nextRepositoryId++, owner, name, Clock.GetUtcNow());
            repositories.Add(key, repository);
        }
        return repository;
    }
}
