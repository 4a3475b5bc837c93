using System;

namespace DeploymentStatus.Http
{
    /// <summary>Why a request to GitHub finally failed.</summary>
    internal enum GhFailureKind
    {
        /// <summary>GitHub's final answer refused the request (a 4xx that is not a rate limit).</summary>
        Refused,
        /// <summary>A rate limit (primary or secondary) that was not waited out.</summary>
        RateLimited,
        /// <summary>GitHub answered 5xx, after any retries the policy allows.</summary>
        ServerError,
        /// <summary>The connection failed, after any retries the policy allows.</summary>
        NetworkError,
        /// <summary>No answer within the policy's time.</summary>
        Timeout,
        /// <summary>An answer the module cannot use (no token where one belongs, a next page on another host).</summary>
        Unexpected,
        /// <summary>An answer that is not GitHub's JSON where JSON is expected (an HTML page from a proxy, an empty 200).</summary>
        InvalidResponse,
    }

    /// <summary>
    /// The module's own failure: every failed call to GitHub ends as one of these (or a subclass carrying GitHub's
    /// answer), so the layers above never see a transport's or a client library's exception type.
    /// </summary>
    internal class GhFailureException : Exception
    {
        public GhFailureException(GhFailureKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

        public GhFailureKind Kind { get; }

        /// <summary>
        /// Whether a write that failed this way may still have been applied: GitHub answered 5xx, or the connection broke
        /// after the request went out. Such a write is ambiguous (see <see cref="AmbiguousWrite"/>).
        /// </summary>
        public bool MayHaveBeenApplied => Kind == GhFailureKind.ServerError || Kind == GhFailureKind.NetworkError;
    }
}
