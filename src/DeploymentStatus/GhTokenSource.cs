namespace DeploymentStatus
{
    /// <summary>Where the token came from; shown by Get-GhContext in place of the token itself.</summary>
    public enum GhTokenSource { Parameter, Credential, GH_TOKEN, GITHUB_TOKEN, GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN }
}
