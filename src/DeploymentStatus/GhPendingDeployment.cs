using System;

namespace DeploymentStatus
{
    /// <summary>
    /// An environment a workflow run waits on: its wait timer, its reviewers, and whether the caller may approve it. It
    /// binds to Approve-GhPendingDeployment and Deny-GhPendingDeployment (RunId, Environment).
    /// </summary>
    public sealed class GhPendingDeployment
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        public long RunId { get; internal set; }
        public string Environment { get; internal set; } = "";
        public long EnvironmentId { get; internal set; }
        /// <summary>Minutes the job waits before it may deploy.</summary>
        public int WaitTimer { get; internal set; }
        /// <summary>When the wait timer started; null when there is none.</summary>
        public DateTimeOffset? WaitTimerStartedAt { get; internal set; }
        /// <summary>Who may approve: user logins, and teams as ORG/TEAM-SLUG.</summary>
        public string[] Reviewers { get; internal set; } = Array.Empty<string>();
        /// <summary>Whether the connected account may approve or reject this deployment.</summary>
        public bool CurrentUserCanApprove { get; internal set; }

        public override string ToString() => Owner + "/" + Repository + " run " + RunId + " waiting on " + Environment;
    }
}
