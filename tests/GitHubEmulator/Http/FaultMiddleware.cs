using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Microsoft.AspNetCore.WebUtilities;

namespace GitHubEmulator.Http;

/// <summary>Answers a request with the first queued fault that matches it: a status, a dropped connection, or a delay.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, EmulatorState state)
{
    private const string DroppedKey = "emulator.dropped";

    /// <summary>Whether a fault closed this request's connection (Kestrel signals the abort asynchronously, so ask here).</summary>
    public static bool WasDropped(HttpContext context) => context.Items.ContainsKey(DroppedKey);

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = state.Faults.Take(context.Request.Method, context.Request.Path.Value ?? "/");
        if (fault is null)
        {
            await next(context);
            return;
        }
        if (fault.DelayMs > 0 && !await Delay.TryWaitAsync(fault.DelayMs, context))
        {
            return;
        }
        if (fault.Drop)
        {
            context.Items[DroppedKey] = true;
            context.Abort();
            return;
        }
        if (fault.Status is not { } status)
        {
            await next(context);
            return;
        }

        var response = context.Response;
        var body = status is StatusCodes.Status204NoContent or StatusCodes.Status304NotModified
            ? null
            : fault.Body ?? ApiResult.Serialize(new JsonObject { ["message"] = ReasonPhrases.GetReasonPhrase(status) });
        if (body is not null)
        {
            response.ContentType = ApiResult.JsonContentType;
        }
        foreach (var (name, value) in fault.Headers)
        {
            response.Headers[name] = value;
        }
        response.StatusCode = status;
        if (body is not null)
        {
            await response.WriteAsync(body, context.RequestAborted);
        }
    }
}
