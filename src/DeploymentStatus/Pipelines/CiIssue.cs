namespace DeploymentStatus.Pipelines
{
    /// <summary>How bad a problem reported to the CI run's summary page is.</summary>
    internal enum CiIssue { Warning, Error }
}
