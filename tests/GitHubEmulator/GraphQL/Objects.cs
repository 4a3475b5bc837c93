using GitHubEmulator.Api;
using GitHubEmulator.State;

namespace GitHubEmulator.GraphQL;

// The emulated objects GraphQL fields resolve on. Their records are read under EmulatorState.Gate (see Resolvers).

/// <summary>An object of one of the schema's object types, so that interfaces (Node, Actor, …) resolve to it.</summary>
internal interface IGitHubObject
{
    string TypeName { get; }
}

internal sealed record DeploymentObject(RepositoryRecord Repository, DeploymentRecord Deployment) : IGitHubObject
{
    public const string Type = "Deployment";
    public string TypeName => Type;
    public string Id => NodeIds.NodeId(Type, Deployment.Id);
}

internal sealed record StatusObject(RepositoryRecord Repository, DeploymentRecord Deployment, StatusRecord Status) : IGitHubObject
{
    public const string Type = "DeploymentStatus";
    public string TypeName => Type;
    public string Id => NodeIds.NodeId(Type, Status.Id);
}

/// <summary>A user (a deployment's creator, the viewer; a repository's owner, as GitHub's users and organisations look alike here).</summary>
internal sealed record UserObject(string Login, long DatabaseId) : IGitHubObject
{
    public const string Type = "User";
    public string TypeName => Type;
    public string Id => NodeIds.NodeId(Type, DatabaseId);
}

internal sealed record RepositoryObject(RepositoryRecord Repository) : IGitHubObject
{
    public const string Type = "Repository";
    public string TypeName => Type;
    public string Id => NodeIds.NodeId(Type, Repository.Id);
}

/// <summary>A deployment's branch (<c>Ref</c>): GitHub gives one only for a deployment made from a ref, not from a sha.</summary>
internal sealed record RefObject(RepositoryRecord Repository, string Name) : IGitHubObject
{
    public const string Type = "Ref";
    public string TypeName => Type;
    public string Id => NodeIds.NodeId(Type, $"{Repository.Id}:{Name}");
}

/// <summary>One page of a connection (<c>DeploymentConnection</c>, <c>DeploymentStatusConnection</c>), with its edges' cursors.</summary>
internal sealed record ConnectionPage(IReadOnlyList<EdgeObject> Edges, int TotalCount, bool HasNextPage, bool HasPreviousPage);

internal sealed record EdgeObject(object Node, string Cursor);

/// <summary>The client's rate limit as this query left it.</summary>
internal sealed record RateLimitObject(int Limit, int Cost, int Remaining, DateTimeOffset ResetAt, int Used, int NodeCount);
