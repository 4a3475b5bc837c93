using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace DeploymentStatus.Http
{
    /// <summary>
    /// GitHub answers in JSON; what stands between (a corporate proxy, a sign-in page, a mock server) may not. Any JSON media
    /// type (<c>application/json</c>, GitHub's own <c>application/vnd.github+json</c>, any <c>application/*+json</c>, with
    /// or without a charset, in any case) is JSON, and is labelled <c>application/json</c> for Octokit, which reads only that
    /// label. A successful answer whose body is not JSON where JSON is expected is refused here, naming the status, the
    /// content type and the host, instead of reaching the layers above as an empty object.
    /// </summary>
    internal static class JsonAnswer
    {
        const string Json = "application/json";
        static readonly Regex title = new Regex("<title[^>]*>\\s*([^<]{1,120}?)\\s*</title>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Whether a media type (without parameters) is JSON: application/json or application/*+json.</summary>
        public static bool IsJsonMediaType(string? mediaType)
        {
            if (string.IsNullOrEmpty(mediaType)) return false;
            var type = mediaType!.Trim();
            return type.Equals(Json, StringComparison.OrdinalIgnoreCase)
                || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        }

        /// <summary>Whether a body is JSON as GitHub's REST and GraphQL answers are: an object or an array.</summary>
        public static bool LooksLikeJson(string? body)
        {
            if (body == null) return false;
            foreach (var c in body)
            {
                if (char.IsWhiteSpace(c) || c == '\uFEFF') continue;
                return c == '{' || c == '[';
            }
            return false;
        }

        /// <summary>Whether an answer is JSON: a JSON media type, or none at all and a body that is an object or an array.</summary>
        public static bool IsJson(string? mediaType, string? body) =>
            IsJsonMediaType(mediaType) || (string.IsNullOrEmpty(mediaType) && LooksLikeJson(body));

        /// <summary>
        /// Labels a JSON answer <c>application/json</c> (keeping its charset) so Octokit reads it; refuses a successful answer
        /// (2xx but 204) that is not JSON, or is empty where JSON is expected (anything but a DELETE), with a
        /// <see cref="GhFailureException"/> of kind <see cref="GhFailureKind.InvalidResponse"/>.
        /// </summary>
        public static async Task CheckAsync(HttpResponseMessage response, HttpRequestMessage request)
        {
            var content = response.Content;
            var status = (int)response.StatusCode;
            var mediaType = content?.Headers.ContentType?.MediaType;
            var body = content == null ? "" : await content.ReadAsStringAsync().ConfigureAwait(false);
            var json = IsJson(mediaType, body);
            if (json && content != null && !string.Equals(mediaType, Json, StringComparison.Ordinal))
                content.Headers.ContentType = new MediaTypeHeaderValue(Json) { CharSet = content.Headers.ContentType?.CharSet };

            if (status < 200 || status > 299 || status == 204 || status == 205) return;
            var empty = string.IsNullOrWhiteSpace(body);
            if (empty && request.Method == HttpMethod.Delete) return;
            if (json && LooksLikeJson(body)) return;
            response.Dispose();
            throw new GhFailureException(GhFailureKind.InvalidResponse, Describe(request, status, mediaType, body, empty));
        }

        /// <summary>"POST http://proxy/… was answered 200 with text/html (a page titled "Sign in") from proxy, not with GitHub's JSON: …"</summary>
        static string Describe(HttpRequestMessage request, int status, string? mediaType, string body, bool empty)
        {
            var uri = request.RequestUri;
            var host = uri == null ? "?" : uri.IsDefaultPort ? uri.Host : uri.Host + ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
            return string.Format(CultureInfo.InvariantCulture, "{0} {1} was answered {2} with {3} from {4}, where GitHub answers JSON. {5}",
                request.Method, uri == null ? "" : uri.GetLeftPart(UriPartial.Path), status, empty ? "an empty body" : Kind(mediaType, body), host, NotGitHub);
        }

        /// <summary>What a body that is not JSON probably means, and what to check.</summary>
        public const string NotGitHub = "Something other than GitHub's API answered (a proxy, a sign-in page, a server that is not GitHub), "
            + "or the API root is wrong: check -ApiUri, -HostName, GITHUB_API_URL or GH_HOST, and the proxy settings.";

        /// <summary>"text/html (a page titled "Sign in")": what a body that is not JSON is, never quoting more than an HTML title.</summary>
        public static string Kind(string? mediaType, string body) =>
            string.IsNullOrEmpty(mediaType) ? "a body with no Content-Type that is not JSON"
            : IsJsonMediaType(mediaType) ? "a body labelled " + mediaType + " that is not a JSON object or array"
            : mediaType + Titled(body);

        /// <summary>An HTML page's title, which says whose page it is (" (a page titled "Sign in")"), printable and short.</summary>
        static string Titled(string body)
        {
            var match = title.Match(body);
            if (!match.Success) return "";
            var text = Regex.Replace(match.Groups[1].Value, "[\\p{C}\\s]+", " ").Trim();
            return text.Length == 0 ? "" : " (a page titled \"" + text + "\")";
        }
    }
}
