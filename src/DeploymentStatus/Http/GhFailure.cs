using System;

namespace DeploymentStatus.Http
{
    /// <summary>Why a request finally failed, when the answer was not an ordinary GitHub error response.</summary>
    internal enum GhFailureKind { RateLimited, ServerError, NetworkError, Timeout }

    /// <summary>Raised by the HTTP policy when it gives up; Errors maps it to an ErrorRecord.</summary>
    internal sealed class GhFailureException : Exception
    {
        public GhFailureException(GhFailureKind kind, string message, Exception? inner = null) : base(message, inner) => Kind = kind;

        public GhFailureKind Kind { get; }
    }
}
