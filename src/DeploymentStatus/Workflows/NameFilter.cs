using System;

namespace DeploymentStatus.Workflows
{
    /// <summary>A name pattern and how to match it (the cmdlet brings PowerShell's wildcards; the workflow knows no PowerShell).</summary>
    internal sealed class NameFilter
    {
        readonly Func<string, bool> matches;

        /// <param name="exactName">The one name the pattern matches, when it has no wildcard: a list may ask GitHub for it alone.</param>
        public NameFilter(string text, Func<string, bool> matches, string? exactName = null)
        {
            Text = text;
            this.matches = matches;
            ExactName = exactName;
        }

        public string Text { get; }
        public string? ExactName { get; }
        public bool Matches(string name) => matches(name);
    }
}
