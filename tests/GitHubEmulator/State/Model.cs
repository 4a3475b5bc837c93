using System.Text.Json.Nodes;

namespace GitHubEmulator.State;

// The emulated GitHub data. Every instance is read and changed only under EmulatorState.Gate.

/// <summary>A GitHub user (the owner of a token, a reviewer).</summary>
internal sealed class UserRecord(string login, long id, DateTimeOffset createdAt)
{
    public string Login { get; } = login;
    public long Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
}

/// <summary>
/// How GitHub sees a token's permissions: a personal access token (classic) acts with its user's rights on the
/// repository; a fine-grained token and an integration's token (a GitHub App installation, the Actions GITHUB_TOKEN)
/// carry permissions of their own, and GitHub names the one missing in <c>X-Accepted-GitHub-Permissions</c>.
/// </summary>
public enum TokenKind { Classic, FineGrained, Integration }

/// <summary>
/// A token and what it may see. An installation token (<paramref name="installationAccount"/> set) expires, and sees
/// the installation's repositories, or every repository of the account it is installed on when none are listed.
/// <paramref name="admin"/>: whether it may administer the repositories it sees (environments, branch policies).
/// </summary>
internal sealed class TokenGrant(UserRecord user, IReadOnlySet<string>? repositories, DateTimeOffset? expiresAt = null, string? installationAccount = null,
    bool admin = true, TokenKind kind = TokenKind.Classic, string? appSlug = null, long? installationId = null)
{
    public UserRecord User { get; } = user;
    public DateTimeOffset? ExpiresAt { get; } = expiresAt;
    public bool IsInstallation => installationAccount is not null;
    /// <summary>Whether the token sees only the repositories listed for it, not every one of its account.</summary>
    public bool SeesSelectedRepositories => repositories is not null;
    public bool Admin { get; } = admin;
    public TokenKind Kind { get; } = kind;
    /// <summary>The GitHub App an installation token acts for; null for any other token.</summary>
    public string? AppSlug { get; } = appSlug;
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

internal sealed class RepositoryRecord(long id, string owner, string name, DateTimeOffset createdAt)
{
    public const string DefaultBranch = "main";

    public long Id { get; } = id;
    public string Owner { get; } = owner;
    public string Name { get; } = name;
    public string FullName => $"{Owner}/{Name}";
    public DateTimeOffset CreatedAt { get; } = createdAt;
    /// <summary>An archived repository is read-only: GitHub refuses every write there.</summary>
    public bool Archived { get; set; }
    public bool Private { get; set; }
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
    /// <summary>Minutes a job waits before it may deploy (0 to 43200).</summary>
    public int WaitTimer { get; set; }
    public bool PreventSelfReview { get; set; }
    /// <summary>Users and teams, at most six; one approval lets a job go on.</summary>
    public List<ReviewerRef> Reviewers { get; } = [];
    /// <summary>Which branches may deploy: every branch, protected branches only, or those matching <see cref="BranchPolicies"/>.</summary>
    public BranchPolicyMode BranchPolicy { get; set; }
    public List<BranchPolicyRecord> BranchPolicies { get; } = [];
    /// <summary>Whether repository administrators may bypass the protection rules (GitHub's default: true).</summary>
    public bool CanAdminsBypass { get; set; } = true;
}

/// <summary>Which branches may deploy to an environment (GitHub's <c>deployment_branch_policy</c>: null, or one of two flags true).</summary>
internal enum BranchPolicyMode { All, ProtectedBranches, CustomBranches }

/// <summary>A required reviewer of an environment: <c>User</c> or <c>Team</c>, by id.</summary>
internal sealed record ReviewerRef(string Type, long Id);

/// <summary>A name pattern that branches or tags must match to deploy to an environment.</summary>
internal sealed class BranchPolicyRecord(long id, string name, string type)
{
    public long Id { get; } = id;
    public string Name { get; } = name;
    /// <summary><c>branch</c> or <c>tag</c>.</summary>
    public string Type { get; } = type;
}

/// <summary>A team of an organization, with its members' logins (reviewers that are teams).</summary>
internal sealed class TeamRecord(UserRecord organization, string slug, string name, long id, DateTimeOffset createdAt)
{
    /// <summary>The organization, an account like a user's (its login and id).</summary>
    public UserRecord Organization { get; } = organization;
    public string Slug { get; } = slug;
    public string Name { get; } = name;
    public long Id { get; } = id;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public HashSet<string> Members { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A workflow run whose jobs wait on environments: one <see cref="GateRecord"/> per environment.</summary>
internal sealed class RunRecord(long id, UserRecord actor)
{
    public long Id { get; } = id;
    /// <summary>Who triggered the run (prevent_self_review keeps them from approving it).</summary>
    public UserRecord Actor { get; } = actor;
    public List<GateRecord> Gates { get; } = [];
}

/// <summary>
/// A job of a run waiting to deploy to an environment: for its required reviewers (one approval or rejection settles
/// them) and for the custom deployment protection rules of GitHub Apps (each app approves or rejects its own).
/// </summary>
internal sealed class GateRecord(EnvironmentRecord environment, DeploymentRecord deployment, DateTimeOffset startedAt)
{
    public EnvironmentRecord Environment { get; } = environment;
    /// <summary>The deployment the job created; GitHub answers a review with it.</summary>
    public DeploymentRecord Deployment { get; } = deployment;
    public DateTimeOffset StartedAt { get; } = startedAt;
    /// <summary><c>waiting</c>, <c>approved</c> or <c>rejected</c>: the required reviewers' verdict (approved at once when there are none).</summary>
    public string ReviewState { get; set; } = "waiting";
    public List<ReviewRecord> Reviews { get; } = [];
    /// <summary>App slug → <c>waiting</c>, <c>approved</c> or <c>rejected</c>.</summary>
    public Dictionary<string, string> Rules { get; } = new(StringComparer.OrdinalIgnoreCase);
    public List<ReviewRecord> RuleReviews { get; } = [];

    /// <summary>Still waiting for a reviewer or an app.</summary>
    public bool Waiting => ReviewState == "waiting" || Rules.Values.Any(s => s == "waiting");
}

/// <summary>A review: who (a login or an app's slug), the verdict (null: a comment only), the comment.</summary>
internal sealed record ReviewRecord(string By, string? State, string Comment);
