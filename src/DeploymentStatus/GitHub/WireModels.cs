using System;
using System.Collections.Generic;

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

    internal sealed class WireRepository
    {
        public long Id { get; set; }
        public string? NodeId { get; set; }
        public string? Name { get; set; }
        public WireUser? Owner { get; set; }
        public bool Private { get; set; }
        public bool Archived { get; set; }
        public string? DefaultBranch { get; set; }
        public string? HtmlUrl { get; set; }

        public GhRepository ToRepository() => new GhRepository
        {
            Owner = Owner?.Login ?? "",
            Repository = Name ?? "",
            Id = Id,
            NodeId = NodeId ?? "",
            Private = Private,
            Archived = Archived,
            DefaultBranch = DefaultBranch ?? "",
            Url = HtmlUrl ?? "",
        };
    }

    /// <summary>GET /installation/repositories: <c>{ total_count, repositories: [...] }</c>.</summary>
    internal sealed class WireInstallationRepositories
    {
        public List<WireRepository>? Repositories { get; set; }
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

    /// <summary>A GraphQL answer: <c>data</c> and, when something failed, <c>errors</c>.</summary>
    internal sealed class WireGraphQLResponse<T>
    {
        public T? Data { get; set; }
        public List<WireGraphQLError>? Errors { get; set; }
    }

    internal sealed class WireGraphQLError
    {
        public const string NotFoundType = "NOT_FOUND";

        public string? Type { get; set; }
        public string? Message { get; set; }
    }

    /// <summary>The data of <c>nodes(ids:) { ... on Deployment { id state } }</c>: null for an id GitHub could not resolve.</summary>
    internal sealed class WireDeploymentNodes
    {
        public List<WireDeploymentNode?>? Nodes { get; set; }
    }

    internal sealed class WireDeploymentNode
    {
        public string? Id { get; set; }
        /// <summary>GitHub's DeploymentState: ACTIVE, INACTIVE, DESTROYED, ABANDONED, ERROR, FAILURE, IN_PROGRESS, PENDING, QUEUED, SUCCESS, WAITING.</summary>
        public string? State { get; set; }
    }
}
