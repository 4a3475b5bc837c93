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
            GitHubMessage = api.ApiError?.Message ?? api.Message;
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

        /// <summary>"GitHub answered 422: Validation Failed: description is too long …", every error message included, then <paramref name="advice"/>.</summary>
        public static GitHubApiException From(ApiException api, string? advice = null)
        {
            var status = (int)api.StatusCode;
            var details = new List<string>();
            if (api.ApiError?.Errors != null)
                foreach (var error in api.ApiError.Errors)
                {
                    var detail = !string.IsNullOrEmpty(error.Message) ? error.Message
                        : string.Join(" ", new[] { error.Resource, error.Field, error.Code }.Where(s => !string.IsNullOrEmpty(s)));
                    if (!string.IsNullOrEmpty(detail)) details.Add(detail);
                }
            if (status == 404) details.Add("GitHub answers 404 both for what does not exist and for what the token may not see");
            var result = string.Format(CultureInfo.InvariantCulture, "GitHub answered {0}: {1}", status, api.ApiError?.Message ?? api.Message);
            var message = details.Count == 0 ? result : result.TrimEnd('.') + ": " + string.Join("; ", details) + ".";
            return new GitHubApiException(api, advice == null ? message : message + " " + advice, null);
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
