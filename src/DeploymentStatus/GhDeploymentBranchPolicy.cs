namespace DeploymentStatus
{
    /// <summary>
    /// A name pattern that branches or tags must match to deploy to an environment whose DeploymentBranchPolicy is
    /// CustomBranches. It carries its environment and its id as PolicyId, so it binds to Remove-GhDeploymentBranchPolicy.
    /// </summary>
    public sealed class GhDeploymentBranchPolicy
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        public string Environment { get; internal set; } = "";
        public long PolicyId { get; internal set; }
        public string NodeId { get; internal set; } = "";
        /// <summary>The pattern (Ruby File.fnmatch; * does not match /).</summary>
        public string Name { get; internal set; } = "";
        /// <summary>branch or tag.</summary>
        public string Type { get; internal set; } = "branch";

        public override string ToString() => Owner + "/" + Repository + " environment " + Environment + " " + Type + " policy " + Name;
    }
}
