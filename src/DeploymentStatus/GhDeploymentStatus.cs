using System;

namespace DeploymentStatus
{
    /// <summary>A status of a GitHub deployment. <see cref="State"/> is GitHub's own word (in_progress).</summary>
    public sealed class GhDeploymentStatus
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        public long DeploymentId { get; internal set; }
        public long Id { get; internal set; }
        public string NodeId { get; internal set; } = "";
        public string State { get; internal set; } = "";
        public string? Description { get; internal set; }
        public string? Environment { get; internal set; }
        public string? TargetUrl { get; internal set; }
        public string? LogUrl { get; internal set; }
        public string? EnvironmentUrl { get; internal set; }
        public string? Creator { get; internal set; }
        public DateTimeOffset CreatedAt { get; internal set; }
        public DateTimeOffset UpdatedAt { get; internal set; }
        public string Url { get; internal set; } = "";
        public string DeploymentUrl { get; internal set; } = "";

        public override string ToString() => Owner + "/" + Repository + " deployment " + DeploymentId + " status " + Id + " (" + State + ")";
    }
}
