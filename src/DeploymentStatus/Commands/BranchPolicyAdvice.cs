using System;
using DeploymentStatus.GitHub;

namespace DeploymentStatus.Commands
{
    /// <summary>What to do when an environment has no custom branch policies, in the cmdlets' own terms.</summary>
    internal static class BranchPolicyAdvice
    {
        public static string? For(Exception failure, string environment) =>
            failure is GhStateException { Problem: GhStateProblem.NotCustomBranches }
                ? "Switch it to name patterns first: Set-GhEnvironment -Name '" + environment.Replace("'", "''") + "' -DeploymentBranchPolicy CustomBranches."
                : null;
    }
}
