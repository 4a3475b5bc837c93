using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DeploymentStatus.GitHub;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Set-GhEnvironment: creates or updates an environment with PUT …/environments/{name}, sending only the settings given;
    /// reviewers named as logins and ORG/TEAM-SLUG are resolved to GitHub's ids first (<see cref="EnvironmentConfiguration"/>).
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "GhEnvironment", SupportsShouldProcess = true)]
    [OutputType(typeof(GhEnvironment))]
    public sealed class SetGhEnvironmentCommand : GhEnvironmentWriteCmdlet
    {
        [Parameter]
        [ValidateRange(0, EnvironmentRequest.MaxWaitTimer)]
        public int WaitTimer { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        [ValidateCount(0, EnvironmentRequest.MaxReviewers)]
        [ValidateReviewer]
        [ArgumentCompleter(typeof(ReviewerCompleter))]
        public string[]? Reviewer { get; set; }

        [Parameter]
        public SwitchParameter PreventSelfReview { get; set; }

        [Parameter]
        [ValidateSet(EnvironmentRequest.AllBranches, EnvironmentRequest.ProtectedBranches, EnvironmentRequest.CustomBranches)]
        public string? DeploymentBranchPolicy { get; set; }

        [Parameter]
        public SwitchParameter CanAdminsBypass { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void Process()
        {
            var request = new EnvironmentRequest
            {
                WaitTimer = Bound(nameof(WaitTimer)) ? WaitTimer : (int?)null,
                PreventSelfReview = Bound(nameof(PreventSelfReview)) ? PreventSelfReview.IsPresent : (bool?)null,
                BranchPolicy = DeploymentBranchPolicy,
                CanAdminsBypass = Bound(nameof(CanAdminsBypass)) ? CanAdminsBypass.IsPresent : (bool?)null,
            };
            IReadOnlyList<ReviewerName>? reviewers = null;
            if (!TryItem(Name, () =>
            {
                reviewers = Reviewer?.Select(ReviewerName.Parse).ToList();
                request.ToBody();
            })) return;
            Request(Name, (repository, t) => EnvironmentConfiguration.SetAsync(Api, repository, Name, request, reviewers, t),
                repository => (GhEnvironmentCmdlet.EnvironmentTarget(repository, Name), "Create or update the environment" + Settings()),
                environment =>
                {
                    Session.Environments.Remember(ResolveRepository(), environment);
                    if (PassThru) WriteObject(environment);
                });
        }

        /// <summary>" (wait timer 30 minutes, reviewers octocat, octo-org/ops)": the settings that will be sent, for -WhatIf and -Confirm.</summary>
        string Settings()
        {
            var parts = new List<string>();
            if (Bound(nameof(WaitTimer))) parts.Add("wait timer " + WaitTimer + " minutes");
            if (Reviewer != null) parts.Add(Reviewer.Length == 0 ? "no reviewers" : "reviewers " + string.Join(", ", Reviewer));
            if (Bound(nameof(PreventSelfReview))) parts.Add("prevent self-review " + PreventSelfReview.IsPresent);
            if (DeploymentBranchPolicy != null) parts.Add("deployment branch policy " + DeploymentBranchPolicy);
            if (Bound(nameof(CanAdminsBypass))) parts.Add("admins may bypass " + CanAdminsBypass.IsPresent);
            return parts.Count == 0 ? "" : " (" + string.Join(", ", parts) + ")";
        }

        bool Bound(string name) => MyInvocation.BoundParameters.ContainsKey(name);
    }
}
