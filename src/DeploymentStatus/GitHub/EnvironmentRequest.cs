using System;
using System.Collections.Generic;
using System.Linq;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// The settings of PUT /repos/{owner}/{repo}/environments/{name}. Null settings are not sent, so GitHub keeps what the
    /// environment has (a new one gets GitHub's defaults); a DeploymentBranchPolicy of None is sent as null, which lets
    /// every branch deploy.
    /// </summary>
    internal sealed class EnvironmentRequest
    {
        /// <summary>GitHub's limits: a wait of at most 30 days, at most six reviewers.</summary>
        public const int MaxWaitTimer = 43_200;
        public const int MaxReviewers = 6;

        public const string AllBranches = "None";
        public const string ProtectedBranches = "ProtectedBranches";
        public const string CustomBranches = "CustomBranches";

        public int? WaitTimer { get; set; }
        public bool? PreventSelfReview { get; set; }
        /// <summary>Resolved reviewers ({type, id}); an empty list removes them all.</summary>
        public IList<ReviewerId>? Reviewers { get; set; }
        /// <summary>None, ProtectedBranches or CustomBranches.</summary>
        public string? BranchPolicy { get; set; }
        public bool? CanAdminsBypass { get; set; }

        public IDictionary<string, object?> ToBody()
        {
            if (WaitTimer is int minutes && (minutes < 0 || minutes > MaxWaitTimer))
                throw new GhInputException("A wait timer of " + minutes + " minutes: GitHub takes 0 to " + MaxWaitTimer + " (30 days).");
            if (Reviewers != null && Reviewers.Count > MaxReviewers)
                throw new GhInputException(Reviewers.Count + " reviewers: GitHub takes at most " + MaxReviewers + " users or teams.");
            var body = new Dictionary<string, object?>();
            if (WaitTimer != null) body["wait_timer"] = WaitTimer.Value;
            if (PreventSelfReview != null) body["prevent_self_review"] = PreventSelfReview.Value;
            if (Reviewers != null)
                body["reviewers"] = Reviewers.Select(r => (object)new Dictionary<string, object?> { ["type"] = r.Type, ["id"] = r.Id }).ToList();
            if (BranchPolicy != null) body["deployment_branch_policy"] = BranchPolicySettings(BranchPolicy);
            if (CanAdminsBypass != null) body["can_admins_bypass"] = CanAdminsBypass.Value;
            return body;
        }

        static object? BranchPolicySettings(string policy) => policy switch
        {
            AllBranches => null,
            ProtectedBranches => new Dictionary<string, object?> { ["protected_branches"] = true, ["custom_branch_policies"] = false },
            CustomBranches => new Dictionary<string, object?> { ["protected_branches"] = false, ["custom_branch_policies"] = true },
            _ => throw new GhInputException("'" + policy + "' is not a deployment branch policy: None, ProtectedBranches or CustomBranches."),
        };

        /// <summary>The module's name for GitHub's deployment_branch_policy flags (absent or null: every branch).</summary>
        public static string PolicyName(bool? protectedBranches, bool? customBranchPolicies) =>
            protectedBranches == true ? ProtectedBranches : customBranchPolicies == true ? CustomBranches : AllBranches;
    }

    /// <summary>A reviewer as GitHub takes it: User or Team, and its id.</summary>
    internal readonly struct ReviewerId
    {
        public ReviewerId(string type, long id)
        {
            Type = type;
            Id = id;
        }

        public string Type { get; }
        public long Id { get; }
    }
}
