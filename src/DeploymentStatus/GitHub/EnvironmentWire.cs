using System;
using System.Collections.Generic;
using System.Linq;

namespace DeploymentStatus.GitHub
{
    // The shapes GitHub sends for environments, branch policies, pending deployments, users and teams, read by Octokit's
    // serializer (snake_case field names map to these properties). Public setters only because the serializer fills them.

    internal sealed class WireEnvironmentList
    {
        public int TotalCount { get; set; }
        public List<WireEnvironment>? Environments { get; set; }
    }

    internal sealed class WireEnvironment
    {
        public long Id { get; set; }
        public string? NodeId { get; set; }
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? HtmlUrl { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public List<WireProtectionRule>? ProtectionRules { get; set; }
        public WireBranchPolicySettings? DeploymentBranchPolicy { get; set; }
        public bool? CanAdminsBypass { get; set; }

        public GhEnvironment ToEnvironment(RepositoryName repository)
        {
            var rules = ProtectionRules ?? new List<WireProtectionRule>();
            var reviewers = rules.FirstOrDefault(r => r.Type == "required_reviewers");
            return new GhEnvironment
            {
                Owner = repository.Owner,
                Repository = repository.Name,
                Name = Name ?? "",
                Id = Id,
                NodeId = NodeId ?? "",
                Url = Url ?? "",
                HtmlUrl = HtmlUrl ?? "",
                CreatedAt = CreatedAt,
                UpdatedAt = UpdatedAt,
                WaitTimer = rules.FirstOrDefault(r => r.Type == "wait_timer")?.WaitTimer ?? 0,
                Reviewers = WireReviewer.Names(reviewers?.Reviewers, repository),
                PreventSelfReview = reviewers?.PreventSelfReview ?? false,
                DeploymentBranchPolicy = EnvironmentRequest.PolicyName(DeploymentBranchPolicy?.ProtectedBranches, DeploymentBranchPolicy?.CustomBranchPolicies),
                CanAdminsBypass = CanAdminsBypass,
            };
        }
    }

    internal sealed class WireProtectionRule
    {
        public long Id { get; set; }
        public string? Type { get; set; }
        public int? WaitTimer { get; set; }
        public bool? PreventSelfReview { get; set; }
        public List<WireReviewer>? Reviewers { get; set; }
    }

    internal sealed class WireBranchPolicySettings
    {
        public bool ProtectedBranches { get; set; }
        public bool CustomBranchPolicies { get; set; }
    }

    /// <summary>A reviewer as GitHub lists it: <c>{ type: User|Team, reviewer: simple-user | team }</c>.</summary>
    internal sealed class WireReviewer
    {
        public string? Type { get; set; }
        public WireAccount? Reviewer { get; set; }

        /// <summary>
        /// Users by login, teams as ORG/TEAM-SLUG: the organization from the team's html_url (…/orgs/ORG/teams/SLUG), else the
        /// repository's owner (an environment's team reviewers belong to the organization that owns the repository).
        /// </summary>
        public static string[] Names(IEnumerable<WireReviewer>? reviewers, RepositoryName repository) =>
            (reviewers ?? Enumerable.Empty<WireReviewer>())
                .Where(r => r.Reviewer != null)
                .Select(r => r.Type == "Team" ? TeamOrganization(r.Reviewer!.HtmlUrl, repository.Owner) + "/" + r.Reviewer!.Slug : r.Reviewer!.Login ?? "")
                .ToArray();

        static string TeamOrganization(string? htmlUrl, string fallback)
        {
            var parts = (htmlUrl ?? "").Split('/');
            var orgs = Array.IndexOf(parts, "orgs");
            return orgs >= 0 && orgs + 2 < parts.Length && parts[orgs + 2] == "teams" ? Uri.UnescapeDataString(parts[orgs + 1]) : fallback;
        }
    }

    /// <summary>A user or a team, as much as the module reads of either.</summary>
    internal sealed class WireAccount
    {
        public long Id { get; set; }
        public string? Login { get; set; }
        public string? Slug { get; set; }
        public string? HtmlUrl { get; set; }
    }

    internal sealed class WireBranchPolicyList
    {
        public int TotalCount { get; set; }
        public List<WireBranchPolicy>? BranchPolicies { get; set; }
    }

    internal sealed class WireBranchPolicy
    {
        public long Id { get; set; }
        public string? NodeId { get; set; }
        public string? Name { get; set; }
        public string? Type { get; set; }

        public GhDeploymentBranchPolicy ToPolicy(RepositoryName repository, string environment) => new GhDeploymentBranchPolicy
        {
            Owner = repository.Owner,
            Repository = repository.Name,
            Environment = environment,
            PolicyId = Id,
            NodeId = NodeId ?? "",
            Name = Name ?? "",
            Type = Type ?? "branch",
        };
    }

    internal sealed class WirePendingDeployment
    {
        public WireEnvironment? Environment { get; set; }
        public int WaitTimer { get; set; }
        public DateTimeOffset? WaitTimerStartedAt { get; set; }
        public bool CurrentUserCanApprove { get; set; }
        public List<WireReviewer>? Reviewers { get; set; }

        public GhPendingDeployment ToPending(RepositoryName repository, long runId) => new GhPendingDeployment
        {
            Owner = repository.Owner,
            Repository = repository.Name,
            RunId = runId,
            Environment = Environment?.Name ?? "",
            EnvironmentId = Environment?.Id ?? 0,
            WaitTimer = WaitTimer,
            WaitTimerStartedAt = WaitTimerStartedAt,
            Reviewers = WireReviewer.Names(Reviewers, repository),
            CurrentUserCanApprove = CurrentUserCanApprove,
        };
    }
}
