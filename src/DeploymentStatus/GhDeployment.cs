using System;
using System.Collections.Specialized;

namespace DeploymentStatus
{
    /// <summary>A GitHub deployment, with the repository it belongs to so it binds to the next cmdlet.</summary>
    public sealed class GhDeployment
    {
        public string Owner { get; internal set; } = "";
        public string Repository { get; internal set; } = "";
        public long Id { get; internal set; }
        public string NodeId { get; internal set; } = "";
        public string Sha { get; internal set; } = "";
        public string Ref { get; internal set; } = "";
        public string Task { get; internal set; } = "";
        public string Environment { get; internal set; } = "";
        public string? OriginalEnvironment { get; internal set; }
        public string? Description { get; internal set; }
        /// <summary>The deployment's payload as nested ordered dictionaries and arrays, as GitHub holds it.</summary>
        public OrderedDictionary Payload { get; internal set; } = new OrderedDictionary();
        public bool TransientEnvironment { get; internal set; }
        public bool ProductionEnvironment { get; internal set; }
        public string? Creator { get; internal set; }
        public DateTimeOffset CreatedAt { get; internal set; }
        public DateTimeOffset UpdatedAt { get; internal set; }
        public string Url { get; internal set; } = "";
        public string StatusesUrl { get; internal set; } = "";
        /// <summary>
        /// The deployment's current state as GitHub keeps it on the deployment (GraphQL <c>Deployment.state</c>), lower-case:
        /// active, inactive, destroyed, abandoned, error, failure, in_progress, pending, queued, success, waiting. It outlives
        /// the 90 days GitHub keeps statuses. Null only where GitHub cannot say (its GraphQL API is not available).
        /// </summary>
        public string? State { get; internal set; }

        public override string ToString() => Owner + "/" + Repository + " deployment " + Id;
    }
}
