namespace DeploymentStatus.Pipelines
{
    /// <summary>The CI system whose workflow commands a step may use.</summary>
    internal enum CiKind { None, AzurePipelines, GitHubActions }
}
