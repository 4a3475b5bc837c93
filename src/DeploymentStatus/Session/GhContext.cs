using System;
using DeploymentStatus.Http;

namespace DeploymentStatus
{
    /// <summary>What Get-GhContext shows of the runspace's connection. It never holds the token.</summary>
    public sealed class GhContext
    {
        public string HostName { get; internal set; } = "";
        public Uri? ApiUri { get; internal set; }
        public string AuthKind { get; internal set; } = "Token";
        public string TokenSource { get; internal set; } = "";
        public string? Owner { get; internal set; }
        public string? Repository { get; internal set; }
        public GhRateLimit? RateLimit { get; internal set; }
        public GhHttpPolicy? Policy { get; internal set; }

        internal static GhContext From(Session.GhSession session) => new GhContext
        {
            HostName = session.ApiUri.Host,
            ApiUri = session.ApiUri,
            TokenSource = session.TokenSource.ToString(),
            Owner = session.DefaultOwner,
            Repository = session.DefaultRepository,
            RateLimit = session.LastRateLimit,
            Policy = session.Policy.Clone(),
        };
    }
}
