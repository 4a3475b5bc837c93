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
    private const string Environments = "https://docs.github.com/rest/deployments/environments";
    private const string BranchPolicies = "https://docs.github.com/rest/deployments/branch-policies";
    private const string WorkflowRuns = "https://docs.github.com/rest/actions/workflow-runs";

    public const string ListEnvironments = Environments + "#list-environments";
    public const string GetEnvironment = Environments + "#get-an-environment";
    public const string SetEnvironment = Environments + "#create-or-update-an-environment";
    public const string DeleteEnvironment = Environments + "#delete-an-environment";
    public const string ListBranchPolicies = BranchPolicies + "#list-deployment-branch-policies";
    public const string CreateBranchPolicy = BranchPolicies + "#create-a-deployment-branch-policy";
    public const string GetBranchPolicy = BranchPolicies + "#get-a-deployment-branch-policy";
    public const string DeleteBranchPolicy = BranchPolicies + "#delete-a-deployment-branch-policy";
    public const string GetPendingDeployments = WorkflowRuns + "#get-pending-deployments-for-a-workflow-run";
    public const string ReviewPendingDeployments = WorkflowRuns + "#review-pending-deployments-for-a-workflow-run";
    public const string ReviewProtectionRule = WorkflowRuns + "#review-custom-deployment-protection-rules-for-a-workflow-run";
    public const string GetUser = "https://docs.github.com/rest/users/users#get-a-user";
    public const string GetTeam = "https://docs.github.com/rest/teams/teams#get-a-team-by-name";
    public const string GetAuthenticatedUser = "https://docs.github.com/rest/users/users#get-the-authenticated-user";
    public const string GetRepository = "https://docs.github.com/rest/repos/repos#get-a-repository";
    public const string ListOrganizationRepositories = "https://docs.github.com/rest/repos/repos#list-organization-repositories";
    public const string ListUserRepositories = "https://docs.github.com/rest/repos/repos#list-repositories-for-a-user";
    public const string ListInstallationRepositories = "https://docs.github.com/rest/apps/installations#list-repositories-accessible-to-the-app-installation";
    public const string ArchivedRepository = "https://docs.github.com/repositories/archiving-a-github-repository/archiving-repositories";
}
