using System;
using System.Collections.Generic;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>The deployment that New-GhDeployment and Invoke-GhDeployment ask GitHub for, made from their parameters in one place.</summary>
    internal static class DeploymentInput
    {
        /// <param name="payload">As the user gave it (hashtable, PSCustomObject, JSON string): converted here (GhInputException when it has no JSON form).</param>
        /// <param name="skipStatusCheck">Send an empty required_contexts, so GitHub checks no status.</param>
        /// <param name="requiredContexts">The contexts GitHub must find passed; null: all of them.</param>
        public static DeploymentRequest Request(string reference, string? environment, string? task, string? description, object? payload,
            bool skipStatusCheck, IList<string>? requiredContexts = null) =>
            new DeploymentRequest(reference)
            {
                Environment = environment,
                Task = task,
                Description = description,
                Payload = PayloadConverter.ToPayload(payload),
                RequiredContexts = skipStatusCheck ? Array.Empty<string>() : requiredContexts,
            };

        /// <summary>Whether a failure is GitHub's 409 for failed status checks (so the advice can name -SkipStatusCheck).</summary>
        public static DeploymentConflictKind? ConflictOf(Exception failure) =>
            failure is GitHubApiException { Conflict: { } conflict } ? conflict.Kind : (DeploymentConflictKind?)null;
    }
}
