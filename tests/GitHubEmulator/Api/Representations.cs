using System.Globalization;
using System.Text.Json.Nodes;
using GitHubEmulator.State;
using static GitHubEmulator.Api.NodeIds;

namespace GitHubEmulator.Api;

/// <summary>
/// The JSON GitHub answers for users, teams, deployments, statuses, environments, branch policies and pending
/// deployments (the OpenAPI schemas simple-user, public-user, team, team-full, deployment, deployment-status, environment,
/// deployment-branch-policy, pending-deployment). URLs are absolute on the emulator's own host,
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

    /// <summary>GitHub's minimal-repository (the items of an organisation's, a user's or an installation's repository list).</summary>
    public JsonObject Repository(RepositoryRecord repository, UserRecord? owner)
    {
        var url = RepositoryUrl(repository);
        var html = $"{web}/{repository.FullName}";
        var json = new JsonObject
        {
            ["id"] = repository.Id,
            ["node_id"] = NodeId("Repository", repository.Id),
            ["name"] = repository.Name,
            ["full_name"] = repository.FullName,
            ["owner"] = owner is not null ? User(owner) : Organization(repository.Owner),
            ["private"] = repository.Private,
            ["html_url"] = html,
            ["description"] = null,
            ["fork"] = false,
            ["url"] = url,
            ["default_branch"] = RepositoryRecord.DefaultBranch,
            ["archived"] = repository.Archived,
            ["disabled"] = false,
            ["visibility"] = repository.Private ? "private" : "public",
            ["git_url"] = $"git://{request.Host}/{repository.FullName}.git",
            ["ssh_url"] = $"git@{request.Host.Host}:{repository.FullName}.git",
            ["clone_url"] = html + ".git",
        };
        // The rest of GitHub's required URL templates.
        foreach (var (name, path) in new[]
        {
            ("archive_url", "/{archive_format}{/ref}"), ("assignees_url", "/assignees{/user}"), ("blobs_url", "/git/blobs{/sha}"),
            ("branches_url", "/branches{/branch}"), ("collaborators_url", "/collaborators{/collaborator}"), ("comments_url", "/comments{/number}"),
            ("commits_url", "/commits{/sha}"), ("compare_url", "/compare/{base}...{head}"), ("contents_url", "/contents/{+path}"),
            ("contributors_url", "/contributors"), ("deployments_url", "/deployments"), ("downloads_url", "/downloads"), ("events_url", "/events"),
            ("forks_url", "/forks"), ("git_commits_url", "/git/commits{/sha}"), ("git_refs_url", "/git/refs{/sha}"), ("git_tags_url", "/git/tags{/sha}"),
            ("hooks_url", "/hooks"), ("issue_comment_url", "/issues/comments{/number}"), ("issue_events_url", "/issues/events{/number}"),
            ("issues_url", "/issues{/number}"), ("keys_url", "/keys{/key_id}"), ("labels_url", "/labels{/name}"), ("languages_url", "/languages"),
            ("merges_url", "/merges"), ("milestones_url", "/milestones{/number}"), ("notifications_url", "/notifications{?since,all,participating}"),
            ("pulls_url", "/pulls{/number}"), ("releases_url", "/releases{/id}"), ("stargazers_url", "/stargazers"), ("statuses_url", "/statuses/{sha}"),
            ("subscribers_url", "/subscribers"), ("subscription_url", "/subscription"), ("tags_url", "/tags"), ("teams_url", "/teams"),
            ("trees_url", "/git/trees{/sha}"),
        })
        {
            json[name] = url + path;
        }
        return json;
    }

    /// <summary>GitHub's full-repository (one repository; an installation's list): the minimal one and the counts and flags it adds.</summary>
    public JsonObject FullRepository(RepositoryRecord repository, UserRecord? owner)
    {
        var json = Repository(repository, owner);
        json["svn_url"] = $"{web}/{repository.FullName}";
        json["homepage"] = null;
        json["mirror_url"] = null;
        json["language"] = null;
        json["license"] = null;
        json["created_at"] = Timestamp(repository.CreatedAt);
        json["updated_at"] = Timestamp(repository.CreatedAt);
        json["pushed_at"] = Timestamp(repository.CreatedAt);
        foreach (var count in new[] { "forks", "forks_count", "network_count", "open_issues", "open_issues_count", "size",
            "stargazers_count", "subscribers_count", "watchers", "watchers_count" })
        {
            json[count] = 0;
        }
        foreach (var flag in new[] { "has_discussions", "has_downloads", "has_issues", "has_pages", "has_projects", "has_wiki" })
        {
            json[flag] = false;
        }
        return json;
    }

    /// <summary>An organisation as the owner of its repositories (GitHub's simple-user shape, of type Organization).</summary>
    private JsonObject Organization(string login)
    {
        var json = User(new UserRecord(login, OrganizationId(login), DateTimeOffset.UnixEpoch));
        json["type"] = "Organization";
        return json;
    }

    /// <summary>A stable id for an organisation the emulator knows only by its login (FNV-1a of the lower-case login).</summary>
    private static long OrganizationId(string login)
    {
        var hash = 2166136261u;
        foreach (var c in login.ToLowerInvariant())
        {
            hash = (hash ^ c) * 16777619u;
        }
        return 1_000_000 + hash % 1_000_000;
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

    public string EnvironmentUrl(RepositoryRecord repository, EnvironmentRecord environment) =>
        $"{RepositoryUrl(repository)}/environments/{Uri.EscapeDataString(environment.Name)}";

    /// <summary>The schema environment: its protection rules (wait timer, required reviewers, branch policy) as GitHub lists them.</summary>
    public JsonObject Environment(RepositoryRecord repository, EnvironmentRecord environment, EmulatorState state)
    {
        var body = EnvironmentSummary(repository, environment);
        body["created_at"] = Timestamp(environment.CreatedAt);
        body["updated_at"] = Timestamp(environment.UpdatedAt);
        var rules = new JsonArray();
        if (environment.WaitTimer > 0)
        {
            rules.Add(Rule(environment, 1, "wait_timer", ("wait_timer", environment.WaitTimer)));
        }
        if (environment.Reviewers.Count > 0)
        {
            rules.Add(Rule(environment, 2, "required_reviewers",
                ("prevent_self_review", environment.PreventSelfReview), ("reviewers", Reviewers(environment, state))));
        }
        if (environment.BranchPolicy != BranchPolicyMode.All)
        {
            rules.Add(Rule(environment, 3, "branch_policy"));
        }
        body["protection_rules"] = rules;
        body["deployment_branch_policy"] = environment.BranchPolicy == BranchPolicyMode.All ? null : new JsonObject
        {
            ["protected_branches"] = environment.BranchPolicy == BranchPolicyMode.ProtectedBranches,
            ["custom_branch_policies"] = environment.BranchPolicy == BranchPolicyMode.CustomBranches,
        };
        // Not in GitHub's OpenAPI description, but in its answers since 2023 (and taken by PUT).
        body["can_admins_bypass"] = environment.CanAdminsBypass;
        return body;
    }

    /// <summary>The short form inside a pending deployment: id, node_id, name, url, html_url.</summary>
    public JsonObject EnvironmentSummary(RepositoryRecord repository, EnvironmentRecord environment) => new()
    {
        ["id"] = environment.Id,
        ["node_id"] = NodeId("Environment", environment.Id),
        ["name"] = environment.Name,
        ["url"] = EnvironmentUrl(repository, environment),
        ["html_url"] = $"{web}/{repository.Owner}/{repository.Name}/deployments/activity_log?environments_filter={Uri.EscapeDataString(environment.Name)}",
    };

    /// <summary>A protection rule: ids made from the environment's (GitHub's own are of another sequence).</summary>
    private static JsonObject Rule(EnvironmentRecord environment, int kind, string type, params (string Name, JsonNode? Value)[] fields)
    {
        var id = environment.Id * 10 + kind;
        var rule = new JsonObject { ["id"] = id, ["node_id"] = NodeId("Gate", id), ["type"] = type };
        foreach (var (name, value) in fields)
        {
            rule[name] = value;
        }
        return rule;
    }

    /// <summary><c>[{ type: User, reviewer: simple-user } | { type: Team, reviewer: team }]</c></summary>
    public JsonArray Reviewers(EnvironmentRecord environment, EmulatorState state) =>
        new([.. environment.Reviewers.Select(r => (JsonNode)new JsonObject
        {
            ["type"] = r.Type,
            ["reviewer"] = r.Type == "User"
                ? (state.FindUser(r.Id) is { } user ? User(user) : null)
                : (state.FindTeam(r.Id) is { } team ? Team(team) : null),
        })]);

    /// <summary>The schema public-user (GET /users/{username}): a profile with nothing filled in.</summary>
    public JsonObject PublicUser(UserRecord user)
    {
        var body = User(user);
        body["name"] = null;
        body["company"] = null;
        body["blog"] = "";
        body["location"] = null;
        body["email"] = null;
        body["hireable"] = null;
        body["bio"] = null;
        body["twitter_username"] = null;
        body["public_repos"] = 0;
        body["public_gists"] = 0;
        body["followers"] = 0;
        body["following"] = 0;
        body["created_at"] = Timestamp(user.CreatedAt);
        body["updated_at"] = Timestamp(user.CreatedAt);
        return body;
    }

    /// <summary>The schema team (a reviewer).</summary>
    public JsonObject Team(TeamRecord team)
    {
        var url = $"{api}/organizations/{team.Organization.Id}/team/{team.Id}";
        return new JsonObject
        {
            ["id"] = team.Id,
            ["node_id"] = NodeId("Team", team.Id),
            ["url"] = url,
            ["html_url"] = $"{web}/orgs/{team.Organization.Login}/teams/{team.Slug}",
            ["name"] = team.Name,
            ["slug"] = team.Slug,
            ["description"] = null,
            ["privacy"] = "closed",
            ["notification_setting"] = "notifications_enabled",
            ["permission"] = "pull",
            ["members_url"] = $"{url}/members{{/member}}",
            ["repositories_url"] = $"{url}/repos",
            ["type"] = "organization",
            ["organization_id"] = team.Organization.Id,
            ["parent"] = null,
        };
    }

    /// <summary>The schema team-full (GET /orgs/{org}/teams/{team_slug}).</summary>
    public JsonObject TeamFull(TeamRecord team)
    {
        var body = Team(team);
        body.Remove("parent");
        body["members_count"] = team.Members.Count;
        body["repos_count"] = 0;
        body["created_at"] = Timestamp(team.CreatedAt);
        body["updated_at"] = Timestamp(team.CreatedAt);
        body["organization"] = Organization(team.Organization);
        return body;
    }

    /// <summary>The schema team-organization.</summary>
    private JsonObject Organization(UserRecord organization)
    {
        var url = $"{api}/orgs/{organization.Login}";
        return new JsonObject
        {
            ["login"] = organization.Login,
            ["id"] = organization.Id,
            ["node_id"] = NodeId("Organization", organization.Id),
            ["url"] = url,
            ["repos_url"] = $"{url}/repos",
            ["events_url"] = $"{url}/events",
            ["hooks_url"] = $"{url}/hooks",
            ["issues_url"] = $"{url}/issues",
            ["members_url"] = $"{url}/members{{/member}}",
            ["public_members_url"] = $"{url}/public_members{{/member}}",
            ["avatar_url"] = $"{web}/avatars/u/{organization.Id}?v=4",
            ["description"] = null,
            ["html_url"] = $"{web}/{organization.Login}",
            ["has_organization_projects"] = true,
            ["has_repository_projects"] = true,
            ["public_repos"] = 0,
            ["public_gists"] = 0,
            ["followers"] = 0,
            ["following"] = 0,
            ["type"] = "Organization",
            ["created_at"] = Timestamp(organization.CreatedAt),
            ["updated_at"] = Timestamp(organization.CreatedAt),
            ["archived_at"] = null,
        };
    }

    /// <summary>The schema deployment-branch-policy.</summary>
    public static JsonObject BranchPolicy(BranchPolicyRecord policy) => new()
    {
        ["id"] = policy.Id,
        ["node_id"] = NodeId("GateBranchPolicy", policy.Id),
        ["name"] = policy.Name,
        ["type"] = policy.Type,
    };

    /// <summary>The schema pending-deployment, as <paramref name="caller"/> sees it (current_user_can_approve).</summary>
    public JsonObject PendingDeployment(RepositoryRecord repository, RunRecord run, GateRecord gate, UserRecord caller, EmulatorState state) => new()
    {
        ["environment"] = EnvironmentSummary(repository, gate.Environment),
        ["wait_timer"] = gate.Environment.WaitTimer,
        ["wait_timer_started_at"] = gate.Environment.WaitTimer > 0 ? Timestamp(gate.StartedAt) : null,
        ["current_user_can_approve"] = CanApprove(run, gate, caller, state),
        ["reviewers"] = Reviewers(gate.Environment, state),
    };

    /// <summary>
    /// A required reviewer may approve a job waiting for reviewers, unless the environment prevents self-review and
    /// they triggered the run.
    /// </summary>
    public static bool CanApprove(RunRecord run, GateRecord gate, UserRecord caller, EmulatorState state) =>
        gate.ReviewState == "waiting"
        && state.IsReviewer(gate.Environment, caller)
        && !(gate.Environment.PreventSelfReview && caller.Id == run.Actor.Id);

    /// <summary>ISO 8601, UTC, whole seconds: <c>2012-07-20T01:19:13Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

}
