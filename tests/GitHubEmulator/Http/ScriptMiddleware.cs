using GitHubEmulator.State;

namespace GitHubEmulator.Http;

/// <summary>
/// Lets the deployments' scripts (<see cref="ScriptSpec"/>) move on before a request is answered: every step due by then
/// is applied, so the request sees it, and a GET that polls a scripted deployment is counted as a poll. After the rate
/// limit (a refused request polls nothing), before scripted faults.
/// </summary>
internal sealed class ScriptMiddleware(RequestDelegate next, EmulatorState state)
{
    public Task InvokeAsync(HttpContext context)
    {
        state.AdvanceScripts(context.Request.Method, context.Request.Path.Value ?? "/");
        return next(context);
    }
}
