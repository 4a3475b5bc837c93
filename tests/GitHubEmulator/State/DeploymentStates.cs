namespace GitHubEmulator.State;

/// <summary>
/// GitHub's <c>DeploymentState</c> (GraphQL), which GitHub keeps on the deployment itself, so that it outlives the
/// statuses (kept for 90 days). ACTIVE: the newest successful non-transient deployment of its environment; INACTIVE: its
/// latest status is <c>inactive</c>; DESTROYED: a transient one made inactive; ABANDONED: pending and not updated for
/// 30 minutes; otherwise the latest status's state in capitals (SUCCESS for a successful one that is not, or no longer,
/// the newest), PENDING when it has none.
/// </summary>
internal static class DeploymentStates
{
    public const string Active = "ACTIVE";
    public const string Inactive = "INACTIVE";
    public const string Destroyed = "DESTROYED";
    public const string Abandoned = "ABANDONED";
    public const string Pending = "PENDING";
    public const string Success = "SUCCESS";

    /// <summary>How long GitHub keeps a deployment status.</summary>
    public static readonly TimeSpan StatusRetention = TimeSpan.FromDays(90);

    /// <summary>"The pending deployment was not updated after 30 minutes" (the schema's ABANDONED).</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(30);

    /// <summary>The state a status of <paramref name="statusState"/> gives, before the environment's ACTIVE one is settled.</summary>
    public static string FromStatus(string statusState, bool transient) => statusState switch
    {
        "inactive" => transient ? Destroyed : Inactive,
        _ => statusState.ToUpperInvariant(),
    };

    /// <summary>A deployment an <c>inactive</c> status has retired (GitHub lets such a deployment be deleted).</summary>
    public static bool IsRetired(string state) => state is Inactive or Destroyed;

    /// <summary>A deployment whose latest status is <c>success</c>.</summary>
    public static bool IsSuccessful(string state) => state is Active or Success;
}
