using System;
using System.Management.Automation;
using DeploymentStatus.Workflows;

namespace DeploymentStatus.Commands
{
    /// <summary>PowerShell's wildcards (case-insensitive, as GitHub's names are), for the workflows' name filters.</summary>
    internal static class Wildcards
    {
        public static NameFilter Filter(string text)
        {
            if (WildcardPattern.ContainsWildcardCharacters(text)) return new NameFilter(text, new WildcardPattern(text, WildcardOptions.IgnoreCase).IsMatch);
            var name = WildcardPattern.Unescape(text);
            return new NameFilter(text, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase), name);
        }
    }
}
