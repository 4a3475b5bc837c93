using System.Text.Json.Nodes;

namespace GitHubEmulator.State;

// The emulated GitHub data. Every instance is read and changed only under EmulatorState.Gate.

/// <summary>A GitHub user (the owner of a token).</summary>
internal sealed class UserRecord(string login, long id)
{
    public string Login { get; } = login;
    public long Id { get; } = id;
}

/// <summary>
/// A token and what it may see. An installation token (<paramref name="installationAccount"/> set) expires, and sees
/// the installation's repositories, or every repository of the account it is installed on when none are listed.
/// </summary>
internal sealed class TokenGrant(UserRecord user, IReadOnlySet<string>? repositories, DateTimeOffset? expiresAt = null, string? installationAccount = null, long? installationId = null)
{
    public UserRecord User { get; } = user;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public bool IsInstallation => installationAccount is not null;
    /// <summary>The installation an installation token was minted for.</summary>
    public long? InstallationId { get; } = installationId;

    public bool CanSee(RepositoryRecord repository) =>
        repositories is not null ? repositories.Contains(repository.FullName)
        : installationAccount is null || string.Equals(repository.Owner, installationAccount, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A branch, tag or sha of a repository, with its commit statuses.</summary>
internal sealed class RefRecord(string name, string sha)
{
    public string Name { get; } = name;
    public string Sha { get; set; } = sha;
    /// <summary>The default branch has commits this ref lacks.</summary>
    public bool Behind { get; set; }
    /// <summary>Merging the default branch into this ref conflicts (so it is behind as well).</summary>
    public bool MergeConflict { get; set; }
    /// <summary>Commit status context → state (success, failure, pending, error).</summary>
    public Dictionary<string, string> Contexts { get; } = new(StringComparer.Ordinal);
}

internal sealed class RepositoryRecord(long id, string owner, string name)
{
    public const string DefaultBranch = "main";

    public long Id { get; } = id;
    public string Owner { get; } = owner;
    public string Name { get; } = name;
    public string FullName => $"{Owner}/{Name}";
    public Dictionary<string, RefRecord> Refs { get; } = new(StringComparer.Ordinal);
    /// <summary>Oldest first (ascending ids).</summary>
    public List<DeploymentRecord> Deployments { get; } = [];
    public Dictionary<string, EnvironmentRecord> Environments { get; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>Environment → its <c>ACTIVE</c> deployment (the newest successful non-transient one).</summary>
    public Dictionary<string, DeploymentRecord> Active { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The ref by name; an unknown ref is created with a sha made from its name (or the name itself when it is a sha).</summary>
    public RefRecord ResolveRef(string name)
    {
        if (!Refs.TryGetValue(name, out var found))
        {
            found = new RefRecord(name, Shas.ForRef(name));
            Refs.Add(name, found);
        }
        return found;
    }

    public DeploymentRecord? FindDeployment(long id) => Deployments.Find(d => d.Id == id);
}

internal sealed class DeploymentRecord
{
    public required long Id { get; init; }
    public required string Sha { get; init; }
    public required string Ref { get; init; }
    public required string Task { get; init; }
    public required JsonNode Payload { get; init; }
    public required string OriginalEnvironment { get; init; }
    /// <summary>Changes when a status names another environment.</summary>
    public required string Environment { get; set; }
    public required string? Description { get; init; }
    public required UserRecord Creator { get; init; }
    public required bool TransientEnvironment { get; init; }
    public required bool ProductionEnvironment { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    /// <summary>
    /// GitHub's <c>DeploymentState</c> as it keeps it on the deployment (<see cref="DeploymentStates"/>): set as statuses
    /// arrive and kept when they expire. Read it through <see cref="StateAt"/>, which also tells an abandoned one.
    /// </summary>
    public string State { get; set; } = DeploymentStates.Pending;
    /// <summary>Every status ever given, expired ones too, oldest first (ascending ids); the API shows <see cref="RetainedStatuses"/>.</summary>
    public List<StatusRecord> Statuses { get; } = [];

    /// <summary>The latest status given, expired or not: what the deployment's state and environment follow.</summary>
    public StatusRecord? Latest => Statuses.Count == 0 ? null : Statuses[^1];

    /// <summary>The statuses GitHub still holds at <paramref name="now"/> (it keeps them for 90 days), oldest first.</summary>
    public IReadOnlyList<StatusRecord> RetainedStatuses(DateTimeOffset now) =>
        Statuses.FindAll(s => s.CreatedAt > now - DeploymentStates.StatusRetention);

    /// <summary>The state at <paramref name="now"/>: a pending deployment not updated for 30 minutes is abandoned.</summary>
    public string StateAt(DateTimeOffset now) =>
        State == DeploymentStates.Pending && now - UpdatedAt >= DeploymentStates.AbandonedAfter ? DeploymentStates.Abandoned : State;
}

internal sealed class StatusRecord
{
    public static readonly IReadOnlySet<string> States =
        new HashSet<string>(StringComparer.Ordinal) { "error", "failure", "inactive", "in_progress", "queued", "pending", "success" };

    public required long Id { get; init; }
    public required string State { get; init; }
    public required string Description { get; init; }
    public required string Environment { get; init; }
    public required string TargetUrl { get; init; }
    public required string LogUrl { get; init; }
    public required string EnvironmentUrl { get; init; }
    public required UserRecord Creator { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

internal sealed class EnvironmentRecord(long id, string name, DateTimeOffset createdAt)
{
    public long Id { get; } = id;
    public string Name { get; } = name;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public DateTimeOffset UpdatedAt { get; set; } = createdAt;
}
