using System;
using System.Collections.Generic;

namespace DeploymentStatus.GitHub
{
    /// <summary>A deployment status to create. Null fields are not sent, so GitHub applies its own defaults.</summary>
    internal sealed class StatusRequest
    {
        /// <summary>GitHub's states, in its own spelling.</summary>
        public static readonly string[] States = { "error", "failure", "inactive", "in_progress", "queued", "pending", "success" };

        /// <summary>GitHub's limit on a status description.</summary>
        public const int MaxDescriptionLength = 140;

        public StatusRequest(string state)
        {
            if (Array.IndexOf(States, state) < 0)
                throw new GhInputException("'" + state + "' is not a deployment status state; GitHub takes " + string.Join(", ", States) + ".");
            State = state;
        }

        public string State { get; }
        public string? Description { get; set; }
        public Uri? LogUrl { get; set; }
        public Uri? TargetUrl { get; set; }
        public string? Environment { get; set; }
        public Uri? EnvironmentUrl { get; set; }
        public bool? AutoInactive { get; set; }

        public IDictionary<string, object?> ToBody()
        {
            if (Description != null && Description.Length > MaxDescriptionLength)
                throw new GhInputException("The description has " + Description.Length + " characters; GitHub takes at most " + MaxDescriptionLength + ".");
            var body = new Dictionary<string, object?> { ["state"] = State };
            if (Description != null) body["description"] = Description;
            if (LogUrl != null) body["log_url"] = LogUrl.OriginalString;
            if (TargetUrl != null) body["target_url"] = TargetUrl.OriginalString;
            if (Environment != null) body["environment"] = Environment;
            if (EnvironmentUrl != null) body["environment_url"] = EnvironmentUrl.OriginalString;
            if (AutoInactive != null) body["auto_inactive"] = AutoInactive.Value;
            return body;
        }

        /// <summary>Whether an existing status is what this request would have created.</summary>
        public bool Matches(GhDeploymentStatus status) =>
            status.State == State
            && (Description == null || status.Description == Description)
            && (Environment == null || status.Environment == Environment);

        /// <summary>Cuts a text to GitHub's limit, ending it with an ellipsis when cut.</summary>
        public static string Truncate(string text) =>
            text.Length <= MaxDescriptionLength ? text : text.Substring(0, MaxDescriptionLength - 1) + "\u2026";
    }
}
