using System.Text.Json.Nodes;
using GitHubEmulator.State;
using Microsoft.AspNetCore.WebUtilities;

namespace GitHubEmulator.Http;

/// <summary>Answers a request with the first queued fault that matches it: a status, a dropped connection, or a delay.</summary>
internal sealed class FaultMiddleware(RequestDelegate next, EmulatorState state)
{
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
            // Recorded first: the client sees the closed connection at once and may ask for the record right away.
            RecordingMiddleware.RecordUnanswered(context);
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
