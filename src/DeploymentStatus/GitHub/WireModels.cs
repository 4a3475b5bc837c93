using System;

namespace DeploymentStatus.GitHub
{
    // The shapes GitHub sends, read by Octokit's serializer (snake_case field names map to these properties).
    // Public setters and constructors only because Octokit's serializer fills them by reflection.

    internal sealed class WireUser
    {
        public string? Login { get; set; }
    }

    internal sealed class WireDeployment
    {
        public long Id { get; set; }
        public string? NodeId { get; set; }
        public string? Sha { get; set; }
        public string? Ref { get; set; }
        public string? Task { get; set; }
        public object? Payload { get; set; }
        public string? Environment { get; set; }
        public string? OriginalEnvironment { get; set; }
        public string? Description { get; set; }
        public WireUser? Creator { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? Url { get; set; }
        public string? StatusesUrl { get; set; }
        public bool TransientEnvironment { get; set; }
        public bool ProductionEnvironment { get; set; }

        public GhDeployment ToDeployment(RepositoryName repository) => new GhDeployment
        {
            Owner = repository.Owner,
            Repository = repository.Name,
            Id = Id,
            NodeId = NodeId ?? "",
            Sha = Sha ?? "",
            Ref = Ref ?? "",
            Task = Task ?? "",
            Environment = Environment ?? "",
            OriginalEnvironment = OriginalEnvironment,
            Description = Description,
            Payload = JsonValues.ToOrderedDictionary(Payload),
            TransientEnvironment = TransientEnvironment,
            ProductionEnvironment = ProductionEnvironment,
            Creator = Creator?.Login,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Url = Url ?? "",
            StatusesUrl = StatusesUrl ?? "",
        };
    }

    internal sealed class WireDeploymentStatus
    {
        public long Id { get; set; }
        public string? NodeId { get; set; }
        public string? State { get; set; }
        public string? Description { get; set; }
        public string? Environment { get; set; }
        public string? TargetUrl { get; set; }
        public string? LogUrl { get; set; }
        public string? EnvironmentUrl { get; set; }
        public WireUser? Creator { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
        public string? Url { get; set; }
        public string? DeploymentUrl { get; set; }

        public GhDeploymentStatus ToStatus(RepositoryName repository, long deploymentId) => new GhDeploymentStatus
        {
            Owner = repository.Owner,
            Repository = repository.Name,
            DeploymentId = deploymentId,
            Id = Id,
            NodeId = NodeId ?? "",
            State = State ?? "",
            Description = Description,
            Environment = Empty(Environment),
            TargetUrl = Empty(TargetUrl),
            LogUrl = Empty(LogUrl),
            EnvironmentUrl = Empty(EnvironmentUrl),
            Creator = Creator?.Login,
            CreatedAt = CreatedAt,
            UpdatedAt = UpdatedAt,
            Url = Url ?? "",
            DeploymentUrl = DeploymentUrl ?? "",
        };

        static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>The answer of POST /deployments when GitHub merged instead of deploying (202).</summary>
    internal sealed class WireMessage
    {
        public string? Message { get; set; }
    }

    /// <summary>The answer of POST app/installations/{id}/access_tokens.</summary>
    internal sealed class WireInstallationToken
    {
        public string? Token { get; set; }
        public DateTimeOffset? ExpiresAt { get; set; }
        public string? RepositorySelection { get; set; }

        /// <summary>The answer's Date header: GitHub's clock when it minted the token (not part of the body).</summary>
        public DateTimeOffset? ServerDate { get; set; }
    }
}
