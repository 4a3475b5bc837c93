using System;

namespace DeploymentStatus.GitHub
{
    /// <summary>
    /// Input GitHub would refuse, found before anything is sent: a malformed owner or repository name, a description over
    /// GitHub's limit, a payload with no JSON form. An item's failure (GhInvalidArgument), unlike an ArgumentException
    /// from a bug.
    /// </summary>
    internal sealed class GhInputException : ArgumentException
    {
        public GhInputException(string message) : base(message) { }
    }
}
