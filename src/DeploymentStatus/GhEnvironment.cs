using System;

namespace DeploymentStatus
{
    /// <summary>
    /// A deployment environment of a repository and its protection rules. It binds to every cmdlet with an -Environment
    /// parameter (by Name) and to -Owner and -Repository.
    /// </summary>
    public sealed class GhEnvironment
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        public string Name { get; internal set; } = "";
        public long Id { get; internal set; }
        public string NodeId { get; internal set; } = "";
        public string Url { get; internal set; } = "";
        public string HtmlUrl { get; internal set; } = "";
        public DateTimeOffset CreatedAt { get; internal set; }
        public DateTimeOffset UpdatedAt { get; internal set; }
        /// <summary>Minutes a job waits before it may deploy here (0 to 43200).</summary>
        public int WaitTimer { get; internal set; }
        /// <summary>The required reviewers: user logins, and teams as ORG/TEAM-SLUG.</summary>
        public string[] Reviewers { get; internal set; } = Array.Empty<string>();
        /// <summary>Whether whoever triggered a job may not approve it themselves.</summary>
        public bool PreventSelfReview { get; internal set; }
        /// <summary>Which branches may deploy: None (every branch), ProtectedBranches or CustomBranches (name patterns, see Get-GhDeploymentBranchPolicy).</summary>
        public string DeploymentBranchPolicy { get; internal set; } = "None";
        /// <summary>Whether repository administrators may bypass the protection rules; null when GitHub did not say.</summary>
        public bool? CanAdminsBypass { get; internal set; }

        public override string ToString() => Owner + "/" + Repository + " environment " + Name;
    }
}
