namespace GitHubEmulator.State;

/// <summary>
/// A deployment's scripted future (<c>POST /_emulator/repos/{o}/{r}/scripts</c>): what someone else (a GitHub Actions
/// workflow, a CD controller) would do while a client waits, applied as the client polls or as the emulator's clock
/// passes. The steps go in order; each is due <see cref="ScriptTiming.AfterMs"/> after the previous one was due, or once
/// the deployment has been polled <see cref="ScriptTiming.AfterPolls"/> times since the previous one was applied (a poll:
/// a GET of the deployment or of its statuses; before the deployment exists, a GET of the repository's deployment list).
/// A due step is applied when the next API request arrives, before it is answered, so that request sees it.
/// </summary>
public sealed record ScriptSpec
{
    /// <summary>The deployment the statuses are posted to; null when <see cref="Create"/> makes it.</summary>
    public long? DeploymentId { get; init; }

    /// <summary>A deployment created first (as if by another client); then the statuses go to it.</summary>
    public ScriptCreation? Create { get; init; }

    public IReadOnlyList<ScriptStatus> Steps { get; init; } = [];
}

/// <summary>When a step is due: <see cref="AfterMs"/> on the emulator's clock, else after <see cref="AfterPolls"/> polls (default 1).</summary>
public abstract record ScriptTiming
{
    public int? AfterMs { get; init; }
    public int? AfterPolls { get; init; }
}

/// <summary>A deployment a script creates (by octocat, with no status).</summary>
public sealed record ScriptCreation : ScriptTiming
{
    public string Environment { get; init; } = "production";
    public string Ref { get; init; } = RepositoryRecord.DefaultBranch;
    public string Task { get; init; } = "deploy";
    public bool Transient { get; init; }
    public bool? Production { get; init; }
}

/// <summary>A status a script posts (by octocat, as the API would take it: <c>log_url</c> sets <c>target_url</c>, <c>auto_inactive</c>).</summary>
public sealed record ScriptStatus(string State) : ScriptTiming
{
    public string Description { get; init; } = "";
    public string? Environment { get; init; }
    public string LogUrl { get; init; } = "";
    public string EnvironmentUrl { get; init; } = "";
    public bool AutoInactive { get; init; } = true;
}

/// <summary>How far a script has come: the deployment it acts on (null until created) and its steps applied and left.</summary>
public sealed record ScriptProgress(long Id, long? DeploymentId, int Applied, int Left);

public sealed partial class EmulatorState
{
    private readonly List<ScriptRecord> scripts = [];
    private long nextScriptId = 1;

    /// <summary>Adds a script (see <see cref="ScriptSpec"/>); returns its id. The repository is created when new.</summary>
    public long AddScript(string owner, string name, ScriptSpec spec)
    {
        if ((spec.DeploymentId is null) == (spec.Create is null))
        {
            throw new ArgumentException("A script needs either 'deploymentId' or 'create'.", nameof(spec));
        }
        var timings = spec.Steps.Cast<ScriptTiming>().Append(spec.Create).OfType<ScriptTiming>().ToList();
        if (timings.Any(t => t.AfterMs is not null && t.AfterPolls is not null))
        {
            throw new ArgumentException("A step is due after 'afterMs' or after 'afterPolls', not both.", nameof(spec));
        }
        if (timings.Any(t => t.AfterMs < 0 || t.AfterPolls < 0))
        {
            throw new ArgumentException("'afterMs' and 'afterPolls' cannot be negative.", nameof(spec));
        }
        if (spec.Steps.FirstOrDefault(s => !StatusRecord.States.Contains(s.State)) is { } bad)
        {
            throw new ArgumentException($"'{bad.State}' is not a deployment status state.", nameof(spec));
        }
        lock (Gate)
        {
            var repository = Repository(owner, name);
            DeploymentRecord? deployment = null;
            if (spec.DeploymentId is { } id && (deployment = repository.FindDeployment(id)) is null)
            {
                throw new KeyNotFoundException($"No deployment {id} in {repository.FullName}.");
            }
            var script = new ScriptRecord(nextScriptId++, repository, deployment, spec.Create, spec.Steps, Clock.GetUtcNow());
            scripts.Add(script);
            return script.Id;
        }
    }

