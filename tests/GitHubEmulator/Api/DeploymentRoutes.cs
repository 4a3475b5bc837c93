using System.Text.Json;
using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>/repos/{owner}/{repo}/deployments</c>: list, create, get, delete.</summary>
internal static class DeploymentRoutes
{
    private const string Path = "/repos/{owner}/{repo}/deployments";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, List);
        routes.MapPost(Path, CreateAsync);
        routes.MapGet(Path + "/{deploymentId:long}", Get);
        routes.MapDelete(Path + "/{deploymentId:long}", Delete);
    }

    /// <summary>Newest first, filtered by <c>sha ref task environment</c>, paginated.</summary>
    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.ListDeployments, (_, repository) =>
        {
            var query = context.Request.Query;
            bool Matches(string parameter, string value, StringComparison comparison) =>
                string.IsNullOrEmpty(query[parameter]) || string.Equals(query[parameter], value, comparison);

            var matching = repository.Deployments
                .Where(d => Matches("sha", d.Sha, StringComparison.OrdinalIgnoreCase)
                    && Matches("ref", d.Ref, StringComparison.Ordinal)
                    && Matches("task", d.Task, StringComparison.Ordinal)
                    && Matches("environment", d.Environment, StringComparison.OrdinalIgnoreCase))
                .Reverse()
                .ToList();
            var (page, link) = Pagination.Slice(context.Request, matching);
            var render = new Representations(context.Request);
            return new ApiResult(200, new JsonArray([.. page.Select(d => render.Deployment(repository, d))]), Pagination.Headers(link));
        });

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state, string owner, string repo)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.OnRepository(context, state, owner, repo, Docs.CreateDeployment, (caller, repository) =>
            body is null ? GitHubErrors.ProblemsParsingJson(Docs.CreateDeployment) : Create(context, state, caller, repository, body));
    }

    private static IResult Create(HttpContext context, EmulatorState state, UserRecord caller, RepositoryRecord repository, RequestBody body)
    {
        var refName = body.String("ref");
        var task = body.String("task") ?? "deploy";
        var autoMerge = body.Boolean("auto_merge") ?? true;
        var requiredContexts = body.Strings("required_contexts");
        var environment = body.String("environment") ?? "production";
        var description = body.Has("description") ? body.String("description", nullable: true) : "";
        var transient = body.Boolean("transient_environment") ?? false;
        var production = body.Boolean("production_environment") ?? environment == "production";
        var payload = Payload(body);
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.CreateDeployment);
        }
        if (string.IsNullOrEmpty(refName))
        {
            return GitHubErrors.InvalidRequest(["\"ref\" wasn't supplied."], Docs.CreateDeployment);
        }

        var gitRef = repository.ResolveRef(refName);
        if (autoMerge && (gitRef.Behind || gitRef.MergeConflict))
        {
            if (gitRef.MergeConflict)
            {
                return Message(409, $"Conflict merging {RepositoryRecord.DefaultBranch} into {refName}.");
            }
            // GitHub merges the default branch into the ref and creates no deployment; asked again, it deploys the merge commit.
            gitRef.Behind = false;
            gitRef.Sha = Shas.MergeCommit(gitRef.Sha);
            return Message(202, $"Auto-merged {RepositoryRecord.DefaultBranch} into {refName} on deployment.");
        }

        var required = requiredContexts ?? [.. gitRef.Contexts.Keys];
        if (required.Any(c => gitRef.Contexts.GetValueOrDefault(c) != "success"))
        {
            return FailedStatusChecks(refName, required, gitRef);
        }

        var now = state.Now;
        var deployment = new DeploymentRecord
        {
            Id = state.NextDeploymentId(),
            Sha = gitRef.Sha,
            Ref = refName,
            Task = task,
            Payload = payload ?? new JsonObject(),
            OriginalEnvironment = environment,
            Environment = environment,
            Description = description,
            Creator = caller,
            TransientEnvironment = transient,
            ProductionEnvironment = production,
            CreatedAt = now,
            UpdatedAt = now,
        };
        state.AddDeployment(repository, deployment);
        return new ApiResult(201, new Representations(context.Request).Deployment(repository, deployment));
    }

    /// <summary>
    /// <c>payload</c> is kept as JSON: an object as it is, a string holding a JSON object as that object
    /// (GitHub answers it as an object), any other string as the string; absent or empty → <c>{}</c>.
    /// </summary>
    private static JsonNode? Payload(RequestBody body)
    {
        var raw = body.Raw("payload");
        switch (raw?.GetValueKind())
        {
            case null or JsonValueKind.Null:
                return null;
            case JsonValueKind.Object:
                return raw.DeepClone();
            case JsonValueKind.String:
                var text = raw.GetValue<string>();
                if (string.IsNullOrWhiteSpace(text))
                {
                    return null;
                }
                try
                {
                    return JsonNode.Parse(text) is JsonObject parsed ? parsed : raw.DeepClone();
                }
                catch (JsonException)
                {
                    return raw.DeepClone();
                }
            default:
                body.NotA("payload", "an object or a string");
                return null;
        }
    }

    private static ApiResult FailedStatusChecks(string refName, IReadOnlyList<string> required, RefRecord gitRef)
    {
        // Every required context with its state; one never reported counts as pending.
        var contexts = required.Select(c => (JsonNode)new JsonObject
        {
            ["context"] = c,
            ["state"] = gitRef.Contexts.GetValueOrDefault(c) ?? "pending",
        });
        var body = new JsonObject
        {
            ["message"] = $"Conflict: Commit status checks failed for {refName}.",
            ["errors"] = new JsonArray(new JsonObject
            {
                ["contexts"] = new JsonArray([.. contexts]),
                ["resource"] = "Deployment",
                ["field"] = "required_contexts",
                ["code"] = "invalid",
            }),
            ["documentation_url"] = Docs.CreateDeployment,
            ["status"] = "409",
        };
        return new ApiResult(409, body);
    }

    private static ApiResult Message(int status, string message) => status == 202
        ? new ApiResult(202, new JsonObject { ["message"] = message })
        : new ApiResult(status, GitHubErrors.Basic(message, Docs.CreateDeployment, status));

    private static IResult Get(HttpContext context, EmulatorState state, string owner, string repo, long deploymentId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.GetDeployment, (_, repository) =>
            repository.FindDeployment(deploymentId) is { } deployment
                ? new ApiResult(200, new Representations(context.Request).Deployment(repository, deployment))
                : GitHubErrors.NotFound(Docs.GetDeployment));

    /// <summary>
    /// Only an inactive deployment (its state says so, even when its statuses have expired), or the repository's only
    /// one, may be deleted.
    /// </summary>
    private static IResult Delete(HttpContext context, EmulatorState state, string owner, string repo, long deploymentId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.DeleteDeployment, (_, repository) =>
        {
            if (repository.FindDeployment(deploymentId) is not { } deployment)
            {
                return GitHubErrors.NotFound(Docs.DeleteDeployment);
            }
            if (repository.Deployments.Count > 1 && !DeploymentStates.IsRetired(deployment.State))
            {
                return new ApiResult(422, new JsonObject
                {
                    ["message"] = "We cannot delete an active deployment unless it is the only deployment in a given environment.",
                    ["documentation_url"] = Docs.DeleteDeployment,
                    ["status"] = "422",
                });
            }
            state.RemoveDeployment(repository, deployment);
            return new ApiResult(204, null);
        });
}
