using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using DeploymentStatus.GitHub;
using DeploymentStatus.Session;

namespace DeploymentStatus.Commands
{
    /// <summary>
    /// Tab completion of -Environment (and of an environment's -Name): the names of the repository's environments, from
    /// the session's cache (<see cref="EnvironmentCache"/>: one request a minute at most, waited for a moment at most).
    /// Nothing without a connection or a repository; never an error.
    /// </summary>
    public sealed class EnvironmentCompleter : IArgumentCompleter
    {
        /// <summary>How long a Tab waits for GitHub's answer; a slower one serves the next Tab.</summary>
        internal static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(750);

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            Complete(wordToComplete, Known(fakeBoundParameters, ask: true).Select(e => e.Name));

        /// <summary>
        /// The environments known for the repository the command line names (or the connection's or the CI's): asked for
        /// when <paramref name="ask"/> and the cache has none younger than a minute, else only what the cache holds.
        /// </summary>
        internal static IReadOnlyList<GhEnvironment> Known(IDictionary fakeBoundParameters, bool ask)
        {
            var session = GhSession.Get(Runspace.DefaultRunspace);
            var repository = session == null ? null : Repository(session, fakeBoundParameters);
            if (repository == null) return Array.Empty<GhEnvironment>();
            return ask ? session!.Environments.Get(repository, Moment) : session!.Environments.Peek(repository);
        }

        /// <summary>The candidates that start like the word (case-insensitive), quoted when they need it.</summary>
        internal static IEnumerable<CompletionResult> Complete(string wordToComplete, IEnumerable<string> candidates)
        {
            var word = (wordToComplete ?? "").Trim('\'', '"');
            return candidates
                .Where(c => c.StartsWith(word, StringComparison.OrdinalIgnoreCase))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .OrderBy(c => c, StringComparer.OrdinalIgnoreCase)
                .Select(c => new CompletionResult(Quote(c), c, CompletionResultType.ParameterValue, c));
        }

        static string Quote(string value) =>
            value.Length > 0 && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/')
                ? value
                : "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";

        static RepositoryName? Repository(GhSession session, IDictionary bound)
        {
            var owner = Bound(bound, "Owner") ?? session.DefaultOwner;
            var name = Bound(bound, "Repository") ?? Bound(bound, "Repo") ?? session.DefaultRepository;
            if (owner == null || name == null)
            {
                var fromCi = GhCmdlet.Ci.Repository;
                owner ??= fromCi?.Owner;
                name ??= fromCi?.Name;
            }
            if (owner == null || name == null) return null;
            try { return new RepositoryName(owner, name); }
            catch (GhInputException) { return null; }
        }

        static string? Bound(IDictionary bound, string name) =>
            bound != null && bound.Contains(name) ? ((bound[name] is PSObject ps ? ps.BaseObject : bound[name]) as string) : null;
    }
}
