using System;

namespace DeploymentStatus
{
    /// <summary>What Get-GhContext shows of the runspace's connection. It never holds a token, a JWT or a key.</summary>
    public sealed class GhContext
    {
        public string HostName { get; internal set; } = "";
        public Uri? ApiUri { get; internal set; }
        /// <summary>Token, or GitHubApp for a GitHub App installation.</summary>
        public string AuthKind { get; internal set; } = "Token";
        /// <summary>The parameter or environment variable the token came from; GitHubApp when the module mints it.</summary>
        public string TokenSource { get; internal set; } = "";
        /// <summary>The GitHub App's ID (or client ID); null for a token.</summary>
        public string? AppId { get; internal set; }
        /// <summary>The GitHub App installation the tokens are minted for; null for a token.</summary>
        public long? InstallationId { get; internal set; }
        /// <summary>Where the GitHub App's private key was read from (the key itself is never shown); null for a token.</summary>
        public string? PrivateKeyPath { get; internal set; }
        /// <summary>When the current installation token expires (GitHub's expires_at); null for a token, or before the first request.</summary>
        public DateTimeOffset? TokenExpiresAt { get; internal set; }
        public string? Owner { get; internal set; }
        public string? Repository { get; internal set; }
        /// <summary>The REST API's rate limit (GitHub's core resource), as the last response told it.</summary>
        public GhRateLimit? RateLimit { get; internal set; }
        /// <summary>The GraphQL API's own rate limit, in points, as the last GraphQL response told it.</summary>
        public GhRateLimit? GraphQLRateLimit { get; internal set; }
        public GhHttpPolicy? Policy { get; internal set; }
        /// <summary>The CI run this session is in, and the defaults taken from it; read when Get-GhContext runs.</summary>
        public GhCiContext? Ci { get; internal set; }
    }
}
