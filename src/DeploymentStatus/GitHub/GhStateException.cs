using DeploymentStatus.Http;

namespace DeploymentStatus.GitHub
{
    /// <summary>What about GitHub's state stands in the way of a request, as the module found it out.</summary>
    internal enum GhStateProblem
    {
        /// <summary>The environment's deployment branch policy is not CustomBranches, so it has no name patterns to list, add or remove.</summary>
        NotCustomBranches,
        /// <summary>The workflow run does not wait on that environment (or on any the caller may review).</summary>
        NotPending,
        /// <summary>The run waits on the environment, but the caller is not among those who may approve it.</summary>
        NotAReviewer,
    }

    /// <summary>
    /// A request GitHub refuses, or would, because of the state of things, explained from what the module read (GitHub's
    /// own answer is a bare 404 or 422). One item's failure, like GitHub's refusals.
    /// </summary>
    internal sealed class GhStateException : GhFailureException
    {
        public GhStateException(GhStateProblem problem, string message, System.Exception? inner = null)
            : base(GhFailureKind.Refused, message, inner) => Problem = problem;

        public GhStateProblem Problem { get; }
    }
}
