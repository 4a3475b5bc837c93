using System.Text;
using GitHubEmulator.State;
using Microsoft.AspNetCore.Http.Features;

namespace GitHubEmulator.Http;

/// <summary>
/// Records every API request with the status it was answered. The record is written when the answer starts,
/// before the client can see it, so a client that asserts right after its call finds its request.
/// </summary>
internal sealed class RecordingMiddleware(RequestDelegate next, EmulatorState state)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var sequence = state.Requests.Arrive();
        var time = state.Clock.GetUtcNow();
        var request = context.Request;

        // Buffered so the routes read the body again.
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }
        request.Body.Position = 0;

        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.PathBase + request.Path;
        var rawPath = rawTarget.Split('?', 2)[0];
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                state.Requests.Add(sequence, new RecordedRequest(
                    request.Method, request.Path.Value ?? "/", rawPath, request.QueryString.Value ?? "", headers, body, status, time));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record(context.Response.StatusCode);
            return Task.CompletedTask;
        });
        try
        {
            await next(context);
        }
        finally
        {
            if (FaultMiddleware.WasDropped(context) || (!context.Response.HasStarted && context.RequestAborted.IsCancellationRequested))
            {
                Record(0); // dropped by a fault, or abandoned by the client: nothing was answered
            }
        }
    }
}
