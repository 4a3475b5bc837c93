namespace DeploymentStatus
{
    /// <summary>
    /// A repository (Get-GhRepository). It binds to every cmdlet's -Owner and -Repository, so a list of repositories pipes
    /// into a clean-up of each.
    /// </summary>
    public sealed class GhRepository
    {
        public string Owner { get; internal set; } = "";
        /// <summary>The repository's name (without the owner).</summary>
        public string Repository { get; internal set; } = "";
        public long Id { get; internal set; }
        public string NodeId { get; internal set; } = "";
        public bool Private { get; internal set; }
        /// <summary>An archived repository is read-only: GitHub refuses every write there, so clean-ups skip it.</summary>
        public bool Archived { get; internal set; }
        public string DefaultBranch { get; internal set; } = "";
        /// <summary>The repository's page on GitHub.</summary>
        public string Url { get; internal set; } = "";

        public override string ToString() => Owner + "/" + Repository;
    }
}
