using System.Globalization;
using System.Text.Json.Nodes;
using GitHubEmulator.State;
using static GitHubEmulator.Api.NodeIds;

namespace GitHubEmulator.Api;

/// <summary>
/// The JSON GitHub answers for users, deployments, statuses and environments (the OpenAPI schemas
/// simple-user, deployment, deployment-status, environment). URLs are absolute on the emulator's own host,
/// under the prefix the request used (none or <c>/api/v3</c>).
/// </summary>
internal sealed class Representations(HttpRequest request)
{
    private readonly string api = $"{request.Scheme}://{request.Host}{request.PathBase}";
    private readonly string web = $"{request.Scheme}://{request.Host}";

    public string RepositoryUrl(RepositoryRecord repository) => $"{api}/repos/{repository.Owner}/{repository.Name}";

    public string DeploymentUrl(RepositoryRecord repository, DeploymentRecord deployment) =>
        $"{RepositoryUrl(repository)}/deployments/{deployment.Id}";

    public string StatusUrl(RepositoryRecord repository, DeploymentRecord deployment, StatusRecord status) =>
        $"{DeploymentUrl(repository, deployment)}/statuses/{status.Id}";

    public JsonObject User(UserRecord user)
    {
        var url = $"{api}/users/{user.Login}";
        return new JsonObject
        {
            ["login"] = user.Login,
            ["id"] = user.Id,
            ["node_id"] = NodeId("User", user.Id),
            ["avatar_url"] = $"{web}/avatars/u/{user.Id}?v=4",
            ["gravatar_id"] = "",
            ["url"] = url,
            ["html_url"] = $"{web}/{user.Login}",
            ["followers_url"] = $"{url}/followers",
            ["following_url"] = $"{url}/following{{/other_user}}",
            ["gists_url"] = $"{url}/gists{{/gist_id}}",
            ["starred_url"] = $"{url}/starred{{/owner}}{{/repo}}",
            ["subscriptions_url"] = $"{url}/subscriptions",
            ["organizations_url"] = $"{url}/orgs",
            ["repos_url"] = $"{url}/repos",
            ["events_url"] = $"{url}/events{{/privacy}}",
            ["received_events_url"] = $"{url}/received_events",
            ["type"] = "User",
            ["user_view_type"] = "public",
            ["site_admin"] = false,
        };
    }

    public JsonObject Deployment(RepositoryRecord repository, DeploymentRecord deployment)
    {
        var url = DeploymentUrl(repository, deployment);
        return new JsonObject
        {
            ["url"] = url,
            ["id"] = deployment.Id,
            ["node_id"] = NodeId("Deployment", deployment.Id),
            ["sha"] = deployment.Sha,
            ["ref"] = deployment.Ref,
            ["task"] = deployment.Task,
            ["payload"] = deployment.Payload.DeepClone(),
            ["original_environment"] = deployment.OriginalEnvironment,
            ["environment"] = deployment.Environment,
            ["description"] = deployment.Description,
            ["creator"] = User(deployment.Creator),
            ["created_at"] = Timestamp(deployment.CreatedAt),
            ["updated_at"] = Timestamp(deployment.UpdatedAt),
            ["statuses_url"] = $"{url}/statuses",
            ["repository_url"] = RepositoryUrl(repository),
            ["transient_environment"] = deployment.TransientEnvironment,
            ["production_environment"] = deployment.ProductionEnvironment,
            ["performed_via_github_app"] = null,
        };
    }

    public JsonObject Status(RepositoryRecord repository, DeploymentRecord deployment, StatusRecord status) => new()
    {
        ["url"] = StatusUrl(repository, deployment, status),
        ["id"] = status.Id,
        ["node_id"] = NodeId("DeploymentStatus", status.Id),
        ["state"] = status.State,
        ["creator"] = User(status.Creator),
        ["description"] = status.Description,
        ["environment"] = status.Environment,
        ["target_url"] = status.TargetUrl,
        ["created_at"] = Timestamp(status.CreatedAt),
        ["updated_at"] = Timestamp(status.CreatedAt),
        ["deployment_url"] = DeploymentUrl(repository, deployment),
        ["repository_url"] = RepositoryUrl(repository),
        ["environment_url"] = status.EnvironmentUrl,
        ["log_url"] = status.LogUrl,
        ["performed_via_github_app"] = null,
    };

    public JsonObject Environment(RepositoryRecord repository, EnvironmentRecord environment)
    {
        var name = Uri.EscapeDataString(environment.Name);
        return new JsonObject
        {
            ["id"] = environment.Id,
            ["node_id"] = NodeId("Environment", environment.Id),
            ["name"] = environment.Name,
            ["url"] = $"{RepositoryUrl(repository)}/environments/{name}",
            ["html_url"] = $"{web}/{repository.Owner}/{repository.Name}/deployments/activity_log?environments_filter={name}",
            ["created_at"] = Timestamp(environment.CreatedAt),
            ["updated_at"] = Timestamp(environment.UpdatedAt),
            ["protection_rules"] = new JsonArray(),
            ["deployment_branch_policy"] = null,
        };
    }

    /// <summary>ISO 8601, UTC, whole seconds: <c>2012-07-20T01:19:13Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}
