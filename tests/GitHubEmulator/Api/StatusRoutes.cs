using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Api;

/// <summary><c>/repos/{owner}/{repo}/deployments/{id}/statuses</c>: list, get, create.</summary>
internal static class StatusRoutes
{
    public const int MaxDescriptionLength = 140;

    private const string Path = "/repos/{owner}/{repo}/deployments/{deploymentId:long}/statuses";
    private const string FlashPreview = "application/vnd.github.flash-preview+json";
    private const string AntManPreview = "application/vnd.github.ant-man-preview+json";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, List);
        routes.MapPost(Path, CreateAsync);
        routes.MapGet(Path + "/{statusId:long}", Get);
    }

    private static IResult List(HttpContext context, EmulatorState state, string owner, string repo, long deploymentId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.ListStatuses, (_, repository) =>
        {
            if (repository.FindDeployment(deploymentId) is not { } deployment)
            {
                return GitHubErrors.NotFound(Docs.ListStatuses);
            }
            var (page, link) = Pagination.Slice(context.Request, deployment.RetainedStatuses(state.Now).Reverse().ToList());
            var render = new Representations(context.Request);
            return new ApiResult(200, new JsonArray([.. page.Select(s => render.Status(repository, deployment, s))]), Pagination.Headers(link));
        });

    private static IResult Get(HttpContext context, EmulatorState state, string owner, string repo, long deploymentId, long statusId) =>
        ApiAccess.OnRepository(context, state, owner, repo, Docs.GetStatus, (_, repository) =>
            repository.FindDeployment(deploymentId) is { } deployment
                && deployment.RetainedStatuses(state.Now).FirstOrDefault(s => s.Id == statusId) is { } status
                ? new ApiResult(200, new Representations(context.Request).Status(repository, deployment, status))
                : GitHubErrors.NotFound(Docs.GetStatus));

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state, string owner, string repo, long deploymentId)
    {
        var body = await RequestBody.ReadAsync(context.Request);
        return ApiAccess.OnRepository(context, state, owner, repo, Docs.CreateStatus, (caller, repository) =>
        {
            if (repository.FindDeployment(deploymentId) is not { } deployment)
            {
                return GitHubErrors.NotFound(Docs.CreateStatus);
            }
            return body is null
                ? GitHubErrors.ProblemsParsingJson(Docs.CreateStatus)
                : Create(context, state, caller, repository, deployment, body);
        });
    }

    private static IResult Create(
        HttpContext context, EmulatorState state, UserRecord caller, RepositoryRecord repository, DeploymentRecord deployment, RequestBody body)
    {
        var stateName = body.String("state");
        var targetUrl = body.String("target_url");
        var logUrl = body.String("log_url");
        var description = body.String("description") ?? "";
        var environment = body.String("environment");
        var environmentUrl = body.String("environment_url") ?? "";
        var autoInactive = body.Boolean("auto_inactive") ?? true;
        if (body.Problems.Count > 0)
        {
            return GitHubErrors.InvalidRequest(body.Problems, Docs.CreateStatus);
        }
        if (stateName is null)
        {
            return GitHubErrors.InvalidRequest(["\"state\" wasn't supplied."], Docs.CreateStatus);
        }
        if (!StatusRecord.States.Contains(stateName))
        {
            return GitHubErrors.ValidationFailed([GitHubErrors.Custom("DeploymentStatus", "state", "state is not included in the list")], Docs.CreateStatus);
        }
        if (state.Settings.Ghes22 && MissingPreviews(context.Request, body, stateName) is { Count: > 0 } missing)
        {
            return GitHubErrors.ValidationFailed(missing, Docs.CreateStatus);
        }
        if (description.Length > MaxDescriptionLength)
        {
            return GitHubErrors.ValidationFailed(
                [GitHubErrors.Custom("DeploymentStatus", "description", $"description is too long (maximum is {MaxDescriptionLength} characters)")],
                Docs.CreateStatus);
        }

        var status = state.AddStatus(
            repository, deployment, stateName, caller, description, environment,
            targetUrl: targetUrl ?? logUrl ?? "", logUrl: logUrl ?? "", environmentUrl: environmentUrl);
        if (status.State == "success" && autoInactive)
        {
            state.RetirePriorDeployments(repository, deployment, caller);
        }
        var render = new Representations(context.Request);
        return new ApiResult(201, render.Status(repository, deployment, status),
            [new("Location", render.StatusUrl(repository, deployment, status))]);
    }

    /// <summary>
    /// GitHub Enterprise Server 2.2x took the newer status fields only with their preview media type in <c>Accept</c>:
    /// flash (in_progress, queued, environment, auto_inactive) and ant-man (inactive, log_url, environment_url, auto_inactive).
    /// </summary>
    private static List<JsonObject> MissingPreviews(HttpRequest request, RequestBody body, string stateName)
    {
        var needs = new List<(string Field, string What, string Preview)>();
        if (stateName is "in_progress" or "queued" or "inactive")
        {
            needs.Add(("state", $"The {stateName} state", stateName == "inactive" ? AntManPreview : FlashPreview));
        }
        foreach (var (field, preview) in new[]
        {
            ("environment", FlashPreview), ("log_url", AntManPreview), ("environment_url", AntManPreview),
            ("auto_inactive", FlashPreview), ("auto_inactive", AntManPreview),
        })
        {
            if (body.Has(field))
            {
                needs.Add((field, $"The {field} parameter", preview));
            }
        }
        var accept = request.Headers.Accept.ToString();
        return needs
            .Where(n => !accept.Contains(n.Preview, StringComparison.OrdinalIgnoreCase))
            .Select(n => GitHubErrors.Custom("DeploymentStatus", n.Field, $"{n.What} requires the {n.Preview} media type in the Accept header."))
            .ToList();
    }
}