    public ScriptProgress? FindScript(string owner, string name, long id)
    {
        lock (Gate)
        {
            AdvanceScripts(null, null);
            return scripts.Find(s => s.Id == id && string.Equals(s.Repository.FullName, $"{owner}/{name}", StringComparison.OrdinalIgnoreCase)) is { } script
                ? new ScriptProgress(script.Id, script.Deployment?.Id, script.Applied, script.Left)
                : null;
        }
    }

    /// <summary>
    /// Applies every step that is due, then counts this request (when it is a GET: <paramref name="method"/> and the
    /// <paramref name="path"/> without <c>/api/v3</c>) as a poll of the scripts it polls.
    /// </summary>
    internal void AdvanceScripts(string? method, string? path)
    {
        lock (Gate)
        {
            if (scripts.Count == 0)
            {
                return;
            }
            var now = Clock.GetUtcNow();
            var get = method is not null && HttpMethods.IsGet(method);
            foreach (var script in scripts)
            {
                while (script.Due(now) is { } dueAt)
                {
                    Apply(script);
                    script.Advanced(dueAt);
                }
                if (get && script.IsPolledBy(path!))
                {
                    script.Polls++;
                }
            }
            scripts.RemoveAll(s => s.Left == 0);
        }
    }

    private void Apply(ScriptRecord script)
    {
        var repository = script.Repository;
        if (script.Deployment is null)
        {
            var create = script.PendingCreation!;
            var id = SeedDeployments(repository.Owner, repository.Name, new DeploymentSeed
            {
                Environment = create.Environment,
                Ref = create.Ref,
                Task = create.Task,
                Transient = create.Transient,
                Production = create.Production,
                States = [],
            })[0];
            script.Deployment = repository.FindDeployment(id);
            return;
        }
        var step = script.TakeStatus();
        var creator = User(DefaultLogin);
        AddStatus(repository, script.Deployment, step.State, creator, step.Description, step.Environment,
            targetUrl: step.LogUrl, logUrl: step.LogUrl, environmentUrl: step.EnvironmentUrl);
        if (step.State == "success" && step.AutoInactive)
        {
            RetirePriorDeployments(repository, script.Deployment, creator);
        }
    }

    private sealed class ScriptRecord(long id, RepositoryRecord repository, DeploymentRecord? deployment, ScriptCreation? creation,
        IReadOnlyList<ScriptStatus> steps, DateTimeOffset startedAt)
    {
        private DateTimeOffset lastDueAt = startedAt;
        private int nextStep;

        public long Id { get; } = id;
        public RepositoryRecord Repository { get; } = repository;
        public DeploymentRecord? Deployment { get; set; } = deployment;
        public int Polls { get; set; }
        public int Applied { get; private set; }
        public int Left => (Deployment is null ? 1 : 0) + steps.Count - nextStep;
        public ScriptCreation? PendingCreation => Deployment is null ? creation : null;
        public ScriptStatus? NextStatus => Deployment is not null && nextStep < steps.Count ? steps[nextStep] : null;

        /// <summary>When the next step fell due, if it has (<paramref name="now"/> for one due by polls); null when it has not, or none is left.</summary>
        public DateTimeOffset? Due(DateTimeOffset now)
        {
            ScriptTiming? next = PendingCreation ?? (ScriptTiming?)NextStatus;
            if (next is null)
            {
                return null;
            }
            if (next.AfterMs is { } ms)
            {
                var dueAt = lastDueAt.AddMilliseconds(ms);
                return now >= dueAt ? dueAt : null;
            }
            return Polls >= (next.AfterPolls ?? 1) ? now : null;
        }

        public ScriptStatus TakeStatus() => steps[nextStep++];

        /// <summary>A step was applied: the next one is timed from when this one fell due.</summary>
        public void Advanced(DateTimeOffset dueAt)
        {
            Applied++;
            Polls = 0;
            lastDueAt = dueAt;
        }

        /// <summary>A GET of the deployment or its statuses; before the deployment exists, of the repository's deployment list.</summary>
        public bool IsPolledBy(string path)
        {
            var deployments = $"/repos/{Repository.Owner}/{Repository.Name}/deployments";
            if (Deployment is null)
            {
                return string.Equals(path.TrimEnd('/'), deployments, StringComparison.OrdinalIgnoreCase);
            }
            var own = deployments + "/" + Deployment.Id;
            return string.Equals(path, own, StringComparison.OrdinalIgnoreCase)
                || path.StartsWith(own + "/statuses", StringComparison.OrdinalIgnoreCase);
        }
    }
}
