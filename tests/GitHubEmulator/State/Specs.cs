namespace GitHubEmulator.State;

/// <summary>A ref to create with a repository (<c>POST /_emulator/repos</c>).</summary>
public sealed record GitRefSpec(string Ref)
{
    public string? Sha { get; init; }
    public bool Behind { get; init; }
    public bool MergeConflict { get; init; }
    public IReadOnlyDictionary<string, string> Contexts { get; init; } = new Dictionary<string, string>();
}

/// <summary>Deployments to seed without requests (<c>POST /_emulator/repos/{o}/{r}/deployments</c>).</summary>
public sealed record DeploymentSeed
{
    public int Count { get; init; } = 1;
    public string Environment { get; init; } = "production";
    public string Ref { get; init; } = RepositoryRecord.DefaultBranch;
    public string Task { get; init; } = "deploy";
    public bool Transient { get; init; }
    /// <summary>null: true only for <c>production</c>, as GitHub defaults it.</summary>
    public bool? Production { get; init; }
    /// <summary>The statuses each deployment gets, oldest first.</summary>
    public IReadOnlyList<string> States { get; init; } = ["success"];
    /// <summary>
    /// The deployments and their statuses were created this many days ago (on the emulator's clock). Past 90 days GitHub
    /// no longer holds the statuses: the API shows none, while the deployment keeps its state.
    /// </summary>
    public int AgeDays { get; init; }
}

/// <summary>A team to create (<c>POST /_emulator/teams</c>): its organization, slug, name and members' logins.</summary>
public sealed record TeamSpec(string Organization, string Slug)
{
    /// <summary>Default: the slug.</summary>
    public string? Name { get; init; }
    public IReadOnlyList<string> Members { get; init; } = [];
}

/// <summary>
/// An environment to create or overwrite without requests (<c>POST /_emulator/repos/{o}/{r}/environments</c>). Reviewers are
/// logins and <c>ORG/TEAM-SLUG</c> (the users and teams must exist); <see cref="BranchPolicy"/> is <c>all</c>,
/// <c>protected</c> or <c>custom</c>; <see cref="Policies"/> are name patterns (<c>tag:v*</c> for a tag pattern).
/// </summary>
public sealed record EnvironmentSpec(string Name)
{
    public int WaitTimer { get; init; }
    public bool PreventSelfReview { get; init; }
    public IReadOnlyList<string> Reviewers { get; init; } = [];
    public string BranchPolicy { get; init; } = "all";
    public IReadOnlyList<string> Policies { get; init; } = [];
    public bool CanAdminsBypass { get; init; } = true;
}

/// <summary>
/// A workflow run whose jobs wait on environments (<c>POST /_emulator/repos/{o}/{r}/runs</c>), triggered by
/// <see cref="Actor"/>. Each environment (created when new) waits for its required reviewers, if it has any, and for
/// the custom protection rules of <see cref="RunEnvironmentSpec.Apps"/>.
/// </summary>
public sealed record RunSpec
{
    /// <summary>null: the next id.</summary>
    public long? Id { get; init; }
    public string Actor { get; init; } = EmulatorState.DefaultLogin;
    public string Ref { get; init; } = RepositoryRecord.DefaultBranch;
    public IReadOnlyList<RunEnvironmentSpec> Environments { get; init; } = [];
}

/// <summary>An environment a run waits on, and the GitHub Apps (by slug) whose custom protection rules it waits for.</summary>
public sealed record RunEnvironmentSpec(string Name)
{
    public IReadOnlyList<string> Apps { get; init; } = [];
}
