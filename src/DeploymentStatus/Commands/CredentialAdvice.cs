using System;
using DeploymentStatus.GitHub;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// GitHub refused the connection's credentials (401). That is a setup failure, not one item's: every later request
    /// would be refused alike, so it ends the command (and a script under $ErrorActionPreference = 'Stop' or not). The
    /// error says where the token came from and how to check one before anything runs.
    /// </summary>
    internal static class CredentialAdvice
    {
        public static bool IsRefused(Exception failure) => failure is GitHubApiException { Status: 401 };

        /// <param name="validating">The refusal is Connect-GhAccount -Validate's own check: it need not be suggested.</param>
        public static string? For(Exception failure, GhSession session, bool validating = false)
        {
            if (!IsRefused(failure)) return null;
            var check = validating ? "" : " Connect-GhAccount -Validate checks the credentials with one request, before anything else runs.";
            if (session.App != null)
                return "The installation token was minted for GitHub App " + session.App.AppId + " (the key read from " + session.App.KeyPath + ")." + check;
            return "GitHub refused the token from " + Source(session.TokenSource) + ": it is wrong, expired or revoked, or belongs to another host than "
                + session.ApiUri.Host + "." + check;
        }

        static string Source(GhTokenSource? source) => source switch
        {
            GhTokenSource.Parameter => "Connect-GhAccount -Token",
            GhTokenSource.Credential => "Connect-GhAccount -Credential",
            null => "the connection",
            _ => "the " + source + " environment variable",
        };
    }
}
