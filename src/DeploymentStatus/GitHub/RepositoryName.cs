using System;
using System.Text.RegularExpressions;

namespace DeploymentStatus.GitHub
{
    /// <summary>An owner and a repository name that GitHub would accept, escaped for use in a path.</summary>
    internal sealed class RepositoryName
    {
        // GitHub: a login is 1-39 letters, digits or single hyphens, not starting or ending with a hyphen; older
        // accounts may end with one or hold two in a row, so those are allowed (a read of them must still work).
        // A repository name is 1-100 of letters, digits, '.', '-', '_'. \z, not $: $ also matches before a final
        // line feed, which would let "octo\n" through.
        static readonly Regex ownerRule = new Regex("^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9-]))*-?\\z", RegexOptions.CultureInvariant);
        static readonly Regex repositoryRule = new Regex("^[A-Za-z0-9._-]+\\z", RegexOptions.CultureInvariant);

        public RepositoryName(string owner, string name)
        {
            Owner = CheckOwner(owner);
            Name = CheckRepository(name);
        }

        public string Owner { get; }
        public string Name { get; }

        /// <summary>repos/{owner}/{repo}: the repository itself.</summary>
        public Uri Self => new Uri(Root, UriKind.Relative);

        /// <summary>repos/{owner}/{repo}/ followed by the given path.</summary>
        public Uri Path(string rest) => new Uri(Root + "/" + rest, UriKind.Relative);

        string Root => "repos/" + Uri.EscapeDataString(Owner) + "/" + Uri.EscapeDataString(Name);

        public override string ToString() => Owner + "/" + Name;

        public static string CheckOwner(string owner)
        {
            if (owner == null || owner.Length > 39 || !ownerRule.IsMatch(owner))
                throw new GhInputException("'" + Text.Printable(owner) + "' is not a GitHub owner name: 1 to 39 letters, digits or single hyphens, not starting with a hyphen.");
            return owner;
        }

        public static string CheckRepository(string name)
        {
            if (name == null || name.Length > 100 || !repositoryRule.IsMatch(name) || name == "." || name == "..")
                throw new GhInputException("'" + Text.Printable(name) + "' is not a GitHub repository name: 1 to 100 letters, digits, '.', '-' or '_'.");
            return name;
        }
    }
}
