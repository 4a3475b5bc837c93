using System;
using System.Text.RegularExpressions;

namespace DeploymentStatus.GitHub
{
    /// <summary>A reviewer as the user names it: a user's login, or a team as ORG/TEAM-SLUG.</summary>
    internal sealed class ReviewerName
    {
        // A team slug: lower-case letters, digits and hyphens as GitHub makes it from the name; older slugs may hold
        // capitals, dots or underscores. \z, not $ (which lets a final line feed through).
        static readonly Regex slugRule = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\z", RegexOptions.CultureInvariant);

        ReviewerName(string? organization, string name)
        {
            Organization = organization;
            Name = name;
        }

        /// <summary>The team's organization; null for a user.</summary>
        public string? Organization { get; }
        /// <summary>The user's login or the team's slug.</summary>
        public string Name { get; }
        public bool IsTeam => Organization != null;

        public static ReviewerName Parse(string text)
        {
            var slash = text.IndexOf('/');
            if (slash < 0)
            {
                try { return new ReviewerName(null, RepositoryName.CheckOwner(text)); }
                catch (GhInputException) { throw Malformed(text); }
            }
            var organization = text.Substring(0, slash);
            var slug = text.Substring(slash + 1);
            try { RepositoryName.CheckOwner(organization); }
            catch (GhInputException) { throw Malformed(text); }
            if (!slugRule.IsMatch(slug)) throw Malformed(text);
            return new ReviewerName(organization, slug);
        }

        static GhInputException Malformed(string text) =>
            new GhInputException("'" + Text.Printable(text) + "' is not a reviewer: give a user's login (octocat) or a team as ORG/TEAM-SLUG (octo-org/release-managers).");

        public override string ToString() => IsTeam ? Organization + "/" + Name : Name;
    }
}
