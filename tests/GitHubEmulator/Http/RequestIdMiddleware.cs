namespace GitHubEmulator.Http;

/// <summary>Gives every API answer an <c>x-github-request-id</c> (GitHub's format: five hex groups).</summary>
internal sealed class RequestIdMiddleware(RequestDelegate next)
{
    private const string ItemKey = "x-github-request-id";

    public static string Of(HttpContext context) => (string)context.Items[ItemKey]!;

    public Task InvokeAsync(HttpContext context)
    {
        var random = Random.Shared;
        var id = $"{random.Next(0x10000):X4}:{random.Next(0x10000):X4}:{random.Next(0x1000000):X6}:{random.Next(0x1000000):X6}:{random.Next():X8}";
        context.Items[ItemKey] = id;
        context.Response.Headers[ItemKey] = id;
        return next(context);
    }
}
