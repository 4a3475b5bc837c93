namespace DeploymentStatus.GitHub
{
    /// <summary>What POST /deployments gave: a deployment, or (202) the message of the merge GitHub did instead.</summary>
    internal sealed class CreatedDeployment
    {
        public GhDeployment? Deployment { get; set; }
        public string? MergeMessage { get; set; }
    }
}
