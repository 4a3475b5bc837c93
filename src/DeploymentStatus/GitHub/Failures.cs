using System;
using DeploymentStatus.Http;

namespace DeploymentStatus.GitHub
{
    /// <summary>Which exceptions are one item's failure rather than a bug.</summary>
    internal static class Failures
    {
        /// <summary>
        /// The module's own failures: GitHub refused or could not be reached (<see cref="GhFailureException"/>), or the
        /// input was found wrong before sending (<see cref="GhInputException"/>). Anything else is a bug and surfaces as one.
        /// </summary>
        public static bool IsItemFailure(Exception ex) => ex is GhFailureException || ex is GhInputException;
    }
}
