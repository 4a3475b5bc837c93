using System;
using System.Net;
using System.Security;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// Resolves the API root and the token the way gh does, from parameters first and then the environment.
    /// Pure: the environment is passed in, so the rules are testable without touching the process.
    /// </summary>
    internal static class ConnectionSettings
    {
        public static readonly Uri GitHubComApi = new Uri("https://api.github.com/");

        /// <summary>API root: -ApiUri; -HostName; GITHUB_API_URL; GH_HOST; else github.com.</summary>
        public static Uri ResolveApiUri(Uri? apiUri, string? hostName, CiEnvironment environment)
        {
            if (apiUri != null) return CheckApiUri(apiUri, "-ApiUri");
            if (!string.IsNullOrEmpty(hostName)) return FromHostName(hostName!, "-HostName");
            var fromActions = environment["GITHUB_API_URL"];
            if (fromActions != null)
            {
                if (!Uri.TryCreate(fromActions, UriKind.Absolute, out var uri))
                    throw new ArgumentException("GITHUB_API_URL is not an absolute URL: " + fromActions);
                return CheckApiUri(uri, "GITHUB_API_URL");
            }
            var ghHost = environment["GH_HOST"];
            return ghHost != null ? FromHostName(ghHost, "GH_HOST") : GitHubComApi;
        }

        /// <summary>github.com → api.github.com; NAME.ghe.com → api.NAME.ghe.com; any other host → HOST/api/v3/.</summary>
        public static Uri FromHostName(string hostName, string source)
        {
            var host = hostName.Trim().TrimEnd('/');
            if (host.IndexOf("://", StringComparison.Ordinal) >= 0 || Uri.CheckHostName(host.Split(':')[0]) == UriHostNameType.Unknown)
                throw new ArgumentException(source + " must be a host name such as github.example.com, not '" + hostName + "'.");
            host = host.ToLowerInvariant();
            if (host == "github.com" || host == "api.github.com") return GitHubComApi;
            if (IsGheCom(host)) return new Uri("https://" + (host.StartsWith("api.", StringComparison.Ordinal) ? host : "api." + host) + "/");
            return new Uri("https://" + host + "/api/v3/");
        }

        static bool IsGheCom(string host) => host.EndsWith(".ghe.com", StringComparison.Ordinal);

        /// <summary>Absolute http(s), with a trailing slash so relative paths append; http only to loopback.</summary>
        public static Uri CheckApiUri(Uri uri, string source)
        {
            if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new ArgumentException(source + " must be an absolute https URL: " + uri);
            if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
                throw new ArgumentException(source + " uses http:// to a host that is not loopback (" + uri.Host + "); a token must not cross the network in clear text. Use https://.");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
                throw new ArgumentException(source + " must have no query, fragment or user information: " + uri.GetLeftPart(UriPartial.Path));
            var text = uri.GetLeftPart(UriPartial.Path);
            return new Uri(text.EndsWith("/", StringComparison.Ordinal) ? text : text + "/");
        }

        /// <summary>Whether the API belongs to github.com or a GHE.com tenant (GH_TOKEN) rather than a GitHub Enterprise Server (GH_ENTERPRISE_TOKEN).</summary>
        public static bool IsGitHubCloud(Uri apiUri) =>
            apiUri.Host.Equals("api.github.com", StringComparison.OrdinalIgnoreCase) || IsGheCom(apiUri.Host.ToLowerInvariant());

        /// <summary>
        /// The environment variables that hold a token for that kind of host, in order: GH_TOKEN, GITHUB_TOKEN for github.com
        /// and GHE.com; GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN for any other host, as gh reads them; and for a loopback
        /// host (the emulator, a local proxy), which is neither, GH_TOKEN and GITHUB_TOKEN after those.
        /// </summary>
        public static GhTokenSource[] TokenNames(Uri apiUri) =>
            IsGitHubCloud(apiUri) ? new[] { GhTokenSource.GH_TOKEN, GhTokenSource.GITHUB_TOKEN }
            : apiUri.IsLoopback ? new[] { GhTokenSource.GH_ENTERPRISE_TOKEN, GhTokenSource.GITHUB_ENTERPRISE_TOKEN, GhTokenSource.GH_TOKEN, GhTokenSource.GITHUB_TOKEN }
            : new[] { GhTokenSource.GH_ENTERPRISE_TOKEN, GhTokenSource.GITHUB_ENTERPRISE_TOKEN };

        /// <summary>"GH_TOKEN or GITHUB_TOKEN": the variables <see cref="TokenNames"/> reads, for messages.</summary>
        public static string TokenVariables(Uri apiUri)
        {
            var names = Array.ConvertAll(TokenNames(apiUri), name => name.ToString());
            return string.Join(", ", names, 0, names.Length - 1) + " or " + names[names.Length - 1];
        }

        /// <summary>The token from the environment for that kind of host, or null.</summary>
        public static (SecureString Token, GhTokenSource Source)? TokenFromEnvironment(Uri apiUri, CiEnvironment environment)
        {
            foreach (var name in TokenNames(apiUri))
            {
                var value = environment[name.ToString()];
                if (value != null) return (ToSecureString(value), name);
            }
            // Beyond gh's rules: a GitHub Actions job on an Enterprise Server gets GITHUB_TOKEN for the server that runs
            // it, the one GITHUB_API_URL names. Without this, a workflow there would have to copy it to GH_ENTERPRISE_TOKEN.
            var actionsToken = environment[nameof(GhTokenSource.GITHUB_TOKEN)];
            if (actionsToken != null && IsActionsApi(apiUri, environment)) return (ToSecureString(actionsToken), GhTokenSource.GITHUB_TOKEN);
            return null;
        }

        /// <summary>Whether this is a GitHub Actions job whose own API (GITHUB_API_URL) is <paramref name="apiUri"/>.</summary>
        static bool IsActionsApi(Uri apiUri, CiEnvironment environment)
        {
            if (environment.Kind != CiKind.GitHubActions) return false;
            var actionsApi = environment["GITHUB_API_URL"];
            if (actionsApi == null || !Uri.TryCreate(actionsApi, UriKind.Absolute, out var uri)) return false;
            try { return CheckApiUri(uri, "GITHUB_API_URL") == apiUri; }
            catch (ArgumentException) { return false; }
        }

        internal static SecureString ToSecureString(string value)
        {
            var secure = new SecureString();
            foreach (var c in value) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }

        /// <summary>
        /// A token fit for the Authorization header: surrounding whitespace (a line break read from a file) is
        /// trimmed; a token that is empty, or holds any character but printable ASCII inside, is refused. Octokit
        /// would otherwise put it into a header value that .NET rejects with a FormatException quoting the value,
        /// token and all. The message never contains the token.
        /// </summary>
        public static SecureString CheckToken(SecureString token)
        {
            var plain = Reveal(token);
            var trimmed = plain.Trim();
            if (trimmed.Length == 0) throw new ArgumentException("The token is empty.");
            for (var i = 0; i < trimmed.Length; i++)
                if (trimmed[i] < '!' || trimmed[i] > '~')
                    throw new ArgumentException(string.Format(System.Globalization.CultureInfo.InvariantCulture,
                        "The token has a character no GitHub token has (a space, line break, control or non-ASCII character) at position {0} of {1}; it was not used.",
                        i + 1, trimmed.Length));
            return trimmed.Length == plain.Length ? token : ToSecureString(trimmed);
        }

        /// <summary>The plain token, only for the moment Octokit builds the Authorization header.</summary>
        internal static string Reveal(SecureString secure) => new NetworkCredential(string.Empty, secure).Password;
    }
}
