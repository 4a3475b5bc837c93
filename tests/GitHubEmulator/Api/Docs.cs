namespace GitHubEmulator.Api;

/// <summary>The <c>documentation_url</c> GitHub puts in the errors of each operation.</summary>
internal static class Docs
{
    private const string Deployments = "https://docs.github.com/rest/deployments/deployments";
    private const string Statuses = "https://docs.github.com/rest/deployments/statuses";

    public const string ListDeployments = Deployments + "#list-deployments";
    public const string CreateDeployment = Deployments + "#create-a-deployment";
    public const string GetDeployment = Deployments + "#get-a-deployment";
    public const string DeleteDeployment = Deployments + "#delete-a-deployment";
    public const string ListStatuses = Statuses + "#list-deployment-statuses";
    public const string CreateStatus = Statuses + "#create-a-deployment-status";
    public const string GetStatus = Statuses + "#get-a-deployment-status";
    public const string ListEnvironments = "https://docs.github.com/rest/deployments/environments#list-environments";
    public const string GetAuthenticatedUser = "https://docs.github.com/rest/users/users#get-the-authenticated-user";
}
