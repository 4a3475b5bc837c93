using GitHubEmulator.State;

namespace GitHubEmulator.Http;

/// <summary>Delays every API answer by the configured latency (a modelled round trip); a client that gives up frees the request.</summary>
internal sealed class LatencyMiddleware(RequestDelegate next, EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (state.Settings.LatencyMs > 0 && !await Delay.TryWaitAsync(state.Settings.LatencyMs, context))
        {
            return;
        }
        await next(context);
    }
}

internal static class Delay
{
    /// <summary>Waits, unless the request is aborted first (then false: the connection is gone, answer nothing).</summary>
    public static async Task<bool> TryWaitAsync(int milliseconds, HttpContext context)
    {
        try
        {
            await Task.Delay(milliseconds, context.RequestAborted);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
