using System;
using DeploymentStatus.GitHub;
using DeploymentStatus.Pipelines;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// What to say when GitHub refuses an administrator's call (environments, branch policies) with 403, or hides it with
    /// 404: the permission the token lacks, from GitHub's X-Accepted-GitHub-Permissions when it sent one, else the one GitHub
    /// documents; and, in a GitHub Actions job using its GITHUB_TOKEN, that no setting lets that token administer.
    /// </summary>
    internal static class PermissionAdvice
    {
        /// <summary>The fine-grained permission GitHub documents for environment and branch-policy writes.</summary>
        public const string Administration = "administration=write";

        public static string? ForAdministration(Exception failure, GhTokenSource? tokenSource, CiEnvironment ci)
        {
            if (!(failure is GitHubApiException { Status: 403 } || failure is GitHubApiException { Status: 404 })) return null;
            var api = (GitHubApiException)failure;
            var advice = (api.Status == 404 ? "If it exists, the token may lack the permission: c" : "C")
                + "hanging environments and their branch policies needs administration of the repository. "
                + (api.AcceptedPermissions != null
                    ? "GitHub accepts this call with '" + api.AcceptedPermissions + "' (X-Accepted-GitHub-Permissions)"
                    : "GitHub documents '" + Administration + "'")
                + " for a fine-grained token or a GitHub App (Administration: Read and write); a classic token needs the repo scope, and its account admin rights on the repository.";
            if (ci.Kind == CiKind.GitHubActions && (tokenSource == GhTokenSource.GITHUB_TOKEN || tokenSource == GhTokenSource.GH_TOKEN))
                advice += " The token comes from " + tokenSource + " in a GitHub Actions job: if it is the job's GITHUB_TOKEN, it cannot administer environments"
                    + " (no 'permissions:' setting grants administration); use a GitHub App installation or a personal access token with that permission.";
            return advice;
        }
    }
}
