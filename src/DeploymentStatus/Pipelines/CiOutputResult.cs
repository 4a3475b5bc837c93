using System;

namespace DeploymentStatus.Pipelines
{
    /// <summary>What became of a request to hand a value to later CI steps.</summary>
    internal sealed class CiOutputResult
    {
        CiOutputResult(bool set, string message, Exception? failure = null)
        {
            Set = set;
            Message = message;
            Failure = failure;
        }

        /// <summary>Whether a later step will see the value.</summary>
        public bool Set { get; }

        /// <summary>What was done (for -Verbose), or why nothing was (for a warning).</summary>
        public string Message { get; }

        /// <summary>The I/O failure that kept it from being set, if that is why.</summary>
        public Exception? Failure { get; }

        internal static CiOutputResult Done(string message) => new CiOutputResult(true, message);
        internal static CiOutputResult NotSet(string message, Exception? failure = null) => new CiOutputResult(false, message, failure);
    }
}
