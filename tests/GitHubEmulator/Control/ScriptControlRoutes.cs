using System.Text.Json.Nodes;
using GitHubEmulator.Http;
using GitHubEmulator.State;

namespace GitHubEmulator.Control;

/// <summary>
/// <c>/_emulator/repos/{o}/{r}/scripts[/{id}]</c>: a deployment's statuses (and the deployment itself) scripted to arrive
/// as a client polls or as time passes, the way a workflow or a CD controller would post them (see README.md).
/// </summary>
internal static class ScriptControlRoutes
{
    public static void Map(RouteGroupBuilder control)
    {
        control.MapPost("/repos/{owner}/{repo}/scripts", (HttpContext context, EmulatorState state, string owner, string repo) =>
            ControlRoutes.WithBodyAsync(context, body =>
            {
                try
                {
                    return new ApiResult(201, new JsonObject { ["id"] = state.AddScript(owner, repo, Script(body)) });
                }
                catch (KeyNotFoundException e)
                {
                    return new ApiResult(404, new JsonObject { ["message"] = e.Message });
                }
            }));
        control.MapGet("/repos/{owner}/{repo}/scripts/{id:long}", (EmulatorState state, string owner, string repo, long id) =>
            state.FindScript(owner, repo, id) is { } progress
                ? new ApiResult(200, new JsonObject
                {
                    ["id"] = progress.Id,
                    ["deploymentId"] = progress.DeploymentId,
                    ["applied"] = progress.Applied,
                    ["left"] = progress.Left,
                })
                : new ApiResult(404, new JsonObject { ["message"] = $"No script {id} in {owner}/{repo} (or it has run to its end)." }));
    }

    /// <summary>
    /// <c>{ deploymentId | create: { environment, ref, task, transient, production, afterMs | afterPolls },
    /// steps: [ { state, description, environment, logUrl, environmentUrl, autoInactive, afterMs | afterPolls } ] }</c>
    /// </summary>
    private static ScriptSpec Script(JsonObject body)
    {
        var create = ControlInput.Object(body, "create");
        return new ScriptSpec
        {
            DeploymentId = ControlInput.Long(body, "deploymentId"),
            Create = create is null ? null : new ScriptCreation
            {
                Environment = ControlInput.String(create, "environment") ?? "production",
                Ref = ControlInput.String(create, "ref") ?? RepositoryRecord.DefaultBranch,
                Task = ControlInput.String(create, "task") ?? "deploy",
                Transient = ControlInput.Bool(create, "transient") ?? false,
                Production = ControlInput.Bool(create, "production"),
                AfterMs = ControlInput.Int(create, "afterMs"),
                AfterPolls = ControlInput.Int(create, "afterPolls"),
            },
            Steps = (ControlInput.Array(body, "steps") ?? [])
                .Select(node => node as JsonObject ?? throw new ControlInputException("Each of 'steps' must be an object."))
                .Select(step => new ScriptStatus(ControlInput.RequiredString(step, "state"))
                {
                    Description = ControlInput.String(step, "description") ?? "",
                    Environment = ControlInput.String(step, "environment"),
                    LogUrl = ControlInput.String(step, "logUrl") ?? "",
                    EnvironmentUrl = ControlInput.String(step, "environmentUrl") ?? "",
                    AutoInactive = ControlInput.Bool(step, "autoInactive") ?? true,
                    AfterMs = ControlInput.Int(step, "afterMs"),
                    AfterPolls = ControlInput.Int(step, "afterPolls"),
                })
                .ToList(),
        };
    }
}
