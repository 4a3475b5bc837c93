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
