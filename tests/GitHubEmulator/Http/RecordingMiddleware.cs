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
    private const string RecordKey = "emulator.record";

    /// <summary>Records the request now as answered with nothing (status 0), before its connection is dropped.</summary>
    public static void RecordUnanswered(HttpContext context) => ((Action<int>)context.Items[RecordKey]!)(0);

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

        // Taken now: an answer without a body starts after the pipeline has put the /api/v3 prefix back into Path.
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.PathBase + request.Path;
        var rawPath = rawTarget.Split('?', 2)[0];
        var query = request.QueryString.Value ?? "";
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(", ", h.Value.ToArray()), StringComparer.OrdinalIgnoreCase);
        var recorded = 0;
        void Record(int status)
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                var used = status != 0 && int.TryParse(context.Response.Headers["x-ratelimit-used"], out var value) ? value : (int?)null;
                state.Requests.Add(sequence, new RecordedRequest(method, path, rawPath, query, headers, body, status, time, used));
            }
        }

        context.Items[RecordKey] = (Action<int>)Record;
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
            if (!context.Response.HasStarted && context.RequestAborted.IsCancellationRequested)
            {
                Record(0); // abandoned by the client: nothing was answered
            }
        }
    }
}
