using System.Globalization;

namespace GitHubEmulator.Api;

/// <summary>GitHub's page-based pagination: <c>per_page</c> (default 30, at most 100), <c>page</c>, and an RFC 5988 <c>Link</c> header.</summary>
internal static class Pagination
{
    public const int DefaultPerPage = 30;
    public const int MaxPerPage = 100;

    /// <summary>The requested page of <paramref name="items"/>, and the <c>Link</c> header for it (null when everything fits on page 1).</summary>
    public static (IReadOnlyList<T> Page, string? Link) Slice<T>(HttpRequest request, IReadOnlyList<T> items)
    {
        var perPage = Math.Min(QueryInt(request, "per_page") ?? DefaultPerPage, MaxPerPage);
        var page = QueryInt(request, "page") ?? 1;
        var lastPage = Math.Max(1, (items.Count + perPage - 1) / perPage);
        var slice = items.Skip((int)Math.Min((long)(page - 1) * perPage, int.MaxValue)).Take(perPage).ToList();

        var links = new List<string>();
        if (page > 1)
        {
            links.Add(Link(request, page - 1, "prev"));
        }
        if (page < lastPage)
        {
            links.Add(Link(request, page + 1, "next"));
            links.Add(Link(request, lastPage, "last"));
        }
        if (page > 1)
        {
            links.Add(Link(request, 1, "first"));
        }
        return (slice, links.Count == 0 ? null : string.Join(", ", links));
    }

    /// <summary>The <c>Link</c> header to answer with, if any.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Headers(string? link) =>
        link is null ? [] : [new("Link", link)];

    /// <summary>A positive integer query parameter; null when absent or not one (GitHub then uses the default).</summary>
    private static int? QueryInt(HttpRequest request, string name) =>
        int.TryParse(request.Query[name].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    /// <summary>The request's own absolute URL (same host and prefix, the other parameters kept in order) for another page.</summary>
    private static string Link(HttpRequest request, int page, string rel)
    {
        var pageParameter = "page=" + page.ToString(CultureInfo.InvariantCulture);
        var parameters = (request.QueryString.Value ?? "").TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2)[0] == "page" ? pageParameter : p)
            .ToList();
        if (!parameters.Contains(pageParameter))
        {
            parameters.Add(pageParameter);
        }
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}?{string.Join('&', parameters)}";
        return $"<{url}>; rel=\"{rel}\"";
    }
}
