using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DeploymentStatus.Http;
using Octokit;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// GitHub answered with an error status, after whatever the policy does about it. Made from Octokit's
    /// <see cref="ApiException"/> here, at the edge of the GitHub layer, and read once: the message says the status,
    /// GitHub's own words and every error it listed; a 409 to a new deployment carries its <see cref="Conflict"/>.
    /// </summary>
    internal sealed class GitHubApiException : GhFailureException
    {
        /// <summary>The header in which GitHub names the permissions a fine-grained token or a GitHub App needs for the call it refused.</summary>
        public const string AcceptedPermissionsHeader = "X-Accepted-GitHub-Permissions";

        GitHubApiException(ApiException api, string message, DeploymentConflict? conflict)
            : base(KindOf((int)api.StatusCode), message, api)
        {
            Status = (int)api.StatusCode;
            GitHubMessage = NotJson(api) ?? api.ApiError?.Message ?? api.Message;
            Conflict = conflict;
            AcceptedPermissions = Header(api.HttpResponse, AcceptedPermissionsHeader);
        }

        /// <summary>
        /// GitHub's X-Accepted-GitHub-Permissions: the permissions that would have let the call through, each set of them
        /// separated by ';' (e.g. "administration=write"); null when GitHub did not send it (it does for fine-grained
        /// tokens and GitHub Apps).
        /// </summary>
        public string? AcceptedPermissions { get; }

        /// <summary>The HTTP status GitHub answered.</summary>
        public int Status { get; }

        /// <summary>GitHub's own message ("Bad credentials", "Validation Failed").</summary>
        public string GitHubMessage { get; }

        /// <summary>Why GitHub refused a new deployment with 409; null for every other answer.</summary>
        public DeploymentConflict? Conflict { get; }

        static GhFailureKind KindOf(int status) =>
            status >= 500 ? GhFailureKind.ServerError
            : status == 429 ? GhFailureKind.RateLimited
            : GhFailureKind.Refused;

        /// <summary>
        /// "GitHub answered 422: Validation Failed: description is too long …", every error message included, then
        /// <paramref name="advice"/>. A 404 names what was asked for (<paramref name="asked"/>: "octo-org/hello-world
        /// deployment 7"), then that GitHub answers 404 also for what the token cannot see. An answer that is not GitHub's
        /// JSON (a proxy's HTML page) is said as such, naming its content type and <paramref name="apiRoot"/>'s host, never
        /// quoted.
        /// </summary>
        public static GitHubApiException From(ApiException api, string? asked = null, string? advice = null, Uri? apiRoot = null)
        {
            var status = (int)api.StatusCode;
            var about = asked == null ? "" : " for " + asked;
            var notJson = NotJson(api);
            string message;
            if (notJson != null)
                message = string.Format(CultureInfo.InvariantCulture, "{0} answered {1}{2} with {3}, not with GitHub's JSON. {4}",
                    apiRoot == null ? "The server" : apiRoot.Authority, status, about, notJson, JsonAnswer.NotGitHub);
            else
            {
                var said = api.ApiError?.Message ?? api.Message;
                var details = new List<string>();
                if (api.ApiError?.Errors != null)
                    foreach (var error in api.ApiError.Errors)
                    {
                        var detail = !string.IsNullOrEmpty(error.Message) ? error.Message
                            : string.Join(" ", new[] { error.Resource, error.Field, error.Code }.Where(s => !string.IsNullOrEmpty(s)));
                        if (!string.IsNullOrEmpty(detail)) details.Add(detail);
                    }
                if (status == 404)
                    message = string.Format(CultureInfo.InvariantCulture, "GitHub answered 404 ({0}){1}{2}. GitHub answers 404 also for what exists but the token cannot see.",
                        said.TrimEnd('.'), about, details.Count == 0 ? "" : ": " + string.Join("; ", details));
                else
                {
                    var result = string.Format(CultureInfo.InvariantCulture, "GitHub answered {0}: {1}", status, said);
                    message = details.Count == 0 ? result : result.TrimEnd('.') + ": " + string.Join("; ", details) + ".";
                }
            }
            return new GitHubApiException(api, advice == null ? message : message + " " + advice, null);
        }

        /// <summary>"text/html (a page titled …)" when the answer's body is not JSON; null when it is (or there is none).</summary>
        static string? NotJson(ApiException api)
        {
            var response = api.HttpResponse;
            var body = response?.Body as string;
            if (response == null || body == null || string.IsNullOrWhiteSpace(body) || JsonAnswer.IsJson(response.ContentType, body)) return null;
            return JsonAnswer.Kind(response.ContentType, body);
        }

        /// <summary>The same answer of GitHub's, said in the terms of what was asked (a reviewer GitHub does not know).</summary>
        public GitHubApiException Reworded(string message) => new GitHubApiException((ApiException)InnerException!, message, Conflict);

        /// <summary>A header of GitHub's answer, by any case of its name, trimmed; null when absent or blank.</summary>
        internal static string? Header(IResponse? response, string name)
        {
            if (response?.Headers == null) return null;
            foreach (var header in response.Headers)
                if (string.Equals(header.Key, name, System.StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(header.Value))
                    return header.Value.Trim();
            return null;
        }

        /// <summary>A 409 to POST /deployments of <paramref name="reference"/>: merge conflict or failed status checks, and which.</summary>
        public static GitHubApiException DeploymentConflicted(ApiException api, string reference)
        {
            var conflict = DeploymentConflict.Read(api.ApiError?.Message, api.HttpResponse?.Body as string);
            return new GitHubApiException(api, conflict.Describe(reference), conflict);
        }
    }
}
