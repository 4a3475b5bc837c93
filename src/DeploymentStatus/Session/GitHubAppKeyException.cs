using System;

namespace DeploymentStatus.Session
{
    /// <summary>
    /// A private key file that cannot be used. The message names the file and what is wrong with it; it never
    /// quotes the file's content (not a line, not a byte of the key).
    /// </summary>
    internal sealed class GitHubAppKeyException : Exception
    {
        public GitHubAppKeyException(string path, string problem, Exception? inner = null)
            : base("The GitHub App private key file '" + path + "' " + problem, inner) => Path = path;

        public string Path { get; }
    }
}
