namespace DeploymentStatus.GitHub
{
    /// <summary>What a deployment's state (GitHub's, lower-case: <see cref="GhDeployment.State"/>) means to the module.</summary>
    internal static class DeploymentStates
    {
        public const string Inactive = "inactive";
        public const string Destroyed = "destroyed";

        /// <summary>Whether the deployment needs no inactive status: it is inactive, or (transient) destroyed.</summary>
        public static bool IsRetired(string? state) => state == Inactive || state == Destroyed;

        /// <summary>The state GitHub gives a deployment once it is made inactive: destroyed for a transient one.</summary>
        public static string AfterRetiring(GhDeployment deployment) => deployment.TransientEnvironment ? Destroyed : Inactive;
    }
}
